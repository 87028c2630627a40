import {
  createEffect,
  createMemo,
  createSignal,
  For,
  type JSX,
  on,
  onCleanup,
  Show,
} from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';
import { useRouter } from '../lib/router.tsx';
import { Icon } from './icon.tsx';
import {
  hitPath,
  SEARCH_KINDS,
  type SearchHit,
  type SearchKind,
  searchPagePath,
} from './search/search-api.ts';
import { HitMeta, KIND_LABEL, Snippet, useHitTitle, usePortalLinks } from './search/search-hit.tsx';
import { useLiveSearch } from './search/use-search.ts';
import '../styles/search.css';

/** Hits shown in the dropdown; the search page has the rest. */
const DROPDOWN_LIMIT = 8;
const LISTBOX_ID = 'top-search-results';

type Option =
  | { type: 'hit'; hit: SearchHit; index: number }
  | { type: 'kind'; kind: SearchKind; count: number; index: number }
  | { type: 'all'; total: number; index: number };

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/**
 * The top bar's search: results as you type, grouped by kind with counts,
 * each with its highlighted snippet. "/" focuses it; ↑/↓ pick, Enter opens
 * (or, with nothing picked, goes to the search page), Esc closes. The input
 * is an ARIA combobox over a listbox of grouped options.
 */
