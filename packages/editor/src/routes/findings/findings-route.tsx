import { createMemo, createResource, createSignal, Match, Show, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { actionErrorKey } from '../../components/findings/action-error.ts';
import { FindingPanel } from '../../components/findings/finding-panel.tsx';
import {
  annotationsXlsxUrl,
  type Finding,
  type FindingDetail,
  findingPath,
  findingsApi,
  findingsXlsxUrl,
  type Suggestion,
} from '../../components/findings/findings-api.ts';
import { FindingsCharts } from '../../components/findings/findings-charts.tsx';
import {
  type FindingFilters,
  isFiltered,
  matches,
  NO_FILTERS,
} from '../../components/findings/findings-filter.ts';
import { FindingsFilters } from '../../components/findings/findings-filters.tsx';
import { FindingsList } from '../../components/findings/findings-list.tsx';
import { RollupStrip } from '../../components/findings/rollup-strip.tsx';
import { cellKey, Suggestions } from '../../components/findings/suggestions.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { entryFor } from '../../lib/nav.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { useRound } from '../../lib/round-context.tsx';
import { useRouter } from '../../lib/router.tsx';
import { loadFramework } from '../../lib/workspace/framework.ts';
import '../../styles/findings.css';

/** A detail answer is a list row too; keep the row's fields only. */
const asRow = ({
  annotations: _a,
  interviews: _i,
  transitions: _t,
  ...row
}: FindingDetail): Finding => row;

/**
 * 发现问题: the round's findings the user may read, the numbers by state and
 * focus, the cells that still need a finding, and one finding open beside
 * the list (`?finding=<id>`, so a link can point at it).
 */
export function FindingsRoute() {
  const { t, lang } = useI18n();
  const round = useRound();
  const router = useRouter();
  const roundId = () => round.current()?.id;
  const [list, listCtl] = createResource(roundId, findingsApi.list);
  const [rollup, rollupCtl] = createResource(roundId, findingsApi.rollup);
  const [framework, frameworkCtl] = createResource(roundId, (id) => loadFramework(id));
  const [filters, setFilters] = createStore<FindingFilters>({ ...NO_FILTERS });
  const [busyCell, setBusyCell] = createSignal<string>();
  const [problem, setProblem] = createSignal<MessageKey>();
  usePageTitle(() => t('findings.title'));

  const findings = () => settled(list) ?? [];
  const shown = createMemo(() => findings().filter((f) => matches(f, filters)));
  const selectedId = () => router.query().get('finding') || undefined;
  const readOnly = () => entryFor('/findings', round.nav())?.readOnly === true;
  const canCreate = () => {
    const roles = round.roles();
    return roles.has('leader') || roles.has('member') || roles.has('admin');
  };
  // Unit contacts never see working papers; everyone else exports what they may read.
  const canExport = () => canCreate() || round.roles().has('leadership');
  const units = () => {
    const fromRollup = settled(rollup)?.units.map((u) => ({ id: u.unitId, name: u.unitName }));
    if (fromRollup?.length) return fromRollup;
    const seen = new Map(findings().map((f) => [f.unit.id, f.unit.name]));
    return [...seen].map(([id, name]) => ({ id, name }));
  };

  const select = (id: string | undefined) => router.navigate(id ? findingPath(id) : '/findings');
  const close = () => {
    const id = selectedId();
    select(undefined);
    // Back to the row the finding was opened from.
    queueMicrotask(() =>
      document.querySelector<HTMLElement>(`.fnd-row[href="${id ? findingPath(id) : ''}"]`)?.focus(),
    );
  };
  const upsert = (f: FindingDetail) =>
    listCtl.mutate((prev) => {
      const rows = prev ?? [];
      return rows.some((r) => r.id === f.id)
        ? rows.map((r) => (r.id === f.id ? asRow(f) : r))
        : [asRow(f), ...rows];
    });
  const refreshCounts = () => void rollupCtl.refetch();

  const createFrom = async (s: Suggestion) => {
    const id = roundId();
    const fw = settled(framework);
    if (!id || busyCell()) return;
    const q = fw?.questions.find((x) => x.code === s.question);
    setBusyCell(cellKey(s));
    setProblem(undefined);
    try {
      const created = await findingsApi.create(id, {
        unitId: s.unitId,
        title: t('findings.suggest.defaultTitle', {
          code: s.question,
          question: q ? (lang() === 'en' ? q.en : q.zh) : s.question,
        }),
        questions: [s.question],
        cell: { question: s.question },
      });
      upsert(created);
      refreshCounts();
      select(created.id);
    } catch (e) {
      setProblem(actionErrorKey(e));
    } finally {
      setBusyCell(undefined);
    }
  };

  return (
    <div class="page fnd-page">
      <header class="page-header">
        <Show when={round.current()}>
          {(current) => <p class="page-header__eyebrow">{current().name}</p>}
        </Show>
        <div class="page-header__title-row">
          <h1 class="page-header__title">{t('findings.title')}</h1>
          <Show when={readOnly()}>
            <span class="badge badge--closed">{t('common.readOnly')}</span>
          </Show>
        </div>
        <p class="page-header__meta">
          {readOnly() ? t('findings.introReadOnly') : t('findings.intro')}
        </p>
        <Show when={canExport() && roundId()}>
          {(id) => (
            <nav class="fnd-exports" aria-label={t('findings.export.label')}>
              <a
                class="button button--secondary button--small"
                href={findingsXlsxUrl(id())}
                download=""
              >
                {t('findings.export.findings')}
              </a>
              <a
                class="button button--secondary button--small"
                href={annotationsXlsxUrl(id())}
                download=""
              >
                {t('findings.export.annotations')}
              </a>
            </nav>
          )}
        </Show>
      </header>
      <Switch>
        <Match when={round.rounds.error}>
          <ErrorState
            title={t('findings.loadError')}
            error={round.rounds.error}
            onRetry={round.refetchRounds}
          />
        </Match>
        <Match when={!settled(round.rounds)}>
          <LoadingState label={t('findings.loading')} rows={3} />
        </Match>
        <Match when={!roundId()}>
          <EmptyState
            icon="layers"
            title={t('findings.noRound')}
            hint={t('findings.noRoundHint')}
          />
        </Match>
        <Match when={list.error || framework.error}>
          <ErrorState
            title={t('findings.loadError')}
            error={list.error ?? framework.error}
            onRetry={() => {
              void listCtl.refetch();
              void frameworkCtl.refetch();
            }}
          />
        </Match>
        <Match when={!settled(list) || !settled(framework)}>
          <LoadingState label={t('findings.loading')} rows={3} />
        </Match>
        <Match when={settled(framework)}>
          {(fw) => (
            <>
              <RollupStrip
                findings={findings()}
                rollup={settled(rollup)}
                framework={fw()}
                filters={filters}
                onFilter={(patch) => setFilters(patch)}
              />
              <Show when={settled(rollup)}>{(r) => <FindingsCharts rollup={r()} />}</Show>
              <Show when={problem()}>
                {(key) => (
                  <p class="form-problem fnd-page__problem" role="alert">
                    {t(key())}
                  </p>
                )}
              </Show>
              <Show when={(settled(rollup)?.suggestions.length ?? 0) > 0 && !readOnly()}>
                <Suggestions
                  suggestions={settled(rollup)!.suggestions}
                  framework={fw()}
                  canCreate={canCreate()}
                  busy={busyCell()}
                  onCreate={createFrom}
                />
              </Show>
              <div class="fnd-layout" classList={{ 'fnd-layout--open': !!selectedId() }}>
                <section class="fnd-layout__list" aria-label={t('findings.list.label')}>
                  <FindingsFilters
                    units={units()}
                    framework={fw()}
                    value={filters}
                    shown={shown().length}
                    total={findings().length}
                    onChange={(patch) => setFilters(patch)}
                    onClear={() => setFilters({ ...NO_FILTERS })}
                  />
                  <Switch>
                    <Match when={findings().length === 0}>
                      <EmptyState
                        icon="flag"
                        title={t('findings.list.empty')}
                        hint={
                          readOnly() ? t('findings.list.emptyReader') : t('findings.list.emptyHint')
                        }
                      />
                    </Match>
                    <Match when={shown().length === 0 && isFiltered(filters)}>
                      <EmptyState
                        icon="search"
                        title={t('findings.list.noMatch')}
                        action={
                          <button
                            type="button"
                            class="button button--secondary"
                            onClick={() => setFilters({ ...NO_FILTERS })}
                          >
                            {t('findings.filter.clear')}
                          </button>
                        }
                      />
                    </Match>
                    <Match when={true}>
                      <FindingsList findings={shown()} selectedId={selectedId()} framework={fw()} />
                    </Match>
                  </Switch>
                </section>
                <Show when={selectedId()} keyed>
                  {(id) => (
                    <FindingPanel
                      id={id}
                      framework={fw()}
                      others={findings()}
                      onChanged={(f) => {
                        upsert(f);
                        refreshCounts();
                      }}
                      onRemoved={(gone) => {
                        listCtl.mutate((prev) => (prev ?? []).filter((r) => r.id !== gone));
                        refreshCounts();
                      }}
                      onCreated={(f) => {
                        upsert(f);
                        // The original lost annotations: its row's count changes too.
                        void listCtl.refetch();
                        refreshCounts();
                        select(f.id);
                      }}
                      onClose={close}
                    />
                  )}
                </Show>
              </div>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
