import { createMemo, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { useWorkspace } from '../../lib/workspace/workspace-model.ts';
import { AnnotationCard } from './annotation-card.tsx';
import './annotations.css';

/** ⌘ on Apple keyboards, Ctrl elsewhere, in hints. */
export const MOD_KEY =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/**
 * The middle column: orphans that need re-attaching first, then every
 * annotation in statement order. New ones come from a statement selection.
 */
export function AnnotationColumn() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const orphans = createMemo(() => ws.ordered().filter((a) => a.orphaned));
  const placed = createMemo(() => ws.ordered().filter((a) => !a.orphaned));
  const openCount = () => ws.annotations.filter((a) => a.status === 'open').length;

  const create = () => {
    if (!ws.createFromSelection()) ws.showHint(t('ws.new.selectFirst'));
  };

  return (
    <section class="ws-col ws-annotations" aria-labelledby="ws-annotations-title">
      <header class="ws-col__header">
        <h2 id="ws-annotations-title" class="ws-col__title">
          {t('ws.annotations.title')}
          <span class="ws-col__count num">
            {t('ws.annotations.count', {
              open: openCount(),
              resolved: ws.annotations.length - openCount(),
            })}
          </span>
        </h2>
        <Show when={!ws.readOnly()}>
          <button
            type="button"
            class="button button--primary button--small"
            onMouseDown={(e) => e.preventDefault()}
            onClick={create}
            aria-keyshortcuts="Control+M Meta+M"
            title={t('ws.new.title', { mod: MOD_KEY })}
          >
            {t('ws.new.button')} <kbd class="ws-kbd ws-kbd--on-accent">{MOD_KEY}+M</kbd>
          </button>
        </Show>
      </header>
      <p class="ws-hint" role="status" aria-live="polite">
        {ws.hint() ?? ''}
      </p>
      <div class="ws-col__scroll ws-annotations__scroll">
        <Show when={orphans().length > 0}>
          <section class="ws-orphans" aria-labelledby="ws-orphans-title">
            <h3 id="ws-orphans-title" class="ws-orphans__title">
              {t('ws.orphan.title', { count: orphans().length })}
            </h3>
            <For each={orphans()}>{(a) => <AnnotationCard annotation={a} />}</For>
          </section>
        </Show>
        <For each={placed()}>{(a) => <AnnotationCard annotation={a} />}</For>
        <Show when={ws.annotations.length === 0}>
          <div class="ws-empty">
            <p class="ws-empty__title">{t('ws.annotations.empty')}</p>
            <p class="ws-empty__hint">
              {ws.readOnly()
                ? t('ws.annotations.emptyReadOnly')
                : t('ws.annotations.emptyHint', { mod: MOD_KEY })}
            </p>
          </div>
        </Show>
      </div>
    </section>
  );
}
