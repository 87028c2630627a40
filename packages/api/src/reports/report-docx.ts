import type { ReportBlock, ReportModel } from '@rectify/domain';
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The page of GB/T 9704-2012 《党政机关公文格式》, in twips (1/20 pt; 1 mm =
 * 1440 / 25.4 ≈ 56.69 twips).
 *
 * A4 is 210 × 297 mm = 11906 × 16838. Margins: top 37 mm = 2098, bottom
 * 35 mm = 1984, left 28 mm = 1587, right 26 mm = 1474, leaving the standard
 * 156 × 225 mm type area (8845 × 12756 twips).
 *
 * 22 lines per page: 12756 / 22 = 579.8 twips. A line pitch of 580 would need
 * 12760 twips and push line 22 onto the next page, so the pitch is 579 twips
 * = 28.95 pt — the "固定值 28.95 磅" of common templates, now derived.
 *
 * 28 characters per line: 8845 / 28 = 315.9 twips = 15.795 pt per character,
 * a little under the 16 pt of 三号 type. The document grid (linesAndChars)
 * says so to Word and WPS: charSpace is (pitch − font size) × 4096 =
 * (15.795 − 16) × 4096 ≈ −841.
 */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
  linesPerPage: 22,
  charsPerLine: 28,
} as const;
const TYPE_HEIGHT = PAGE.height - PAGE.margin.top - PAGE.margin.bottom;
const TYPE_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
/** 579 twips = 28.95 pt. */
export const LINE_PITCH = Math.floor(TYPE_HEIGHT / PAGE.linesPerPage);
export const CHAR_SPACE = Math.round((TYPE_WIDTH / PAGE.charsPerLine / 20 - 16) * 4096);
/**
 * The page number sits 7 mm below the type area (GB/T 9704 §7.5): its middle
 * 35 − 7 = 28 mm above the paper's edge, so the footer line (14 pt ≈ 4.9 mm)
 * ends about 25.5 mm above it.
 */
const FOOTER_DISTANCE = Math.round(((35 - 7 - 4.94 / 2) * 1440) / 25.4);

const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, table text 小四 12 pt. */
export const SIZES = { title: 44, body: 32, pageNumber: 28, table: 24 } as const;
/** One character of 三号 type, for indents counted in characters. */
const CHAR = 320;

const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

/** Paragraph styles: each heading level and the body, named so Word's navigation shows them. */
const STYLES = {
  default: {
    document: {
      run: { font: font(FONTS.body), size: SIZES.body },
      paragraph: { spacing: exact },
    },
  },
  paragraphStyles: [
    {
      id: 'ReportTitle',
      name: 'Report Title',
      basedOn: 'Normal',
      run: { font: font(FONTS.title), size: SIZES.title },
      paragraph: { alignment: AlignmentType.CENTER, spacing: exact, outlineLevel: 0 },
    },
    {
      id: 'ReportBody',
      name: 'Report Body',
      basedOn: 'Normal',
      run: { font: font(FONTS.body), size: SIZES.body },
      paragraph: {
        alignment: AlignmentType.JUSTIFIED,
        spacing: exact,
        indent: { firstLine: 2 * CHAR },
      },
    },
    {
      id: 'ReportHeading1',
      name: 'Report Heading 1',
      basedOn: 'ReportBody',
      run: { font: font(FONTS.heading1), size: SIZES.body },
      paragraph: { spacing: exact, indent: { firstLine: 2 * CHAR }, outlineLevel: 1 },
    },
    {
      id: 'ReportHeading2',
      name: 'Report Heading 2',
      basedOn: 'ReportBody',
      run: { font: font(FONTS.heading2), size: SIZES.body },
      paragraph: { spacing: exact, indent: { firstLine: 2 * CHAR }, outlineLevel: 2 },
    },
    {
      id: 'ReportHeading3',
      name: 'Report Heading 3',
      basedOn: 'ReportBody',
      run: { font: font(FONTS.body), size: SIZES.body, bold: true },
      paragraph: { spacing: exact, indent: { firstLine: 2 * CHAR }, outlineLevel: 3 },
    },
  ],
};

/** Runs carry their font and size too, so a reader that ignores styles still shows the format. */
const run = (text: string, face: string, size: number = SIZES.body, bold = false) =>
  new TextRun({ text, font: font(face), size, bold });

const blank = () => new Paragraph({ style: 'ReportBody', children: [] });

const HEADING_FACE = { 1: FONTS.heading1, 2: FONTS.heading2, 3: FONTS.body } as const;

/** Width in characters as typeset: ASCII (digits of the date) takes half a character. */
const widthInChars = (s: string) =>
  [...s].reduce((n, ch) => n + (ch.charCodeAt(0) < 128 ? 0.5 : 1), 0);

/**
 * Signature and date without a seal (GB/T 9704 §7.3.5.2): the signature two
 * characters from the right, the date on the next line starting two
 * characters right of the signature's first character; a date longer than
 * that keeps two characters to the right and pushes the signature left.
 */
