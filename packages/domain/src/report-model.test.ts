import { describe, expect, it } from 'vitest';
import { defaultFramework } from './framework.ts';
import {
  buildReportModel,
  chineseNumber,
  defaultReportTexts,
  type ReportFindingInput,
  type ReportInput,
  reportDateText,
  reportPlainText,
  textToBlocks,
} from './report-model.ts';

const finding = (over: Partial<ReportFindingInput> & { id: string }): ReportFindingInput => ({
  unitName: '教务处',
  title: `问题${over.id}`,
  description: '',
  state: 'approved',
  questions: ['Q3'],
  aspect: 'A1',
  immediate: false,
  requirement: '限期整改',
  deadline: '2026-12-31',
  createdAt: `2026-03-0${over.id.length}T00:00:00.000Z`,
  evidence: [],
  ...over,
});

const FINDINGS: ReportFindingInput[] = [
  finding({
    id: 'f1',
    title: '导师制改革落实不到位',
    description: '陈述称已全面完成导师制改革，\n但佐证材料仅有通知文件。',
    questions: ['Q3', 'Q5'],
    aspect: 'A2',
    createdAt: '2026-03-01T00:00:00.000Z',
    evidence: [
      { name: '导师制实施办法.pdf', page: 3 },
      { name: '会议纪要.docx', page: null },
      { name: '导师制实施办法.pdf', page: 3 },
    ],
  }),
  finding({
    id: 'f2',
    title: '整改台账更新不及时',
    questions: ['Q8'],
    aspect: 'A2',
    createdAt: '2026-03-02T00:00:00.000Z',
    immediate: true,
    deadline: null,
  }),
  finding({
    id: 'f3',
    title: '主体责任压得不实',
    questions: ['Q1'],
    aspect: 'A1',
    createdAt: '2026-03-03T00:00:00.000Z',
    state: 'issued',
  }),
  finding({ id: 'd1', title: '草稿问题', state: 'draft', createdAt: '2026-03-04T00:00:00.000Z' }),
  finding({
    id: 'c1',
    title: '已确认未批准',
    state: 'confirmed',
    createdAt: '2026-03-05T00:00:00.000Z',
  }),
  finding({
    id: 'o1',
    unitName: '研究生院',
    title: '别的单位',
    createdAt: '2026-03-06T00:00:00.000Z',
  }),
];

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  unitName: '教务处',
  framework: defaultFramework,
  texts: {
    ...defaultReportTexts({ unitName: '教务处', groupName: '第一巡视组' }),
    date: '2026-11-27',
  },
  groupBy: 'focus',
  findings: FINDINGS,
  ...over,
});

