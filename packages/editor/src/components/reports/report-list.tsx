import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { useRouter } from '../../lib/router.tsx';
import { EmptyState, ErrorState, LoadingState } from '../state-views.tsx';
import { actionError } from './action-error.ts';
import { type ReportRow, reportsApi } from './reports-api.ts';

const rowKey = (r: ReportRow) => r.unit?.id ?? 'summary';

/**
 * Every unit the caller may see, with its report's state and how many
 * findings wait for it (approved) or went out with it (delivered). Opening a
 * unit without a report drafts one, for those who may write it.
 */
export function ReportList(props: { roundId: string; mayDraft: boolean }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const router = useRouter();
  const [rows, { refetch }] = createResource(() => props.roundId, reportsApi.list);
  const [opening, setOpening] = createSignal<string>();
  const [error, setError] = createSignal<{ key: string; text: string }>();

  const open = async (row: ReportRow) => {
    if (row.report) {
      router.navigate(`/reports?id=${encodeURIComponent(row.report.id)}`);
      return;
    }
    const key = rowKey(row);
    setOpening(key);
    setError(undefined);
    try {
      const r = await reportsApi.open(props.roundId, row.unit?.id ?? null);
      router.navigate(`/reports?id=${encodeURIComponent(r.id)}`);
    } catch (e) {
      setError({ key, text: actionError(i18n, e) });
    } finally {
      setOpening(undefined);
    }
  };

  const stateText = (row: ReportRow) => {
    if (!row.report) return t('reports.state.none');
    if (row.report.state === 'draft') return t('reports.state.draft');
    return row.report.issuedAt
      ? t('reports.state.issuedOn', { date: formatDate(row.report.issuedAt) })
      : t('reports.state.issued');
  };
  const canOpen = (row: ReportRow) => row.report !== null || props.mayDraft;
  const actionText = (row: ReportRow) =>
    row.report ? t('reports.list.open') : t('reports.list.draft');

  const list = () => (rows.error ? undefined : rows.latest);

  return (
    <Switch>
      <Match when={list()?.length === 0}>
        <EmptyState
          icon="file"
          title={t('reports.list.empty')}
          hint={t('reports.list.emptyHint')}
        />
      </Match>
      <Match when={list()}>
        {(all) => (
          <div class="rp-list-wrap">
            <table class="rp-list">
              <caption class="visually-hidden">{t('reports.list.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.list.unit')}</th>
                  <th scope="col">{t('reports.list.group')}</th>
                  <th scope="col">{t('reports.list.state')}</th>
                  <th scope="col" class="rp-list__n">
                    {t('reports.list.approved')}
                  </th>
                  <th scope="col" class="rp-list__n">
                    {t('reports.list.delivered')}
                  </th>
                  <th scope="col">
                    <span class="visually-hidden">{t('reports.list.action')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={all()}>
                  {(row) => (
                    <tr
                      class="rp-list__row"
                      classList={{ 'rp-list__row--summary': row.unit === null }}
                      data-unit={row.unit?.name ?? 'summary'}
                    >
                      <th scope="row">{row.unit?.name ?? t('reports.list.summary')}</th>
                      <td>{row.group?.name ?? '—'}</td>
                      <td>
                        <span
                          class="rp-state"
                          classList={{
                            'rp-state--issued': row.report?.state === 'issued',
                            'rp-state--none': !row.report,
                          }}
                        >
                          {stateText(row)}
                        </span>
                      </td>
                      <td class="rp-list__n num">{row.approvedFindings ?? '—'}</td>
                      <td class="rp-list__n num">{row.deliveredFindings}</td>
                      <td class="rp-list__act">
                        <Show when={canOpen(row)}>
                          <button
                            type="button"
                            class="button button--secondary button--small"
                            disabled={opening() === rowKey(row)}
                            aria-label={`${actionText(row)} · ${row.unit?.name ?? t('reports.list.summary')}`}
                            onClick={() => void open(row)}
                          >
                            {opening() === rowKey(row)
                              ? t('reports.list.opening')
                              : actionText(row)}
                          </button>
                        </Show>
                        <Show when={error()?.key === rowKey(row)}>
                          <p class="rp-list__error" role="alert">
                            {error()?.text}
                          </p>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Match>
      <Match when={rows.error}>
        <ErrorState title={t('reports.list.loadError')} error={rows.error} onRetry={refetch} />
      </Match>
      <Match when={true}>
        <LoadingState label={t('reports.list.loading')} rows={3} />
      </Match>
    </Switch>
  );
}
