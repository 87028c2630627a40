import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { textBlocks, textDocBody, textDocPlain } from './minutes-doc.ts';

function el(
  name: string,
  children: Array<Y.XmlElement | Y.XmlText>,
  attrs: Record<string, string> = {},
) {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.insert(0, children);
  return e;
}
const text = (s: string) => {
  const t = new Y.XmlText();
  t.insert(0, s);
  return t;
};

describe('one-text documents', () => {
  it('flattens headings, paragraphs and nested list items in reading order', () => {
    const doc = new Y.Doc();
    textDocBody(doc).insert(0, [
      el('heading', [text('会议议定事项')], { level: '2' }),
      el('paragraph', [text('第一组汇报进展。')]),
      el('orderedList', [
        el('listItem', [el('paragraph', [text('补充佐证材料')])]),
        el('listItem', [
          el('paragraph', [text('约谈责任人')]),
          el('bulletList', [el('listItem', [el('paragraph', [text('下周三前')])])]),
        ]),
      ]),
    ]);
    expect(textBlocks(textDocBody(doc))).toEqual([
      { kind: 'heading', level: 2, text: '会议议定事项' },
      { kind: 'paragraph', level: 0, text: '第一组汇报进展。' },
      { kind: 'item', level: 1, text: '补充佐证材料', number: 1 },
      { kind: 'item', level: 1, text: '约谈责任人', number: 2 },
      { kind: 'item', level: 2, text: '下周三前' },
    ]);
    expect(textDocPlain(doc)).toBe(
      '会议议定事项\n第一组汇报进展。\n补充佐证材料\n约谈责任人\n下周三前',
    );
  });

  it('reads an empty document as no blocks', () => {
    expect(textBlocks(textDocBody(new Y.Doc()))).toEqual([]);
  });
});
