import { describe, expect, it } from 'vitest';
import { cleanCell, columnLetter, fold } from './text.ts';

describe('cleanCell', () => {
  it('turns ideographic and no-break spaces into one space and trims each line', () => {
    expect(cleanCell('\u3000教务处\u00a0 \u3000研究生院　')).toBe('教务处 研究生院');
  });

  it('keeps line breaks inside a cell but drops empty lines and CR', () => {
    expect(cleanCell('人事处\r\n\r\n  教务处 \r')).toBe('人事处\n教务处');
  });

  it('drops zero-width characters and keeps Chinese punctuation', () => {
    expect(cleanCell('\ufeff完善制度，\u200b加强督查')).toBe('完善制度，加强督查');
  });
});

describe('fold', () => {
  it('maps full-width letters, digits and brackets to ASCII and drops whitespace', () => {
    expect(fold('２０２３年　６月 底前')).toBe('2023年6月底前');
    expect(fold('党委办公室（校长办公室）')).toBe('党委办公室(校长办公室)');
  });
});

describe('columnLetter', () => {
  it('names columns as Excel does', () => {
    expect([0, 7, 25, 26, 27, 51, 52].map(columnLetter)).toEqual([
      'A',
      'H',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
    ]);
  });
});
