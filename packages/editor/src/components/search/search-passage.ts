import type { Editor } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { type Accessor, createEffect, onCleanup } from 'solid-js';
import type { WorkspaceModel } from '../../lib/workspace/workspace-model.ts';
import '../../styles/search.css';

/**
 * Opening a search hit at its place in the review workspace: the statement
 * marks the first occurrence of the phrase (`?q=`) and scrolls to it; an
 * annotation hit (`?annotation=`) activates that card. Only decorations: the
 * shared document is never touched.
 */
export interface PmRange {
  from: number;
  to: number;
}

/**
 * Where `needle` first occurs in the document's text, case-insensitively,
 * within one paragraph (the server matches the same way: a query has no
 * line breaks).
 */
export function findPassage(doc: PmNode, needle: string): PmRange | undefined {
  const wanted = needle.trim().toLowerCase();
  if (!wanted) return undefined;
  let found: PmRange | undefined;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (!node.isTextblock) return true;
    let text = '';
    const posOf: number[] = [];
    node.forEach((child, offset) => {
      if (!child.isText || !child.text) return;
      for (let i = 0; i < child.text.length; i++) posOf.push(pos + 1 + offset + i);
      text += child.text;
    });
    const lower = text.toLowerCase();
    const at = (lower.length === text.length ? lower : text).indexOf(wanted);
    if (at >= 0) found = { from: posOf[at]!, to: posOf[at + wanted.length - 1]! + 1 };
    return false;
  });
  return found;
}

const passageKey = new PluginKey<DecorationSet>('rectifySearchPassage');

/**
 * Marks the passage `query()` names in the statement editor and scrolls
 * it into view once, as soon as the text (which arrives over the live
 * channel) contains it. Call inside a component, after the editor exists.
 */
export function showSearchPassage(editor: Editor, query: Accessor<string>): void {
  let needle = '';
  let scrolledFor: string | undefined;
  const decorate = (doc: PmNode) => {
    const range = findPassage(doc, needle);
    return range
      ? DecorationSet.create(doc, [
          Decoration.inline(range.from, range.to, {
            nodeName: 'mark',
            class: 'ws-search-hit',
            'data-search-hit': '',
          }),
        ])
      : DecorationSet.empty;
  };
  const scrollOnce = () => {
    if (!needle || scrolledFor === needle || editor.isDestroyed) return;
    const range = findPassage(editor.state.doc, needle);
    if (!range) return;
    scrolledFor = needle;
    requestAnimationFrame(() => {
      if (editor.isDestroyed) return;
      // The column scrolls on wide windows, the page on narrow ones: let the browser pick.
      editor.view.dom
        .querySelector('.ws-search-hit')
        ?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    });
  };
  const plugin = new Plugin<DecorationSet>({
    key: passageKey,
    state: {
      init: (_config, state) => decorate(state.doc),
      apply: (tr, value, _old, state) =>
        tr.docChanged || tr.getMeta(passageKey) ? decorate(state.doc) : value,
    },
    props: { decorations: (state) => passageKey.getState(state) },
    view: () => ({ update: scrollOnce }),
  });
  editor.registerPlugin(plugin);
  createEffect(() => {
    needle = query().trim();
    if (editor.isDestroyed) return;
    editor.view.dispatch(
      editor.state.tr.setMeta(passageKey, 'refresh').setMeta('addToHistory', false),
    );
    scrollOnce();
  });
  onCleanup(() => {
    if (!editor.isDestroyed) editor.unregisterPlugin(passageKey);
  });
}

/**
 * Activates the annotation `id()` names (its card focused, the statement
 * scrolled to its passage) once it is known: annotations arrive with the
 * live document, a moment after the page opens.
 */
export function followAnnotationLink(ws: WorkspaceModel, id: Accessor<string | undefined>): void {
  let done: string | undefined;
  createEffect(() => {
    const wanted = id();
    if (!wanted || done === wanted) return;
    const placed = ws.spans().has(wanted);
    const orphan = ws.annotations.some((a) => a.id === wanted && a.orphaned);
    if (!placed && !orphan) return;
    done = wanted;
    ws.activate(wanted, { focusCard: true, scroll: placed });
  });
}
