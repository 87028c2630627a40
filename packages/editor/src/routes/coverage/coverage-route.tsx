import { createMemo, createResource, For, Match, Show, Switch } from 'solid-js';
import { CellPanel } from '../../components/coverage/cell-panel.tsx';
import { coverageApi } from '../../components/coverage/coverage-api.ts';
import { type CellRef, CoverageMatrix } from '../../components/coverage/coverage-matrix.tsx';
import { CoverageLegend, CoverageSummary } from '../../components/coverage/coverage-summary.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { entryFor } from '../../lib/nav.ts';
import { usePageTitle } from '../../lib/page-title.ts';
import { settled } from '../../lib/resource.ts';
import { useRound } from '../../lib/round-context.tsx';
import { Link, useRouter } from '../../lib/router.tsx';
import '../../styles/coverage.css';

/** The page's state lives in the URL (`?group=…&unit=…&q=Q3`), so a link can point at a cell. */
function coverageUrl(group: string | undefined, cell: CellRef | undefined): string {
  const q = new URLSearchParams();
  if (group) q.set('group', group);
  if (cell) {
    q.set('unit', cell.unitId);
    q.set('q', cell.question);
  }
  const s = q.toString();
  return s ? `/coverage?${s}` : '/coverage';
}

/**
 * 覆盖情况: for one inspection group, the unit × question matrix as a
 * heatmap (open and resolved annotation counts, who annotated, gaps), with
 * the annotations of a cell in a panel beside it. Leadership and
 * administrators pick the group; members see their own.
 */
