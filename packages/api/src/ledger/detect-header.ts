import { columnLetter, fold } from './text.ts';

/** What a ledger column can mean. */
export const LEDGER_FIELDS = [
  'number',
  'problem',
  'task',
  'measure',
  'lead',
  'co',
  'deadline',
  'kind',
] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];

/** Where the data is: detected from the header, editable by the person importing. */
export interface ColumnMapping {
  /** Spreadsheet row number (1-based) of the last header row; data starts below it. 0: no header. */
  headerRow: number;
  /** 0-based column of each field present in the ledger. */
  columns: Partial<Record<LedgerField, number>>;
}

export interface HeaderColumn {
  index: number;
  /** The column as Excel names it: A, B, …, AA. */
  letter: string;
  /** The header text ("责任单位/牵头单位" for a two-level header); empty when none. */
  label: string;
  field: LedgerField | null;
}

export interface HeaderDetection {
  /** Spreadsheet rows of the header (equal for a one-level header; 0 when none was found). */
  firstRow: number;
  lastRow: number;
  columns: HeaderColumn[];
  mapping: ColumnMapping;
}

/**
 * Header names per field, most specific first. Listed order breaks ties:
 * a sheet with both 牵头单位 and 责任单位 takes 牵头单位 as the lead column.
 */
const NAMES: Record<LedgerField, string[]> = {
  number: ['序号', '编号', '序'],
  problem: [
    '巡视反馈问题',
    '存在问题',
    '问题',
    '反馈问题',
    '巡视发现问题',
    '主要问题',
    '问题清单',
    '问题描述',
    '具体问题',
    '问题表现',
  ],
  task: ['整改任务', '任务', '具体任务', '整改事项', '任务名称'],
  measure: ['整改措施', '措施', '具体措施', '整改举措', '举措', '工作措施'],
  lead: ['牵头单位', '牵头部门', '牵头责任单位', '责任单位', '责任部门'],
  co: ['协办单位', '配合单位', '协办部门', '配合部门', '协同单位', '参与单位'],
  deadline: ['完成时限', '整改时限', '时限', '完成时间', '整改时间', '时间节点', '完成期限'],
  kind: ['任务类型', '类型', '整改类型', '任务分类', '分类'],
};

/** How far down a title and notes may push the header. */
const SCAN_ROWS = 30;

/** A header label without notes: "完成时限（时间节点）" → "完成时限", "* 牵头单位" → "牵头单位". */
function normalizeLabel(label: string): string {
  return fold(label)
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '')
    .replace(/[*:：]/g, '');
}

/**
 * The field a header label names, with a score: an exact name beats a name
 * with a short prefix ("整改完成时限"); long texts (a title row) never match.
 */
export function matchField(label: string): { field: LedgerField; score: number } | null {
  const norm = normalizeLabel(label);
  if (!norm) return null;
  let best: { field: LedgerField; score: number } | null = null;
  for (const field of LEDGER_FIELDS) {
    NAMES[field].forEach((name, i) => {
      const score =
        norm === name
          ? 100 - i
          : norm.endsWith(name) && norm.length <= name.length + 4
            ? 50 - i
            : 0;
      if (score > 0 && (!best || score > best.score)) best = { field, score };
    });
  }
  return best;
}

/**
 * Finds the header among the first rows (skipping a title row) and maps
 * columns to fields by their names. A two-level header, where 责任单位 spans
 * 牵头单位 and 协办单位 on the row below, is read as one: each column is
 * named by its lower cell, or by its upper cell where the lower is empty or
 * merged from above.
 */
export function detectHeader(rows: string[][]): HeaderDetection {
  const width = rows[0]?.length ?? 0;
  let best = -1;
  let bestScore = 1;
  for (let r = 0; r < Math.min(rows.length, SCAN_ROWS); r++) {
    const fields = new Set(rows[r]!.map((cell) => matchField(cell)?.field).filter(Boolean));
    if (fields.size > bestScore) {
      best = r;
      bestScore = fields.size;
    }
  }
  if (best < 0) {
    const columns = Array.from({ length: width }, (_, index) => ({
      index,
      letter: columnLetter(index),
      label: '',
      field: null,
    }));
    return { firstRow: 0, lastRow: 0, columns, mapping: { headerRow: 0, columns: {} } };
  }
  let upper = best;
  let lower = best;
  if (best + 1 < rows.length && continuesHeader(rows[best]!, rows[best + 1]!)) lower = best + 1;
  else if (best > 0 && continuesHeader(rows[best]!, rows[best - 1]!)) upper = best - 1;

  const labelled = Array.from({ length: width }, (_, index) => {
    const top = rows[upper]![index] ?? '';
    const bottom = rows[lower]![index] ?? '';
    const own = bottom && bottom !== top ? bottom : top;
    const label = top && bottom && top !== bottom ? `${top}/${bottom}` : top || bottom;
    const match = matchField(own) ?? matchField(top);
    return { index, letter: columnLetter(index), label, match };
  });
  const columns: Partial<Record<LedgerField, number>> = {};
  for (const field of LEDGER_FIELDS) {
    let pick: (typeof labelled)[number] | undefined;
    for (const col of labelled) {
      if (col.match?.field !== field) continue;
      if (!pick || col.match.score > pick.match!.score) pick = col;
    }
    if (pick) columns[field] = pick.index;
  }
  const fieldOf = new Map(Object.entries(columns).map(([f, i]) => [i, f as LedgerField]));
  return {
    firstRow: upper + 1,
    lastRow: lower + 1,
    columns: labelled.map(({ index, letter, label }) => ({
      index,
      letter,
      label,
      field: fieldOf.get(index) ?? null,
    })),
    mapping: { headerRow: lower + 1, columns },
  };
}

/**
 * Whether `other` (the row just above or below a header row) is the header's
 * other level: it names at least one field the header row does not already
 * say, and each of its cells is empty, merged from the header row (the same
 * text), or a field name.
 */
function continuesHeader(header: string[], other: string[]): boolean {
  let adds = false;
  for (let c = 0; c < other.length; c++) {
    const cell = other[c]!;
    if (!cell || cell === header[c]) continue;
    if (!matchField(cell)) return false;
    adds = true;
  }
  return adds;
}

/** The mapping to use: the person's edits where given, else what was detected. */
export function withOverride(
  detected: ColumnMapping,
  override?: Partial<ColumnMapping>,
): ColumnMapping {
  return {
    headerRow: override?.headerRow ?? detected.headerRow,
    columns: override?.columns ?? detected.columns,
  };
}
