import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { createEffect, For, onCleanup, onMount } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { type BarData, chartSummary } from './chart-data.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const FALLBACK = { accent: '#1f4f8f', muted: '#cbc6b8', brand: '#a8322a', text: '#565d66' };

/** Colours from the design tokens, so the chart matches the page. */
function palette() {
  const css = getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    accent: token('--color-accent', FALLBACK.accent),
    muted: token('--color-border-strong', FALLBACK.muted),
    brand: token('--color-brand', FALLBACK.brand),
    text: token('--color-text-muted', FALLBACK.text),
  };
}

function config(data: BarData, opts: { horizontal: boolean; stacked: boolean }) {
  const colors = palette();
  return {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: data.series.map((s) => ({
        label: s.label,
        data: s.values,
        backgroundColor: colors[s.tone],
        borderRadius: 3,
        maxBarThickness: 28,
      })),
    },
    options: {
      indexAxis: opts.horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: {
          display: data.series.length > 1,
          position: 'bottom',
          labels: { color: colors.text, boxWidth: 12 },
        },
      },
      scales: {
        x: { stacked: opts.stacked, ticks: { color: colors.text, precision: 0 } },
        y: {
          stacked: opts.stacked,
          ticks: { color: colors.text, precision: 0 },
          beginAtZero: true,
        },
      },
    },
  } satisfies ChartConfiguration<'bar'>;
}

/**
 * A bar chart drawn by Chart.js, with its text alternative: the canvas is an
 * image labelled with a one-sentence summary, and the numbers are also in a
 * visually hidden table.
 */
export function BarChart(props: {
  title: string;
  data: BarData;
  horizontal?: boolean;
  stacked?: boolean;
  height?: number;
  note?: string;
}) {
  const { lang, formatNumber } = useI18n();
  let canvas: HTMLCanvasElement | undefined;
  let chart: Chart<'bar'> | undefined;
  const summary = () => chartSummary(props.title, props.data, lang(), formatNumber);
  const opts = () => ({ horizontal: !!props.horizontal, stacked: !!props.stacked });

  onMount(() => {
    // No 2D context (print preview of some browsers, tests): the table stands in.
    if (!canvas?.getContext('2d')) return;
    chart = new Chart(canvas, config(props.data, opts()));
  });
  createEffect(() => {
    const next = config(props.data, opts());
    if (!chart) return;
    chart.data = next.data;
    chart.update();
  });
  onCleanup(() => chart?.destroy());

  return (
    <figure class="fnd-chart">
      <figcaption class="fnd-chart__title">{props.title}</figcaption>
      <div class="fnd-chart__canvas" style={{ height: `${props.height ?? 200}px` }}>
        <canvas ref={canvas} role="img" aria-label={summary()} />
      </div>
      {props.note ? <p class="fnd-chart__note">{props.note}</p> : null}
      <ChartTable title={props.title} data={props.data} />
    </figure>
  );
}

/**
 * A chart's numbers as a visually hidden table, a row per label and a column
 * per series: what a screen reader reads instead of the canvas.
 */
export function ChartTable(props: {
  title: string;
  data: { labels: string[]; series: Array<{ label: string; values: number[] }> };
}) {
  const { formatNumber } = useI18n();
  return (
    <table class="visually-hidden">
      <caption>{props.title}</caption>
      <thead>
        <tr>
          <td />
          <For each={props.data.series}>{(s) => <th scope="col">{s.label}</th>}</For>
        </tr>
      </thead>
      <tbody>
        <For each={props.data.labels}>
          {(label, i) => (
            <tr>
              <th scope="row">{label}</th>
              <For each={props.data.series}>
                {(s) => <td>{formatNumber(s.values[i()] ?? 0)}</td>}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
