import { z } from '@hono/zod-openapi';
import type { Db } from '@rectify/store';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { filterAllowed } from '../lib/authorize.ts';
import type { UnitFacts } from '../queries/facts.ts';

export const ReuseSchema = z
  .object({
    evidenceId: z.string(),
    taskId: z.string().nullable(),
    taskTitle: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string(),
  })
  .openapi('EvidenceReuse');
export type Reuse = z.infer<typeof ReuseSchema>;

interface ReuseRow extends Reuse {
  sourceId: string;
  groupId: string | null;
}

/**
 * Other evidence rows of the same round with the same bytes (same hash) on a
 * different task or for a different unit, per evidence id. The same file
 * backing unrelated claims is a classic sign of rectification on paper only
 * (纸面整改), so inspectors see it flagged.
 */
export async function findReuse(db: Db, evidenceIds: string[]): Promise<Map<string, ReuseRow[]>> {
  const out = new Map<string, ReuseRow[]>();
  if (evidenceIds.length === 0) return out;
  const rows = await db<ReuseRow[]>`
    SELECT e1.id AS source_id, e2.id AS evidence_id, e2.task_id, t.title AS task_title,
           e2.unit_id, u.name AS unit_name, ua.group_id
    FROM evidence e1
    JOIN evidence e2 ON e2.hash = e1.hash AND e2.round_id = e1.round_id AND e2.id <> e1.id
                    AND (e2.task_id IS DISTINCT FROM e1.task_id OR e2.unit_id <> e1.unit_id)
                    -- A file attached to an interview record is the record's, never a unit's.
                    AND NOT EXISTS (SELECT 1 FROM interview_attachments ia WHERE ia.evidence_id = e2.id)
    LEFT JOIN tasks t ON t.id = e2.task_id
    JOIN units u ON u.id = e2.unit_id
    LEFT JOIN unit_assignments ua ON ua.round_id = e2.round_id AND ua.unit_id = e2.unit_id
    WHERE e1.id = ANY(${evidenceIds}::uuid[])
    ORDER BY u.name, t.ordinal, e2.uploaded_at`;
  for (const r of rows) {
    const list = out.get(r.sourceId) ?? [];
    list.push(r);
    out.set(r.sourceId, list);
  }
  return out;
}

/**
 * The reuse entries the caller may see for evidence of the unit `facts`
 * describes. Whoever may read the unit's working papers (its inspection
 * group, the leadership group, administrators) sees every entry: the flag is
 * inspection information. Anyone else (the unit's own contact) sees only
 * entries for material they may read themselves, so no other unit's name or
 * task leaks to them.
 */
export function visibleReuse(
  c: Context<ApiEnv>,
  facts: UnitFacts,
  rows: readonly ReuseRow[],
): Reuse[] {
  if (rows.length === 0) return [];
  const inspector =
    filterAllowed(c, 'read', [facts], (f) => ({ kind: 'review_doc', ...f })).length > 0;
  const visible = inspector
    ? rows
    : filterAllowed(c, 'read', rows, (r) => ({
        kind: 'evidence',
        round: facts.round,
        unitId: r.unitId,
        groupId: r.groupId,
      }));
  return visible.map(({ evidenceId, taskId, taskTitle, unitId, unitName }) => ({
    evidenceId,
    taskId,
    taskTitle,
    unitId,
    unitName,
  }));
}
