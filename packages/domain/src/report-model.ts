import type { Framework } from './framework.ts';
import type { FindingState } from './models.ts';
import { chineseNumber, type ReportTexts, reportDateText } from './report-model-text.ts';

export * from './report-model-text.ts';

/**
 * The feedback report (巡视反馈意见) as content: the one model the browser
 * previews and the DOCX renders, so both always say the same thing. Pure and
 * deterministic: the same findings and texts give the same model, whatever
 * order the findings arrive in.
 */

export const REPORT_GROUPINGS = ['focus', 'aspect'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];

/** Findings that may appear in a report: approved, or already delivered. Never drafts. */
export const REPORTABLE_STATES: readonly FindingState[] = [
  'approved',
  'issued',
  'rectifying',
  'closed',
];

export interface ReportEvidenceRef {
  name: string;
  page: number | null;
}

/** The wording in force when a finding was issued, frozen with it. */
export interface FrozenWording {
  questions: Array<{ code: string; focus: string; zh: string; en: string }>;
  aspect: { code: string; zh: string; en: string } | null;
}

export interface ReportFindingInput {
  id: string;
  unitName: string;
  title: string;
  description: string;
  state: FindingState;
  /** Question codes, in framework order. */
  questions: readonly string[];
  aspect: string | null;
  immediate: boolean;
  requirement: string;
  deadline: string | null;
  /** ISO time; with the id, the order problems are numbered in. */
  createdAt: string;
  /** Evidence the finding's annotations point at. */
  evidence: readonly ReportEvidenceRef[];
  frozen?: FrozenWording | null;
}

export interface ReportInput {
  /** null: the round summary, covering every unit. */
  unitName: string | null;
  framework: Framework;
  texts: ReportTexts;
  groupBy: ReportGrouping;
  findings: readonly ReportFindingInput[];
}

export type ReportBlock =
  | { kind: 'title'; text: string }
  /** Level 1 "一、" 黑体, level 2 "（一）" 楷体, level 3 "1." 仿宋 bold; `rest` runs on in body type. */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; rest: string }
  | { kind: 'paragraph'; text: string }
  /** One problem, written "一是…": its title, facts and evidence references. */
  | {
      kind: 'problem';
      findingId: string;
      marker: string;
      title: string;
      facts: string;
      evidence: ReportEvidenceRef[];
      text: string;
    }
  | { kind: 'attachment-note'; text: string }
  | { kind: 'signature'; text: string }
  | { kind: 'date'; text: string };

export interface ReportAttachmentRow {
  ordinal: number;
  findingId: string;
  unitName: string;
  problem: string;
  question: string;
  aspect: string;
  requirement: string;
  deadline: string;
}

export interface ReportModel {
  kind: 'unit' | 'summary';
  title: string;
  groupBy: ReportGrouping;
  blocks: ReportBlock[];
  /** 附件 问题清单: one row per problem, numbered as in the text. */
  attachment: { label: string; title: string; withUnit: boolean; rows: ReportAttachmentRow[] };
  findingIds: string[];
  date: string | null;
}

const CN = '[一二三四五六七八九十]+';
const LEVEL1 = new RegExp(`^${CN}、`);
const LEVEL2 = new RegExp(`^（${CN}）`);
const LEVEL3 = /^\d+[.．]/;

/** Splits a heading line at its first full stop: the heading, then text running on. */
function splitHeading(line: string): { text: string; rest: string } {
  const stop = line.search(/[。：:]/);
  if (stop < 0 || stop === line.length - 1) return { text: line, rest: '' };
  return { text: line.slice(0, stop + 1), rest: line.slice(stop + 1) };
}

/** Free text to blocks: one paragraph per line; numbered lines become headings of their level. */
export function textToBlocks(text: string): ReportBlock[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line): ReportBlock => {
      const level = LEVEL1.test(line) ? 1 : LEVEL2.test(line) ? 2 : LEVEL3.test(line) ? 3 : 0;
      if (level === 0) return { kind: 'paragraph', text: line };
      return { kind: 'heading', level: level as 1 | 2 | 3, ...splitHeading(line) };
    });
}