describe('report content model', () => {
  it('titles the report after the unit and the configurable subject', () => {
    expect(buildReportModel(input()).title).toBe(
      '关于对教务处中央巡视整改落实情况专项巡视的反馈意见',
    );
    const texts = { ...input().texts, subject: '巡视整改落实情况' };
    expect(buildReportModel(input({ texts })).title).toBe(
      '关于对教务处巡视整改落实情况专项巡视的反馈意见',
    );
  });

  it('contains the approved and issued findings of the unit, never drafts, confirmed ones or other units', () => {
    const m = buildReportModel(input());
    expect(m.findingIds.sort()).toEqual(['f1', 'f2', 'f3']);
    const text = reportPlainText(m);
    expect(text).not.toMatch(/草稿问题|已确认未批准|别的单位/);
  });

  it('has the three sections in order, with opening, signature and date in Arabic numerals', () => {
    const m = buildReportModel(input());
    const l1 = m.blocks
      .filter((b) => b.kind === 'heading' && b.level === 1)
      .map((b) => b.kind === 'heading' && b.text);
    expect(l1).toEqual(['一、总体评价', '二、发现的主要问题', '三、整改意见和要求']);
    expect(m.blocks[0]).toEqual({ kind: 'title', text: m.title });
    expect(m.blocks[1]?.kind).toBe('paragraph');
    expect(m.blocks.at(-2)).toEqual({ kind: 'signature', text: '校党委第一巡视组' });
    expect(m.blocks.at(-1)).toEqual({ kind: 'date', text: '2026年11月27日' });
    expect(m.blocks.at(-3)).toEqual({ kind: 'attachment-note', text: '附件：问题清单' });
  });

  it('groups problems by focus, numbering each group 一是、二是 with facts and evidence references', () => {
    const m = buildReportModel(input());
    const text = reportPlainText(m);
    expect(text).toContain('（一）抓落实方面');
    expect(text).toContain('（二）抓协同方面');
    expect(text).toContain('二是主体责任压得不实。');
    expect(text).toContain(
      '（一）抓落实方面\n一是导师制改革落实不到位。陈述称已全面完成导师制改革，但佐证材料仅有通知文件。（见佐证材料《会议纪要.docx》、《导师制实施办法.pdf》第3页）',
    );
    expect(text).toContain('（二）抓协同方面\n一是整改台账更新不及时。');
  });

  it('groups by aspect when asked', () => {
    const text = reportPlainText(buildReportModel(input({ groupBy: 'aspect' })));
    expect(text).toContain('（一）责任担当方面\n一是主体责任压得不实。');
    expect(text).toContain('（二）工作机制方面\n一是导师制改革落实不到位。');
    expect(text).toContain('二是整改台账更新不及时。');
  });

  it('lists every problem in the attachment with question, aspect, requirement and deadline', () => {
    const rows = buildReportModel(input({ groupBy: 'aspect' })).attachment.rows;
    expect(rows.map((r) => r.findingId)).toEqual(['f3', 'f1', 'f2']);
    expect(rows[1]).toMatchObject({
      ordinal: 2,
      problem: '导师制改革落实不到位',
      aspect: '工作机制',
      requirement: '限期整改',
      deadline: '2026年12月31日',
    });
    expect(rows[1]!.question).toContain('是否存在“纸面整改”“落而不实”情况；长期坚持');
    expect(rows[2]!.deadline).toBe('立行立改');
  });

  it('uses the wording frozen with an issued finding over the current framework', () => {
    const frozen = {
      questions: [{ code: 'Q1', focus: 'F1', zh: '旧的问题措辞', en: 'old' }],
      aspect: { code: 'A1', zh: '旧方面', en: 'old' },
    };
    const findings = FINDINGS.map((f) => (f.id === 'f3' ? { ...f, frozen } : f));
    const m = buildReportModel(input({ findings, groupBy: 'aspect' }));
    expect(m.attachment.rows[0]).toMatchObject({ question: '旧的问题措辞', aspect: '旧方面' });
  });

  it('gives the same text for the same data in any order', () => {
    const a = reportPlainText(buildReportModel(input()));
    const b = reportPlainText(buildReportModel(input({ findings: [...FINDINGS].reverse() })));
    expect(b).toBe(a);
  });

  it('turns numbered lines of the free texts into headings of their level', () => {
    expect(textToBlocks('（一）提高站位。要切实负责。\n1. 立行立改\n普通段落\n\n')).toEqual([
      { kind: 'heading', level: 2, text: '（一）提高站位。', rest: '要切实负责。' },
      { kind: 'heading', level: 3, text: '1. 立行立改', rest: '' },
      { kind: 'paragraph', text: '普通段落' },
    ]);
  });

  it('builds a round summary over every unit, a unit per level-2 heading and a group per level 3', () => {
    const m = buildReportModel(
      input({
        unitName: null,
        texts: { ...defaultReportTexts({ unitName: null, groupName: null }), date: '2026-11-27' },
      }),
    );
    expect(m.kind).toBe('summary');
    expect(m.title).toBe('关于中央巡视整改落实情况专项巡视反馈意见的综合报告');
    expect(m.attachment.withUnit).toBe(true);
    expect(m.findingIds.sort()).toEqual(['f1', 'f2', 'f3', 'o1']);
    const end = m.blocks.findIndex((b) => b.kind === 'heading' && b.text === '三、整改意见和要求');
    const headings = m.blocks
      .slice(0, end)
      .filter((b) => b.kind === 'heading' && b.level > 1)
      .map((b) => b.kind === 'heading' && b.text);
    expect(headings).toEqual([
      '（一）教务处',
      '1. 抓落实方面',
      '2. 抓协同方面',
      '（二）研究生院',
      '1. 抓落实方面',
    ]);
  });

  it('says so when there is nothing to report', () => {
    const m = buildReportModel(input({ findings: [] }));
    expect(reportPlainText(m)).toContain('本次巡视未发现需要反馈的问题。');
    expect(m.attachment.rows).toEqual([]);
  });

  it('writes Chinese ordinals and dates as official documents do', () => {
    expect([1, 9, 10, 11, 20, 23].map(chineseNumber)).toEqual([
      '一',
      '九',
      '十',
      '十一',
      '二十',
      '二十三',
    ]);
    expect(reportDateText('2026-01-05')).toBe('2026年1月5日');
  });
});
