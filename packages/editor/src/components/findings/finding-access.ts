import type { FindingState, Membership, User } from '@rectify/domain';
import { FINDING_ORDER } from '../../lib/finding-states.ts';

/**
 * What the screen offers a user on a finding. Only courtesy, so nobody is
 * shown a button that will answer 403: the server's policy decides. It
 * mirrors packages/domain's policy — group members confirm, the group's
 * leader approves and edits an approved finding, administrators may do
 * anything, the leadership group reads, and issued findings are frozen.
 */
export type FindingRole = 'admin' | 'leader' | 'member' | 'reader';

export function roleOnFinding(
  user: User,
  memberships: readonly Membership[],
  roundId: string,
  groupId: string,
): FindingRole {
  const mine = memberships.filter((m) => m.roundId === roundId);
  if (user.isAdmin || mine.some((m) => m.role === 'admin')) return 'admin';
  const inGroup = mine.filter((m) => m.groupId === groupId);
  if (inGroup.some((m) => m.role === 'leader')) return 'leader';
  if (inGroup.some((m) => m.role === 'member')) return 'member';
  return 'reader';
}

/** Issued findings have left the inspectors: their content no longer changes. */
export function isFrozen(state: FindingState): boolean {
  return state === 'issued' || state === 'rectifying' || state === 'closed';
}

export function canEdit(role: FindingRole, state: FindingState): boolean {
  if (role === 'reader' || isFrozen(state)) return false;
  return state !== 'approved' || role !== 'member';
}

/** Approving, and taking an approval back, is the leader's; the other steps are the group's. */
export function needsLeader(from: FindingState, to: FindingState): boolean {
  return (from === 'confirmed' && to === 'approved') || (from === 'approved' && to === 'confirmed');
}

export function canMove(role: FindingRole, from: FindingState, to: FindingState): boolean {
  if (role === 'reader') return false;
  return !needsLeader(from, to) || role !== 'member';
}

/** A step back (草稿 ← 组内确认 …) is drawn quieter than a step forward. */
export function isBackStep(from: FindingState, to: FindingState): boolean {
  return FINDING_ORDER.indexOf(to) < FINDING_ORDER.indexOf(from);
}
