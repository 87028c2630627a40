import type { TextBlock } from '@rectify/domain';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Agenda } from './agenda.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface MinutesContent {
  roundName: string;
  title: string;
  heldOn: string;
  attendees: string[];
  agenda: Agenda | null;
  minutes: TextBlock[];
  decisions: string[];
  actionItems: Array<{ title: string; owner: string | null; dueOn: string | null; done: boolean }>;
}

const BODY_FONT = { ascii: '仿宋_GB2312', eastAsia: '仿宋_GB2312', hAnsi: '仿宋_GB2312' };
const HEADING_FONT = { ascii: '黑体', eastAsia: '黑体', hAnsi: '黑体' };
const TITLE_FONT = { ascii: '方正小标宋简体', eastAsia: '方正小标宋简体', hAnsi: '方正小标宋简体' };

const body = (text: string, opts: { bold?: boolean; indent?: boolean } = {}) =>
  new Paragraph({
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: 560, lineRule: 'exact' },
    children: [new TextRun({ text, font: BODY_FONT, size: 32, bold: opts.bold })],
  });
const heading = (text: string) =>
  new Paragraph({
    heading: HeadingLevel.HEADING_1,
    spacing: { line: 560, lineRule: 'exact' },
    indent: { firstLine: 640 },
    children: [new TextRun({ text, font: HEADING_FONT, size: 32 })],
  });

const cell = (text: string, bold = false) =>
  new TableCell({
    children: [
      new Paragraph({ children: [new TextRun({ text, font: BODY_FONT, size: 24, bold })] }),
    ],
  });

/** `2026-11-27` → `2026年11月27日` (Arabic numerals, as official documents date). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The minutes of a leaders' meeting as a DOCX: agenda figures, minutes, decisions, action items. */
export async function minutesDocx(m: MinutesContent): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: `${m.title}纪要`, font: TITLE_FONT, size: 44 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({
          text: `${m.roundName}　${chineseDate(m.heldOn)}`,
          font: BODY_FONT,
          size: 28,
        }),
      ],
    }),
    body(`出席：${m.attendees.length > 0 ? m.attendees.join('、') : '（未记录）'}`, {
      indent: false,
    }),
  ];
  let section = 0;
  const next = (title: string) => heading(`${CN_NUMBERS[section++] ?? section}、${title}`);

  if (m.agenda) {
    children.push(next('各组工作进展'));
    for (const g of m.agenda.groups) {
      const steps = Object.entries(g.steps)
        .map(([s, n]) => `${s === 'none' ? '未标步骤' : s} ${n} 条`)
        .join('，');
      children.push(
        body(
          `${g.name}：联系单位 ${g.units} 个，已提交陈述 ${g.statements} 份，已审阅 ${g.reviewed} 份；批注 ${g.annotations} 条（新增 ${g.newAnnotations} 条${steps ? `；${steps}` : ''}）；尚未覆盖的单位×问题 ${g.gaps} 项。`,
        ),
      );
    }
    if (m.agenda.findings.length > 0) {
      children.push(next('新增和变更的发现问题'));
      for (const f of m.agenda.findings) {
        children.push(
          body(
            `${f.change === 'new' ? '【新增】' : '【变更】'}${f.groupName}·${f.unitName}：${f.title}`,
          ),
        );
      }
    }
    if (m.agenda.overdue.length > 0) {
      children.push(next('逾期事项'));
      for (const a of m.agenda.overdue) {
        children.push(
          body(`${a.title}（责任人：${a.owner ?? '未指定'}，应于 ${chineseDate(a.dueOn)} 前完成）`),
        );
      }
    }
  }

  children.push(next('会议纪要'));
  if (m.minutes.length === 0) children.push(body('（无）'));
  for (const b of m.minutes) {
    if (b.kind === 'heading') children.push(body(b.text, { bold: true }));
    else if (b.kind === 'item') {
      const mark = b.number !== undefined ? `${b.number}.` : '·';
      children.push(body(`${'　'.repeat(Math.max(0, b.level - 1))}${mark} ${b.text}`));
    } else children.push(body(b.text));
  }

  children.push(next('议定事项'));
  if (m.decisions.length === 0) children.push(body('（无）'));
  m.decisions.forEach((d, i) => {
    children.push(body(`${i + 1}. ${d}`));
  });

  children.push(next('工作任务'));
  if (m.actionItems.length === 0) {
    children.push(body('（无）'));
  } else {
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: [
              cell('序号', true),
              cell('事项', true),
              cell('责任人', true),
              cell('完成时限', true),
              cell('状态', true),
            ],
          }),
          ...m.actionItems.map(
            (a, i) =>
              new TableRow({
                children: [
                  cell(String(i + 1)),
                  cell(a.title),
                  cell(a.owner ?? '未指定'),
                  cell(a.dueOn ? chineseDate(a.dueOn) : '—'),
                  cell(a.done ? '已完成' : '进行中'),
                ],
              }),
          ),
        ],
      }),
    );
  }

  const doc = new Document({
    creator: 'Rectify',
    title: `${m.title}纪要`,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
