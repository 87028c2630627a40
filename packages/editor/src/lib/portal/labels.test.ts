import { describe, expect, it } from 'vitest';
import { chineseNumber } from './labels.ts';

describe('chineseNumber', () => {
  it('numbers problems the way the ledger does', () => {
    expect([1, 6, 10, 12, 20, 36].map(chineseNumber)).toEqual([
      '一',
      '六',
      '十',
      '十二',
      '二十',
      '三十六',
    ]);
    expect(chineseNumber(120)).toBe('120');
  });
});
