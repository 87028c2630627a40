import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { membershipInRound } from '../../lib/roles.ts';
import { useRound } from '../../lib/round-context.tsx';
import { Link } from '../../lib/router.tsx';
import { useSession } from '../../lib/session.tsx';
import { reviewPath } from '../../lib/workspace/evidence-link.ts';
import {
  type RoundUnit,
  reviewApi,
  type TaskVersions,
  type UnitTask,
} from '../../lib/workspace/review-api.ts';
import '../../components/workspace/work.css';

/** Runs `work` over `items` at most `limit` at a time, keeping the order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (t: T) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

async function loadUnit(args: { roundId: string; unitId: string }) {
  const tasks = await reviewApi.unitTasks(args.roundId, args.unitId);
  const submitted = tasks.problems.flatMap((p) => p.tasks).filter((t) => t.statement.version);
  // The task list names version numbers only; version ids come from each task's page.
  const versions = await mapLimited(submitted, 4, (t) =>
    reviewApi.taskVersions(t.id, args.unitId).catch((): TaskVersions => ({ versions: [] })),
  );
  return { tasks, versions: new Map(submitted.map((t, i) => [t.id, versions[i]!.versions])) };
}

function TaskRow(props: { task: UnitTask; versions: TaskVersions['versions'] | undefined }) {
  const { t, formatDate } = useI18n();
  const sorted = () => [...(props.versions ?? [])].sort((a, b) => b.version - a.version);
  const latest = () => sorted()[0];
  return (
    <li class="wb-task">
      <span class="wb-task__ordinal num">{props.task.ordinal}</span>
      <div class="wb-task__main">
        <Show when={latest()} fallback={<span class="wb-task__title">{props.task.title}</span>}>
          {(v) => (
            <Link href={reviewPath(v().id)} class="wb-task__title wb-task__title--link">
              {props.task.title}
            </Link>
          )}
        </Show>
        <span class="wb-task__meta">
          {props.task.kindLabel}
          <Show when={props.task.deadline && props.task.deadline !== props.task.kindLabel}>
            {' · '}
            {props.task.deadline}
          </Show>
          {' · '}
          {props.task.role === 'lead' ? t('ws.work.lead') : t('ws.work.co')}
        </span>
      </div>
      <div class="wb-task__versions">
        <Show
          when={sorted().length > 0}
          fallback={
            <span class="wb-status">
              {props.task.statement.status === 'draft'
                ? t('ws.work.drafting')
                : t('ws.work.notSubmitted')}
            </span>
          }
        >
          <For each={sorted()}>
            {(v, i) => (
              <Link
                href={reviewPath(v.id)}
                class={i() === 0 ? 'wb-version wb-version--latest' : 'wb-version'}
                title={t('ws.work.submittedAt', { date: formatDate(v.submittedAt) })}
              >
                {t('ws.version', { n: v.version })}
                {i() === 0 ? ' →' : ''}
              </Link>
            )}
          </For>
        </Show>
      </div>
    </li>
  );
}

function UnitSection(props: { roundId: string; unit: RoundUnit }) {
  const { t } = useI18n();
  const [data, { refetch }] = createResource(
    () => ({ roundId: props.roundId, unitId: props.unit.id }),
    loadUnit,
  );
  const counts = () => {
    const all = settled(data)?.tasks.problems.flatMap((p) => p.tasks) ?? [];
    return { total: all.length, submitted: all.filter((x) => x.statement.version).length };
  };
  const headingId = `wb-unit-${props.unit.id}`;
  return (
    <section class="wb-unit" aria-labelledby={headingId}>
      <header class="wb-unit__header">
        <h2 id={headingId} class="wb-unit__name">
          {props.unit.name}
        </h2>
        <Show when={settled(data)}>
          <span class="wb-unit__count">
            {t('ws.work.counts', { submitted: counts().submitted, total: counts().total })}
          </span>
        </Show>
      </header>
      <Switch>
        <Match when={data.error}>
          <ErrorState title={t('ws.work.unitError')} error={data.error} onRetry={() => refetch()} />
        </Match>
        <Match when={settled(data)}>
          {(d) => (
            <Show
              when={d().tasks.problems.length > 0}
              fallback={<p class="wb-empty">{t('ws.work.noTasks')}</p>}
            >
              <For each={d().tasks.problems}>
                {(problem) => (
                  <div class="wb-problem">
                    <h3 class="wb-problem__title">
                      <span class="num">{problem.ordinal}</span> {problem.title}
                    </h3>
                    <ol class="wb-tasks">
                      <For each={problem.tasks}>
                        {(task) => <TaskRow task={task} versions={d().versions.get(task.id)} />}
                      </For>
                    </ol>
                  </div>
                )}
              </For>
            </Show>
          )}
        </Match>
        <Match when={true}>
          <div class="wb-loading" aria-hidden="true">
            <div class="skeleton-line" />
            <div class="skeleton-line skeleton-line--short" />
          </div>
        </Match>
      </Switch>
    </section>
  );
}

/**
 * 工作台: the units my group inspects, each with its tasks and the statement
 * versions submitted for them, every version a link into its workspace.
 */
export function WorkRoute() {
  const { t } = useI18n();
  const round = useRound();
  const session = useSession();
  usePageTitle(() => t('nav.workbench'));
  const roundId = () => round.current()?.id;
  const [units, { refetch }] = createResource(roundId, reviewApi.roundUnits);
  const myGroup = () => membershipInRound(session.memberships, roundId())?.groupId ?? null;
  /** Inspectors see their own group's units; leadership and administrators all of them, by group. */
  const shown = createMemo(() => {
    const list = settled(units) ?? [];
    const mine = myGroup();
    const own = mine ? list.filter((u) => u.groupId === mine) : list;
    return [...own].sort(
      (a, b) =>
        (a.groupName ?? '').localeCompare(b.groupName ?? '', 'zh-CN') ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
  });
  const groupName = () => shown()[0]?.groupName;

  return (
    <div class="page wb">
      <header class="page-header">
        <p class="page-header__eyebrow">{round.current()?.name}</p>
        <h1 class="page-header__title">{t('nav.workbench')}</h1>
        <Show when={myGroup() && groupName()}>
          <p class="wb-lead">{t('ws.work.intro', { group: groupName() ?? '' })}</p>
        </Show>
      </header>
      <Switch>
        <Match when={!roundId() && round.rounds.state === 'ready'}>
          <EmptyState icon="layers" title={t('overview.empty')} hint={t('overview.emptyHint')} />
        </Match>
        <Match when={units.error}>
          <ErrorState
            title={t('ws.work.loadError')}
            error={units.error}
            onRetry={() => refetch()}
          />
        </Match>
        <Match when={settled(units) && shown().length === 0}>
          <EmptyState
            icon="briefcase"
            title={t('ws.work.noUnits')}
            hint={t('ws.work.noUnitsHint')}
          />
        </Match>
        <Match when={settled(units)}>
          <div class="wb-units">
            <For each={shown()}>{(unit) => <UnitSection roundId={roundId()!} unit={unit} />}</For>
          </div>
        </Match>
        <Match when={true}>
          <LoadingState label={t('common.loading')} rows={3} />
        </Match>
      </Switch>
    </div>
  );
}
