import { createResource, For, Match, Show, Switch } from 'solid-js';
import { AttachmentTable, ReportPreview } from '../../components/reports/report-preview.tsx';
import { issuedDocxUrl, reportsApi } from '../../components/reports/reports-api.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useRound } from '../../lib/round-context.tsx';
import { Link } from '../../lib/router.tsx';
import '../../styles/reports.css';

/** One issued report of the contact's unit: the file, the problem list, the full text. */
function IssuedReport(props: { id: string }) {
  const { t, formatDate } = useI18n();
  const [report, { refetch }] = createResource(() => props.id, reportsApi.get);
  const r = () => (report.error ? undefined : report.latest);
  return (
    <Switch>
      <Match when={r()}>
        {(rep) => (
          <article class="fb-report" aria-labelledby={`fb-${rep().id}`}>
            <header class="fb-head">
              <div>
                <h2 class="fb-head__title" id={`fb-${rep().id}`}>
                  {rep().model.title}
                </h2>
                <p class="fb-head__meta">
                  {t('reports.feedback.issuedOn', {
                    date: rep().issuedAt ? formatDate(rep().issuedAt!) : '',
                    group: rep().group?.name ?? '',
                  })}
                </p>
                <p class="fb-head__sha">
                  {t('reports.issued.sha')}：<code class="rp-sha">{rep().sha256}</code>
                </p>
              </div>
              <a class="button button--primary" href={issuedDocxUrl(rep().id)} download="">
                {t('reports.download.issued')}
              </a>
            </header>
            <section class="fb-section" aria-labelledby={`fb-list-${rep().id}`}>
              <div class="fb-section__head">
                <h3 class="fb-section__title" id={`fb-list-${rep().id}`}>
                  {t('reports.feedback.problems', { count: rep().model.attachment.rows.length })}
                </h3>
                <Link class="button button--secondary button--small" href="/follow-up">
                  {t('reports.feedback.toFollowUp')}
                </Link>
              </div>
              <div class="fb-table-wrap">
                <AttachmentTable model={rep().model} class="fb-table" />
              </div>
            </section>
            <section class="fb-section" aria-labelledby={`fb-text-${rep().id}`}>
              <h3 class="fb-section__title" id={`fb-text-${rep().id}`}>
                {t('reports.feedback.fullText')}
              </h3>
              <ReportPreview model={rep().model} />
            </section>
          </article>
        )}
      </Match>
      <Match when={report.error}>
        <ErrorState title={t('reports.view.loadError')} error={report.error} onRetry={refetch} />
      </Match>
      <Match when={true}>
        <LoadingState label={t('reports.view.loading')} rows={2} />
      </Match>
    </Switch>
  );
}

/**
 * /feedback (反馈意见): the unit contact's issued feedback report, once the
 * inspection group has issued it. Drafts are never shown (the server hides them).
 */
export function FeedbackRoute() {
  const { t } = useI18n();
  const round = useRound();
  const [rows, { refetch }] = createResource(
    () => round.current()?.id,
    (id) => reportsApi.list(id),
  );
  const issued = () =>
    (rows.error ? undefined : rows.latest)?.filter((r) => r.unit && r.report?.state === 'issued');
  return (
    <div class="page rp-page">
      <header class="page-header">
        <Show when={round.current()}>{(c) => <p class="page-header__eyebrow">{c().name}</p>}</Show>
        <h1 class="page-header__title">{t('reports.feedback.title')}</h1>
        <p class="page-header__meta">{t('reports.feedback.intro')}</p>
      </header>
      <Switch>
        <Match when={!round.current() && !round.rounds.loading}>
          <EmptyState icon="inbox" title={t('reports.feedback.noRound')} />
        </Match>
        <Match when={issued()?.length === 0}>
          <EmptyState
            icon="inbox"
            title={t('reports.feedback.empty')}
            hint={t('reports.feedback.emptyHint')}
          />
        </Match>
        <Match when={issued()}>
          {(list) => <For each={list()}>{(row) => <IssuedReport id={row.report!.id} />}</For>}
        </Match>
        <Match when={rows.error}>
          <ErrorState
            title={t('reports.feedback.loadError')}
            error={rows.error}
            onRetry={refetch}
          />
        </Match>
        <Match when={true}>
          <LoadingState label={t('reports.view.loading')} rows={2} />
        </Match>
      </Switch>
    </div>
  );
}
