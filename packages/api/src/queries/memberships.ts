import type { Membership } from '@rectify/domain';
import type { Db } from '@rectify/store';

/** A user's memberships in every round, oldest round first. */
export async function loadMemberships(db: Db, userId: string): Promise<Membership[]> {
  return db<Membership[]>`
    SELECT m.round_id, m.role, m.group_id, m.unit_id
    FROM memberships m JOIN rounds r ON r.id = m.round_id
    WHERE m.user_id = ${userId}
    ORDER BY r.created_at, m.role`;
}

export interface RoundMembership extends Membership {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  groupName: string | null;
  unitName: string | null;
}

/** Who holds which seat in a round, with names to show. */
export async function listRoundMemberships(
  db: Db,
  roundId: string,
  id?: string,
): Promise<RoundMembership[]> {
  return db<RoundMembership[]>`
    SELECT m.id, m.round_id, m.user_id, u.username, u.display_name, m.role,
           m.group_id, g.name AS group_name, m.unit_id, un.name AS unit_name
    FROM memberships m
    JOIN users u ON u.id = m.user_id
    LEFT JOIN inspection_groups g ON g.id = m.group_id
    LEFT JOIN units un ON un.id = m.unit_id
    WHERE m.round_id = ${roundId} ${id ? db`AND m.id = ${id}` : db``}
    ORDER BY m.role, g.ordinal NULLS FIRST, un.name NULLS FIRST, lower(u.username)`;
}

export async function insertMembership(
  db: Db,
  m: Omit<Membership, 'roundId'> & { roundId: string; userId: string },
): Promise<string> {
  const [row] = await db<{ id: string }[]>`
    INSERT INTO memberships (round_id, user_id, role, group_id, unit_id)
    VALUES (${m.roundId}, ${m.userId}, ${m.role}, ${m.groupId}, ${m.unitId})
    RETURNING id`;
  return row!.id;
}

export async function deleteMembership(
  db: Db,
  roundId: string,
  id: string,
): Promise<(Membership & { userId: string }) | undefined> {
  const [row] = await db<(Membership & { userId: string })[]>`
    DELETE FROM memberships WHERE round_id = ${roundId} AND id = ${id}
    RETURNING round_id, user_id, role, group_id, unit_id`;
  return row;
}
