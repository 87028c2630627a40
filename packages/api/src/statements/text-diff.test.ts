import { describe, expect, it } from 'vitest';
import { diffStats, diffText, tokenize } from './text-diff.ts';

const side = (segs: ReturnType<typeof diffText>, skip: 'insert' | 'delete') =>
  segs
    .filter((s) => s.op !== skip)
    .map((s) => s.text)
    .join('');

describe('statement text diff', () => {
  it('tokenizes Chinese per character and Latin per word', () => {
    expect(tokenize('修订导师制 rules v2。')).toEqual([
      '修',
      '订',
      '导',
      '师',
      '制',
      ' ',
      'rules',
      ' ',
      'v2',
      '。',
    ]);
  });

  it('marks the changed characters inside a Chinese sentence', () => {
    const before = '已完成导师制实施办法修订。';
    const after = '已全面完成本科生导师制实施办法修订，并印发执行。';
    const segs = diffText(before, after);
    expect(side(segs, 'insert')).toBe(before);
    expect(side(segs, 'delete')).toBe(after);
    expect(segs).toEqual([
      { op: 'equal', text: '已' },
      { op: 'insert', text: '全面' },
      { op: 'equal', text: '完成' },
      { op: 'insert', text: '本科生' },
      { op: 'equal', text: '导师制实施办法修订' },
      { op: 'insert', text: '，并印发执行' },
      { op: 'equal', text: '。' },
    ]);
    expect(diffStats(segs)).toEqual({ inserted: 11, deleted: 0 });
    const replaced = diffText('按期完成', '未能完成');
    expect(replaced).toEqual([
      { op: 'delete', text: '按期' },
      { op: 'insert', text: '未能' },
      { op: 'equal', text: '完成' },
    ]);
    expect(diffStats(replaced)).toEqual({ inserted: 2, deleted: 2 });
  });

  it('keeps English words whole and handles empty sides', () => {
    expect(diffText('the old rule', 'the new rule')).toEqual([
      { op: 'equal', text: 'the ' },
      { op: 'delete', text: 'old' },
      { op: 'insert', text: 'new' },
      { op: 'equal', text: ' rule' },
    ]);
    expect(diffText('', '第一版')).toEqual([{ op: 'insert', text: '第一版' }]);
    expect(diffText('同样', '同样')).toEqual([{ op: 'equal', text: '同样' }]);
  });
});
