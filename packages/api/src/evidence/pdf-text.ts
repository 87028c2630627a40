import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** pdf.js reads these from disk in Node: CJK PDFs need the CMaps, unembedded fonts the font data. */
const ASSETS = {
  cMapUrl: `${join(PDFJS_DIR, 'cmaps')}/`,
  cMapPacked: true,
  standardFontDataUrl: `${join(PDFJS_DIR, 'standard_fonts')}/`,
};

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/**
 * The text of each page of a PDF, in order. No script evaluation, no fonts
 * loaded into the process; gives up after `timeoutMs` so a hostile file
 * cannot keep the server busy.
 */
export async function pdfPageTexts(
  data: Uint8Array,
  opts: { maxPages?: number; timeoutMs?: number } = {},
): Promise<{ pages: number; texts: string[] }> {
  const task = getDocument({
    data,
    ...ASSETS,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error('PDF text extraction timed out')),
      opts.timeoutMs ?? 120_000,
    );
  });
  try {
    return await Promise.race([read(), timeout]);
  } finally {
    clearTimeout(timer);
    await task.destroy();
  }

  async function read() {
    const doc = await task.promise;
    const count = Math.min(doc.numPages, opts.maxPages ?? 5_000);
    const texts: string[] = [];
    for (let i = 1; i <= count; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      texts.push(
        (content.items as TextItemLike[])
          .map((it) => (it.str ?? '') + (it.hasEOL ? '\n' : ''))
          .join('')
          .trim(),
      );
      page.cleanup();
    }
    return { pages: doc.numPages, texts };
  }
}
