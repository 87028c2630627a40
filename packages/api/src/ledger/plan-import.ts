import { createHash } from 'node:crypto';
import type { ColumnMapping, LedgerField } from './detect-header.ts';
import { parseDeadline } from './parse-deadline.ts';
import { splitUnits } from './split-units.ts';
import { matchKind, type TaskKind } from './task-kinds.ts';
import { columnLetter, fold } from './text.ts';

export interface PlanContext {
  /** Names of the units that exist, as stored. */
  units: readonly string[];
  /** The round's task kinds (framework.taskKinds). */
  taskKinds: readonly TaskKind[];
}

export interface PlannedMeasure {
  /** Spreadsheet row number. */
  row: number;
  content: string;
  /** Unit names as stored (an existing unit's spelling wins over the sheet's). */
  lead: string;
  coUnits: string[];
  kind: string;
  deadline: string | null;
  /** The deadline as written in the ledger. */
  deadlineText: string;
}

export interface PlannedTask {
  /** Identity across re-imports: a hash of the problem and task titles. */
  sourceKey: string;
  problem: string;
  /** Position within its problem, from 1. */
  ordinal: number;
  title: string;
  row: number;
  measures: PlannedMeasure[];
}

export interface PlannedProblem {
  title: string;
  ordinal: number;
  row: number;
}

export interface RowIssue {
  /** Spreadsheet row number (1-based), as Excel shows it. */
  row: number;
  field: LedgerField | 'mapping' | 'sheet';
  /** Stable code for the UI to translate: lead_missing, deadline_unreadable, … */
  code: string;
  message: string;
}

export interface LedgerPlan {
  problems: PlannedProblem[];
  tasks: PlannedTask[];
  units: { existing: string[]; proposed: { name: string; rows: number[] }[] };
  errors: RowIssue[];
  /** Things that were read but deserve a look (a date picked out of prose, two lead units). */
  warnings: RowIssue[];
  /** How many rows were read as tasks or measures. */
  dataRows: number;
}

/**
 * A unit name longer than this is prose in the wrong column, not a name (long
 * real names such as "继续教育学院（网络教育学院、培训中心）" have about 20).
 */
const MAX_UNIT_NAME = 30;

/**
 * Turns sheet rows into what an import would write, without touching the
 * database. Rows below the header are read top to bottom:
 * - a blank row (all mapped cells empty) is a spacer and skipped;
 * - a row holding one text only (a heading merged across the row, or a problem
 *   standing alone in its column) starts a new problem, or, when it names a
 *   task kind ("二、补充整改任务"), sets the kind of the rows below;
 * - an empty problem cell continues the problem above (CSV exports write a
 *   merged cell's text in its first row only); an empty task cell with a
 *   measure continues the task above, so one task can carry several measures;
 * - the kind is the kind column's, else the section's, else 长期坚持 when the
 *   deadline says so, else 集中整改期已完成 (the framework's `completed`, or
 *   its first kind): tasks with a date were due in the concentrated period.
 */
