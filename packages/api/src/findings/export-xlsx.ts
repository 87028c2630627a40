import type { Framework } from '@rectify/domain';
import ExcelJS from 'exceljs';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const STATE_LABEL: Record<string, string> = {
  draft: '草稿',
  confirmed: '已确认',
  approved: '已审定',
  issued: '已下发',
  rectifying: '整改中',
  closed: '已销号',
};

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** One exported finding, its questions already in the wording in force for it. */
export interface FindingExportRow {
  title: string;
  unit: string;
  group: string;
  state: string;
  questions: { code: string; zh: string }[];
  aspect: string | null;
  severity: string | null;
  immediate: boolean;
  requirement: string;
  deadline: string | null;
  annotationCount: number;
  createdBy: string;
  createdAt: string;
}

export interface AnnotationExportRow {
  unit: string;
  task: string | null;
  quote: string;
  body: string;
  questions: string[];
  step: string | null;
  status: 'open' | 'resolved';
  author: string | null;
  createdAt: string | Date;
  updatedAt: string | Date;
  evidenceName: string | null;
  evidencePage: number | null;
}

/** Date and minute in Beijing time, the way a reader of the sheet expects it. */
export function beijingText(at: string | Date): string {
  const d = new Date(new Date(at).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

const label = (list: readonly { code: string; zh: string }[], code: string | null): string =>
  code ? (list.find((x) => x.code === code)?.zh ?? code) : '';

type Column = { head: string; width: number };

async function workbook(
  sheetName: string,
  title: string,
  columns: readonly Column[],
  rows: readonly (string | number)[][],
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rectify';
  const ws = wb.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.getCell(1, 1).value = title;
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getRow(1).height = 30;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(2).values = columns.map((c) => c.head);
  ws.getRow(2).eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
  });
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 3);
    row.values = values;
    for (let col = 1; col <= columns.length; col++) {
      const cell = row.getCell(col);
      cell.border = BORDER;
      cell.alignment = {
        vertical: 'middle',
        wrapText: true,
        horizontal: col === 1 ? 'center' : 'left',
      };
    }
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const FINDING_COLUMNS: readonly Column[] = [
  { head: '序号', width: 6 },
  { head: '发现问题', width: 30 },
  { head: '被巡视单位', width: 14 },
  { head: '巡视组', width: 12 },
  { head: '状态', width: 8 },
  { head: '对应问题', width: 40 },
  { head: '问题方面', width: 16 },
  { head: '严重程度', width: 8 },
  { head: '立行立改', width: 8 },
  { head: '整改要求', width: 30 },
  { head: '完成时限', width: 12 },
  { head: '批注数', width: 8 },
  { head: '创建人', width: 10 },
  { head: '创建时间', width: 17 },
];

/** 发现问题 as a sheet: one row per finding, with the wording of its questions. */
export function findingsWorkbook(
  title: string,
  framework: Pick<Framework, 'aspects' | 'severities'>,
  rows: readonly FindingExportRow[],
): Promise<Uint8Array> {
  return workbook(
    '发现问题',
    title,
    FINDING_COLUMNS,
    rows.map((f, i) => [
      i + 1,
      f.title,
      f.unit,
      f.group,
      STATE_LABEL[f.state] ?? f.state,
      f.questions.map((q) => `${q.code} ${q.zh}`).join('\n'),
      label(framework.aspects, f.aspect),
      label(framework.severities, f.severity),
      f.immediate ? '是' : '否',
      f.requirement,
      f.deadline ?? '',
      f.annotationCount,
      f.createdBy,
      beijingText(f.createdAt),
    ]),
  );
}

const ANNOTATION_COLUMNS: readonly Column[] = [
  { head: '序号', width: 6 },
  { head: '被巡视单位', width: 14 },
  { head: '整改任务', width: 24 },
  { head: '引文', width: 30 },
  { head: '批注', width: 36 },
  { head: '对应问题', width: 12 },
  { head: '方法步骤', width: 12 },
  { head: '状态', width: 8 },
  { head: '批注人', width: 10 },
  { head: '创建时间', width: 17 },
  { head: '更新时间', width: 17 },
  { head: '佐证材料', width: 20 },
  { head: '页码', width: 6 },
];

/** 批注 as a sheet: one row per annotation. */
export function annotationsWorkbook(
  title: string,
  framework: Pick<Framework, 'methodSteps'>,
  rows: readonly AnnotationExportRow[],
): Promise<Uint8Array> {
  return workbook(
    '批注',
    title,
    ANNOTATION_COLUMNS,
    rows.map((a, i) => [
      i + 1,
      a.unit,
      a.task ?? '',
      a.quote,
      a.body,
      a.questions.join('、'),
      label(framework.methodSteps, a.step),
      a.status === 'open' ? '未解决' : '已解决',
      a.author ?? '',
      beijingText(a.createdAt),
      beijingText(a.updatedAt),
      a.evidenceName ?? '',
      a.evidencePage ?? '',
    ]),
  );
}

/** `attachment` with the Chinese name percent-encoded (RFC 5987) and an ASCII fallback. */
export function attachment(ascii: string, name: string): string {
  const safe = name.replace(/[\\/:*?"<>|]/g, '_').replace(/\s+/g, ' ');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(safe)}`;
}
