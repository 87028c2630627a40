import type { User } from '@rectify/domain';
import type { MessageKey } from '../../i18n/zh.ts';
import {
  adminApi,
  type InspectionGroup,
  type Recusal,
  type RoundMembership,
  type RoundUnit,
} from './admin-api.ts';

/** Everything the round-setup screen shows, loaded together so the tabs agree. */
export interface RoundSetup {
  groups: InspectionGroup[];
  memberships: RoundMembership[];
  units: RoundUnit[];
  recusals: Recusal[];
  users: User[];
}

export async function loadRoundSetup(roundId: string): Promise<RoundSetup> {
  const [groups, memberships, units, recusals, users] = await Promise.all([
    adminApi.groups(roundId),
    adminApi.memberships(roundId),
    adminApi.roundUnits(roundId),
    adminApi.recusals(roundId),
    adminApi.users(),
  ]);
  return { groups, memberships, units, recusals, users };
}

/**
 * Runs one change and reports it: the screen shows `done` (or why it failed)
 * and reloads. Resolves true when the change went through.
 */
export type RunAction = (
  work: () => Promise<unknown>,
  done: string,
  conflict?: MessageKey,
) => Promise<boolean>;

/** "张三（member1）": a person as the selects and lists name them. */
export const personLabel = (u: { displayName: string; username: string }) =>
  `${u.displayName}（${u.username}）`;

/** Active accounts first by name, for pickers; disabled accounts cannot be seated. */
export function pickableUsers(users: readonly User[]): User[] {
  return users
    .filter((u) => u.active)
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}
