import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** pdf.js reads these from disk in Node: CJK PDFs need the CMaps, unembedded fonts the font data. */
const ASSETS = {
  cMapUrl: `${join(PDFJS_DIR, 'cmaps')}/`,
  cMapPacked: true,
  standardFontDataUrl: `${join(PDFJS_DIR, 'standard_fonts')}/`,
};

let loading: Promise<PdfJs> | undefined;

/**
 * pdf.js for Node, loaded on first use with its worker, and the native
 * `JSON.parse` and `JSON.stringify` put back after. The legacy build carries
 * core-js, which on Node 20 (no `JSON.rawJSON`, no parse-with-source)
 * replaces both with JavaScript versions that run a callback for every key:
 * every JSON answer of the server was several times slower for it (a
 * 656 KB findings list: about 80 ms of CPU instead of a few). The worker is
 * loaded here too, and handed to pdf.js as `globalThis.pdfjsWorker` (its
 * in-process "fake worker"), because pdf.js would otherwise import it on the
 * first document and patch the globals again. pdf.js itself needs neither.
 */
export function loadPdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const { parse, stringify } = JSON;
    try {
      const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
      // @ts-expect-error: the worker bundle ships without type declarations
      const worker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return pdfjs;
    } finally {
      JSON.parse = parse;
      JSON.stringify = stringify;
    }
  })();
  return loading;
}

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
  const { getDocument } = await loadPdfjs();
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
