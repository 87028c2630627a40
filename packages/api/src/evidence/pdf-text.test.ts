import { describe, expect, it } from 'vitest';
import { makePdf } from './testing/files.ts';

// Taken before pdf.js can load: core-js dresses its replacements up as native
// code, so only the identity of the functions tells them apart.
const { parse, stringify } = JSON;

describe('pdfPageTexts', () => {
  it('reads the text of each page, and leaves the native JSON functions in place', async () => {
    const { pdfPageTexts } = await import('./pdf-text.ts');
    const { pages, texts } = await pdfPageTexts(
      new Uint8Array(await makePdf([['page one'], ['page two']])),
    );
    expect(pages).toBe(2);
    expect(texts[0]).toContain('page one');
    expect(texts[1]).toContain('page two');
    // pdf.js's legacy build would replace both with slow core-js versions on Node 20…
    expect(JSON.stringify).toBe(stringify);
    expect(JSON.parse).toBe(parse);
    // …and again when it loads its worker for a document.
    await pdfPageTexts(new Uint8Array(await makePdf([['again']])));
    expect(JSON.stringify).toBe(stringify);
    expect(JSON.parse).toBe(parse);
  });
});
