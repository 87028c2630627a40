import { Extension } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { decodeRange, type EncodedAnchor, type PmRange } from './anchors.ts';

/**
 * Annotation highlights over the read-only statement: ProseMirror inline
 * decorations computed from each annotation's relative anchors. They never
 * touch the document, so drawing them changes nothing anyone else sees, and
 * they move with the text because the anchors do.
 */
export interface HighlightSpec {
  id: string;
  anchor: EncodedAnchor;
  /** Classes for the span (tone, resolved, active). */
  className: string;
}

export interface HighlightSource {
  items: () => readonly HighlightSpec[];
  /** Where each annotation is now, whenever that may have changed (after the view updated). */
  onRanges?: (ranges: ReadonlyMap<string, PmRange>) => void;
}

interface HighlightState {
  decorations: DecorationSet;
  ranges: ReadonlyMap<string, PmRange>;
}

export const highlightKey = new PluginKey<HighlightState>('rectifyHighlights');

function compute(state: EditorState, items: readonly HighlightSpec[]): HighlightState {
  const ranges = new Map<string, PmRange>();
  const decorations: Decoration[] = [];
  for (const item of items) {
    const range = decodeRange(state, item.anchor);
    if (!range) continue;
    ranges.set(item.id, range);
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: item.className,
        'data-annotation-id': item.id,
      }),
    );
  }
  return { decorations: DecorationSet.create(state.doc, decorations), ranges };
}

/** Asks the plugin to redraw, e.g. after an annotation was tagged or resolved. */
export function refreshHighlights(view: EditorView): void {
  view.dispatch(view.state.tr.setMeta(highlightKey, 'refresh').setMeta('addToHistory', false));
}

export function highlightRanges(state: EditorState): ReadonlyMap<string, PmRange> {
  return highlightKey.getState(state)?.ranges ?? new Map();
}

function highlightPlugin(source: HighlightSource): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: highlightKey,
    state: {
      init: (_config, state) => compute(state, source.items()),
      apply: (tr: Transaction, value, _old, state) =>
        tr.docChanged || tr.getMeta(highlightKey) ? compute(state, source.items()) : value,
    },
    props: {
      decorations: (state) => highlightKey.getState(state)?.decorations,
    },
    view: (initial) => {
      let last: ReadonlyMap<string, PmRange> | undefined;
      const report = (view: EditorView) => {
        const ranges = highlightRanges(view.state);
        if (ranges === last) return;
        last = ranges;
        // Outside ProseMirror's update: listeners may dispatch in turn.
        queueMicrotask(() => source.onRanges?.(ranges));
      };
      report(initial);
      return { update: report };
    },
  });
}

/** The Tiptap extension around the plugin, after Collaboration (whose binding it reads). */
export function AnnotationHighlights(source: HighlightSource) {
  return Extension.create({
    name: 'annotationHighlights',
    priority: 50,
    addProseMirrorPlugins: () => [highlightPlugin(source)],
  });
}
