import type { Db } from '@rectify/store';

export interface Group {
  id: string;
  roundId: string;
  name: string;
  ordinal: number;
}

const columns = (db: Db) => db`id, round_id, name, ordinal`;

export async function listGroups(db: Db, roundId: string): Promise<Group[]> {
  return db<Group[]>`SELECT ${columns(db)} FROM inspection_groups
                     WHERE round_id = ${roundId} ORDER BY ordinal, name`;
}

export async function findGroup(
  db: Db,
  roundId: string,
  groupId: string,
): Promise<Group | undefined> {
  const [g] = await db<Group[]>`SELECT ${columns(db)} FROM inspection_groups
                                WHERE round_id = ${roundId} AND id = ${groupId}`;
  return g;
}

export async function insertGroup(
  db: Db,
  roundId: string,
  g: { name: string; ordinal?: number | undefined },
): Promise<Group> {
  const [row] = await db<Group[]>`
    INSERT INTO inspection_groups (round_id, name, ordinal)
    VALUES (${roundId}, ${g.name}, coalesce(${g.ordinal ?? null}::int,
      (SELECT coalesce(max(ordinal), 0) + 1 FROM inspection_groups WHERE round_id = ${roundId})))
    RETURNING ${columns(db)}`;
  return row!;
}

export async function updateGroup(
  db: Db,
  roundId: string,
  groupId: string,
  patch: { name?: string | undefined; ordinal?: number | undefined },
): Promise<Group | undefined> {
  const [row] = await db<Group[]>`
    UPDATE inspection_groups SET
      name = coalesce(${patch.name ?? null}, name),
      ordinal = coalesce(${patch.ordinal ?? null}::int, ordinal)
    WHERE round_id = ${roundId} AND id = ${groupId}
    RETURNING ${columns(db)}`;
  return row;
}

/** Whether working papers hang on the group (they keep it from being deleted). */
export async function groupHasWorkingPapers(db: Db, groupId: string): Promise<boolean> {
  const [row] = await db<{ used: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM findings WHERE group_id = ${groupId})
        OR EXISTS (SELECT 1 FROM interviews WHERE group_id = ${groupId})
        OR EXISTS (SELECT 1 FROM annotations WHERE group_id = ${groupId}) AS used`;
  return row!.used;
}

/** The users who hold a leader or member seat in the group. */
export async function groupUserIds(db: Db, groupId: string): Promise<string[]> {
  const rows = await db<{ userId: string }[]>`
    SELECT DISTINCT user_id FROM memberships WHERE group_id = ${groupId}`;
  return rows.map((r) => r.userId);
}

/** Deletes a group with its memberships and unit assignments; counts what went with it. */
export async function deleteGroup(
  db: Db,
  roundId: string,
  groupId: string,
): Promise<{ memberships: number; units: number }> {
  const [counts] = await db<{ memberships: number; units: number }[]>`
    SELECT (SELECT count(*)::int FROM memberships WHERE group_id = ${groupId}) AS memberships,
           (SELECT count(*)::int FROM unit_assignments WHERE group_id = ${groupId}) AS units`;
  await db`DELETE FROM inspection_groups WHERE round_id = ${roundId} AND id = ${groupId}`;
  return counts!;
}
