import type { Action, RoundFacts } from '@rectify/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { roundFacts, type UnitFacts, unitFacts } from '../queries/facts.ts';
import { requireActor } from './actor.ts';
import { authorize } from './authorize.ts';

/**
 * Asks the policy about a round. Signed-in first, so an anonymous caller
 * learns nothing about which round ids exist.
 */
export async function authorizeRound(
  c: Context<ApiEnv>,
  action: Action,
  roundId: string,
): Promise<RoundFacts> {
  requireActor(c);
  const round = await roundFacts(c.get('deps').sql, roundId);
  await authorize(c, action, { kind: 'round', round }, { resourceId: roundId });
  return round;
}

/**
 * Asks the policy about a unit within a round. A unit is visible to whoever
 * may read its own material (its tasks): its group, the leadership group,
 * administrators and its own contact; to everyone else it does not exist.
 */
export async function authorizeUnit(
  c: Context<ApiEnv>,
  action: Action,
  roundId: string,
  unitId: string,
): Promise<UnitFacts> {
  requireActor(c);
  const facts = await unitFacts(c.get('deps').sql, roundId, unitId);
  await authorize(c, action, { kind: 'task', ...facts }, { resourceId: unitId });
  return facts;
}
