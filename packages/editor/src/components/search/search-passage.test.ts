import { richTextExtensions } from '@rectify/domain';
import { Editor } from '@tiptap/core';
import { createRoot, createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkspaceModel } from '../../lib/workspace/workspace-model.ts';
import { findPassage, followAnnotationLink, showSearchPassage } from './search-passage.ts';

const CONTENT =
  '<p>本科教学工作：</p><p>已修订《本科生<strong>导师</strong>制实施办法》，全面推行导师制。</p>';

function editorWith(html: string) {
  const element = document.createElement('div');
  document.body.append(element);
  const editor = new Editor({
    element,
    editable: false,
    extensions: richTextExtensions(),
    content: html,
  });
  return { editor, element };
}

describe('the passage a search opens in the statement', () => {
  let dispose = () => {};
  afterEach(() => dispose());

  it('finds the first occurrence across marks, case-insensitively, within one paragraph', () => {
    const { editor, element } = editorWith(`${CONTENT}<p>English TEXT here</p>`);
    dispose = () => {
      editor.destroy();
      element.remove();
    };
    const doc = editor.state.doc;
    const hit = findPassage(doc, '导师制')!;
    expect(doc.textBetween(hit.from, hit.to)).toBe('导师制');
    const english = findPassage(doc, 'text')!;
    expect(doc.textBetween(english.from, english.to)).toBe('TEXT');
    expect(findPassage(doc, '工作：已修订')).toBeUndefined();
    expect(findPassage(doc, '   ')).toBeUndefined();
  });

  it('marks the passage without changing the document, and follows a new query', () => {
    const { editor, element } = editorWith(CONTENT);
    const before = editor.getJSON();
    const [q, setQ] = createSignal('导师制');
    const stop = createRoot((done) => {
      showSearchPassage(editor, q);
      return done;
    });
    dispose = () => {
      stop();
      editor.destroy();
      element.remove();
    };
    const marks = () =>
      [...element.querySelectorAll('mark.ws-search-hit')].map((m) => m.textContent);
    // The match spans the bold 导师 and the plain 制: two inline pieces, one passage.
    expect(marks().join('')).toBe('导师制');
    setQ('全面推行');
    expect(marks().join('')).toBe('全面推行');
    setQ('');
    expect(marks()).toEqual([]);
    expect(editor.getJSON()).toEqual(before);
  });
});

describe('an annotation a search opens', () => {
  it('is activated, card focused and passage scrolled to, once its place is known', () => {
    const [spans, setSpans] = createSignal<ReadonlyMap<string, { from: number; to: number }>>(
      new Map(),
    );
    const activate = vi.fn();
    const ws = { spans, annotations: [], activate } as unknown as WorkspaceModel;
    const [id] = createSignal<string | undefined>('ann-1');
    const stop = createRoot((done) => {
      followAnnotationLink(ws, id);
      return done;
    });
    expect(activate).not.toHaveBeenCalled();
    setSpans(new Map([['ann-2', { from: 1, to: 3 }]]));
    expect(activate).not.toHaveBeenCalled();
    setSpans(new Map([['ann-1', { from: 4, to: 9 }]]));
    expect(activate).toHaveBeenCalledWith('ann-1', { focusCard: true, scroll: true });
    // Later highlight updates do not pull the reader back.
    setSpans(new Map([['ann-1', { from: 5, to: 10 }]]));
    expect(activate).toHaveBeenCalledTimes(1);
    stop();
  });
});
