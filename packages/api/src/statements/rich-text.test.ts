import { describe, expect, it } from 'vitest';
import { RichTextBodySchema } from './rich-text.ts';

const text = (t: string, marks?: Array<{ type: string }>) => ({ type: 'text', text: t, marks });
const cell = (t: string) => ({
  type: 'tableCell',
  attrs: { colspan: 1, rowspan: 1, colwidth: null },
  content: [{ type: 'paragraph', content: [text(t)] }],
});

describe('statement body schema', () => {
  it('accepts what the editor produces: headings, marks, lists, tables', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('一、整改情况')] },
        {
          type: 'paragraph',
          content: [text('已'), text('全面完成', [{ type: 'bold' }]), text('。')],
        },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [text('印发办法')] }] },
          ],
        },
        { type: 'table', content: [{ type: 'tableRow', content: [cell('学院'), cell('导师数')] }] },
        { type: 'paragraph' },
      ],
    };
    expect(RichTextBodySchema.safeParse(doc).success).toBe(true);
  });

  it('refuses unknown nodes, misplaced nodes and unknown marks', () => {
    const bad = [
      { type: 'doc', content: [{ type: 'iframe' }] },
      { type: 'doc', content: [text('text directly in the doc')] },
      { type: 'doc', content: [{ type: 'paragraph', content: [text('x', [{ type: 'link' }])] }] },
      { type: 'doc', content: [{ type: 'paragraph', attrs: { style: { color: 'red' } } }] },
    ];
    for (const b of bad) expect(RichTextBodySchema.safeParse(b).success).toBe(false);
  });

  it('refuses nesting past the bound without recursing into it', () => {
    let node: Record<string, unknown> = { type: 'paragraph' };
    for (let i = 0; i < 10_000; i++) node = { type: 'blockquote', content: [node] };
    const r = RichTextBodySchema.safeParse({ type: 'doc', content: [node] });
    expect(r.success).toBe(false);
  });
});
