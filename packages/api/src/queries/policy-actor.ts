import type { PolicyActor } from '@rectify/domain';
import type { Db } from '@rectify/store';
import { loadMemberships } from './memberships.ts';

/** The caller's facts for the policy: memberships and recusals, one round trip each. */
export async function loadPolicyActor(
  db: Db,
  userId: string,
  isAdmin: boolean,
): Promise<PolicyActor> {
  const [memberships, recusals] = [
    await loadMemberships(db, userId),
    await db<{ roundId: string; unitId: string }[]>`
      SELECT round_id, unit_id FROM recusals WHERE user_id = ${userId}`,
  ];
  return { userId, isAdmin, memberships, recusals };
}
