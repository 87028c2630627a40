import { type JSX, Match, Show, Switch } from 'solid-js';
import { ReviewBoard } from '../../components/follow-up/review-board.tsx';
import { ReportList } from '../../components/reports/report-list.tsx';
import { ReportView } from '../../components/reports/report-view.tsx';
import { LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { useRound } from '../../lib/round-context.tsx';
import { useRouter } from '../../lib/router.tsx';
import '../../styles/reports.css';

/** A tab that is a URL: reload and back keep it; the router follows it without a page load. */
function TabLink(props: { href: string; current: boolean; children: JSX.Element }) {
  const router = useRouter();
  return (
    <a
      class="rp-tab"
      href={props.href}
      aria-current={props.current ? 'page' : undefined}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        router.navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}

/**
 * /reports (反馈报告): the units' feedback reports, and the follow-up of what
 * they delivered (`?tab=follow-up`, 整改落实). `?id=` opens one report. The
 * rail's paths are exact, so both ride in the query.
 */
export function ReportsRoute() {
  const { t } = useI18n();
  const router = useRouter();
  const round = useRound();
  const reportId = () => router.query().get('id') ?? undefined;
  const tab = () => (router.query().get('tab') === 'follow-up' ? 'follow-up' : 'reports');
  // Members review follow-up but do not write reports; the leadership group only reads.
  const readOnly = () => {
    const roles = round.roles();
    if (roles.has('leader') || roles.has('admin')) return false;
    return tab() === 'reports' || !roles.has('member');
  };
  // Drafting is the leader's (the summary the administrator's); the server decides.
  const mayDraft = () => round.roles().has('leader') || round.roles().has('admin');

  return (
    <div class="page rp-page">
      <Switch>
        <Match when={reportId()} keyed>
          {(id) => <ReportView id={id} backHref="/reports" />}
        </Match>
        <Match when={round.current()} keyed>
          {(current) => (
            <>
              <header class="page-header">
                <p class="page-header__eyebrow">{current.name}</p>
                <div class="page-header__title-row">
                  <h1 class="page-header__title">{t('reports.title')}</h1>
                  <Show when={readOnly()}>
                    <span class="badge">{t('common.readOnly')}</span>
                  </Show>
                </div>
                <p class="page-header__meta">{t('reports.intro')}</p>
              </header>
              <nav class="rp-tabs" aria-label={t('reports.tabs')}>
                <TabLink href="/reports" current={tab() === 'reports'}>
                  {t('reports.tab.reports')}
                </TabLink>
                <TabLink href="/reports?tab=follow-up" current={tab() === 'follow-up'}>
                  {t('reports.tab.followUp')}
                </TabLink>
              </nav>
              <Show
                when={tab() === 'follow-up'}
                fallback={<ReportList roundId={current.id} mayDraft={mayDraft()} />}
              >
                <ReviewBoard roundId={current.id} />
              </Show>
            </>
          )}
        </Match>
        <Match when={round.rounds.loading}>
          <LoadingState label={t('reports.list.loading')} rows={3} />
        </Match>
      </Switch>
    </div>
  );
}
