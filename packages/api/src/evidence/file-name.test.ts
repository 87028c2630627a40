import { describe, expect, it } from 'vitest';
import {
  cleanOriginalName,
  contentDisposition,
  extensionOf,
  MAX_STORED_NAME,
  sanitizeStoredName,
} from './file-name.ts';

describe('evidence file names', () => {
  it('strips directories, including parent references and backslashes', () => {
    expect(sanitizeStoredName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(sanitizeStoredName('..\\..\\Windows\\system.ini.txt')).toBe('system.ini.txt');
    expect(sanitizeStoredName('C:\\Users\\张三\\会议纪要.docx')).toBe('会议纪要.docx');
    expect(sanitizeStoredName('..')).toBe('file');
    expect(sanitizeStoredName('.hidden.pdf')).toBe('hidden.pdf');
  });

  it('removes control and direction-override characters', () => {
    expect(sanitizeStoredName('report\u0000\u0007\n.pdf')).toBe('report.pdf');
    expect(sanitizeStoredName('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(sanitizeStoredName('a<b>:c?.txt')).toBe('a_b__c_.txt');
  });

  it('bounds the length and keeps the extension', () => {
    const long = `${'很长的文件名'.repeat(40)}.xlsx`;
    const s = sanitizeStoredName(long);
    expect([...s].length).toBe(MAX_STORED_NAME);
    expect(s.endsWith('.xlsx')).toBe(true);
  });

  it('keeps the original for display, minus what cannot be stored', () => {
    expect(cleanOriginalName(' ../../etc/passwd.pdf ')).toBe('../../etc/passwd.pdf');
    expect(cleanOriginalName('a\u0000b.pdf')).toBe('ab.pdf');
  });

  it('reads extensions case-insensitively', () => {
    expect(extensionOf('Scan.PDF')).toBe('pdf');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('README')).toBe('');
  });

  it('writes a Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('attachment', '会议纪要 (1).docx')).toBe(
      `attachment; filename="____ (1).docx"; filename*=UTF-8''%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81%20%281%29.docx`,
    );
    expect(contentDisposition('inline', 'a"b.pdf')).toBe(
      `inline; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`,
    );
  });
});