function signatureIndents(signature: string, date: string): { signature: number; date: number } {
  const sig = widthInChars(signature);
  const d = widthInChars(date);
  if (sig - d >= 2) return { signature: 2 * CHAR, date: Math.round((sig - d) * CHAR) };
  return { signature: Math.round((d + 4 - sig) * CHAR), date: 2 * CHAR };
}

function blockParagraphs(b: ReportBlock, model: ReportModel): Paragraph[] {
  switch (b.kind) {
    case 'title':
      return [
        new Paragraph({ style: 'ReportTitle', children: [run(b.text, FONTS.title, SIZES.title)] }),
        blank(),
      ];
    case 'heading': {
      const children = [run(b.text, HEADING_FACE[b.level], SIZES.body, b.level === 3)];
      if (b.rest) children.push(run(b.rest, FONTS.body));
      return [new Paragraph({ style: `ReportHeading${b.level}`, children })];
    }
    case 'paragraph':
    case 'problem':
      return [new Paragraph({ style: 'ReportBody', children: [run(b.text, FONTS.body)] })];
    case 'attachment-note':
      return [blank(), new Paragraph({ style: 'ReportBody', children: [run(b.text, FONTS.body)] })];
    case 'signature': {
      const date = model.blocks.find((x) => x.kind === 'date')?.text ?? '';
      return [
        blank(),
        new Paragraph({
          style: 'ReportBody',
          alignment: AlignmentType.RIGHT,
          indent: { firstLine: 0, right: signatureIndents(b.text, date).signature },
          children: [run(b.text, FONTS.body)],
        }),
      ];
    }
    case 'date': {
      const signature = model.blocks.find((x) => x.kind === 'signature')?.text ?? '';
      return [
        new Paragraph({
          style: 'ReportBody',
          alignment: AlignmentType.RIGHT,
          indent: { firstLine: 0, right: signatureIndents(signature, b.text).date },
          children: [run(b.text, FONTS.body)],
        }),
      ];
    }
  }
}

const cell = (text: string, width: number, header = false) =>
  new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    children: [
      new Paragraph({
        alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { line: 360, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [run(text, header ? FONTS.heading1 : FONTS.body, SIZES.table)],
      }),
    ],
  });

/** 附件 问题清单 on its own page: the label, the title, and one row per problem. */
function attachment(model: ReportModel): Array<Paragraph | Table> {
  const a = model.attachment;
  const columns = [
    { head: '序号', width: 600, value: (r: (typeof a.rows)[number]) => String(r.ordinal) },
    ...(a.withUnit
      ? [{ head: '单位', width: 1100, value: (r: (typeof a.rows)[number]) => r.unitName }]
      : []),
    {
      head: '问题',
      width: a.withUnit ? 1900 : 2300,
      value: (r: (typeof a.rows)[number]) => r.problem,
    },
    {
      head: '对应“是否”',
      width: a.withUnit ? 1600 : 2000,
      value: (r: (typeof a.rows)[number]) => r.question,
    },
    { head: '问题方面', width: 900, value: (r: (typeof a.rows)[number]) => r.aspect },
    {
      head: '整改要求',
      width: a.withUnit ? 1745 : 2045,
      value: (r: (typeof a.rows)[number]) => r.requirement,
    },
    { head: '整改时限', width: 1000, value: (r: (typeof a.rows)[number]) => r.deadline },
  ];
  return [
    new Paragraph({
      pageBreakBefore: true,
      indent: { firstLine: 0 },
      children: [run(a.label, FONTS.heading1)],
    }),
    blank(),
    new Paragraph({ style: 'ReportTitle', children: [run(a.title, FONTS.title, SIZES.title)] }),
    blank(),
    new Table({
      width: { size: TYPE_WIDTH, type: WidthType.DXA },
      layout: TableLayoutType.FIXED,
      columnWidths: columns.map((c) => c.width),
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: columns.map((c) => cell(c.head, c.width, true)),
        }),
        ...(a.rows.length === 0
          ? [new TableRow({ children: columns.map((c, i) => cell(i === 1 ? '无' : '', c.width)) })]
          : a.rows.map(
              (r) =>
                new TableRow({
                  cantSplit: true,
                  children: columns.map((c) => cell(c.value(r), c.width)),
                }),
            )),
      ],
    }),
  ];
}

/** "— 1 —" in 4号 宋体, one character in from the outer edge: right on odd pages, left on even. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        indent: side === 'odd' ? { right: SIZES.pageNumber * 10 } : { left: SIZES.pageNumber * 10 },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(FONTS.pageNumber),
            size: SIZES.pageNumber,
          }),
        ],
      }),
    ],
  });
}

/**
 * The report as a DOCX in the official format. Fonts are named, never
 * embedded: the reader's machine supplies them (every government office has
 * them), and the file stays small.
 */
export async function reportDocx(model: ReportModel): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = model.blocks.flatMap((b) => blockParagraphs(b, model));
  children.push(...attachment(model));
  const doc = new Document({
    creator: 'Rectify',
    title: model.title,
    styles: STYLES,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          titlePage: false,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...PAGE.margin, footer: FOOTER_DISTANCE, header: 851 },
          },
          grid: {
            type: DocumentGridType.LINES_AND_CHARS,
            linePitch: LINE_PITCH,
            charSpace: CHAR_SPACE,
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
