import type { User } from '@rectify/domain';
import type { JSX } from 'solid-js';
import type { RoundMembership } from '../../components/admin/admin-api.ts';
import type { MeResponse } from '../../lib/contracts.ts';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { me } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';

/** The signed-in administrator of the fixtures (user u1, 张三 as in `me`). */
export const ADMIN: MeResponse = me([], true);

/** Accounts and seats shaped like the API's answers, for the admin screens' tests. */
export const USERS: User[] = [
  { id: 'u1', username: 'admin', displayName: '巡视办管理员', isAdmin: true, active: true },
  { id: 'u2', username: 'leader1', displayName: '王组长', isAdmin: false, active: true },
  { id: 'u3', username: 'member1', displayName: '张三', isAdmin: false, active: true },
  { id: 'u4', username: 'unit1', displayName: '教务处联系人', isAdmin: false, active: true },
  { id: 'u5', username: 'old', displayName: '已离职', isAdmin: false, active: false },
];

export const seat = (
  id: string,
  userId: string,
  role: RoundMembership['role'],
  where: { groupId?: string; groupName?: string; unitId?: string; unitName?: string } = {},
): RoundMembership => {
  const user = USERS.find((u) => u.id === userId)!;
  return {
    id,
    roundId: 'r1',
    userId,
    username: user.username,
    displayName: user.displayName,
    role,
    groupId: where.groupId ?? null,
    groupName: where.groupName ?? null,
    unitId: where.unitId ?? null,
    unitName: where.unitName ?? null,
  };
};

export const SEATS: RoundMembership[] = [
  seat('m1', 'u2', 'leader', { groupId: 'g1', groupName: '第一巡视组' }),
  seat('m2', 'u3', 'member', { groupId: 'g1', groupName: '第一巡视组' }),
  seat('m3', 'u4', 'unit_contact', { unitId: 'unit-jwc', unitName: '教务处' }),
];

/**
 * An admin screen inside the providers the signed-in shell gives it.
 * `fetch` must answer `GET /api/rounds`.
 */
export function renderAdmin(ui: () => JSX.Element, who: MeResponse = ADMIN) {
  return renderApp(() => (
    <SessionProvider me={who}>
      <RoundProvider>{ui()}</RoundProvider>
    </SessionProvider>
  ));
}

/** The element whose text is exactly `text`, among `selector` matches anywhere in the page. */
export function byText<T extends Element = HTMLElement>(selector: string, text: string): T {
  const found = [...document.querySelectorAll<T>(selector)].find(
    (el) => el.textContent?.trim() === text,
  );
  if (!found) throw new Error(`no ${selector} with text “${text}”`);
  return found;
}

/** The JSON body a mocked `fetch` was called with. */
export const bodyOf = (init: RequestInit | undefined): unknown =>
  JSON.parse(String(init?.body ?? 'null'));

/** Picks an option of a native select the way a user does. */
export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}
