import { statementOf } from '@rectify/domain';
import type { Editor } from '@tiptap/core';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  For,
  on,
  onCleanup,
  onMount,
  Show,
} from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { useRouter } from '../../lib/router.tsx';
import { anchorSelection, storedAnchors } from '../../lib/workspace/anchors.ts';
import { createStatementEditor } from '../../lib/workspace/editors.ts';
import { annotationTone, highlightClass } from '../../lib/workspace/focus-tones.ts';
import { type HighlightSpec, refreshHighlights } from '../../lib/workspace/highlights.ts';
import { reviewApi } from '../../lib/workspace/review-api.ts';
import { useWorkspace } from '../../lib/workspace/workspace-model.ts';
import { followAnnotationLink, showSearchPassage } from '../search/search-passage.ts';
import { MOD_KEY } from './annotation-column.tsx';
import './statement.css';

/**
 * The unit's statement, read-only, with every annotation drawn over its
 * passage. Selecting text offers "new annotation" (button or Ctrl/⌘+M);
 * clicking a highlight opens its card.
 */
export function StatementPane() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const router = useRouter();
  let host!: HTMLDivElement;
  let scroller!: HTMLDivElement;
  let editor: Editor | undefined;
  const [floating, setFloating] = createSignal<{ top: number; left: number }>();
  const [empty, setEmpty] = createSignal(true);
  const [showDiff, setShowDiff] = createSignal(false);

  const specs = createMemo<HighlightSpec[]>(() => {
    const anchors = storedAnchors(ws.live.doc);
    const active = ws.activeId();
    return ws.annotations.flatMap((a) => {
      const anchor = a.orphaned ? undefined : anchors.get(a.id);
      if (!anchor) return [];
      const tone = annotationTone(ws.framework, a.questions);
      return [
        {
          id: a.id,
          anchor,
          className: highlightClass(tone, a.status === 'resolved', a.id === active),
        },
      ];
    });
  });

  const scrollTo = (id: string) => {
    const range = ws.spans().get(id);
    if (!editor || !range) return;
    try {
      // A third of the way down, so the passage reads with its lead-in above it.
      const coords = editor.view.coordsAtPos(range.from);
      const box = scroller.getBoundingClientRect();
      const top = coords.top - box.top + scroller.scrollTop - scroller.clientHeight / 3;
      scroller.scrollTo({ top: Math.max(0, top), behavior: 'smooth' });
    } catch {
      // No layout (hidden column): nothing to scroll.
    }
  };

  /** The DOM selection, when it lies inside the statement, as a ProseMirror range. */
  const readSelection = () => {
    const sel = window.getSelection();
    if (!editor || !sel || sel.isCollapsed || sel.rangeCount === 0) return undefined;
    const dom = editor.view.dom;
    if (!dom.contains(sel.anchorNode) || !dom.contains(sel.focusNode)) return undefined;
    const range = sel.getRangeAt(0);
    try {
      const from = editor.view.posAtDOM(range.startContainer, range.startOffset);
      const to = editor.view.posAtDOM(range.endContainer, range.endOffset);
      // The end of the selection (its last line box), where the eye and the mouse are.
      const rects = range.getClientRects();
      const rect = rects.length > 0 ? rects[rects.length - 1]! : range.getBoundingClientRect();
      return from < to ? { from, to, rect } : undefined;
    } catch {
      return undefined;
    }
  };

  const onSelectionChange = () => {
    const picked = readSelection();
    const anchored = picked && editor ? anchorSelection(editor.state, picked) : undefined;
    ws.setSelection(anchored);
    if (!picked || !anchored || ws.readOnly()) return setFloating(undefined);
    const box = scroller.getBoundingClientRect();
    setFloating({
      top: picked.rect.bottom - box.top + scroller.scrollTop + 6,
      left: Math.min(Math.max(8, picked.rect.right - box.left - 24), scroller.clientWidth - 150),
    });
  };

  onMount(() => {
    editor = createStatementEditor({
      element: host,
      doc: ws.live.doc,
      label: t('ws.statement.label'),
      highlights: { items: () => specs(), onRanges: ws.setSpans },
      onHighlightClick: (id) => ws.activate(id, { focusCard: true }),
    });
    const updateEmpty = () => setEmpty(statementOf(ws.live.doc).length === 0);
    editor.on('update', updateEmpty);
    updateEmpty();
    ws.setStatementScroller(scrollTo);
    document.addEventListener('selectionchange', onSelectionChange);
    // A search result opens here: mark its passage (?q=) or its annotation (?annotation=).
    showSearchPassage(editor, () => router.query().get('q') ?? '');
    followAnnotationLink(ws, () => router.query().get('annotation') ?? undefined);
  });
  createEffect(on(specs, () => editor && refreshHighlights(editor.view), { defer: true }));
  onCleanup(() => {
    document.removeEventListener('selectionchange', onSelectionChange);
    editor?.destroy();
  });

  const v = ws.version;
  const [diff] = createResource(
    () => (showDiff() && v.previousVersionId ? v.id : undefined),
    reviewApi.diff,
  );

  return (
    <section class="ws-col ws-statement" aria-labelledby="ws-statement-title">
      <header class="ws-col__header">
        <h2 id="ws-statement-title" class="ws-col__title">
          {t('ws.statement.title')}
          <span class="ws-col__count">{t('ws.version', { n: v.version })}</span>
        </h2>
        <Show when={v.previousVersionId}>
          <button
            type="button"
            class="ws-text-button"
            aria-pressed={showDiff()}
            onClick={() => setShowDiff(!showDiff())}
          >
            {showDiff() ? t('ws.diff.hide') : t('ws.diff.show', { n: v.version - 1 })}
          </button>
        </Show>
      </header>
      <div ref={scroller} class="ws-col__scroll ws-statement__scroll">
        <div ref={host} class="ws-statement__doc" hidden={showDiff()} />
        <Show when={showDiff()}>
          <div class="ws-diff" aria-live="polite">
            <Show when={diff()} fallback={<p class="ws-muted">{t('common.loading')}</p>}>
              {(d) => (
                <>
                  <p class="ws-diff__stats">
                    {t('ws.diff.stats', {
                      from: d().previousVersion ?? '-',
                      to: d().version,
                      ins: d().stats.inserted,
                      del: d().stats.deleted,
                    })}
                  </p>
                  <p class="ws-diff__text">
                    <For each={d().segments}>
                      {(s) =>
                        s.op === 'insert' ? (
                          <ins>{s.text}</ins>
                        ) : s.op === 'delete' ? (
                          <del>{s.text}</del>
                        ) : (
                          <span>{s.text}</span>
                        )
                      }
                    </For>
                  </p>
                </>
              )}
            </Show>
          </div>
        </Show>
        <Show when={!showDiff() && empty()}>
          <p class="ws-muted ws-statement__empty">
            {ws.live.synced() ? t('ws.statement.notSeeded') : t('common.loading')}
          </p>
        </Show>
        <Show when={!showDiff() && floating()}>
          {(pos) => (
            <button
              type="button"
              class="ws-float-new button button--primary button--small"
              style={{ top: `${pos().top}px`, left: `${pos().left}px` }}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                if (ws.createFromSelection()) setFloating(undefined);
              }}
            >
              {t('ws.new.button')} <kbd class="ws-kbd ws-kbd--on-accent">{MOD_KEY}+M</kbd>
            </button>
          )}
        </Show>
      </div>
    </section>
  );
}
