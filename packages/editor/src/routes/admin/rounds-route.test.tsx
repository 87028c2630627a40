import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type {
  InspectionGroup,
  Recusal,
  RoundMembership,
  RoundUnit,
} from '../../components/admin/admin-api.ts';
import { ROUND } from '../../test/fixtures.ts';
import { json, mockFetch, type } from '../../test/render.tsx';
import { AdminRoundsRoute } from './rounds-route.tsx';
import { bodyOf, byText, choose, renderAdmin, SEATS, seat, USERS } from './test-harness.tsx';

const GROUPS: InspectionGroup[] = [
  { id: 'g1', roundId: 'r1', name: '第一巡视组', ordinal: 1 },
  { id: 'g2', roundId: 'r1', name: '第二巡视组', ordinal: 2 },
];
const UNITS: RoundUnit[] = [
  { id: 'unit-jwc', name: '教务处', groupId: 'g1', groupName: '第一巡视组' },
  { id: 'unit-kyc', name: '科研处', groupId: 'g2', groupName: '第二巡视组' },
  { id: 'unit-hq', name: '后勤处', groupId: null, groupName: null },
];

/** A tiny server: the round's setup in memory, changed by the calls the screen makes. */
function server() {
  const state = {
    seats: [...SEATS] as RoundMembership[],
    units: UNITS.map((u) => ({ ...u })),
    recusals: [] as Recusal[],
  };
  const fetchMock = mockFetch({
    'GET /api/rounds': () => json(200, [ROUND]),
    'GET /api/users': () => json(200, USERS),
    'GET /api/rounds/r1/groups': () => json(200, GROUPS),
    'GET /api/rounds/r1/memberships': () => json(200, state.seats),
    'GET /api/rounds/r1/units': () => json(200, state.units),
    'GET /api/rounds/r1/recusals': () => json(200, state.recusals),
    'POST /api/rounds/r1/memberships': (init) => {
      const b = bodyOf(init) as { userId: string; role: 'member'; groupId: string };
      if (
        state.seats.some(
          (s) => s.userId === b.userId && s.role === b.role && s.groupId === b.groupId,
        )
      ) {
        return json(409, { error: { code: 'conflict', message: 'holds it' } });
      }
      const g = GROUPS.find((x) => x.id === b.groupId)!;
      const created = seat(`m${state.seats.length + 1}`, b.userId, b.role, {
        groupId: g.id,
        groupName: g.name,
      });
      state.seats.push(created);
      return json(201, created);
    },
    'PATCH /api/rounds/r1/groups/g2': (init) =>
      json(200, { ...GROUPS[1], ...(bodyOf(init) as object) }),
    'DELETE /api/rounds/r1/memberships/m2': () => {
      state.seats = state.seats.filter((s) => s.id !== 'm2');
      return new Response(null, { status: 204 });
    },
    'PUT /api/rounds/r1/units/unit-hq/assignment': (init) => {
      const { groupId } = bodyOf(init) as { groupId: string | null };
      const unit = state.units.find((u) => u.id === 'unit-hq')!;
      unit.groupId = groupId;
      unit.groupName = GROUPS.find((g) => g.id === groupId)?.name ?? null;
      return json(200, unit);
    },
    'POST /api/rounds/r1/recusals': (init) => {
      const b = bodyOf(init) as { userId: string; unitId: string; reason: string };
      const user = USERS.find((u) => u.id === b.userId)!;
      const unit = UNITS.find((u) => u.id === b.unitId)!;
      const r: Recusal = {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        unitId: unit.id,
        unitName: unit.name,
        reason: b.reason,
      };
      state.recusals.push(r);
      return json(201, r);
    },
    'DELETE /api/rounds/r1/recusals/u3/unit-jwc': () => {
      state.recusals = [];
      return new Response(null, { status: 204 });
    },
  });
  return { state, fetchMock };
}

const calls = (fetchMock: ReturnType<typeof mockFetch>, method: string) =>
  fetchMock.mock.calls.filter(([, init]) => init?.method === method);

/** Kobalte selects a tab on pointer down (mouse) or with the arrow keys. */
function openTab(label: string) {
  const tab = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((el) =>
    el.textContent?.startsWith(label),
  )!;
  tab.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0 }));
  tab.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, button: 0 }));
  tab.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, button: 0 }));
  tab.click();
  return tab;
}

