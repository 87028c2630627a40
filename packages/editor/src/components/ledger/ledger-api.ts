import { ApiError, type ApiErrorCode } from '../../lib/api.ts';

/**
 * The ledger endpoints as the import screen uses them. Shapes mirror
 * `LedgerPreview` / `LedgerImportResult` in the API's OpenAPI document.
 */
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

export interface LedgerMapping {
  /** Spreadsheet row (1-based) of the last header row; 0 = no header. */
  headerRow: number;
  /** 0-based column of each field. */
  columns: Partial<Record<LedgerField, number>>;
}

export interface RowIssue {
  row: number;
  field: string;
  code: string;
  message: string;
}

export interface PlannedMeasure {
  row: number;
  content: string;
  lead: string;
  coUnits: string[];
  kind: string;
  deadline: string | null;
  deadlineText: string;
}

export type TaskStatus = 'new' | 'updated' | 'unchanged';

export interface PlannedTask {
  sourceKey: string;
  problem: string;
  ordinal: number;
  title: string;
  row: number;
  measures: PlannedMeasure[];
  status: TaskStatus;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface AbsentTask {
  sourceKey: string;
  problem: string;
  title: string;
}

export interface LedgerPreview {
  sheet: { name: string; format: 'xlsx' | 'csv'; encoding: string | null; rows: number };
  header: {
    firstRow: number;
    lastRow: number;
    columns: { index: number; letter: string; label: string; field: LedgerField | null }[];
  };
  detected: LedgerMapping;
  mapping: LedgerMapping;
  problems: { title: string; ordinal: number; row: number; status: 'new' | 'existing' }[];
  tasks: PlannedTask[];
  units: { existing: string[]; proposed: { name: string; rows: number[] }[] };
  errors: RowIssue[];
  warnings: RowIssue[];
  counts: ImportCounts;
  absent: AbsentTask[];
}

export interface LedgerImportResult {
  counts: ImportCounts;
  problemsCreated: number;
  unitsCreated: string[];
  absent: AbsentTask[];
}

export interface LedgerOptions {
  mapping?: LedgerMapping;
  createUnits?: string[];
}

/** A refusal with the rows the server named (`details.rows` of a 400). */
export class LedgerApiError extends ApiError {
  readonly rows: number[];
  constructor(init: ConstructorParameters<typeof ApiError>[0] & { rows?: number[] }) {
    super(init);
    this.rows = init.rows ?? [];
  }
}

const seg = encodeURIComponent;

async function postForm<T>(path: string, file: File, options: LedgerOptions): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('options', JSON.stringify(options));
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      body: form,
    });
  } catch {
    throw new LedgerApiError({ status: 0, code: 'network', message: 'Network request failed' });
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const error = (body as { error?: Record<string, unknown> } | undefined)?.error ?? {};
    const rows = Array.isArray(error.rows) ? error.rows.filter((r) => typeof r === 'number') : [];
    throw new LedgerApiError({
      status: res.status,
      code: (typeof error.code === 'string' ? error.code : 'internal') as ApiErrorCode,
      message: typeof error.message === 'string' ? error.message : `HTTP ${res.status}`,
      rows,
    });
  }
  if (body === undefined) {
    throw new LedgerApiError({ status: res.status, code: 'bad_response', message: 'Invalid JSON' });
  }
  return body as T;
}

export const ledgerApi = {
  /** What importing would do; writes nothing. */
  preview: (roundId: string, file: File, options: LedgerOptions = {}) =>
    postForm<LedgerPreview>(`/api/rounds/${seg(roundId)}/ledger/preview`, file, options),
  /** All or nothing. */
  apply: (roundId: string, file: File, options: LedgerOptions) =>
    postForm<LedgerImportResult>(`/api/rounds/${seg(roundId)}/ledger/import`, file, options),
};

/** A plain link: the server answers with an XLSX attachment. */
export function ledgerExportUrl(roundId: string): string {
  return `/api/rounds/${seg(roundId)}/ledger.xlsx`;
}

/** Accepted file names: the server reads .xlsx and .csv. */
export function isLedgerFile(name: string): boolean {
  return /\.(xlsx|csv)$/i.test(name.trim());
}

/**
 * The mapping after the person sets `column` to `field` (or to nothing): a
 * field sits on one column at most, so it leaves the column it was on.
 */
export function remap(
  mapping: LedgerMapping,
  column: number,
  field: LedgerField | null,
): LedgerMapping {
  const columns: Partial<Record<LedgerField, number>> = {};
  for (const f of LEDGER_FIELDS) {
    const at = mapping.columns[f];
    if (at === undefined || at === column || f === field) continue;
    columns[f] = at;
  }
  if (field) columns[field] = column;
  return { headerRow: mapping.headerRow, columns };
}

/** The field a column carries under a mapping. */
export function fieldAt(mapping: LedgerMapping, column: number): LedgerField | null {
  for (const f of LEDGER_FIELDS) if (mapping.columns[f] === column) return f;
  return null;
}

export function sameMapping(a: LedgerMapping, b: LedgerMapping): boolean {
  return a.headerRow === b.headerRow && LEDGER_FIELDS.every((f) => a.columns[f] === b.columns[f]);
}
