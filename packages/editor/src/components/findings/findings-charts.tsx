import { Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { BarChart } from './bar-chart.tsx';
import { aspectChart, focusChart, isEmptyChart } from './chart-data.ts';
import type { Rollup } from './findings-api.ts';

/** 统计: findings (and annotations) by focus, and findings by aspect, as bar charts; a chart of zeros is left out. */
export function FindingsCharts(props: { rollup: Rollup }) {
  const { t, lang } = useI18n();
  const byFocus = () =>
    focusChart(props.rollup, lang(), {
      findings: t('findings.charts.findings'),
      annotations: t('findings.charts.annotations'),
    });
  const byAspect = () =>
    aspectChart(props.rollup, lang(), { findings: t('findings.charts.findings') });
  return (
    <Show when={!isEmptyChart(byFocus()) || !isEmptyChart(byAspect())}>
      <section class="fnd-charts" aria-label={t('findings.charts.label')}>
        <Show when={!isEmptyChart(byFocus())}>
          <BarChart title={t('findings.charts.byFocus')} data={byFocus()} height={200} />
        </Show>
        {/* Until a finding has an aspect, an aspect chart would be an empty frame. */}
        <Show when={!isEmptyChart(byAspect())}>
          <BarChart
            title={t('findings.charts.byAspect')}
            data={byAspect()}
            horizontal
            height={200}
          />
        </Show>
      </section>
    </Show>
  );
}
