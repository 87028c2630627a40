import { createHash } from 'node:crypto';
import { AppError } from '@rectify/domain';
import { appendAudit, type Db, type Sql } from '@rectify/store';
import {
  type AbsentTask,
  compareTasks,
  type ImportCounts,
  type TaskStatus,
} from './compare-tasks.ts';
import {
  type ColumnMapping,
  detectHeader,
  type HeaderColumn,
  type LedgerField,
  withOverride,
} from './detect-header.ts';
import { loadProblems, loadRound, loadTasks, loadUnitNames } from './ledger-store.ts';
import {
  type LedgerPlan,
  type PlannedProblem,
  type PlannedTask,
  planImport,
  type RowIssue,
} from './plan-import.ts';
import { readSheet, type Sheet } from './read-sheet.ts';
import { fold } from './text.ts';

export type { AbsentTask, ImportCounts, TaskStatus };

export interface LedgerFile {
  bytes: Uint8Array;
  filename: string;
}

/** The person's edits to the detected mapping (see `withOverride`). */
export type MappingOverride = Partial<ColumnMapping>;

export interface LedgerPreview {
  sheet: { name: string; format: Sheet['format']; encoding: string | null; rows: number };
  header: { firstRow: number; lastRow: number; columns: HeaderColumn[] };
  /** What was detected from the header names. */
  detected: ColumnMapping;
  /** What this preview used: the detected mapping with the caller's edits. */
  mapping: ColumnMapping;
  problems: (PlannedProblem & { status: 'new' | 'existing' })[];
  tasks: (PlannedTask & { status: TaskStatus })[];
  units: LedgerPlan['units'];
  errors: RowIssue[];
  warnings: RowIssue[];
  counts: ImportCounts;
  absent: AbsentTask[];
}

export interface ImportActor {
  userId: string;
  /** The username, kept in the audit log even if the user is renamed. */
  label: string;
  address?: string;
}

export interface ApplyOptions {
  mapping?: MappingOverride;
  /** The proposed units the administrator accepted; any other unknown unit refuses the import. */
  createUnits: string[];
  actor: ImportActor;
  now?: Date;
}

export interface ImportResult {
  counts: ImportCounts;
  problemsCreated: number;
  unitsCreated: string[];
  absent: AbsentTask[];
}

// Imports of one round run one after another: pg_advisory_xact_lock(int4, int4)
// with this class ("LEDG") and the round's hash; the audit log's one-key lock
// lives in a different key space.
const LEDGER_LOCK = 0x4c454447;

/**
 * What importing this file would do, writing nothing: how columns map to
 * fields, the problems and tasks read (each new, updated or unchanged), the
 * units it names (known, or proposed for creation) and every bad row.
 */
export async function previewLedger(
  sql: Sql,
  roundId: string,
  file: LedgerFile,
  mapping?: MappingOverride,
): Promise<LedgerPreview> {
  const round = await loadRound(sql, roundId);
  const sheet = await readSheet(file.bytes, file.filename);
  const detection = detectHeader(sheet.rows);
  const effective = withOverride(detection.mapping, mapping);
  const plan = planImport(sheet.rows, effective, {
    units: await loadUnitNames(sql),
    taskKinds: round.taskKinds,
  });
  const stored = await loadTasks(sql, roundId);
  const storedProblems = new Set((await loadProblems(sql, roundId)).map((p) => p.title));
  const { statuses, counts, absent } = compareTasks(plan, stored);
  const fieldOf = new Map(Object.entries(effective.columns).map(([f, i]) => [i, f as LedgerField]));
  return {
    sheet: {
      name: sheet.name,
      format: sheet.format,
      encoding: sheet.encoding ?? null,
      rows: sheet.rows.length,
    },
    header: {
      firstRow: detection.firstRow,
      lastRow: detection.lastRow,
      columns: detection.columns.map((c) => ({ ...c, field: fieldOf.get(c.index) ?? null })),
    },
    detected: detection.mapping,
    mapping: effective,
    problems: plan.problems.map((p) => ({
      ...p,
      status: storedProblems.has(p.title) ? 'existing' : 'new',
    })),
    tasks: plan.tasks.map((t, i) => ({ ...t, status: statuses[i]!.status })),
    units: plan.units,
    errors: plan.errors,
    warnings: plan.warnings,
    counts,
    absent,
  };
}

/**
 * Imports the ledger in one transaction, all or nothing. Refuses (400, with
 * `details.rows`) when any row is bad or names a unit that neither exists nor
 * was accepted for creation. Problems are matched by title, tasks by source
 * key (falling back to problem + title for tasks made before ledger import);
 * a changed task gets its measures and co-units replaced, an unchanged one is
 * not touched, so importing the same file twice changes nothing.
 */
