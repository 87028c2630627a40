import { createResource, For, Match, Show, Switch } from 'solid-js';
import { TaskList } from '../../components/portal/task-list.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePageTitle } from '../../lib/page-title.ts';
import type { UnitTasks } from '../../lib/portal/contracts.ts';
import { portalApi } from '../../lib/portal/portal-api.ts';
import { settled } from '../../lib/resource.ts';
import { useRound } from '../../lib/round-context.tsx';

function Summary(props: { unit: UnitTasks }) {
  const { t } = useI18n();
  const tasks = () => props.unit.problems.flatMap((p) => p.tasks);
  const count = (status: string) => tasks().filter((x) => x.statement.status === status).length;
  return (
    <dl class="task-summary">
      <div class="task-summary__item">
        <dt>{t('portal.tasks.total')}</dt>
        <dd class="num">{tasks().length}</dd>
      </div>
      <div class="task-summary__item task-summary__item--submitted">
        <dt>{t('portal.tasks.submitted')}</dt>
        <dd class="num">{count('submitted')}</dd>
      </div>
      <div class="task-summary__item task-summary__item--draft">
        <dt>{t('portal.tasks.drafts')}</dt>
        <dd class="num">{count('draft')}</dd>
      </div>
      <div class="task-summary__item task-summary__item--none">
        <dt>{t('portal.tasks.notStarted')}</dt>
        <dd class="num">{count('none')}</dd>
      </div>
    </dl>
  );
}

/** 整改任务: a unit contact's home, every task of the unit under the six problems. */
export function TasksRoute() {
  const { t } = useI18n();
  const round = useRound();
  const roundId = () => round.current()?.id;
  const [units, { refetch }] = createResource(roundId, portalApi.myTasks);
  const data = () => settled(units);
  const withTasks = () => (data() ?? []).filter((u) => u.problems.length > 0);
  usePageTitle(() => t('portal.tasks.title'));

  return (
    <div class="page portal">
      <header class="page-header">
        <Show when={round.current()}>
          {(current) => <p class="page-header__eyebrow">{current().name}</p>}
        </Show>
        <h1 class="page-header__title">{t('portal.tasks.title')}</h1>
        <p class="page-header__meta">{t('portal.tasks.intro')}</p>
      </header>
      <Switch>
        <Match when={round.rounds.error}>
          <ErrorState
            title={t('portal.tasks.loadError')}
            error={round.rounds.error}
            onRetry={round.refetchRounds}
          />
        </Match>
        <Match when={!settled(round.rounds)}>
          <LoadingState label={t('portal.tasks.loading')} rows={3} />
        </Match>
        <Match when={!roundId()}>
          <EmptyState
            icon="layers"
            title={t('portal.tasks.noRound')}
            hint={t('portal.tasks.noRoundHint')}
          />
        </Match>
        <Match when={units.error}>
          <ErrorState title={t('portal.tasks.loadError')} error={units.error} onRetry={refetch} />
        </Match>
        <Match when={!data()}>
          <LoadingState label={t('portal.tasks.loading')} rows={3} />
        </Match>
        <Match when={withTasks().length === 0}>
          <EmptyState
            icon="tasks"
            title={t('portal.tasks.empty')}
            hint={t('portal.tasks.emptyHint')}
          />
        </Match>
        <Match when={true}>
          <For each={withTasks()}>
            {(unit) => (
              <section class="unit-tasks" aria-label={unit.unit.name}>
                <div class="unit-tasks__head">
                  <h2 class="unit-tasks__name">{unit.unit.name}</h2>
                  <Summary unit={unit} />
                </div>
                <TaskList problems={unit.problems} unitId={unit.unit.id} />
              </section>
            )}
          </For>
        </Match>
      </Switch>
    </div>
  );
}
