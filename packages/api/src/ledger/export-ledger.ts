import type { Db } from '@rectify/store';
import ExcelJS from 'exceljs';
import { loadProblems, loadRound, loadTasks, type StoredTask } from './ledger-store.ts';
import { kindLabel } from './task-kinds.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Columns of the exported ledger; the import reads them back by these names. */
const COLUMNS = [
  { top: '序号', width: 6 },
  { top: '巡视反馈问题', width: 30 },
  { top: '整改任务', width: 30 },
  { top: '整改措施', width: 40 },
  { top: '责任单位', sub: '牵头单位', width: 14 },
  { top: '责任单位', sub: '协办单位', width: 20 },
  { top: '完成时限', width: 14 },
  { top: '任务类型', width: 14 },
] as const;

const HEADER_ROWS = 3;
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * The round's ledger as an XLSX workbook in the shape ledgers are kept in: a
 * title row, a two-level header (责任单位 over 牵头单位 / 协办单位), one row
 * per measure, each problem merged over its rows and each task over its
 * measures. Importing the file again changes nothing.
 */
export async function exportLedger(
  db: Db,
  roundId: string,
): Promise<{ bytes: Uint8Array; filename: string }> {
  const round = await loadRound(db, roundId);
  const problems = await loadProblems(db, roundId);
  const tasks = await loadTasks(db, roundId);
  const byProblem = new Map<string, StoredTask[]>();
  for (const t of tasks) byProblem.set(t.problemId, [...(byProblem.get(t.problemId) ?? []), t]);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rectify';
  const title = `${round.name}整改任务落实情况一览表`;
  const ws = wb.addWorksheet('整改任务台账', {
    views: [{ state: 'frozen', ySplit: HEADER_ROWS }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  const last = COLUMNS.length;

  ws.getCell(1, 1).value = title;
  ws.mergeCells(1, 1, 1, last);
  ws.getRow(1).height = 32;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };

  COLUMNS.forEach((c, i) => {
    const col = i + 1;
    ws.getCell(2, col).value = c.top;
    if ('sub' in c) ws.getCell(3, col).value = c.sub;
    else ws.mergeCells(2, col, 3, col);
  });
  ws.mergeCells(2, 5, 2, 6);
  for (const r of [2, 3]) {
    for (let col = 1; col <= last; col++) {
      const cell = ws.getCell(r, col);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    }
  }

  let row = HEADER_ROWS + 1;
  let number = 0;
  for (const p of problems) {
    const first = row;
    for (const t of byProblem.get(p.id) ?? []) {
      number++;
      const taskFirst = row;
      const measures = t.measures.length ? t.measures : [undefined];
      for (const m of measures) {
        ws.getRow(row).values = [
          number,
          p.title,
          t.title,
          m?.content ?? '',
          m?.lead ?? '',
          m ? [...m.coUnits].sort((a, b) => a.localeCompare(b, 'zh-CN')).join('、') : '',
          m ? m.deadlineText || m.deadline || '' : '',
          m ? kindLabel(m.kind, round.taskKinds) : '',
        ];
        row++;
      }
      if (row - taskFirst > 1) {
        ws.mergeCells(taskFirst, 1, row - 1, 1);
        ws.mergeCells(taskFirst, 3, row - 1, 3);
      }
    }
    // A problem without tasks still gets its row, so it survives a round trip.
    if (row === first) {
      ws.getRow(row).getCell(2).value = p.title;
      row++;
    }
    if (row - first > 1) ws.mergeCells(first, 2, row - 1, 2);
  }
  for (let r = HEADER_ROWS + 1; r < row; r++) {
    for (let col = 1; col <= last; col++) {
      const cell = ws.getCell(r, col);
      cell.border = BORDER;
      cell.alignment = {
        vertical: 'middle',
        wrapText: true,
        horizontal: col === 1 ? 'center' : 'left',
      };
    }
  }

  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  // The name is sent percent-encoded (RFC 5987); keep it a valid file name on Windows too.
  const safe = title.replace(/[\\/:*?"<>|]/g, '_').replace(/\s+/g, ' ');
  return { bytes, filename: `${safe}.xlsx` };
}
