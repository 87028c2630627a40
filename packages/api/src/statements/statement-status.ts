import { z } from '@hono/zod-openapi';
import { defaultFramework } from '@rectify/domain';
import type { Db } from '@rectify/store';

export const StatementStatusSchema = z
  .object({
    /** none: nothing yet; draft: unsubmitted changes; submitted: the latest version is current. */
    status: z.enum(['none', 'draft', 'submitted']),
    /** The latest submitted version number, if any. */
    version: z.number().int().nullable(),
    submittedAt: z.string().nullable(),
    draftUpdatedAt: z.string().nullable(),
  })
  .openapi('StatementStatus');
export type StatementStatus = z.infer<typeof StatementStatusSchema>;

export interface StatementStatusRow {
  hasDraft: boolean;
  draftUpdatedAt: Date | null;
  version: number | null;
  submittedAt: Date | null;
}

/**
 * A statement is "draft" while its draft (text or evidence) changed after the
 * last submission, "submitted" once the latest change was submitted.
 */
export function statementStatus(row: StatementStatusRow | undefined): StatementStatus {
  if (!row) return { status: 'none', version: null, submittedAt: null, draftUpdatedAt: null };
  const changedSince =
    row.draftUpdatedAt !== null &&
    (row.submittedAt === null || row.draftUpdatedAt.getTime() > row.submittedAt.getTime());
  const status =
    row.version === null
      ? row.hasDraft || changedSince
        ? 'draft'
        : 'none'
      : changedSince
        ? 'draft'
        : 'submitted';
  return {
    status,
    version: row.version,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    draftUpdatedAt: row.draftUpdatedAt?.toISOString() ?? null,
  };
}

/** Status rows of a unit's statements in a round, by task id. */
export async function statementStatusRows(
  db: Db,
  roundId: string,
  unitId: string,
): Promise<Map<string, StatementStatusRow & { evidenceCount: number }>> {
  const rows = await db<(StatementStatusRow & { taskId: string; evidenceCount: number })[]>`
    SELECT s.task_id, s.draft IS NOT NULL AS has_draft, s.draft_updated_at,
           v.version, v.submitted_at,
           (SELECT count(*)::int FROM statement_evidence se WHERE se.statement_id = s.id) AS evidence_count
    FROM statements s
    LEFT JOIN LATERAL (
      SELECT version, submitted_at FROM statement_versions
      WHERE statement_id = s.id ORDER BY version DESC LIMIT 1
    ) v ON true
    WHERE s.round_id = ${roundId} AND s.unit_id = ${unitId}`;
  return new Map(rows.map((r) => [r.taskId, r]));
}

/** Task kind codes to their Chinese labels, from the round's current framework. */
export async function taskKindLabels(db: Db, roundId: string): Promise<Map<string, string>> {
  const [row] = await db<{ body: { taskKinds?: Array<{ code: string; zh: string }> } }[]>`
    SELECT body FROM frameworks WHERE round_id = ${roundId} ORDER BY version DESC LIMIT 1`;
  const kinds = row?.body.taskKinds ?? defaultFramework.taskKinds;
  return new Map(kinds.map((k) => [k.code, k.zh]));
}
