import {
  buildReportModel,
  defaultFramework,
  defaultReportTexts,
  type ReportFindingInput,
  type ReportModel,
} from '@rectify/domain';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHAR_SPACE, LINE_PITCH, reportDocx } from './report-docx.ts';

const f = (id: string, over: Partial<ReportFindingInput> = {}): ReportFindingInput => ({
  id,
  unitName: '教务处',
  title: `问题${id}`,
  description: `事实${id}`,
  state: 'approved',
  questions: ['Q3'],
  aspect: 'A2',
  immediate: false,
  requirement: `要求${id}`,
  deadline: '2026-12-31',
  createdAt: `2026-03-01T00:00:0${id.at(-1)}.000Z`,
  evidence: [{ name: '会议纪要.pdf', page: 2 }],
  ...over,
});

const FINDINGS = [
  f('a1', { title: '导师制改革落实不到位', questions: ['Q3'] }),
  f('a2', { title: '整改台账更新不及时', questions: ['Q8'] }),
  f('a3', { title: '已下发的问题', state: 'issued', questions: ['Q1'] }),
  f('d4', { title: '草稿里的问题', state: 'draft' }),
  f('c5', { title: '组内确认的问题', state: 'confirmed' }),
];

const unitModel = (): ReportModel =>
  buildReportModel({
    unitName: '教务处',
    framework: defaultFramework,
    groupBy: 'focus',
    findings: FINDINGS,
    texts: {
      ...defaultReportTexts({ unitName: '教务处', groupName: '第一巡视组' }),
      date: '2026-11-27',
    },
  });

/** The parts of a DOCX a test looks at. */
async function unzip(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const read = (name: string) => zip.file(name)!.async('string');
  return {
    names: Object.keys(zip.files),
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    settings: await read('word/settings.xml'),
    fontTable: await read('word/fontTable.xml'),
    rels: await read('word/_rels/document.xml.rels'),
    read,
  };
}

/** The paragraph (`<w:p>…</w:p>`) whose text starts with `text`. */
function paragraph(xml: string, text: string): string {
  const p = xml.split('</w:p>').find((chunk) => {
    const texts = [...chunk.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    return texts.startsWith(text);
  });
  if (!p) throw new Error(`no paragraph starting ${text}`);
  return p;
}

/** Font, size and boldness of a paragraph's first run. */
function firstRun(p: string) {
  const r = p.slice(p.indexOf('<w:r>'));
  return {
    font: /<w:rFonts[^>]*w:eastAsia="([^"]+)"/.exec(r)?.[1],
    size: Number(/<w:sz w:val="(\d+)"/.exec(r)?.[1]),
    bold: /<w:b\/>|<w:b w:val="(true|1)"\/>/.test(r.slice(0, r.indexOf('</w:rPr>'))),
  };
}

/** A style's run font, size and boldness in styles.xml. */
function style(styles: string, id: string) {
  const s = styles.slice(styles.indexOf(`w:styleId="${id}"`));
  const body = s.slice(0, s.indexOf('</w:style>'));
  return {
    font: /<w:rFonts[^>]*w:eastAsia="([^"]+)"/.exec(body)?.[1],
    size: Number(/<w:sz w:val="(\d+)"/.exec(body)?.[1]),
    bold: /<w:b\/>/.test(body),
    line: /<w:spacing[^>]*w:line="(\d+)"[^>]*w:lineRule="exact"/.exec(body)?.[1],
  };
}