export function planImport(rows: string[][], mapping: ColumnMapping, ctx: PlanContext): LedgerPlan {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const plan: LedgerPlan = {
    problems: [],
    tasks: [],
    units: { existing: [], proposed: [] },
    errors,
    warnings,
    dataRows: 0,
  };
  const cols = mapping.columns;
  const width = rows[0]?.length ?? 0;
  const headerRow = Math.max(mapping.headerRow, 0);
  for (const [field, index] of Object.entries(cols) as [LedgerField, number][]) {
    if (index < 0 || index >= width) {
      errors.push({
        row: headerRow,
        field,
        code: 'mapping_out_of_range',
        message: `column ${columnLetter(index)} for ${field} is outside the sheet`,
      });
    }
  }
  if (cols.task === undefined && cols.measure === undefined) {
    errors.push({
      row: headerRow,
      field: 'mapping',
      code: 'mapping_no_task',
      message:
        headerRow === 0
          ? 'no header row was found: choose the columns for task (整改任务) and lead unit (牵头单位)'
          : 'no column holds the tasks (整改任务) or measures (整改措施)',
    });
  }
  if (cols.lead === undefined) {
    errors.push({
      row: headerRow,
      field: 'mapping',
      code: 'mapping_no_lead',
      message: 'no column holds the lead unit (牵头单位 / 责任单位)',
    });
  }
  if (errors.length) return plan;

  const units = unitResolver(ctx.units);
  const problems = new Map<string, PlannedProblem>();
  const tasks = new Map<string, PlannedTask>();
  const taskCount = new Map<string, number>();
  const useProblem = (title: string, row: number) => {
    let p = problems.get(title);
    if (!p) {
      p = { title, ordinal: problems.size + 1, row };
      problems.set(title, p);
    }
    return p;
  };
  const kindCodes = new Set(ctx.taskKinds.map((k) => k.code));
  const defaultKind = kindCodes.has('completed') ? 'completed' : ctx.taskKinds[0]?.code;

  let problem: string | undefined;
  let lastTask: PlannedTask | undefined;
  let sectionKind: string | undefined;

  for (let r = headerRow; r < rows.length; r++) {
    const cells = rows[r]!;
    const row = r + 1;
    const get = (f: LedgerField) => (cols[f] === undefined ? '' : (cells[cols[f]] ?? ''));
    const mapped = Object.values(cols).map((i) => cells[i] ?? '');
    if (mapped.every((v) => v === '')) continue;

    const lone = loneText(cells, cols);
    if (lone?.where === 'number') continue;
    if (lone && lone.where !== 'other') {
      const kind = matchKind(lone.text, ctx.taskKinds);
      if (kind) {
        sectionKind = kind;
        continue;
      }
      if (lone.text !== problem) lastTask = undefined;
      problem = lone.text;
      // A heading is a problem only once a task falls under it; a lone problem cell is one now.
      if (lone.where === 'problem') useProblem(lone.text, row);
      continue;
    }

    const rowErrors: RowIssue[] = [];
    const fail = (field: LedgerField, code: string, message: string) =>
      rowErrors.push({ row, field, code, message });

    const problemCell = get('problem');
    if (problemCell && problemCell !== problem) {
      problem = problemCell;
      lastTask = undefined;
    }
    if (!problem) fail('problem', 'problem_missing', 'the row has no problem (问题)');

    const measureText = get('measure');
    let title = cols.task === undefined ? measureText : get('task');
    if (!title && measureText && lastTask) title = lastTask.title;
    if (!title) {
      fail(cols.task === undefined ? 'measure' : 'task', 'task_missing', 'the row has no task');
    }

    const leads = splitUnits(get('lead'));
    if (leads.length === 0) fail('lead', 'lead_missing', 'the row has no lead unit (牵头单位)');
    if (leads.length > 1) {
      warnings.push({
        row,
        field: 'lead',
        code: 'lead_several',
        message: `several lead units: ${leads[0]} is kept as lead, ${leads.slice(1).join('、')} become co-units`,
      });
    }
    const coNames = [...leads.slice(1), ...splitUnits(get('co'))].filter(
      (n, i, all) =>
        fold(n) !== fold(leads[0] ?? '') && all.findIndex((m) => fold(m) === fold(n)) === i,
    );
    for (const [field, names] of [
      ['lead', leads.slice(0, 1)],
      ['co', coNames],
    ] as const) {
      for (const n of names) {
        if (n.length > MAX_UNIT_NAME) {
          fail(field, 'unit_name_too_long', `"${n.slice(0, 20)}…" is too long for a unit name`);
        }
      }
    }

    const deadlineText = get('deadline');
    const deadline = parseDeadline(deadlineText);
    if (!deadline.ok) fail('deadline', 'deadline_unreadable', deadline.message);
    else if (deadline.note) {
      warnings.push({ row, field: 'deadline', code: 'deadline_guessed', message: deadline.note });
    }

    let kind: string | undefined;
    const kindCell = get('kind');
    if (kindCell) {
      kind = matchKind(kindCell, ctx.taskKinds) ?? undefined;
      if (!kind) {
        const known = ctx.taskKinds.map((k) => k.zh).join('、');
        fail('kind', 'kind_unknown', `unknown task kind "${kindCell}"; use one of ${known}`);
      }
    } else {
      const hint = deadline.ok ? deadline.kindHint : undefined;
      kind = sectionKind ?? (hint && kindCodes.has(hint) ? hint : defaultKind);
    }

    if (rowErrors.length) {
      // A bad row still names its unknown units, so one preview lists all there is
      // to fix; unless a unit cell holds prose, whose pieces are no names.
      if (!rowErrors.some((e) => e.code === 'unit_name_too_long')) {
        for (const n of [...leads.slice(0, 1), ...coNames]) units.resolve(n, row);
      }
      errors.push(...rowErrors);
      continue;
    }
    plan.dataRows++;
    const p = useProblem(problem!, row);
    const sourceKey = taskKey(p.title, title);
    let task = tasks.get(sourceKey);
    if (!task) {
      const ordinal = (taskCount.get(p.title) ?? 0) + 1;
      taskCount.set(p.title, ordinal);
      task = { sourceKey, problem: p.title, ordinal, title, row, measures: [] };
      tasks.set(sourceKey, task);
    }
    task.measures.push({
      row,
      content: measureText,
      lead: units.resolve(leads[0]!, row),
      coUnits: coNames.map((n) => units.resolve(n, row)),
      kind: kind!,
      deadline: deadline.ok ? deadline.date : null,
      deadlineText,
    });
    lastTask = task;
  }

  plan.problems = [...problems.values()];
  plan.tasks = [...tasks.values()];
  plan.units = units.result();
  if (!errors.length && plan.tasks.length === 0) {
    errors.push({
      row: headerRow,
      field: 'sheet',
      code: 'no_tasks',
      message: 'no task rows were found below the header',
    });
  }
  return plan;
}

