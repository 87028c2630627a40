import { createEffect, createResource, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import {
  hitPath,
  isSearchKind,
  SEARCH_KINDS,
  type SearchKind,
  type SearchResult,
  search,
  searchPagePath,
} from '../../components/search/search-api.ts';
import {
  HitMeta,
  KIND_LABEL,
  Snippet,
  useHitTitle,
  usePortalLinks,
} from '../../components/search/search-hit.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/state-views.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { usePageTitle } from '../../lib/page-title.ts';
import { useRound } from '../../lib/round-context.tsx';
import { Link, useRouter } from '../../lib/router.tsx';
import '../../styles/search.css';

export const PAGE_SIZE = 20;

interface Loaded {
  result: SearchResult;
  /** Per-kind counts of the whole query, whatever the filter. */
  counts: SearchResult['counts'];
}

/**
 * 搜索: every hit of a phrase in the round that the user may read, filtered
 * by kind (with counts), twenty a page. The state lives in the URL
 * (`/search?q=导师制&kind=evidence&page=2`), so results can be linked to and
 * the back button works.
 */
export function SearchRoute() {
  const { t, formatNumber } = useI18n();
  const router = useRouter();
  const round = useRound();
  const portal = usePortalLinks();
  const titleOf = useHitTitle();

  const q = () => (router.query().get('q') ?? '').trim();
  const kind = (): SearchKind | undefined => {
    const k = router.query().get('kind');
    return isSearchKind(k) ? k : undefined;
  };
  const page = () => Math.max(1, Math.floor(Number(router.query().get('page')) || 1));
  const [draft, setDraft] = createSignal(q());
  createEffect(on(q, (value) => setDraft(value), { defer: true }));
  usePageTitle(() => (q() ? `${q()} · ${t('search.page.title')}` : t('search.page.title')));

  // Counts per query, so paging through one kind does not ask for them again.
  const countsFor = new Map<string, SearchResult['counts']>();
  const key = () => {
    const roundId = round.current()?.id;
    return roundId && q() ? { roundId, q: q(), kind: kind(), page: page() } : undefined;
  };
  const [data, { refetch }] = createResource(key, async (k): Promise<Loaded> => {
    const cacheKey = `${k.roundId}\n${k.q}`;
    const hits = search(k.roundId, {
      q: k.q,
      ...(k.kind ? { kinds: [k.kind] } : {}),
      limit: PAGE_SIZE,
      offset: (k.page - 1) * PAGE_SIZE,
    });
    const cached = countsFor.get(cacheKey);
    const counts =
      k.kind && !cached ? search(k.roundId, { q: k.q, limit: 1 }).then((r) => r.counts) : cached;
    const [result, all] = await Promise.all([hits, counts]);
    const merged = k.kind ? (all ?? result.counts) : result.counts;
    countsFor.set(cacheKey, merged);
    return { result, counts: merged };
  });
  const loaded = () => (data.error ? undefined : data.latest);
  const totalAll = () => Object.values(loaded()?.counts ?? {}).reduce((n, c) => n + (c ?? 0), 0);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    router.navigate(searchPagePath(draft().trim(), kind()));
  };

  return (
    <div class="page search-page">
      <header class="page-header">
        <Show when={round.current()}>
          {(current) => <p class="page-header__eyebrow">{current().name}</p>}
        </Show>
        <h1 class="page-header__title">{t('search.page.title')}</h1>
        <p class="page-header__meta">{t('search.page.intro')}</p>
      </header>
      <search>
        <form class="search-page__form" onSubmit={submit}>
          <input
            class="input"
            type="search"
            aria-label={t('search.label')}
            placeholder={t('search.placeholder')}
            value={draft()}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit" class="button button--primary">
            {t('search.page.submit')}
          </button>
        </form>
      </search>
      <Switch>
        <Match when={round.rounds.error}>
          <ErrorState
            title={t('search.page.loadError')}
            error={round.rounds.error}
            onRetry={round.refetchRounds}
          />
        </Match>
        <Match when={round.rounds.loading && !round.current()}>
          <LoadingState label={t('common.loading')} rows={2} />
        </Match>
        <Match when={!round.current()}>
          <EmptyState icon="layers" title={t('search.noRound')} />
        </Match>
        <Match when={!q()}>
          <EmptyState
            icon="search"
            title={t('search.page.start')}
            hint={t('search.page.startHint')}
          />
        </Match>
        <Match when={data.error}>
          <ErrorState
            title={t('search.page.loadError')}
            error={data.error}
            onRetry={() => void refetch()}
          />
        </Match>
        <Match when={!loaded()}>
          <LoadingState label={t('search.searching')} rows={3} />
        </Match>
        <Match when={loaded()}>
          {(d) => (
            <div aria-busy={data.loading}>
              <nav aria-label={t('search.page.filter')}>
                <ul class="search-filters">
                  <li>
                    <Link
                      class="search-filter"
                      href={searchPagePath(q())}
                      aria-current={kind() === undefined ? 'true' : undefined}
                    >
                      {t('search.page.all')}
                      <span class="search-filter__n">{formatNumber(totalAll())}</span>
                    </Link>
                  </li>
                  <For each={SEARCH_KINDS}>
                    {(k) => (
                      <li>
                        <Link
                          class="search-filter"
                          classList={{ 'search-filter--empty': !d().counts[k] }}
                          href={searchPagePath(q(), k)}
                          aria-current={kind() === k ? 'true' : undefined}
                        >
                          {t(KIND_LABEL[k])}
                          <span class="search-filter__n">{formatNumber(d().counts[k] ?? 0)}</span>
                        </Link>
                      </li>
                    )}
                  </For>
                </ul>
              </nav>
              <Show
                when={d().result.total > 0}
                fallback={
                  <EmptyState
                    icon="search"
                    title={t('search.noHits', { q: q() })}
                    hint={t('search.noHitsHint')}
                  />
                }
              >
                <p class="search-page__summary" role="status">
                  {t('search.page.range', {
                    from: formatNumber((page() - 1) * PAGE_SIZE + 1),
                    to: formatNumber((page() - 1) * PAGE_SIZE + d().result.hits.length),
                    n: formatNumber(d().result.total),
                  })}
                </p>
                <ol class="search-results">
                  <For each={d().result.hits}>
                    {(hit) => (
                      <li>
                        <Link class="search-result" href={hitPath(hit, q(), { portal: portal() })}>
                          <span class="search-result__kind">{t(KIND_LABEL[hit.kind])}</span>
                          <span class="search-hit__title">{titleOf(hit)}</span>
                          <HitMeta hit={hit} />
                          <Snippet snippet={hit.snippet} />
                        </Link>
                      </li>
                    )}
                  </For>
                </ol>
                <Show when={d().result.total > PAGE_SIZE}>
                  <nav class="search-pager" aria-label={t('search.page.pager')}>
                    <Show when={page() > 1}>
                      <Link
                        class="button button--secondary button--small"
                        href={searchPagePath(q(), kind(), page() - 1)}
                      >
                        {t('search.page.prev')}
                      </Link>
                    </Show>
                    <span>
                      {page()} / {Math.ceil(d().result.total / PAGE_SIZE)}
                    </span>
                    <Show when={page() * PAGE_SIZE < d().result.total}>
                      <Link
                        class="button button--secondary button--small"
                        href={searchPagePath(q(), kind(), page() + 1)}
                      >
                        {t('search.page.next')}
                      </Link>
                    </Show>
                  </nav>
                </Show>
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
