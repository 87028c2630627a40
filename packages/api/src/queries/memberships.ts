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
