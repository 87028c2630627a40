import type { Db } from '@rectify/store';

export interface Unit {
  id: string;
  name: string;
}

export interface RoundUnit extends Unit {
  /** The group inspecting the unit in this round; null while unassigned. */
  groupId: string | null;
  groupName: string | null;
}

export async function listUnits(db: Db): Promise<Unit[]> {
  return db<Unit[]>`SELECT id, name FROM units ORDER BY name`;
}

export async function insertUnit(db: Db, name: string): Promise<Unit> {
  const [row] = await db<Unit[]>`INSERT INTO units (name) VALUES (${name}) RETURNING id, name`;
  return row!;
}

/** Every unit with the group that inspects it in the round (one unit when `unitId` is given). */
export async function roundUnits(db: Db, roundId: string, unitId?: string): Promise<RoundUnit[]> {
  return db<RoundUnit[]>`
    SELECT u.id, u.name, ua.group_id, g.name AS group_name
    FROM units u
    LEFT JOIN unit_assignments ua ON ua.unit_id = u.id AND ua.round_id = ${roundId}
    LEFT JOIN inspection_groups g ON g.id = ua.group_id
    ${unitId ? db`WHERE u.id = ${unitId}` : db``}
    ORDER BY g.ordinal NULLS LAST, u.name`;
}

/** Assigns the unit to a group in the round (null: unassigns it). */
export async function setAssignment(
  db: Db,
  roundId: string,
  unitId: string,
  groupId: string | null,
): Promise<void> {
  if (groupId === null) {
    await db`DELETE FROM unit_assignments WHERE round_id = ${roundId} AND unit_id = ${unitId}`;
    return;
  }
  await db`INSERT INTO unit_assignments (round_id, unit_id, group_id)
           VALUES (${roundId}, ${unitId}, ${groupId})
           ON CONFLICT (round_id, unit_id) DO UPDATE SET group_id = EXCLUDED.group_id`;
}