/**
 * A row that holds one text only:
 * - `heading`: merged across the whole row, or standing alone in the 序号 column;
 * - `problem`: alone in the problem column (a problem row above its tasks, or a
 *   spacer row inside a merged problem cell);
 * - `number`: a bare number and nothing else (skipped);
 * - `other`: alone in another column: a data row missing the rest.
 */
function loneText(
  cells: string[],
  cols: ColumnMapping['columns'],
): { text: string; where: 'heading' | 'problem' | 'number' | 'other' } | null {
  const content = (Object.entries(cols) as [LedgerField, number][]).filter(([f]) => f !== 'number');
  const filled = content.filter(([, i]) => cells[i]);
  if (filled.length === 0) {
    const n = cols.number === undefined ? '' : (cells[cols.number] ?? '');
    if (!n) return null;
    return { text: n, where: /^[\d.．]+$/.test(n) ? 'number' : 'heading' };
  }
  const text = cells[filled[0]![1]]!;
  if (filled.some(([, i]) => cells[i] !== text)) return null;
  if (filled.length === content.length && content.length > 1) return { text, where: 'heading' };
  if (filled.length === 1 && filled[0]![0] === 'problem') return { text, where: 'problem' };
  return { text, where: 'other' };
}

/**
 * A task's identity across re-imports: its problem and title, folded so a
 * changed space or full-width comma does not make a new task. Not the 序号:
 * inserting a row renumbers the rest, and tasks (with their statements) would
 * silently trade places.
 */
export function taskKey(problem: string, title: string): string {
  const hash = createHash('sha256')
    .update(`${fold(problem)}\n${fold(title)}`)
    .digest('hex');
  return `h:${hash.slice(0, 24)}`;
}

/** Matches names to stored units (ignoring width and spaces) and collects the unknown ones. */
function unitResolver(known: readonly string[]) {
  const stored = new Map(known.map((n) => [fold(n), n]));
  const existing = new Map<string, string>();
  const proposed = new Map<string, { name: string; rows: number[] }>();
  return {
    resolve(name: string, row: number): string {
      const key = fold(name);
      const hit = stored.get(key);
      if (hit) {
        existing.set(key, hit);
        return hit;
      }
      let p = proposed.get(key);
      if (!p) {
        p = { name, rows: [] };
        proposed.set(key, p);
      }
      if (!p.rows.includes(row)) p.rows.push(row);
      return p.name;
    },
    result: () => ({ existing: [...existing.values()], proposed: [...proposed.values()] }),
  };
}
