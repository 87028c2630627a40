import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type BlobStore, createBlobStore } from '@rectify/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge, judgeName, sniffBlob } from './sniff.ts';
import { makeDocx, makePdf, makePng, makeXlsx, SVG } from './testing/files.ts';
import { detectTextCharset } from './text-decode.ts';

describe('sniffing evidence from its bytes', () => {
  let dir: string;
  let blobs: BlobStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rectify-sniff-'));
    blobs = await createBlobStore({ kind: 'disk', root: dir });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sniff = async (bytes: Uint8Array) => {
    const put = await blobs.put(Readable.from([Buffer.from(bytes)]));
    return sniffBlob(blobs, put.hash, put.size);
  };

  it('tells the allowed formats apart, Office zips included', async () => {
    expect((await sniff(await makePdf([['x']]))).kind).toBe('pdf');
    expect((await sniff(makePng())).kind).toBe('png');
    expect((await sniff(await makeDocx(['段落']))).kind).toBe('docx');
    expect((await sniff(await makeXlsx([['a']]))).kind).toBe('xlsx');
    expect(await sniff(Buffer.from('纯文本\r\n'))).toEqual({
      kind: 'text',
      mime: 'text/plain; charset=utf-8',
    });
  });

  it('finds a DOCX whose content types come after 64 KB of other parts', async () => {
    // The docx library writes [Content_Types].xml last; random text keeps the body large.
    const big = await makeDocx([randomBytes(150_000).toString('hex')]);
    expect(big.length).toBeGreaterThan(128 * 1024);
    expect((await sniff(big)).kind).toBe('docx');
  });

  it('calls SVG and HTML active content, and names what other files are', async () => {
    expect((await sniff(SVG)).kind).toBe('active');
    expect((await sniff(Buffer.from('<!doctype html><title>x</title>'))).kind).toBe('active');
    expect(await sniff(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).toMatchObject(
      {
        kind: 'other',
        zh: 'GIF 图片',
      },
    );
    expect((await sniff(randomBytes(5000))).kind).toBe('other');
  });

  it('judges names against contents with messages a person understands', () => {
    expect(judgeName('a.PDF')).toMatchObject({ ok: true, kind: 'pdf' });
    expect(judgeName('a.svg')).toMatchObject({ ok: false });
    expect(judgeName('a.doc')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/\.doc/),
    });
    expect(judgeName('noext')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/没有扩展名/),
    });
    expect(judge('photo.jpg', { kind: 'png', mime: 'image/png' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^文件内容与扩展名不符：这是 PNG 图片，却以 \.jpg 命名/),
    });
    expect(judge('notes.txt', { kind: 'text', mime: 'text/plain; charset=gb18030' })).toEqual({
      ok: true,
      kind: 'text',
      mime: 'text/plain; charset=gb18030',
    });
    expect(judge('x.pdf', { kind: 'other', zh: 'ZIP 压缩包', en: 'a ZIP archive' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/这是 ZIP 压缩包，却以 \.pdf 命名/),
    });
  });
});

describe('plain text detection', () => {
  it('accepts UTF-8, GB18030 and UTF-16 with a BOM; refuses NULs and binary', () => {
    expect(detectTextCharset(Buffer.from('整改 report'), true)).toBe('utf-8');
    expect(detectTextCharset(Buffer.from([0xd5, 0xfb, 0xb8, 0xc4]), true)).toBe('gb18030');
    expect(detectTextCharset(Buffer.from('\ufeff整改', 'utf16le'), true)).toBe('utf-16le');
    expect(detectTextCharset(Buffer.from('a\u0000b'), true)).toBeUndefined();
    expect(detectTextCharset(Buffer.from([0x01, 0x02, 0x03, 0x41]), true)).toBeUndefined();
  });

  it('forgives a character cut at the end of a sample, but not of a whole file', () => {
    const cut = Buffer.from('整改').subarray(0, 4);
    expect(detectTextCharset(cut, false)).toBe('utf-8');
    expect(detectTextCharset(Buffer.from([0xff, 0xfe, 0xfd]), true)).toBeUndefined();
  });
});