const byTime = (a: ReportFindingInput, b: ReportFindingInput) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1;

const oneLine = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .join('');

function endSentence(s: string): string {
  if (s === '') return s;
  return /[。！？；…”」）)]$/.test(s) ? s : `${s}。`;
}

function evidenceRefs(refs: readonly ReportEvidenceRef[]): ReportEvidenceRef[] {
  const seen = new Map<string, ReportEvidenceRef>();
  for (const r of refs) seen.set(`${r.name}\u0000${r.page ?? ''}`, { name: r.name, page: r.page });
  return [...seen.values()].sort((a, b) =>
    a.name !== b.name ? (a.name < b.name ? -1 : 1) : (a.page ?? 0) - (b.page ?? 0),
  );
}

/** "（见佐证材料《会议纪要.pdf》第3页、《台账.xlsx》）" */
export function evidenceText(refs: readonly ReportEvidenceRef[]): string {
  if (refs.length === 0) return '';
  const parts = refs.map((r) => `《${r.name}》${r.page ? `第${r.page}页` : ''}`);
  return `（见佐证材料${parts.join('、')}）`;
}

function questionsOf(fw: Framework, f: ReportFindingInput) {
  if (f.frozen) return f.frozen.questions;
  return f.questions.map((code) => {
    const q = fw.questions.find((x) => x.code === code);
    return { code, focus: q?.focus ?? '', zh: q?.zh ?? code, en: q?.en ?? code };
  });
}

function aspectOf(fw: Framework, f: ReportFindingInput): { code: string; zh: string } | null {
  if (f.frozen) return f.frozen.aspect;
  if (!f.aspect) return null;
  const a = fw.aspects.find((x) => x.code === f.aspect);
  return { code: f.aspect, zh: a?.zh ?? f.aspect };
}

interface Group {
  key: string;
  label: string;
  order: number;
  findings: ReportFindingInput[];
}

/** Groups findings under focuses (by their first question) or aspects, in framework order. */
function groupFindings(
  fw: Framework,
  findings: readonly ReportFindingInput[],
  by: ReportGrouping,
): Group[] {
  const groups = new Map<string, Group>();
  for (const f of findings) {
    let key = 'other';
    let label = '其他方面';
    let order = 9_999;
    if (by === 'focus') {
      const focusCode = questionsOf(fw, f)[0]?.focus;
      const i = fw.focuses.findIndex((x) => x.code === focusCode);
      if (focusCode && i >= 0) {
        key = focusCode;
        label = `${fw.focuses[i]!.zh}方面`;
        order = i;
      }
    } else {
      const a = aspectOf(fw, f);
      if (a) {
        key = a.code;
        label = `${a.zh}方面`;
        const i = fw.aspects.findIndex((x) => x.code === a.code);
        order = i >= 0 ? i : 9_000;
      }
    }
    const g = groups.get(key) ?? { key, label, order, findings: [] };
    g.findings.push(f);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => a.order - b.order || (a.key < b.key ? -1 : 1));
}

function deadlineText(f: ReportFindingInput): string {
  if (f.deadline) return reportDateText(f.deadline);
  return f.immediate ? '立行立改' : '持续整改';
}

