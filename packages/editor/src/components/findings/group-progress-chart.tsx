import { useI18n } from '../../i18n/i18n.tsx';
import type { GroupOverview } from '../../lib/contracts.ts';
import { BarChart } from './bar-chart.tsx';
import { progressChart } from './chart-data.ts';
import '../../styles/findings.css';

/**
 * Each group's statements reviewed out of submitted, as stacked bars: where
 * things stand now. `WeeklyProgressChart` shows how each group got there.
 */
export function GroupProgressChart(props: { groups: readonly GroupOverview[] }) {
  const { t } = useI18n();
  const data = () =>
    progressChart(props.groups, {
      reviewed: t('findings.charts.reviewed'),
      pending: t('findings.charts.pending'),
    });
  return (
    <section class="fnd-charts fnd-charts--single" aria-label={t('findings.charts.progress')}>
      <BarChart
        title={t('findings.charts.progress')}
        data={data()}
        horizontal
        stacked
        height={Math.max(120, 44 * props.groups.length + 60)}
        note={t('findings.charts.progressNote')}
      />
    </section>
  );
}
