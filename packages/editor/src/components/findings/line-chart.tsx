import {
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { createEffect, onCleanup, onMount } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { ChartTable } from './bar-chart.tsx';
import { type LineData, trendSummary } from './chart-data.ts';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

/** Line colours in order: the design tokens first, then fixed hues that sit well beside them. */
const SERIES_TOKENS: Array<[string, string]> = [
  ['--color-accent', '#1f4f8f'],
  ['--color-brand', '#a8322a'],
  ['--color-success-text', '#2d6a3a'],
  ['--color-warning-text', '#7a4f00'],
];
const EXTRA_COLORS = ['#6b4c9a', '#1d7a85', '#8a5a44', '#4d5a66'];

function palette() {
  const css = getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    series: [...SERIES_TOKENS.map(([name, fallback]) => token(name, fallback)), ...EXTRA_COLORS],
    text: token('--color-text-muted', '#565d66'),
  };
}

function config(data: LineData) {
  const colors = palette();
  const color = (i: number) => colors.series[i % colors.series.length]!;
  return {
    type: 'line',
    data: {
      labels: data.labels,
      datasets: data.series.map((s) => ({
        label: s.label,
        data: s.values,
        borderColor: color(s.color),
        backgroundColor: color(s.color),
        borderWidth: s.dashed ? 1.5 : 2.5,
        borderDash: s.dashed ? [6, 4] : [],
        pointRadius: s.dashed ? 2 : 3,
        tension: 0,
        fill: false,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: {
          position: 'bottom',
          labels: { color: colors.text, boxWidth: 12 },
        },
      },
      scales: {
        x: { ticks: { color: colors.text, autoSkip: true, maxRotation: 0 } },
        y: { beginAtZero: true, ticks: { color: colors.text, precision: 0 } },
      },
    },
  } satisfies ChartConfiguration<'line'>;
}

/**
 * A line chart drawn by Chart.js, with the same text alternative as
 * `BarChart`: the canvas is an image labelled with a one-sentence summary,
 * and every value is also in a visually hidden table (a row per label).
 */
export function LineChart(props: {
  title: string;
  data: LineData;
  height?: number;
  note?: string;
}) {
  const { lang, formatNumber } = useI18n();
  let canvas: HTMLCanvasElement | undefined;
  let chart: Chart<'line'> | undefined;
  const summary = () => trendSummary(props.title, props.data, lang(), formatNumber);

  onMount(() => {
    // No 2D context (print preview of some browsers, tests): the table stands in.
    if (!canvas?.getContext('2d')) return;
    chart = new Chart(canvas, config(props.data));
  });
  createEffect(() => {
    const next = config(props.data);
    if (!chart) return;
    chart.data = next.data;
    chart.update();
  });
  onCleanup(() => chart?.destroy());

  return (
    <figure class="fnd-chart">
      <figcaption class="fnd-chart__title">{props.title}</figcaption>
      <div class="fnd-chart__canvas" style={{ height: `${props.height ?? 240}px` }}>
        <canvas ref={canvas} role="img" aria-label={summary()} />
      </div>
      {props.note ? <p class="fnd-chart__note">{props.note}</p> : null}
      <ChartTable title={props.title} data={props.data} />
    </figure>
  );
}