/** Builds the feedback report of one unit, or the round summary when `unitName` is null. */
export function buildReportModel(input: ReportInput): ReportModel {
  const { framework: fw, texts } = input;
  const summary = input.unitName === null;
  const findings = input.findings
    .filter((f) => REPORTABLE_STATES.includes(f.state))
    .filter((f) => summary || f.unitName === input.unitName)
    .slice()
    .sort(byTime);

  const title = summary
    ? `关于${texts.subject}专项巡视反馈意见的综合报告`
    : `关于对${input.unitName}${texts.subject}专项巡视的反馈意见`;
  const blocks: ReportBlock[] = [{ kind: 'title', text: title }];
  blocks.push(...textToBlocks(texts.opening));
  blocks.push({ kind: 'heading', level: 1, text: '一、总体评价', rest: '' });
  blocks.push(...textToBlocks(texts.assessment));
  blocks.push({ kind: 'heading', level: 1, text: '二、发现的主要问题', rest: '' });

  const rows: ReportAttachmentRow[] = [];
  const problem = (f: ReportFindingInput, n: number): ReportBlock => {
    const marker = `${chineseNumber(n)}是`;
    const facts = oneLine(f.description);
    const evidence = evidenceRefs(f.evidence);
    const head = endSentence(oneLine(f.title));
    const text = `${marker}${head}${endSentence(facts)}${evidenceText(evidence)}`;
    rows.push({
      ordinal: rows.length + 1,
      findingId: f.id,
      unitName: f.unitName,
      problem: oneLine(f.title),
      question: questionsOf(fw, f)
        .map((q) => q.zh)
        .join('；'),
      aspect: aspectOf(fw, f)?.zh ?? '',
      requirement: oneLine(f.requirement),
      deadline: deadlineText(f),
    });
    return { kind: 'problem', findingId: f.id, marker, title: head, facts, evidence, text };
  };

  if (findings.length === 0) {
    blocks.push({ kind: 'paragraph', text: '本次巡视未发现需要反馈的问题。' });
  } else if (!summary) {
    groupFindings(fw, findings, input.groupBy).forEach((g, gi) => {
      blocks.push({
        kind: 'heading',
        level: 2,
        text: `（${chineseNumber(gi + 1)}）${g.label}`,
        rest: '',
      });
      g.findings.forEach((f, i) => {
        blocks.push(problem(f, i + 1));
      });
    });
  } else {
    const units = new Map<string, ReportFindingInput[]>();
    for (const f of findings) units.set(f.unitName, [...(units.get(f.unitName) ?? []), f]);
    const names = [...units.keys()].sort((a, b) => a.localeCompare(b, 'zh-CN') || (a < b ? -1 : 1));
    names.forEach((name, ui) => {
      blocks.push({
        kind: 'heading',
        level: 2,
        text: `（${chineseNumber(ui + 1)}）${name}`,
        rest: '',
      });
      groupFindings(fw, units.get(name)!, input.groupBy).forEach((g, gi) => {
        blocks.push({ kind: 'heading', level: 3, text: `${gi + 1}. ${g.label}`, rest: '' });
        g.findings.forEach((f, i) => {
          blocks.push(problem(f, i + 1));
        });
      });
    });
  }

  blocks.push({ kind: 'heading', level: 1, text: '三、整改意见和要求', rest: '' });
  blocks.push(...textToBlocks(texts.requirements));
  blocks.push({ kind: 'attachment-note', text: '附件：问题清单' });
  blocks.push({ kind: 'signature', text: texts.signature.trim() });
  blocks.push({ kind: 'date', text: reportDateText(texts.date) || '　　年　　月　　日' });

  return {
    kind: summary ? 'summary' : 'unit',
    title,
    groupBy: input.groupBy,
    blocks,
    attachment: { label: '附件', title: '问题清单', withUnit: summary, rows },
    findingIds: rows.map((r) => r.findingId),
    date: texts.date,
  };
}

/** The model as plain text, one block per line (tests, search, and comparing two renderings). */
export function reportPlainText(model: ReportModel): string {
  const lines = model.blocks.map((b) => (b.kind === 'heading' ? `${b.text}${b.rest}` : b.text));
  lines.push(model.attachment.label, model.attachment.title);
  for (const r of model.attachment.rows) {
    lines.push(
      [
        r.ordinal,
        ...(model.attachment.withUnit ? [r.unitName] : []),
        r.problem,
        r.question,
        r.aspect,
        r.requirement,
        r.deadline,
      ].join('\t'),
    );
  }
  return lines.join('\n');
}
