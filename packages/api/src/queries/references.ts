import { AppError } from '@rectify/domain';
import type { Db } from '@rectify/store';

/**
 * Checks that the ids a request names exist (the group within the round), or
 * answers 400 naming the field, so a typo never reaches a foreign key error.
 */
export async function requireReferences(
  db: Db,
  refs: { roundId: string; userId?: string; groupId?: string | null; unitId?: string | null },
): Promise<void> {
  const [row] = await db<{ userOk: boolean; groupOk: boolean; unitOk: boolean }[]>`
    SELECT
      ${refs.userId ?? null}::uuid IS NULL
        OR EXISTS (SELECT 1 FROM users WHERE id = ${refs.userId ?? null}) AS user_ok,
      ${refs.groupId ?? null}::uuid IS NULL
        OR EXISTS (SELECT 1 FROM inspection_groups
                   WHERE id = ${refs.groupId ?? null} AND round_id = ${refs.roundId}) AS group_ok,
      ${refs.unitId ?? null}::uuid IS NULL
        OR EXISTS (SELECT 1 FROM units WHERE id = ${refs.unitId ?? null}) AS unit_ok`;
  if (!row?.userOk) throw new AppError('bad_request', 'userId: no such user');
  if (!row.groupOk) throw new AppError('bad_request', 'groupId: no such group in this round');
  if (!row.unitOk) throw new AppError('bad_request', 'unitId: no such unit');
}
