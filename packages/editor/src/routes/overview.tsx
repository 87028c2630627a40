import { For, Match, Show, Switch } from 'solid-js';
import { GroupProgressChart } from '../components/findings/group-progress-chart.tsx';
import { WeeklyProgressChart } from '../components/findings/weekly-progress-chart.tsx';
import { GroupCard } from '../components/group-card.tsx';
import { RoundHeader } from '../components/round-header.tsx';
import { RoundTotals } from '../components/round-totals.tsx';
import { SetupWarnings } from '../components/setup-warnings.tsx';
import { EmptyState, ErrorState, LoadingState } from '../components/state-views.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { usePageTitle } from '../lib/page-title.ts';
import { settled } from '../lib/resource.ts';
import { useRound } from '../lib/round-context.tsx';
import { Link } from '../lib/router.tsx';
import '../styles/overview.css';

/** The first page after login: every group's progress in the chosen round. */
export function OverviewRoute() {
  const { t } = useI18n();
  const round = useRound();
  const isAdmin = () => round.roles().has('admin');
  const rounds = () => settled(round.rounds);
  const overview = () => settled(round.overview);
  usePageTitle(() => round.current()?.name ?? t('overview.title'));

  return (
    <div class="page overview">
      <Switch>
        <Match when={round.rounds.error}>
          <ErrorState
            title={t('overview.loadError')}
            error={round.rounds.error}
            onRetry={round.refetchRounds}
          />
        </Match>
        <Match when={!rounds()}>
          <LoadingState label={t('overview.loading')} rows={4} />
        </Match>
        <Match when={rounds()?.length === 0}>
          <EmptyState
            icon="layers"
            title={isAdmin() ? t('overview.emptyAdmin') : t('overview.empty')}
            hint={t('overview.emptyHint')}
            action={
              isAdmin() ? (
                <Link href="/admin/rounds" class="button button--primary">
                  {t('nav.adminRounds')}
                </Link>
              ) : undefined
            }
          />
        </Match>
        <Match when={round.overview.error}>
          <ErrorState
            title={t('overview.loadError')}
            error={round.overview.error}
            onRetry={round.refetchOverview}
          />
        </Match>
        <Match when={overview()}>
          {(data) => (
            <>
              <RoundHeader round={data().round} />
              <Show when={data().setup?.missing.length ? data().setup : null}>
                {(setup) => <SetupWarnings setup={setup()} />}
              </Show>
              <Show
                when={data().groups.length > 0}
                fallback={
                  <EmptyState
                    icon="users"
                    title={t('overview.noGroups')}
                    hint={isAdmin() ? t('overview.noGroupsHint') : undefined}
                  />
                }
              >
                <RoundTotals groups={data().groups} />
                <GroupProgressChart groups={data().groups} />
                <WeeklyProgressChart roundId={data().round.id} />
                <section class="groups" aria-labelledby="groups-title">
                  <h2 class="section-title" id="groups-title">
                    {t('overview.groups')}
                  </h2>
                  <div class="groups__grid">
                    <For each={data().groups}>{(group) => <GroupCard group={group} />}</For>
                  </div>
                </section>
              </Show>
            </>
          )}
        </Match>
        <Match when={true}>
          <LoadingState label={t('overview.loading')} rows={4} />
        </Match>
      </Switch>
    </div>
  );
}
