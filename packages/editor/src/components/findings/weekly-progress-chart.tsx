import { createResource, type JSX, Match, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { request } from '../../lib/api.ts';
import { settled } from '../../lib/resource.ts';
import { weeklyChart } from './chart-data.ts';
import { LineChart } from './line-chart.tsx';
import '../../styles/findings.css';

/**
 * `GET /api/rounds/{roundId}/progress/weekly` (packages/api/src/queries/weekly-progress.ts):
 * the groups the caller may see, week by week, every array one value per week.
 */
export interface WeeklyProgress {
  /** Each week's Monday (YYYY-MM-DD, Beijing time), oldest first; empty while nothing happened. */
  weeks: string[];
  groups: Array<{
    id: string;
    name: string;
    /** Running totals by the end of each week. */
    submitted: number[];
    reviewed: number[];
    /** Made in each week. */
    annotations: number[];
    findings: number[];
  }>;
}

export const fetchWeeklyProgress = (roundId: string) =>
  request<WeeklyProgress>('GET', `/api/rounds/${encodeURIComponent(roundId)}/progress/weekly`);

/**
 * 各组审阅进度（按周）: each group's statements reviewed (and submitted) by the
 * end of each week, as lines. Loads its own data, so the overview's numbers
 * show while it comes.
 */
export function WeeklyProgressChart(props: { roundId: string }) {
  const { t, lang } = useI18n();
  const [progress, { refetch }] = createResource(() => props.roundId, fetchWeeklyProgress);
  const data = () => {
    const p = settled(progress);
    return p
      ? weeklyChart(p, lang(), {
          reviewed: (group) => t('findings.charts.weeklyReviewed', { group }),
          submitted: (group) => t('findings.charts.weeklySubmitted', { group }),
        })
      : undefined;
  };
  const frame = (body: JSX.Element) => (
    <figure class="fnd-chart">
      <figcaption class="fnd-chart__title">{t('findings.charts.weekly')}</figcaption>
      {body}
    </figure>
  );
  return (
    <section class="fnd-charts fnd-charts--single" aria-label={t('findings.charts.weekly')}>
      <Switch
        fallback={frame(
          <p class="fnd-chart__empty" role="status">
            {t('findings.charts.weeklyLoading')}
          </p>,
        )}
      >
        <Match when={progress.error}>
          {frame(
            <p class="fnd-chart__empty" role="status">
              {t('findings.charts.weeklyError')}{' '}
              <button type="button" class="button button--secondary" onClick={() => refetch()}>
                {t('common.retry')}
              </button>
            </p>,
          )}
        </Match>
        <Match when={data()?.labels.length === 0}>
          {frame(<p class="fnd-chart__empty">{t('findings.charts.weeklyEmpty')}</p>)}
        </Match>
        <Match when={data()}>
          {(d) => (
            <LineChart
              title={t('findings.charts.weekly')}
              data={d()}
              height={260}
              note={t('findings.charts.weeklyNote')}
            />
          )}
        </Match>
      </Switch>
    </section>
  );
}
