import { z } from '@hono/zod-openapi';
import type { Db } from '@rectify/store';
import {
  StatementStatusSchema,
  statementStatus,
  statementStatusRows,
  taskKindLabels,
} from './statement-status.ts';

export const UnitTaskSchema = z
  .object({
    id: z.string(),
    ordinal: z.number().int(),
    title: z.string(),
    /** lead: the unit leads a measure of this task; co: it only co-leads. */
    role: z.enum(['lead', 'co']),
    /** Kind code of the unit's first measure in the task, and its label. */
    kind: z.string(),
    kindLabel: z.string(),
    /** The deadline as the ledger words it ("2023年6月底前", "长期坚持"). */
    deadline: z.string(),
    deadlineDate: z.string().nullable(),
    /** How many of the task's measures the unit leads or co-leads. */
    measures: z.number().int(),
    statement: StatementStatusSchema,
    /** Evidence attached to the current draft. */
    evidenceCount: z.number().int(),
  })
  .openapi('UnitTask');

export const UnitTasksSchema = z
  .object({
    roundId: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }),
    problems: z.array(
      z.object({
        id: z.string(),
        ordinal: z.number().int(),
        title: z.string(),
        tasks: z.array(UnitTaskSchema),
      }),
    ),
  })
  .openapi('UnitTasks');
export type UnitTasks = z.infer<typeof UnitTasksSchema>;

interface MeasureRow {
  problemId: string;
  problemOrdinal: number;
  problemTitle: string;
  taskId: string;
  taskOrdinal: number;
  taskTitle: string;
  kind: string;
  deadline: string | null;
  deadlineText: string;
  leads: boolean;
}

/**
 * The tasks a unit leads or co-leads in a round, grouped by problem in ledger
 * order, each with the state of the unit's statement. The caller has already
 * been authorized for the unit.
 */
export async function loadUnitTasks(db: Db, roundId: string, unitId: string): Promise<UnitTasks> {
  const [unit] = await db<{ id: string; name: string }[]>`
    SELECT id, name FROM units WHERE id = ${unitId}`;
  const rows = await db<MeasureRow[]>`
    SELECT p.id AS problem_id, p.ordinal AS problem_ordinal, p.title AS problem_title,
           t.id AS task_id, t.ordinal AS task_ordinal, t.title AS task_title,
           m.kind, m.deadline::text AS deadline, m.deadline_text,
           (m.lead_unit_id = ${unitId}) AS leads
    FROM tasks t
    JOIN problems p ON p.id = t.problem_id
    JOIN measures m ON m.task_id = t.id
    WHERE t.round_id = ${roundId}
      AND (m.lead_unit_id = ${unitId}
           OR EXISTS (SELECT 1 FROM measure_co_units cu
                      WHERE cu.measure_id = m.id AND cu.unit_id = ${unitId}))
    ORDER BY p.ordinal, p.title, t.ordinal, t.title, m.ordinal`;
  const statuses = await statementStatusRows(db, roundId, unitId);
  const labels = await taskKindLabels(db, roundId);

  const problems: UnitTasks['problems'] = [];
  const tasks = new Map<string, UnitTasks['problems'][number]['tasks'][number]>();
  for (const r of rows) {
    let problem = problems.at(-1);
    if (problem?.id !== r.problemId) {
      problem = { id: r.problemId, ordinal: r.problemOrdinal, title: r.problemTitle, tasks: [] };
      problems.push(problem);
    }
    const seen = tasks.get(r.taskId);
    if (seen) {
      seen.measures++;
      if (r.leads) seen.role = 'lead';
      continue;
    }
    const s = statuses.get(r.taskId);
    const task = {
      id: r.taskId,
      ordinal: r.taskOrdinal,
      title: r.taskTitle,
      role: r.leads ? ('lead' as const) : ('co' as const),
      kind: r.kind,
      kindLabel: labels.get(r.kind) ?? r.kind,
      deadline: r.deadlineText,
      deadlineDate: r.deadline,
      measures: 1,
      statement: statementStatus(s),
      evidenceCount: s?.evidenceCount ?? 0,
    };
    tasks.set(r.taskId, task);
    problem.tasks.push(task);
  }
  return { roundId, unit: unit ?? { id: unitId, name: '' }, problems };
}
