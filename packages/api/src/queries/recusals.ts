import type { Db } from '@rectify/store';

export interface Recusal {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  reason: string;
}

export async function listRecusals(db: Db, roundId: string): Promise<Recusal[]> {
  return db<Recusal[]>`
    SELECT r.user_id, u.username, u.display_name, r.unit_id, un.name AS unit_name, r.reason
    FROM recusals r JOIN users u ON u.id = r.user_id JOIN units un ON un.id = r.unit_id
    WHERE r.round_id = ${roundId}
    ORDER BY lower(u.username), un.name`;
}

export async function insertRecusal(
  db: Db,
  r: { roundId: string; userId: string; unitId: string; reason: string },
  now: Date,
): Promise<void> {
  await db`INSERT INTO recusals (round_id, user_id, unit_id, reason, created_at)
           VALUES (${r.roundId}, ${r.userId}, ${r.unitId}, ${r.reason}, ${now})`;
}

export async function deleteRecusal(
  db: Db,
  r: { roundId: string; userId: string; unitId: string },
): Promise<boolean> {
  const rows = await db`DELETE FROM recusals
                        WHERE round_id = ${r.roundId} AND user_id = ${r.userId} AND unit_id = ${r.unitId}
                        RETURNING 1`;
  return rows.length > 0;
}
