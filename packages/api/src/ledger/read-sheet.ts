import { AppError } from '@rectify/domain';
import ExcelJS from 'exceljs';
import { decodeText, parseCsv, type TextEncodingName } from './csv.ts';
import { cleanCell } from './text.ts';

/** A ledger sheet as text: what a person sees in each cell, merged cells included. */
export interface Sheet {
  /** The worksheet read, or "CSV". */
  name: string;
  format: 'xlsx' | 'csv';
  /** How a CSV file was decoded. */
  encoding?: TextEncodingName;
  /**
   * rows[i][j] is spreadsheet row i + 1, column j + 1; every row has the same
   * width. Each cell of a merged range holds the range's value.
   */
  rows: string[][];
}

/** A ledger has hundreds of rows; these bounds stop a hostile file from eating the server. */
export const MAX_ROWS = 10_000;
export const MAX_COLUMNS = 100;

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads the first non-empty visible worksheet of an XLSX workbook, or a CSV /
 * tab-separated text file in UTF-8 (with or without BOM), UTF-16 or GB18030.
 * The content decides the format; the file name only breaks ties.
 */
export async function readSheet(bytes: Uint8Array, filename: string): Promise<Sheet> {
  if (startsWith(bytes, XLSX_MAGIC)) return readXlsx(bytes);
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new AppError(
      'unsupported_media_type',
      'This is an old Excel (.xls) file. Save it as .xlsx (Excel 工作簿) or CSV and upload again.',
    );
  }
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'xlsm') {
    throw new AppError('bad_request', 'The file is named .xlsx but is not an Excel workbook.');
  }
  if (ext !== undefined && !['csv', 'txt', 'tsv'].includes(ext)) {
    throw new AppError('unsupported_media_type', 'Upload the ledger as .xlsx or .csv.');
  }
  return readCsv(bytes);
}

function readCsv(bytes: Uint8Array): Sheet {
  const { text, encoding } = decodeText(bytes);
  const raw = parseCsv(text);
  checkSize(raw.length, widest(raw));
  return {
    name: 'CSV',
    format: 'csv',
    encoding,
    rows: rectangle(raw.map((r) => r.map(cleanCell))),
  };
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('bad_request', 'The Excel file could not be read; it may be damaged.');
  }
  const ws = wb.worksheets.find((w) => w.state === 'visible' && w.actualRowCount > 0);
  if (!ws) throw new AppError('bad_request', 'The workbook has no worksheet with data.');

  let lastRow = 0;
  let lastCol = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cellText(cell.master.value) === '') return;
      lastRow = Math.max(lastRow, r);
      lastCol = Math.max(lastCol, c);
    });
  });
  checkSize(lastRow, lastCol);
  const rows: string[][] = [];
  for (let r = 1; r <= lastRow; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    // A merged cell reads as its range's top-left value, so a problem merged
    // over five task rows belongs to each of the five.
    for (let c = 1; c <= lastCol; c++) cells.push(cleanCell(cellText(row.getCell(c).master.value)));
    rows.push(cells);
  }
  return { name: ws.name, format: 'xlsx', rows };
}

/** The text of a cell value: dates as ISO dates, formulas as their cached result. */
export function cellText(v: ExcelJS.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    }
    if ('hyperlink' in v) return cellText(v.text as ExcelJS.CellValue);
    if ('error' in v) return v.error;
    return '';
  }
  return String(v);
}

/** Excel stores dates as UTC midnights plus float noise; round to the second before taking the day. */
function isoDate(d: Date): string {
  const t = Math.round(d.getTime() / 1000) * 1000;
  return Number.isNaN(t) ? '' : new Date(t).toISOString().slice(0, 10);
}

function checkSize(rows: number, cols: number): void {
  if (rows > MAX_ROWS || cols > MAX_COLUMNS) {
    throw new AppError(
      'bad_request',
      `The sheet is too large for a ledger (${rows} rows × ${cols} columns; at most ${MAX_ROWS} × ${MAX_COLUMNS}).`,
    );
  }
}

const widest = (rows: string[][]) => rows.reduce((w, r) => Math.max(w, r.length), 0);

function rectangle(rows: string[][]): string[][] {
  const width = widest(rows);
  return rows.map((r) => (r.length === width ? r : [...r, ...Array(width - r.length).fill('')]));
}
