import { AppError, type RoundFacts, type RoundState } from '@rectify/domain';
import type { Db } from '@rectify/store';

/** A round's facts for the policy, or 404. */
export async function roundFacts(db: Db, roundId: string): Promise<RoundFacts> {
  const [row] = await db<
    { id: string; state: RoundState }[]
  >`SELECT id, state FROM rounds WHERE id = ${roundId}`;
  if (!row) throw new AppError('not_found', 'Not found.');
  return row;
}

export interface UnitFacts {
  round: RoundFacts;
  unitId: string;
  groupId: string | null;
}

/** A unit in a round, with the group inspecting it, or 404. */
export async function unitFacts(db: Db, roundId: string, unitId: string): Promise<UnitFacts> {
  const [row] = await db<{ id: string; state: RoundState; groupId: string | null }[]>`
    SELECT r.id, r.state, ua.group_id
    FROM rounds r JOIN units u ON u.id = ${unitId}
    LEFT JOIN unit_assignments ua ON ua.round_id = r.id AND ua.unit_id = u.id
    WHERE r.id = ${roundId}`;
  if (!row) throw new AppError('not_found', 'Not found.');
  return { round: { id: row.id, state: row.state }, unitId, groupId: row.groupId };
}