export function CoverageRoute() {
  const { t } = useI18n();
  const round = useRound();
  const router = useRouter();
  usePageTitle(() => t('coverage.title'));

  const roundId = () => round.current()?.id;
  const groupParam = () => router.query().get('group') || undefined;
  // A string key, so opening a cell (which changes the query) does not reload the matrix.
  const matrixKey = createMemo(() =>
    roundId() ? JSON.stringify([roundId(), groupParam() ?? null]) : undefined,
  );
  const [coverage, ctl] = createResource(matrixKey, (key) => {
    const [round, group] = JSON.parse(key) as [string, string | null];
    return coverageApi.matrix(round, group ?? undefined);
  });
  const data = () => settled(coverage);
  const readOnly = () => entryFor('/coverage', round.nav())?.readOnly === true;

  const selected = createMemo<CellRef | undefined>(() => {
    const unitId = router.query().get('unit');
    const question = router.query().get('q');
    return unitId && question ? { unitId, question } : undefined;
  });
  /** The selected cell, if it is in the matrix shown (a stale link opens nothing). */
  const selectedCell = createMemo(() => {
    const s = selected();
    const d = data();
    if (!s || !d) return undefined;
    const unit = d.units.find((u) => u.id === s.unitId);
    const cell = unit?.cells.find((c) => c.question === s.question);
    if (!unit || !cell) return undefined;
    const question = d.framework.focuses
      .flatMap((f) => f.questions)
      .find((q) => q.code === s.question);
    return { ref: s, unit, cell, question };
  });

  /**
   * Opening a cell changes only the query, yet the shell moves focus to
   * <main> on every navigation: give it back to the cell, so arrow keys and
   * Escape keep working from where the user is.
   */
  const open = (cell: CellRef) => {
    const from = document.activeElement;
    router.navigate(coverageUrl(groupParam(), cell), { replace: true });
    if (from instanceof HTMLElement && from.classList.contains('cov-cell')) {
      queueMicrotask(() => from.focus({ preventScroll: true }));
    }
  };
  const close = () => {
    const cell = document.querySelector<HTMLElement>('.cov-cell--selected');
    router.navigate(coverageUrl(groupParam(), undefined), { replace: true });
    // Back to the cell the panel was opened from.
    if (cell) queueMicrotask(() => cell.focus({ preventScroll: true }));
  };
  const pickGroup = (id: string) => router.navigate(coverageUrl(id, undefined));

  return (
    <div class="page cov-page">
      <header class="page-header">
        <Show when={round.current()}>
          {(current) => <p class="page-header__eyebrow">{current().name}</p>}
        </Show>
        <div class="page-header__title-row">
          <h1 class="page-header__title">{t('coverage.title')}</h1>
          <Show when={readOnly()}>
            <span class="badge badge--closed">{t('common.readOnly')}</span>
          </Show>
          <Show when={(data()?.groups.length ?? 0) > 1}>
            <label class="cov-group-picker">
              <span class="cov-group-picker__label">{t('coverage.group')}</span>
              <select
                class="input cov-select"
                value={data()?.group?.id ?? ''}
                onChange={(e) => pickGroup(e.currentTarget.value)}
              >
                <For each={data()?.groups ?? []}>
                  {(g) => (
                    <option value={g.id} selected={g.id === data()?.group?.id}>
                      {g.name}
                    </option>
                  )}
                </For>
              </select>
            </label>
          </Show>
          <Show when={(data()?.groups.length ?? 0) <= 1 && data()?.group}>
            {(g) => <span class="cov-group-name">{g().name}</span>}
          </Show>
        </div>
        <p class="page-header__meta">
          {readOnly() ? t('coverage.introReadOnly') : t('coverage.intro')}
        </p>
      </header>
      <Switch>
        <Match when={round.rounds.error}>
          <ErrorState
            title={t('coverage.loadError')}
            error={round.rounds.error}
            onRetry={round.refetchRounds}
          />
        </Match>
        <Match when={!settled(round.rounds)}>
          <LoadingState label={t('coverage.loading')} rows={3} />
        </Match>
        <Match when={!roundId()}>
          <EmptyState
            icon="layers"
            title={t('coverage.noRound')}
            hint={t('coverage.noRoundHint')}
          />
        </Match>
        <Match when={coverage.error}>
          <ErrorState
            title={t('coverage.loadError')}
            error={coverage.error}
            onRetry={() => void ctl.refetch()}
          />
        </Match>
        <Match when={!data()}>
          <LoadingState label={t('coverage.loading')} rows={3} />
        </Match>
        <Match when={!data()!.group}>
          <EmptyState
            icon="users"
            title={t('coverage.noGroups')}
            hint={t('coverage.noGroupsHint')}
          />
        </Match>
        <Match when={data()!.units.length === 0}>
          <EmptyState
            icon="table"
            title={t('coverage.noUnits', { group: data()!.group!.name })}
            hint={t('coverage.noUnitsHint')}
          />
        </Match>
        <Match when={data()}>
          {(d) => (
            <>
              <CoverageSummary coverage={d()} />
              <Show when={d().totals.open + d().totals.resolved === 0}>
                <div class="cov-notice" role="status">
                  <p>{t('coverage.noAnnotations')}</p>
                  <Show when={!readOnly()}>
                    <Link class="button button--secondary button--small" href="/work">
                      {t('coverage.toWorkbench')}
                    </Link>
                  </Show>
                </div>
              </Show>
              <div class="cov-layout" classList={{ 'cov-layout--open': !!selectedCell() }}>
                <section class="cov-layout__matrix">
                  <CoverageLegend />
                  <CoverageMatrix
                    coverage={d()}
                    selected={selectedCell()?.ref}
                    onEscape={() => {
                      if (selectedCell()) close();
                    }}
                    onOpen={(cell) => {
                      const s = selected();
                      if (s && s.unitId === cell.unitId && s.question === cell.question) close();
                      else open(cell);
                    }}
                  />
                </section>
                <Show when={selectedCell()}>
                  {(s) => (
                    <CellPanel
                      roundId={d().roundId}
                      groupId={d().group?.id}
                      cell={s().ref}
                      unitName={s().unit.name}
                      question={s().question}
                      counts={{ open: s().cell.open, resolved: s().cell.resolved }}
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