describe('feedback report DOCX (GB/T 9704-2012)', () => {
  let docx: Awaited<ReturnType<typeof unzip>>;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await reportDocx(unitModel());
    docx = await unzip(bytes);
  });

  it('derives 28.95 pt lines (22 per page) and a 28-character grid from the type area', () => {
    expect(LINE_PITCH).toBe(579);
    expect(LINE_PITCH / 20).toBeCloseTo(28.95, 2);
    expect(LINE_PITCH * 22).toBeLessThanOrEqual(16838 - 2098 - 1984);
    expect((LINE_PITCH + 1) * 22).toBeGreaterThan(16838 - 2098 - 1984);
    expect(CHAR_SPACE).toBe(-841);
  });

  it('is A4 with margins of 37, 35, 28 and 26 mm and a line-and-character grid', () => {
    expect(docx.document).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    const mar = /<w:pgMar ([^>]*)\/>/.exec(docx.document)![1]!;
    expect(mar).toContain('w:top="2098"');
    expect(mar).toContain('w:bottom="1984"');
    expect(mar).toContain('w:left="1587"');
    expect(mar).toContain('w:right="1474"');
    expect(docx.document).toContain(
      '<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-841"/>',
    );
  });

  it('sets the title in 方正小标宋简体 二号, centred', () => {
    const p = paragraph(docx.document, '关于对教务处中央巡视整改落实情况专项巡视的反馈意见');
    expect(p).toContain('<w:pStyle w:val="ReportTitle"/>');
    expect(firstRun(p)).toEqual({ font: '方正小标宋简体', size: 44, bold: false });
    expect(style(docx.styles, 'ReportTitle')).toMatchObject({ font: '方正小标宋简体', size: 44 });
    expect(docx.styles.slice(docx.styles.indexOf('w:styleId="ReportTitle"'))).toMatch(
      /^[\s\S]*?<w:jc w:val="center"\/>/,
    );
  });

  it('sets the body in 仿宋_GB2312 三号 with exact 28.95 pt lines and a two-character indent', () => {
    const p = paragraph(docx.document, '根据校党委统一部署');
    expect(p).toContain('<w:pStyle w:val="ReportBody"/>');
    expect(firstRun(p)).toEqual({ font: '仿宋_GB2312', size: 32, bold: false });
    expect(style(docx.styles, 'ReportBody')).toEqual({
      font: '仿宋_GB2312',
      size: 32,
      bold: false,
      line: '579',
    });
    expect(docx.styles).toMatch(/w:styleId="ReportBody"[\s\S]*?<w:ind w:firstLine="640"\/>/);
    // The document default is the body, so even unstyled text keeps the grid.
    expect(docx.styles).toMatch(
      /<w:docDefaults>[\s\S]*w:eastAsia="仿宋_GB2312"[\s\S]*<\/w:docDefaults>/,
    );
  });

  it('sets level-1 headings in 黑体, level 2 in 楷体_GB2312 and level 3 in bold 仿宋, all 三号', () => {
    const h1 = paragraph(docx.document, '一、总体评价');
    expect(h1).toContain('ReportHeading1');
    expect(firstRun(h1)).toEqual({ font: '黑体', size: 32, bold: false });
    const h2 = paragraph(docx.document, '（一）抓落实方面');
    expect(h2).toContain('ReportHeading2');
    expect(firstRun(h2)).toEqual({ font: '楷体_GB2312', size: 32, bold: false });
    const h3 = paragraph(docx.document, '1. 能够立行立改的');
    expect(h3).toContain('ReportHeading3');
    expect(firstRun(h3)).toEqual({ font: '仿宋_GB2312', size: 32, bold: true });
    expect(style(docx.styles, 'ReportHeading1')).toEqual({
      font: '黑体',
      size: 32,
      bold: false,
      line: '579',
    });
    expect(style(docx.styles, 'ReportHeading2')).toEqual({
      font: '楷体_GB2312',
      size: 32,
      bold: false,
      line: '579',
    });
    expect(style(docx.styles, 'ReportHeading3')).toEqual({
      font: '仿宋_GB2312',
      size: 32,
      bold: true,
      line: '579',
    });
    // A level-2 heading with text running on: the heading in 楷体, the rest in 仿宋.
    const runOn = paragraph(docx.document, '（一）提高政治站位，压实整改责任。');
    const fonts = [...runOn.matchAll(/w:eastAsia="([^"]+)"/g)].map((m) => m[1]);
    expect(fonts).toEqual(['楷体_GB2312', '仿宋_GB2312']);
  });

  it('numbers pages "— 1 —" in 4号 宋体, odd pages right and even pages left, first page not special', async () => {
    expect(docx.settings).toContain('<w:evenAndOddHeaders/>');
    expect(docx.document).not.toMatch(/<w:titlePg\/>|<w:titlePg w:val="(true|1)"\/>/);
    const refs = Object.fromEntries(
      [...docx.document.matchAll(/<w:footerReference w:type="(\w+)" r:id="(\w+)"\/>/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    expect(Object.keys(refs).sort()).toEqual(['default', 'even']);
    const target = (id: string) =>
      new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(docx.rels)![1]!;
    for (const [type, align, indent] of [
      ['default', 'right', 'w:right="280"'],
      ['even', 'left', 'w:left="280"'],
    ] as const) {
      const xml = await docx.read(`word/${target(refs[type]!)}`);
      expect(xml, type).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(xml).toContain('<w:fldChar w:fldCharType="begin"/>');
      expect(xml).toContain(`<w:jc w:val="${align}"/>`);
      expect(xml).toContain(indent);
      expect(xml).toContain('>— </w:t>');
      expect(xml).toContain('> —</w:t>');
      expect(xml).toMatch(/w:eastAsia="宋体"[\s\S]*<w:sz w:val="28"\/>/);
    }
  });

  it('names its fonts and embeds none', () => {
    expect(docx.names.some((n) => n.startsWith('word/fonts/'))).toBe(false);
    expect(docx.fontTable).not.toMatch(/embedRegular|embedBold/);
  });

  it('contains every approved and issued finding of the unit, its problem list, and no draft', async () => {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    for (const title of ['导师制改革落实不到位', '整改台账更新不及时', '已下发的问题']) {
      expect(value).toContain(title);
    }
    expect(value).not.toContain('草稿里的问题');
    expect(value).not.toContain('组内确认的问题');
    expect(value).toContain(
      '一是导师制改革落实不到位。事实a1。（见佐证材料《会议纪要.pdf》第2页）',
    );
    expect(value).toContain('问题清单');
    expect(value).toContain('2026年11月27日');
    expect(value).toContain('校党委第一巡视组');
  });

  it('renders the same text twice from the same data', async () => {
    const again = await unzip(await reportDocx(unitModel()));
    expect(again.document).toBe(docx.document);
    expect(again.styles).toBe(docx.styles);
  });

  it('renders the round summary across units, with a unit column in the problem list', async () => {
    const model = buildReportModel({
      unitName: null,
      framework: defaultFramework,
      groupBy: 'aspect',
      findings: [...FINDINGS, f('b6', { unitName: '研究生院', title: '研究生院的问题' })],
      texts: { ...defaultReportTexts({ unitName: null, groupName: null }), date: '2026-11-28' },
    });
    const out = await unzip(await reportDocx(model));
    const { value } = await mammoth.extractRawText({
      buffer: Buffer.from(await reportDocx(model)),
    });
    expect(value).toContain('关于中央巡视整改落实情况专项巡视反馈意见的综合报告');
    expect(value).toContain('研究生院的问题');
    expect(value).not.toContain('草稿里的问题');
    expect(firstRun(paragraph(out.document, '（一）教务处')).font).toBe('楷体_GB2312');
    expect(firstRun(paragraph(out.document, '1. 工作机制方面'))).toEqual({
      font: '仿宋_GB2312',
      size: 32,
      bold: true,
    });
    expect(out.document).toContain('>单位</w:t>');
  });
});