export async function applyLedger(
  sql: Sql,
  roundId: string,
  file: LedgerFile,
  opts: ApplyOptions,
): Promise<ImportResult> {
  const sheet = await readSheet(file.bytes, file.filename);
  const detection = detectHeader(sheet.rows);
  const mapping = withOverride(detection.mapping, opts.mapping);
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${LEDGER_LOCK}, hashtext(${roundId}))`;
    const round = await loadRound(tx, roundId);
    const plan = planImport(sheet.rows, mapping, {
      units: await loadUnitNames(tx),
      taskKinds: round.taskKinds,
    });
    if (plan.errors.length) throw badRows(plan.errors);
    const accepted = new Set(opts.createUnits.map(fold));
    const refused = plan.units.proposed.filter((u) => !accepted.has(fold(u.name)));
    if (refused.length) {
      const rows = [...new Set(refused.flatMap((u) => u.rows))].sort((a, b) => a - b);
      throw new AppError(
        'bad_request',
        `The ledger names units that do not exist: ${refused.map((u) => u.name).join('、')}. ` +
          'Accept them for creation or correct the ledger. Nothing was imported.',
        { rows, units: refused.map((u) => u.name) },
      );
    }

    const unitsCreated = plan.units.proposed.map((u) => u.name);
    const unitIds = await ensureUnits(tx, [...plan.units.existing, ...unitsCreated]);
    const problemIds = new Map<string, string>();
    let problemsCreated = 0;
    const storedProblems = new Map((await loadProblems(tx, roundId)).map((p) => [p.title, p]));
    for (const p of plan.problems) {
      const old = storedProblems.get(p.title);
      if (old) {
        if (old.ordinal !== p.ordinal) {
          await tx`UPDATE problems SET ordinal = ${p.ordinal} WHERE id = ${old.id}`;
        }
        problemIds.set(p.title, old.id);
      } else {
        const [row] = await tx<{ id: string }[]>`
          INSERT INTO problems (round_id, ordinal, title) VALUES (${roundId}, ${p.ordinal}, ${p.title})
          RETURNING id`;
        problemIds.set(p.title, row!.id);
        problemsCreated++;
      }
    }

    const { statuses, counts, absent } = compareTasks(plan, await loadTasks(tx, roundId));
    for (const [i, task] of plan.tasks.entries()) {
      const { status, id } = statuses[i]!;
      if (status === 'unchanged') continue;
      const problemId = problemIds.get(task.problem)!;
      let taskId = id;
      if (status === 'new') {
        const [row] = await tx<{ id: string }[]>`
          INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
          VALUES (${roundId}, ${problemId}, ${task.ordinal}, ${task.title}, ${task.sourceKey})
          RETURNING id`;
        taskId = row!.id;
      } else {
        await tx`
          UPDATE tasks SET problem_id = ${problemId}, ordinal = ${task.ordinal}, title = ${task.title},
                           source_key = ${task.sourceKey}, updated_at = now()
          WHERE id = ${taskId!}`;
        await tx`DELETE FROM measures WHERE task_id = ${taskId!}`;
      }
      await insertMeasures(tx, taskId!, task, unitIds);
    }

    const result: ImportResult = { counts, problemsCreated, unitsCreated, absent };
    await appendAudit(
      tx,
      {
        actorId: opts.actor.userId,
        actorLabel: opts.actor.label,
        action: 'ledger.import',
        resourceType: 'round',
        resourceId: roundId,
        roundId,
        address: opts.actor.address ?? '',
        details: {
          file: file.filename,
          sha256: createHash('sha256').update(file.bytes).digest('hex'),
          format: sheet.format,
          encoding: sheet.encoding ?? null,
          mapping,
          counts,
          problemsCreated,
          unitsCreated,
          absent: absent.length,
        },
      },
      opts.now,
    );
    return result;
  });
}

/** The refusal for bad rows: every row named, in the message and in `details.rows`. */
function badRows(errors: RowIssue[]): AppError {
  const rows = [...new Set(errors.map((e) => e.row))].sort((a, b) => a - b);
  return new AppError(
    'bad_request',
    `The ledger has ${rows.length === 1 ? 'a bad row' : 'bad rows'} (${rows.join(', ')}). Nothing was imported.`,
    { rows, errors },
  );
}

/** Ids of the named units, creating the missing ones. */
async function ensureUnits(tx: Db, names: string[]): Promise<Map<string, string>> {
  if (names.length) {
    await tx`INSERT INTO units ${tx(names.map((name) => ({ name })))} ON CONFLICT (name) DO NOTHING`;
  }
  const rows = await tx<{ id: string; name: string }[]>`
    SELECT id, name FROM units WHERE name = ANY(${names}::text[])`;
  return new Map(rows.map((r) => [r.name, r.id]));
}

async function insertMeasures(
  tx: Db,
  taskId: string,
  task: PlannedTask,
  unitIds: Map<string, string>,
): Promise<void> {
  const rows = task.measures.map((m, i) => ({
    taskId,
    ordinal: i + 1,
    content: m.content,
    leadUnitId: unitIds.get(m.lead)!,
    kind: m.kind,
    deadline: m.deadline,
    deadlineText: m.deadlineText,
  }));
  const inserted = await tx<{ id: string; ordinal: number }[]>`
    INSERT INTO measures ${tx(rows)} RETURNING id, ordinal`;
  const co = inserted.flatMap(({ id, ordinal }) =>
    task.measures[ordinal - 1]!.coUnits.map((name) => ({
      measureId: id,
      unitId: unitIds.get(name)!,
    })),
  );
  if (co.length) await tx`INSERT INTO measure_co_units ${tx(co)}`;
}
