import { describe, expect, it } from 'vitest';
import { orderAnnotations, stepThrough } from './ordering.ts';

const a = (id: string, createdAt: string, orphaned = false) => ({ id, createdAt, orphaned });

describe('annotation order', () => {
  it('puts orphans first, then follows the statement from top to bottom', () => {
    const list = [
      a('late', '2025-05-02'),
      a('orphan', '2025-05-03', true),
      a('early', '2025-05-04'),
    ];
    const spans = new Map([
      ['late', { from: 120, to: 130 }],
      ['early', { from: 4, to: 30 }],
    ]);
    expect(orderAnnotations(list, spans).map((x) => x.id)).toEqual(['orphan', 'early', 'late']);
  });

  it('breaks ties by end, then by creation', () => {
    const list = [a('wide', '2025-05-01'), a('second', '2025-05-03'), a('first', '2025-05-02')];
    const spans = new Map([
      ['wide', { from: 10, to: 50 }],
      ['second', { from: 10, to: 20 }],
      ['first', { from: 10, to: 20 }],
    ]);
    expect(orderAnnotations(list, spans).map((x) => x.id)).toEqual(['first', 'second', 'wide']);
  });

  it('treats one whose passage is gone like an orphan', () => {
    const list = [a('here', '2025-05-01'), a('gone', '2025-05-02')];
    expect(
      orderAnnotations(list, new Map([['here', { from: 1, to: 2 }]])).map((x) => x.id),
    ).toEqual(['gone', 'here']);
  });
});

describe('J / K', () => {
  const order = ['a', 'b', 'c'];
  it('start at the top with J and at the bottom with K', () => {
    expect(stepThrough(order, undefined, 1)).toBe('a');
    expect(stepThrough(order, undefined, -1)).toBe('c');
  });

  it('move one at a time and stop at the ends', () => {
    expect(stepThrough(order, 'a', 1)).toBe('b');
    expect(stepThrough(order, 'b', -1)).toBe('a');
    expect(stepThrough(order, 'c', 1)).toBe('c');
    expect(stepThrough(order, 'a', -1)).toBe('a');
    expect(stepThrough([], undefined, 1)).toBeUndefined();
  });
});