export function SearchBox() {
  const { t, formatNumber } = useI18n();
  const router = useRouter();
  const portal = usePortalLinks();
  const titleOf = useHitTitle();
  const live = useLiveSearch({ limit: DROPDOWN_LIMIT });
  const [query, setQuery] = createSignal('');
  const [open, setOpen] = createSignal(false);
  const [active, setActive] = createSignal(-1);
  let input: HTMLInputElement | undefined;
  let root: HTMLElement | undefined;

  const onKey = (event: KeyboardEvent) => {
    if (event.key === '/' && !typingIn(event.target) && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      input?.focus();
      input?.select();
    }
  };
  document.addEventListener('keydown', onKey);
  onCleanup(() => document.removeEventListener('keydown', onKey));

  // Wherever a result (or anything else) takes us, the dropdown is done.
  createEffect(on([router.path, router.query], () => setOpen(false), { defer: true }));

  /** Groups in the server's kind order; kinds with hits beyond the dropdown get a "more" row. */
  const layout = createMemo(() => {
    const r = live.result();
    if (!r) return { groups: [], extra: [], options: [] as Option[] };
    const options: Option[] = [];
    const groups = SEARCH_KINDS.flatMap((kind) => {
      const hits = r.hits.filter((h) => h.kind === kind);
      if (hits.length === 0) return [];
      return [
        {
          kind,
          count: r.counts[kind] ?? hits.length,
          options: hits.map((hit) => {
            const o: Option = { type: 'hit', hit, index: options.length };
            options.push(o);
            return o;
          }),
        },
      ];
    });
    const extra = SEARCH_KINDS.flatMap((kind) => {
      const count = r.counts[kind] ?? 0;
      if (count === 0 || r.hits.some((h) => h.kind === kind)) return [];
      const o: Option = { type: 'kind', kind, count, index: options.length };
      options.push(o);
      return [o];
    });
    if (r.total > 0) options.push({ type: 'all', total: r.total, index: options.length });
    return { groups, extra, options };
  });

  createEffect(on(live.result, () => setActive(-1)));

  const pathOf = (o: Option): string => {
    const q = live.result()?.query ?? query().trim();
    if (o.type === 'hit') return hitPath(o.hit, q, { portal: portal() });
    if (o.type === 'kind') return searchPagePath(q, o.kind);
    return searchPagePath(q);
  };
  const go = (to: string) => {
    setOpen(false);
    input?.blur();
    router.navigate(to);
  };
  const optionId = (i: number) => `${LISTBOX_ID}-${i}`;
  const showPopover = () =>
    open() && query().trim() !== '' && (live.result() !== undefined || !!live.error());

  const move = (delta: 1 | -1) => {
    const n = layout().options.length;
    if (n === 0) return;
    setOpen(true);
    const next = active() < 0 ? (delta === 1 ? 0 : n - 1) : (active() + delta + n) % n;
    setActive(next);
    document.getElementById(optionId(next))?.scrollIntoView?.({ block: 'nearest' });
  };

  const onInputKey = (event: KeyboardEvent) => {
    if (event.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        break;
      case 'Escape':
        event.preventDefault();
        if (open()) setOpen(false);
        else if (query()) {
          setQuery('');
          live.clear();
        } else input?.blur();
        break;
      case 'Enter': {
        event.preventDefault();
        const picked = showPopover() ? layout().options[active()] : undefined;
        const q = query().trim();
        if (picked) go(pathOf(picked));
        else go(searchPagePath(q));
        break;
      }
    }
  };

  const status = () => {
    if (!query().trim()) return '';
    if (live.loading()) return t('search.searching');
    const r = live.result();
    if (!r) return '';
    return r.total > 0
      ? t('search.page.total', { n: formatNumber(r.total) })
      : t('search.noHits', { q: r.query });
  };

  /** One option row: the active one is announced through aria-activedescendant. */
  const Opt = (props: { option: Option; class: string; children: JSX.Element }) => (
    // biome-ignore lint/a11y/useKeyWithClickEvents: keys reach options through the combobox (aria-activedescendant)
    <div
      id={optionId(props.option.index)}
      role="option"
      tabIndex={-1}
      class={`search-pop__option ${props.class}`}
      aria-selected={active() === props.option.index}
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={() => setActive(props.option.index)}
      onClick={() => go(pathOf(props.option))}
    >
      {props.children}
    </div>
  );

  return (
    <search
      class="search"
      ref={root}
      onFocusOut={(e) => {
        const next = e.relatedTarget as Node | null;
        if (!next || !root?.contains(next)) setOpen(false);
      }}
    >
      <form onSubmit={(e) => e.preventDefault()}>
        <Icon name="search" size={16} class="search__icon" />
        <input
          ref={input}
          class="search__input"
          type="search"
          role="combobox"
          aria-label={t('search.label')}
          aria-autocomplete="list"
          aria-expanded={showPopover()}
          aria-controls={LISTBOX_ID}
          aria-activedescendant={showPopover() && active() >= 0 ? optionId(active()) : undefined}
          autocomplete="off"
          spellcheck={false}
          placeholder={t('search.placeholder')}
          value={query()}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setOpen(true);
            // Mid-composition (pinyin) letters are not the query yet.
            if (!(e as InputEvent).isComposing) live.schedule(e.currentTarget.value);
          }}
          onCompositionEnd={(e) => live.schedule(e.currentTarget.value)}
          onFocus={() => {
            if (query().trim()) setOpen(true);
          }}
          onKeyDown={onInputKey}
        />
        <Show when={!query()}>
          <span class="search__hint" aria-hidden="true">
            /
          </span>
        </Show>
      </form>
      <span class="visually-hidden" role="status" aria-live="polite">
        {open() ? status() : ''}
      </span>
      <div class="search-pop" hidden={!showPopover()} aria-busy={live.loading()}>
        <div id={LISTBOX_ID} role="listbox" aria-label={t('search.results')}>
          <For each={layout().groups}>
            {(group) => (
              // biome-ignore lint/a11y/useSemanticElements: a listbox groups options with role=group; a fieldset is not allowed there
              <div
                role="group"
                class="search-pop__group"
                aria-labelledby={`${LISTBOX_ID}-g-${group.kind}`}
              >
                <div
                  id={`${LISTBOX_ID}-g-${group.kind}`}
                  class="search-pop__heading"
                  role="presentation"
                >
                  <span>{t(KIND_LABEL[group.kind])}</span>
                  <span class="search-pop__count">
                    {t('search.count', { n: formatNumber(group.count) })}
                  </span>
                </div>
                <For each={group.options}>
                  {(o) => (
                    <Show when={o.type === 'hit' && o}>
                      {(h) => (
                        <Opt option={h()} class="search-hit">
                          <span class="search-hit__title">{titleOf(h().hit)}</span>
                          <HitMeta hit={h().hit} />
                          <Snippet snippet={h().hit.snippet} />
                        </Opt>
                      )}
                    </Show>
                  )}
                </For>
              </div>
            )}
          </For>
          <Show when={layout().extra.length > 0}>
            {/* biome-ignore lint/a11y/useSemanticElements: a listbox groups options with role=group */}
            <div role="group" class="search-pop__group search-pop__group--more">
              <For each={layout().extra}>
                {(o) => (
                  <Show when={o.type === 'kind' && o}>
                    {(k) => (
                      <Opt option={k()} class="search-pop__kind">
                        <span>{t(KIND_LABEL[k().kind])}</span>
                        <span class="search-pop__count">
                          {t('search.count', { n: formatNumber(k().count) })}
                        </span>
                      </Opt>
                    )}
                  </Show>
                )}
              </For>
            </div>
          </Show>
          <For each={layout().options.filter((o) => o.type === 'all')}>
            {(o) => (
              <Opt option={o} class="search-pop__all">
                <Icon name="search" size={14} />
                {t('search.seeAll', { n: formatNumber(o.type === 'all' ? o.total : 0) })}
              </Opt>
            )}
          </For>
        </div>
        <Show when={live.result()?.total === 0 && !live.error()}>
          <div class="search-pop__empty">
            <p class="search-pop__empty-title">
              {t('search.noHits', { q: live.result()?.query ?? '' })}
            </p>
            <p class="search-pop__hint">{t('search.noHitsHint')}</p>
          </div>
        </Show>
        <Show when={live.error()}>
          <p class="search-pop__empty search-pop__error" role="alert">
            {t('search.error')}
          </p>
        </Show>
        <p class="search-pop__foot" aria-hidden="true">
          <Show when={live.loading()} fallback={t('search.keys')}>
            {t('search.searching')}
          </Show>
        </p>
      </div>
    </search>
  );
}