describe('/admin/rounds', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  const open = async () => {
    const view = renderAdmin(() => <AdminRoundsRoute />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(document.querySelectorAll('.adm-card')).toHaveLength(2));
    return view;
  };
  const card = (name: string) =>
    [...document.querySelectorAll('.adm-card')].find(
      (c) => c.querySelector('.adm-card__title')?.textContent === name,
    )!;

  it('shows each group with its leader, members and units', async () => {
    server();
    const view = await open();
    expect(view.container.querySelector('.page-header__eyebrow')?.textContent).toBe(ROUND.name);
    const first = card('第一巡视组');
    expect(
      [...first.querySelectorAll('.adm-list__row')].map((r) => [
        r.querySelector('.adm-role')?.textContent,
        r.querySelector('.adm-list__name')?.textContent,
      ]),
    ).toEqual([
      ['组长', '王组长'],
      ['组员', '张三'],
    ]);
    expect([...first.querySelectorAll('.adm-chip')].map((c) => c.textContent)).toEqual(['教务处']);
    expect(card('第二巡视组').textContent).toContain('还没有成员。');
    expect([...document.querySelectorAll('[role="tab"]')].map((tab) => tab.textContent)).toEqual([
      '巡视组与成员2',
      '单位分配3',
      '领导小组与联系人1',
      '回避0',
    ]);
  });

  it('adds a member to a group and removes one', async () => {
    const { fetchMock } = server();
    await open();
    const second = card('第二巡视组');
    choose(second.querySelector<HTMLSelectElement>('select[aria-label="人员"]')!, 'u3');
    second.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await vi.waitFor(() =>
      expect(card('第二巡视组').querySelector('.adm-list__name')?.textContent).toBe('张三'),
    );
    expect(bodyOf(calls(fetchMock, 'POST')[0]?.[1])).toEqual({
      userId: 'u3',
      role: 'member',
      groupId: 'g2',
    });
    expect(document.body.textContent).toContain('已添加 张三：组员 · 第二巡视组');

    card('第一巡视组')
      .querySelector<HTMLButtonElement>('button[aria-label="移除 张三（组员）"]')!
      .click();
    await vi.waitFor(() =>
      expect(card('第一巡视组').querySelectorAll('.adm-list__row')).toHaveLength(1),
    );
    expect(calls(fetchMock, 'DELETE')[0]?.[0]).toBe('/api/rounds/r1/memberships/m2');
  });

  it('says why a change was refused, and keeps the screen', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/users': () => json(200, USERS),
      'GET /api/rounds/r1/groups': () => json(200, GROUPS),
      'GET /api/rounds/r1/memberships': () => json(200, SEATS),
      'GET /api/rounds/r1/units': () => json(200, UNITS),
      'GET /api/rounds/r1/recusals': () => json(200, []),
      'POST /api/rounds/r1/memberships': () =>
        json(409, { error: { code: 'conflict', message: 'The user already holds this role.' } }),
    });
    await open();
    const second = card('第二巡视组');
    second.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await vi.waitFor(() => expect(second.textContent).toContain('请先选择人员。'));
    choose(second.querySelector<HTMLSelectElement>('select[aria-label="人员"]')!, 'u3');
    second.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await vi.waitFor(() =>
      expect(document.querySelector('.adm-notice[role="alert"]')?.textContent).toContain(
        '此人在本轮次已担任该角色。',
      ),
    );
    expect(document.querySelectorAll('.adm-card')).toHaveLength(2);
  });

  it('assigns an unassigned unit to a group from the units tab', async () => {
    const { fetchMock } = server();
    await open();
    openTab('单位分配');
    await vi.waitFor(() =>
      expect(document.querySelector('select[aria-label="后勤处 的负责巡视组"]')).not.toBeNull(),
    );
    expect(document.body.textContent).toContain('1 个未分配');
    choose(
      document.querySelector<HTMLSelectElement>('select[aria-label="后勤处 的负责巡视组"]')!,
      'g2',
    );
    await vi.waitFor(() =>
      expect(document.body.textContent).toContain('后勤处 已分配给第二巡视组'),
    );
    expect(bodyOf(calls(fetchMock, 'PUT')[0]?.[1])).toEqual({ groupId: 'g2' });
    await vi.waitFor(() => expect(document.body.textContent).not.toContain('1 个未分配'));
  });

  it('recuses a member from a unit, and asks before lifting it', async () => {
    const { fetchMock } = server();
    await open();
    openTab('回避');
    await vi.waitFor(() => expect(document.body.textContent).toContain('本轮次没有回避关系'));
    const form = document.querySelector<HTMLFormElement>('.adm-recusal-form')!;
    const person = document.getElementById(
      byText<HTMLLabelElement>('label', '回避人员').htmlFor,
    ) as HTMLSelectElement;
    // Inspectors of the round are offered, not unit contacts.
    expect([...person.options].map((o) => o.value)).toEqual(['', 'u2', 'u3']);
    choose(person, 'u3');
    choose(
      document.getElementById(
        byText<HTMLLabelElement>('label', '回避单位').htmlFor,
      ) as HTMLSelectElement,
      'unit-jwc',
    );
    type(form.querySelector<HTMLInputElement>('input')!, '曾在该单位任职');
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await vi.waitFor(() =>
      expect(document.querySelectorAll('.adm-table tbody tr')).toHaveLength(1),
    );
    expect(bodyOf(calls(fetchMock, 'POST')[0]?.[1])).toEqual({
      userId: 'u3',
      unitId: 'unit-jwc',
      reason: '曾在该单位任职',
    });
    expect(document.querySelector('.adm-table tbody tr')?.textContent).toContain('曾在该单位任职');

    document
      .querySelector<HTMLButtonElement>('button[aria-label="解除 张三 对教务处的回避"]')!
      .click();
    await vi.waitFor(() =>
      expect(document.querySelector('[role="dialog"]')?.textContent).toContain(
        '解除 张三 对教务处的回避？',
      ),
    );
    expect(calls(fetchMock, 'DELETE')).toHaveLength(0);
    byText<HTMLButtonElement>('[role="dialog"] button', '解除回避').click();
    await vi.waitFor(() => expect(document.body.textContent).toContain('本轮次没有回避关系'));
    expect(calls(fetchMock, 'DELETE')[0]?.[0]).toBe('/api/rounds/r1/recusals/u3/unit-jwc');
  });

  it('renames a group in place', async () => {
    const { fetchMock } = server();
    await open();
    card('第二巡视组')
      .querySelector<HTMLButtonElement>('button[aria-label="重命名第二巡视组"]')!
      .click();
    const input = await vi.waitFor(() => {
      const el = document.querySelector<HTMLInputElement>('input[aria-label="巡视组名称"]');
      expect(el?.value).toBe('第二巡视组');
      return el!;
    });
    type(input, '第二巡视组（调整后）');
    input.form!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await vi.waitFor(() => expect(calls(fetchMock, 'PATCH')).toHaveLength(1));
    expect(calls(fetchMock, 'PATCH')[0]?.[0]).toBe('/api/rounds/r1/groups/g2');
    expect(bodyOf(calls(fetchMock, 'PATCH')[0]?.[1])).toEqual({ name: '第二巡视组（调整后）' });
  });

  it('creates the first round when there is none, and turns to it', async () => {
    const created = { ...ROUND, id: 'r2', name: '2026年度整改专项巡视', state: 'setup' };
    let rounds: unknown[] = [];
    const fetchMock = mockFetch({
      'GET /api/rounds': () => json(200, rounds),
      'POST /api/rounds': () => {
        rounds = [created];
        return json(201, created);
      },
      'GET /api/users': () => json(200, USERS),
      'GET /api/rounds/r2/groups': () => json(200, []),
      'GET /api/rounds/r2/memberships': () => json(200, []),
      'GET /api/rounds/r2/units': () => json(200, []),
      'GET /api/rounds/r2/recusals': () => json(200, []),
    });
    const view = renderAdmin(() => <AdminRoundsRoute />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.textContent).toContain('还没有巡视轮次'));
    view.container.querySelector<HTMLButtonElement>('.state__action button')!.click();
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).not.toBeNull());
    byText<HTMLButtonElement>('[role="dialog"] button', '创建轮次').click();
    await vi.waitFor(() =>
      expect(document.querySelector('[role="dialog"]')?.textContent).toContain('请填写轮次名称。'),
    );
    const name = document.getElementById(
      byText<HTMLLabelElement>('label', '轮次名称').htmlFor,
    ) as HTMLInputElement;
    type(name, '2026年度整改专项巡视');
    byText<HTMLButtonElement>('[role="dialog"] button', '创建轮次').click();
    await vi.waitFor(() =>
      expect(view.container.querySelector('.page-header__eyebrow')?.textContent).toBe(
        '2026年度整改专项巡视',
      ),
    );
    expect(bodyOf(calls(fetchMock, 'POST')[0]?.[1])).toEqual({
      name: '2026年度整改专项巡视',
      startsOn: null,
      endsOn: null,
    });
    await vi.waitFor(() => expect(view.container.textContent).toContain('本轮次还没有巡视组'));
  });
});
