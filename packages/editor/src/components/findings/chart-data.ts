import type { Lang } from '../../i18n/i18n.tsx';
import type { GroupOverview } from '../../lib/contracts.ts';
import type { Rollup } from './findings-api.ts';
import type { WeeklyProgress } from './weekly-progress-chart.tsx';

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
 * submitted, now (`weeklyChart` draws how it got there).
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

/**
 * What a line chart shows: one point per label, one line per series. Series
 * sharing a `color` belong together (a group's reviewed and submitted lines).
 */
export interface LineData {
  labels: string[];
  series: Array<{ label: string; values: number[]; color: number; dashed: boolean }>;
}

/** A week by its Monday, short: "3月2日", "Mar 2". */
export function weekLabel(monday: string, lang: Lang): string {
  const date = new Date(`${monday}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return monday;
  return new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

/**
 * Each group's statements reviewed by the end of each week, as a solid line,
 * and those submitted by then, as a dashed line of the same colour.
 */
export function weeklyChart(
  progress: WeeklyProgress,
  lang: Lang,
  names: { reviewed: (group: string) => string; submitted: (group: string) => string },
): LineData {
  return {
    labels: progress.weeks.map((w) => weekLabel(w, lang)),
    series: progress.groups.flatMap((g, i) => [
      { label: names.reviewed(g.name), values: g.reviewed, color: i, dashed: false },
      { label: names.submitted(g.name), values: g.submitted, color: i, dashed: true },
    ]),
  };
}

/**
 * A line chart in one sentence, for screen readers: the span of weeks, then
 * each line from its first value to its last ("title: 3月2日至3月16日；A 0 → 2；…").
 */
export function trendSummary(
  title: string,
  data: LineData,
  lang: Lang,
  formatNumber: (n: number) => string,
): string {
  if (data.labels.length === 0) return title;
  const [colon, semi, to] = lang === 'en' ? [': ', '; ', ' to '] : ['：', '；', '至'];
  const first = data.labels[0];
  const last = data.labels.at(-1);
  const span = first === last ? first : `${first}${to}${last}`;
  const lines = data.series.map((s) => {
    const [a = 0, b = 0] = [s.values[0], s.values.at(-1)];
    const values =
      s.values.length > 1 ? `${formatNumber(a)} → ${formatNumber(b)}` : formatNumber(a);
    return `${s.label} ${values}`;
  });
  return `${title}${colon}${[span, ...lines].join(semi)}`;
}

/** True when every bar is zero: the chart would be an empty frame. */
export const isEmptyChart = (data: BarData) =>
  data.series.every((s) => s.values.every((v) => v === 0));
