/**
 * Small text helpers for the feedback report: Chinese ordinals, dates in
 * Arabic numerals, and the default wording an inspection group starts from.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (1–99; larger numbers stay Arabic). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** `2026-11-27` → `2026年11月27日`: official documents date in Arabic numerals, no leading zeros. */
export function reportDateText(iso: string | null): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The editable texts of a report; everything else is built from the findings. */
export interface ReportTexts {
  /** What was inspected, in the title: 关于对{unit}{subject}专项巡视的反馈意见. */
  subject: string;
  opening: string;
  /** 一、总体评价 */
  assessment: string;
  /** 三、整改意见和要求: lines starting （一） or 1. become headings of their level. */
  requirements: string;
  signature: string;
  /** YYYY-MM-DD, or null until someone sets it (issuing fills in the issue date). */
  date: string | null;
}

export const DEFAULT_REPORT_SUBJECT = '中央巡视整改落实情况';

/**
 * The wording a new draft starts from. The group edits it before issuing;
 * nothing here is a finding, so nothing here is confidential.
 */
export function defaultReportTexts(ctx: {
  unitName: string | null;
  groupName: string | null;
  subject?: string;
}): ReportTexts {
  const subject = ctx.subject ?? DEFAULT_REPORT_SUBJECT;
  if (ctx.unitName === null) {
    return {
      subject,
      opening: `根据校党委统一部署，各巡视组对有关单位${subject}开展了专项巡视。现将各单位反馈意见汇总报告如下。`,
      assessment:
        '各被巡视单位党组织能够把巡视整改作为重大政治任务，整改工作总体有序推进，但一些单位仍存在整改责任压得不实、长效机制不够健全等问题。',
      requirements:
        '（一）压实整改责任。各单位党组织要切实扛起整改主体责任，对反馈问题逐项制定整改措施。\n（二）强化跟踪督办。巡视工作领导小组办公室要建立整改台账，定期调度，对逾期未完成的问题督促整改。',
      signature: '巡视工作领导小组办公室',
      date: null,
    };
  }
  return {
    subject,
    opening: `根据校党委统一部署，${ctx.groupName ?? '巡视组'}对${ctx.unitName}${subject}开展了专项巡视。巡视组坚持问题导向，通过研读文本、比对表述，查阅资料、辨析真伪，个别谈话、求证核实，对${ctx.unitName}整改落实情况进行了监督检查。现将巡视情况反馈如下。`,
    assessment: `${ctx.unitName}党组织能够把中央巡视整改作为重要政治任务，制定整改方案，推动整改任务落实，取得了阶段性成效。同时，巡视也发现了一些问题。`,
    requirements: `（一）提高政治站位，压实整改责任。${ctx.unitName}党组织要切实扛起整改主体责任，主要负责同志要履行第一责任人职责。\n（二）坚持问题导向，逐项整改落实。对反馈的问题要逐项制定整改措施，明确责任人和完成时限：\n1. 能够立行立改的，要立即整改到位；\n2. 需要持续整改的，要制定阶段目标，持续推进。\n（三）建立长效机制，巩固整改成效。要举一反三，完善制度，防止问题反弹。\n整改落实情况请于反馈后2个月内报送校党委巡视工作领导小组办公室。`,
    signature: `校党委${ctx.groupName ?? '巡视组'}`,
    date: null,
  };
}
