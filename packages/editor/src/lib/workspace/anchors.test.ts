import {
  annotationRange,
  createAnnotation,
  paragraphsToRichText,
  readAnnotations,
  seedReviewDoc,
  statementOf,
  statementPlainText,
} from '@rectify/domain';
import type { Editor } from '@tiptap/core';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorSelection, decodeRange, storedAnchors } from './anchors.ts';
import { createStatementEditor } from './editors.ts';
import { highlightRanges } from './highlights.ts';

const PARAGRAPHS = [
  '我处于2023年5月完成《本科生导师制实施办法》修订工作。',
  '新办法明确了导师职责，规定每名导师指导学生不超过15人。',
];

let editor: Editor | undefined;
afterEach(() => {
  editor?.destroy();
  editor = undefined;
});

function setup() {
  const doc = new Y.Doc();
  seedReviewDoc(doc, paragraphsToRichText(PARAGRAPHS), 'v1');
  const element = document.createElement('div');
  document.body.append(element);
  const items: Array<{
    id: string;
    anchor: { start: Uint8Array; end: Uint8Array };
    className: string;
  }> = [];
  editor = createStatementEditor({
    element,
    doc,
    label: 'statement',
    highlights: { items: () => items },
  });
  return { doc, editor, items };
}

/** The ProseMirror range of a passage of the rendered statement. */
function rangeOf(ed: Editor, passage: string): { from: number; to: number } {
  let found: { from: number; to: number } | undefined;
  ed.state.doc.descendants((node, pos) => {
    if (found || !node.isText) return;
    const at = node.text!.indexOf(passage);
    if (at >= 0) found = { from: pos + at, to: pos + at + passage.length };
  });
  if (!found) throw new Error(`no ${passage}`);
  return found;
}

describe('annotating a selection of the statement', () => {
  it('renders the seeded statement read-only', () => {
    const { editor: ed } = setup();
    expect(ed.isEditable).toBe(false);
    expect(ed.getText({ blockSeparator: '\n' })).toBe(PARAGRAPHS.join('\n'));
  });

  it('quotes the selection with context and anchors it where the domain finds it', () => {
    const { doc, editor: ed } = setup();
    const sel = anchorSelection(ed.state, rangeOf(ed, '每名导师指导学生不超过15人'))!;
    expect(sel.quote.text).toBe('每名导师指导学生不超过15人');
    expect(sel.quote.prefix).toBe('实施办法》修订工作。\n新办法明确了导师职责，规定'.slice(-24));
    expect(sel.quote.suffix).toBe('。');
    const text = statementPlainText(statementOf(doc));
    expect(text.slice(sel.start, sel.end)).toBe(sel.quote.text);

    createAnnotation(doc, {
      id: 'a1',
      start: sel.start,
      end: sel.end,
      anchor: sel.anchor,
      quote: sel.quote,
      authorId: 'u1',
      authorName: '张三',
    });
    // The stored anchors resolve to the same passage, for the domain (plain text) and the view.
    const range = annotationRange(doc, 'a1')!;
    expect(text.slice(range.start, range.end)).toBe('每名导师指导学生不超过15人');
    const pm = decodeRange(ed.state, storedAnchors(doc).get('a1')!)!;
    expect(ed.state.doc.textBetween(pm.from, pm.to)).toBe('每名导师指导学生不超过15人');
    expect(readAnnotations(doc)[0]!.quote.text).toBe('每名导师指导学生不超过15人');
  });

  it('follows its passage when text is inserted before it, and draws a highlight there', () => {
    const { doc, editor: ed, items } = setup();
    const sel = anchorSelection(ed.state, rangeOf(ed, '本科生导师制实施办法'))!;
    items.push({ id: 'a1', anchor: sel.anchor, className: 'ws-hl' });
    const first = statementOf(doc).get(0) as Y.XmlElement;
    (first.get(0) as Y.XmlText).insert(0, '根据要求，');
    const range = highlightRanges(ed.state).get('a1')!;
    expect(ed.state.doc.textBetween(range.from, range.to)).toBe('本科生导师制实施办法');
    expect(ed.view.dom.querySelector('[data-annotation-id="a1"]')?.textContent).toBe(
      '本科生导师制实施办法',
    );
  });

  it('spans two paragraphs with a newline in the quote', () => {
    const { editor: ed } = setup();
    const a = rangeOf(ed, '修订工作。');
    const b = rangeOf(ed, '新办法');
    const sel = anchorSelection(ed.state, { from: a.from, to: b.to })!;
    expect(sel.quote.text).toBe('修订工作。\n新办法');
  });

  it('never writes into the statement, even when asked to', () => {
    const { doc, editor: ed } = setup();
    const before = Y.encodeStateVector(doc);
    ed.commands.insertContentAt(1, 'X');
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(ed.getText({ blockSeparator: '\n' })).toBe(PARAGRAPHS.join('\n'));
  });
});
