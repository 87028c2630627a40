import type { Lang } from '../../i18n/i18n.tsx';
import type { GroupOverview } from '../../lib/contracts.ts';
import type { Rollup } from './findings-api.ts';

/** What a bar chart shows: one bar group per label, one bar per series. */
export interface BarData {
  labels: string[];
  series: Array<{ label: string; values: number[]; tone: 'accent' | 'muted' | 'brand' }>;
}

/** Focus and aspect names are long in English ("F1: …"); the part before the colon is enough. */
const named = (x: { zh: string; en: string }, lang: Lang) =>
  lang === 'en' ? x.en.split(':')[0]!.trim() : x.zh;

/** Findings and annotations per focus, in the framework's order. */
export function focusChart(
  rollup: Pick<Rollup, 'focuses'>,
  lang: Lang,
  names: { findings: string; annotations: string },
): BarData {
  return {
    labels: rollup.focuses.map((f) => `${f.code} ${named(f, lang)}`),
    series: [
      { label: names.findings, values: rollup.focuses.map((f) => f.findings), tone: 'accent' },
      {
        label: names.annotations,
        values: rollup.focuses.map((f) => f.annotations),
        tone: 'muted',
      },
    ],
  };
}

/** Findings per aspect, in the framework's order. */
export function aspectChart(
  rollup: Pick<Rollup, 'aspects'>,
  lang: Lang,
  names: { findings: string },
): BarData {
  return {
    labels: rollup.aspects.map((a) => named(a, lang)),
    series: [
      { label: names.findings, values: rollup.aspects.map((a) => a.findings), tone: 'accent' },
    ],
  };
}

/**
 * Each group's statements reviewed and still to review, out of those
 * submitted (the current state: the API keeps no weekly history).
 */
export function progressChart(
  groups: readonly Pick<GroupOverview, 'name' | 'statementsSubmitted' | 'statementsReviewed'>[],
  names: { reviewed: string; pending: string },
): BarData {
  const reviewed = groups.map((g) => Math.min(g.statementsReviewed, g.statementsSubmitted));
  return {
    labels: groups.map((g) => g.name),
    series: [
      { label: names.reviewed, values: reviewed, tone: 'accent' },
      {
        label: names.pending,
        values: groups.map((g, i) => Math.max(g.statementsSubmitted - reviewed[i]!, 0)),
        tone: 'muted',
      },
    ],
  };
}

/** The chart in one sentence, for screen readers: "title: A findings 3, annotations 5; B …". */
export function chartSummary(
  title: string,
  data: BarData,
  lang: Lang,
  formatNumber: (n: number) => string,
): string {
  const [colon, comma, semi] = lang === 'en' ? [': ', ', ', '; '] : ['：', '，', '；'];
  const parts = data.labels.map((label, i) =>
    [
      label,
      data.series.map((s) => `${s.label} ${formatNumber(s.values[i] ?? 0)}`).join(comma),
    ].join(lang === 'en' ? ' — ' : ' '),
  );
  return `${title}${colon}${parts.join(semi)}`;
}

/** True when every bar is zero: the chart would be an empty frame. */
export const isEmptyChart = (data: BarData) =>
  data.series.every((s) => s.values.every((v) => v === 0));
