import { z } from '@hono/zod-openapi';
import type { RichTextJson } from '@rectify/domain';
import type { Db } from '@rectify/store';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { EvidenceItemSchema, evidenceOfTask, presentEvidence } from '../evidence/evidence-list.ts';
import { filterAllowed } from '../lib/authorize.ts';
import { StatementStatusSchema, statementStatus, taskKindLabels } from './statement-status.ts';
import type { TaskScope } from './task-scope.ts';

const UnitRef = z.object({ id: z.string(), name: z.string() });

export const TaskDetailSchema = z
  .object({
    task: z.object({ id: z.string(), ordinal: z.number().int(), title: z.string() }),
    problem: z.object({ id: z.string(), ordinal: z.number().int(), title: z.string() }),
    roundId: z.string(),
    unit: UnitRef.extend({ role: z.enum(['lead', 'co']) }),
    measures: z.array(
      z.object({
        id: z.string(),
        ordinal: z.number().int(),
        content: z.string(),
        kind: z.string(),
        kindLabel: z.string(),
        deadline: z.string(),
        deadlineDate: z.string().nullable(),
        lead: UnitRef,
        coUnits: z.array(UnitRef),
      }),
    ),
    statement: StatementStatusSchema.extend({
      id: z.string().nullable(),
      /** The unit's unsubmitted draft: shown to those who may write it (the unit), else null. */
      draft: z.unknown().nullable().openapi({ description: 'RichText JSON or null' }),
    }),
    versions: z.array(
      z.object({
        id: z.string(),
        version: z.number().int(),
        submittedAt: z.string(),
        submittedBy: z.string(),
      }),
    ),
    /** The unit's evidence for this task; inspectors see only what was submitted. */
    evidence: z.array(EvidenceItemSchema),
  })
  .openapi('TaskDetail');
export type TaskDetail = z.infer<typeof TaskDetailSchema>;

/**
 * A task as one unit sees it: the problem, every measure with its lead and
 * co-units, the unit's statement (draft and versions) and its evidence.
 * Work in progress (the draft and evidence not yet submitted) is the unit's
 * own: only those who may write the unit's statement see it.
 */
export async function loadTaskDetail(c: Context<ApiEnv>, scope: TaskScope): Promise<TaskDetail> {
  const db: Db = c.get('deps').sql;
  const [head] = await db<
    {
      taskOrdinal: number;
      problemId: string;
      problemOrdinal: number;
      problemTitle: string;
    }[]
  >`
    SELECT t.ordinal AS task_ordinal, p.id AS problem_id, p.ordinal AS problem_ordinal,
           p.title AS problem_title
    FROM tasks t JOIN problems p ON p.id = t.problem_id WHERE t.id = ${scope.taskId}`;
  const measures = await db<
    {
      id: string;
      ordinal: number;
      content: string;
      kind: string;
      deadline: string | null;
      deadlineText: string;
      leadId: string;
      leadName: string;
      coUnits: Array<{ id: string; name: string }>;
    }[]
  >`
    SELECT m.id, m.ordinal, m.content, m.kind, m.deadline::text AS deadline, m.deadline_text,
           lu.id AS lead_id, lu.name AS lead_name,
           coalesce((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
                     FROM measure_co_units cu JOIN units u ON u.id = cu.unit_id
                     WHERE cu.measure_id = m.id), '[]'::json) AS co_units
    FROM measures m JOIN units lu ON lu.id = m.lead_unit_id
    WHERE m.task_id = ${scope.taskId}
    ORDER BY m.ordinal`;
  const [statement] = await db<
    { id: string; draft: RichTextJson | null; draftUpdatedAt: Date | null }[]
  >`
    SELECT id, draft, draft_updated_at FROM statements
    WHERE task_id = ${scope.taskId} AND unit_id = ${scope.unitId}`;
  const versions = statement
    ? await db<{ id: string; version: number; submittedAt: Date; submittedBy: string }[]>`
        SELECT v.id, v.version, v.submitted_at, u.display_name AS submitted_by
        FROM statement_versions v JOIN users u ON u.id = v.submitted_by
        WHERE v.statement_id = ${statement.id}
        ORDER BY v.version DESC`
    : [];
  const labels = await taskKindLabels(db, scope.roundId);
  const ownWork =
    filterAllowed(c, 'write', [scope.facts], (f) => ({ kind: 'statement', ...f })).length > 0;
  const evidenceRows = (await evidenceOfTask(db, scope.taskId, scope.unitId)).filter(
    (e) => ownWork || e.versions.length > 0,
  );
  const latest = versions[0];
  const status = statementStatus(
    statement && {
      hasDraft: statement.draft !== null,
      draftUpdatedAt: statement.draftUpdatedAt,
      version: latest?.version ?? null,
      submittedAt: latest?.submittedAt ?? null,
    },
  );
  return {
    task: { id: scope.taskId, ordinal: head!.taskOrdinal, title: scope.taskTitle },
    problem: { id: head!.problemId, ordinal: head!.problemOrdinal, title: head!.problemTitle },
    roundId: scope.roundId,
    unit: { id: scope.unitId, name: scope.unitName, role: scope.leads ? 'lead' : 'co' },
    measures: measures.map((m) => ({
      id: m.id,
      ordinal: m.ordinal,
      content: m.content,
      kind: m.kind,
      kindLabel: labels.get(m.kind) ?? m.kind,
      deadline: m.deadlineText,
      deadlineDate: m.deadline,
      lead: { id: m.leadId, name: m.leadName },
      coUnits: m.coUnits,
    })),
    statement: {
      ...status,
      id: statement?.id ?? null,
      draft: ownWork ? (statement?.draft ?? null) : null,
    },
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      submittedAt: v.submittedAt.toISOString(),
      submittedBy: v.submittedBy,
    })),
    evidence: await presentEvidence(c, scope.facts, evidenceRows),
  };
}
