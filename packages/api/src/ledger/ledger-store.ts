import { AppError, defaultFramework, FrameworkSchema } from '@rectify/domain';
import type { Db } from '@rectify/store';
import type { TaskKind } from './task-kinds.ts';

export interface LedgerRound {
  id: string;
  name: string;
  /** The task kinds of the round's framework in force (the default framework's when it has none). */
  taskKinds: TaskKind[];
}

/** The round, or a 404. */
export async function loadRound(db: Db, roundId: string): Promise<LedgerRound> {
  const [row] = await db<{ id: string; name: string; body: unknown }[]>`
    SELECT r.id, r.name, f.body FROM rounds r
    LEFT JOIN frameworks f ON f.round_id = r.id AND f.version = r.framework_version
    WHERE r.id = ${roundId}`;
  if (!row) throw new AppError('not_found', 'No such round.');
  const fw = row.body ? FrameworkSchema.safeParse(row.body) : undefined;
  return {
    id: row.id,
    name: row.name,
    taskKinds: fw?.success ? fw.data.taskKinds : defaultFramework.taskKinds,
  };
}

export async function loadUnitNames(db: Db): Promise<string[]> {
  const rows = await db<{ name: string }[]>`SELECT name FROM units ORDER BY name`;
  return rows.map((r) => r.name);
}

export interface StoredMeasure {
  ordinal: number;
  content: string;
  lead: string;
  /** In no particular order: the database keeps none. */
  coUnits: string[];
  kind: string;
  deadline: string | null;
  deadlineText: string;
}

export interface StoredTask {
  id: string;
  sourceKey: string;
  problemId: string;
  problemTitle: string;
  problemOrdinal: number;
  ordinal: number;
  title: string;
  measures: StoredMeasure[];
}

export interface StoredProblem {
  id: string;
  title: string;
  ordinal: number;
}

/** Every problem of the round, in ledger order. */
export async function loadProblems(db: Db, roundId: string): Promise<StoredProblem[]> {
  return db<StoredProblem[]>`
    SELECT id, title, ordinal FROM problems WHERE round_id = ${roundId} ORDER BY ordinal, title`;
}

/** Every task of the round with its measures, in ledger order. */
export async function loadTasks(db: Db, roundId: string): Promise<StoredTask[]> {
  return db<StoredTask[]>`
    SELECT t.id, t.source_key, t.problem_id, p.title AS problem_title, p.ordinal AS problem_ordinal,
           t.ordinal, t.title,
           coalesce((
             SELECT json_agg(json_build_object(
                      'ordinal', m.ordinal, 'content', m.content, 'lead', lu.name, 'kind', m.kind,
                      'deadline', m.deadline::text, 'deadline_text', m.deadline_text,
                      'co_units', (SELECT coalesce(json_agg(u.name), '[]'::json)
                                   FROM measure_co_units mc JOIN units u ON u.id = mc.unit_id
                                   WHERE mc.measure_id = m.id))
                    ORDER BY m.ordinal)
             FROM measures m JOIN units lu ON lu.id = m.lead_unit_id
             WHERE m.task_id = t.id), '[]'::json) AS measures
    FROM tasks t JOIN problems p ON p.id = t.problem_id
    WHERE t.round_id = ${roundId}
    ORDER BY p.ordinal, p.title, t.ordinal, t.title`;
}
