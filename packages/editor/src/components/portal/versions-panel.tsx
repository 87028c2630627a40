import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { VersionSummary } from '../../lib/portal/contracts.ts';
import { portalApi } from '../../lib/portal/portal-api.ts';
import { settled } from '../../lib/resource.ts';
import { ErrorState } from '../state-views.tsx';
import { DiffView } from './diff-view.tsx';
import { PortalIcon } from './portal-icon.tsx';
import './portal-base.css';
import './task-page.css';

function dateTime(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * 提交记录: every submitted version, newest first. Opening a later version
 * shows what changed since the one before; version 1 shows its text.
 */
export function VersionsPanel(props: { versions: VersionSummary[] }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = createSignal<string>();
  const [diff, { refetch }] = createResource(open, portalApi.diff);
  let region: HTMLDivElement | undefined;

  const toggle = (id: string) => {
    setOpen((current) => (current === id ? undefined : id));
    // Keyboard and screen-reader users land on what they asked for.
    queueMicrotask(() => region?.focus({ preventScroll: false }));
  };

  return (
    <section class="panel" aria-labelledby="versions-title">
      <div class="panel__head">
        <h2 class="panel__title" id="versions-title">
          {t('portal.versions.title')}
        </h2>
        <span class="panel__count num">
          {t('portal.versions.count', { count: props.versions.length })}
        </span>
      </div>
      <Show
        when={props.versions.length > 0}
        fallback={<p class="panel__empty">{t('portal.versions.none')}</p>}
      >
        <ol class="version-list">
          <For each={props.versions}>
            {(v) => (
              <li class="version-row" classList={{ 'version-row--open': open() === v.id }}>
                <span class="version-row__name">{t('portal.version', { n: v.version })}</span>
                <span class="version-row__meta">
                  <time datetime={v.submittedAt}>{dateTime(v.submittedAt, lang())}</time>
                  <span>{v.submittedBy}</span>
                </span>
                <button
                  type="button"
                  class="button button--small button--secondary version-row__action"
                  aria-expanded={open() === v.id}
                  aria-controls="version-diff"
                  onClick={() => toggle(v.id)}
                >
                  <PortalIcon name="history" size={15} />
                  {open() === v.id
                    ? t('portal.versions.hide')
                    : v.version > 1
                      ? t('portal.versions.compare', { n: v.version - 1 })
                      : t('portal.versions.read')}
                </button>
              </li>
            )}
          </For>
        </ol>
        <div id="version-diff" ref={region} tabIndex={-1} class="version-diff" aria-live="polite">
          <Show when={open()}>
            <Switch>
              <Match when={diff.error}>
                <ErrorState
                  title={t('portal.diff.loadError')}
                  error={diff.error}
                  onRetry={() => void refetch()}
                />
              </Match>
              <Match when={diff.loading || !settled(diff)}>
                <div class="diff diff--loading" role="status">
                  <span class="visually-hidden">{t('common.loading')}</span>
                  <div class="skeleton-line" />
                  <div class="skeleton-line" />
                  <div class="skeleton-line skeleton-line--short" />
                </div>
              </Match>
              <Match when={settled(diff)}>{(d) => <DiffView diff={d()} />}</Match>
            </Switch>
          </Show>
        </div>
      </Show>
    </section>
  );
}
