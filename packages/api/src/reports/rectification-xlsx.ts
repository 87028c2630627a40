import { reportDateText } from '@rectify/domain';
import ExcelJS from 'exceljs';
import type { RectificationItem } from './rectification-present.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const STATUS_LABEL: Record<RectificationItem['status'], string> = {
  awaiting_answer: '待整改',
  awaiting_review: '待审核',
  returned: '已退回',
  closed: '已销号',
};

const COLUMNS = [
  { head: '序号', width: 6 },
  { head: '责任单位', width: 14 },
  { head: '发现问题', width: 30 },
  { head: '整改要求', width: 24 },
  { head: '整改措施', width: 36 },
  { head: '填报人', width: 10 },
  { head: '完成时限', width: 14 },
  { head: '整改进展', width: 30 },
  { head: '状态', width: 10 },
  { head: '佐证材料', width: 24 },
] as const;

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * The rectification ledger (整改台账): one row per delivered finding with
 * the latest answer's measures, progress and evidence, its status, and
 * overdue rows marked red with "（逾期）" after the status.
 */
export async function rectificationLedger(
  title: string,
  items: readonly RectificationItem[],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rectify';
  const ws = wb.addWorksheet('整改台账', {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  ws.getCell(1, 1).value = title;
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.getRow(1).height = 30;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(2).values = COLUMNS.map((c) => c.head);
  ws.getRow(2).eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
  });
  items.forEach((item, i) => {
    const last = item.responses.at(-1);
    const row = ws.getRow(i + 3);
    row.values = [
      i + 1,
      item.finding.unit.name,
      item.finding.title,
      item.finding.requirement,
      last?.measures ?? '',
      last?.submittedBy.displayName ?? '',
      item.finding.deadline
        ? reportDateText(item.finding.deadline)
        : item.finding.immediate
          ? '立行立改'
          : '持续整改',
      last?.progress ?? '',
      `${STATUS_LABEL[item.status]}${item.overdue ? '（逾期）' : ''}`,
      (last?.evidence ?? []).map((e) => e.name).join('\n'),
    ];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.border = BORDER;
      cell.alignment = {
        vertical: 'middle',
        wrapText: true,
        horizontal: col === 1 ? 'center' : 'left',
      };
      if (item.overdue) cell.font = { color: { argb: 'FFC00000' } };
    });
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
