import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, parseCsv } from './csv.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeText', () => {
  it('reads UTF-8 with a BOM and strips the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('问题,任务')]);
    expect(decodeText(bytes)).toEqual({ text: '问题,任务', encoding: 'utf-8' });
  });

  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(utf8('牵头单位,协办单位'))).toEqual({
      text: '牵头单位,协办单位',
      encoding: 'utf-8',
    });
  });

  it('reads GB18030 (what Chinese Excel writes) when the bytes are not UTF-8', () => {
    const text = '巡视反馈问题,整改任务,牵头单位\r\n学风建设,修订《学籍管理规定》,教务处';
    expect(decodeText(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' });
  });

  it('reads GB18030 characters outside GBK', () => {
    const text = '㐀䶵 单位';
    expect(decodeText(iconv.encode(text, 'gb18030')).text).toBe(text);
  });

  it('reads UTF-16LE with a BOM (Excel "Unicode text")', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode('问题\t任务', 'utf-16le')]);
    expect(decodeText(bytes)).toEqual({ text: '问题\t任务', encoding: 'utf-16le' });
  });
});

describe('parseCsv', () => {
  it('splits records on CRLF, LF and CR', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('keeps delimiters, doubled quotes and line breaks inside quoted cells', () => {
    expect(parseCsv('"a,b","say ""hi""","line1\r\nline2",x\r\nnext,row\r\n')).toEqual([
      ['a,b', 'say "hi"', 'line1\r\nline2', 'x'],
      ['next', 'row'],
    ]);
  });

  it('counts a multi-line record as one row, like Excel does', () => {
    const rows = parseCsv('h1,h2\n"x\ny",1\nz,2\n');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toEqual(['z', '2']);
  });

  it('keeps blank lines as empty records so row numbers match the spreadsheet', () => {
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('keeps empty quoted and trailing empty cells', () => {
    expect(parseCsv('"",a,\n')).toEqual([['', 'a', '']]);
  });

  it('takes a quote inside an unquoted cell literally', () => {
    expect(parseCsv('落实"凡提四必",b')).toEqual([['落实"凡提四必"', 'b']]);
  });

  it('refuses a quote that is never closed, naming the row where it opened', () => {
    expect(() => parseCsv('a,b\nc,"oops\nd,e')).toThrow(/never closed \(in row 2\)/);
  });

  it('reads tab- and semicolon-separated text', () => {
    expect(parseCsv('问题\t任务\n甲\t乙')).toEqual([
      ['问题', '任务'],
      ['甲', '乙'],
    ]);
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('"a;b",c\n1,2')).toBe(',');
  });
});
