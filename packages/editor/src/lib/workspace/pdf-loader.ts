import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/**
 * pdf.js for the evidence viewer, loaded on first use (this module is only
 * ever imported dynamically, so the app's first load stays small).
 *
 * Chinese PDFs often use Adobe's predefined CMaps (UniGB-UCS2-H …), and PDFs
 * that do not embed the standard 14 fonts need pdf.js's font data. Both ship
 * in pdfjs-dist; Vite emits them as assets and this factory hands pdf.js the
 * bytes, so no extra copy step or URL layout is needed on the server.
 */
pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

// Emitted as files (never inlined), known here by URL only: fetched when a PDF needs one.
const CMAPS = import.meta.glob<string>('../../../../../node_modules/pdfjs-dist/cmaps/*.bcmap', {
  query: '?url&no-inline',
  import: 'default',
  eager: true,
});
const FONTS = import.meta.glob<string>(
  '../../../../../node_modules/pdfjs-dist/standard_fonts/*.{pfb,ttf}',
  { query: '?url&no-inline', import: 'default', eager: true },
);

function byFileName(urls: Record<string, string>) {
  return new Map(Object.entries(urls).map(([path, url]) => [path.split('/').pop()!, url]));
}
const cmaps = byFileName(CMAPS);
const fonts = byFileName(FONTS);

async function bytesOf(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** pdf.js's `BinaryDataFactory` interface, answered from the bundled assets. */
class BundledData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url =
      kind === 'cMapUrl'
        ? cmaps.get(filename)
        : kind === 'standardFontDataUrl'
          ? fonts.get(filename)
          : undefined;
    if (!url) throw new Error(`no bundled ${kind} ${filename}`);
    return bytesOf(url);
  }
}

export type PdfDocument = pdfjs.PDFDocumentProxy;
export type PdfPage = pdfjs.PDFPageProxy;
export { pdfjs };

/** Opens a PDF by URL (same origin: the session cookie goes along). */
export function openPdf(url: string) {
  return pdfjs.getDocument({
    url,
    withCredentials: true,
    // The page's CSP allows no eval; pdf.js then uses its slower, safe path.
    isEvalSupported: false,
    useWorkerFetch: false,
    // Base URLs must be set for pdf.js to ask for the data; the factory ignores them.
    cMapUrl: '/pdfjs/cmaps/',
    cMapPacked: true,
    standardFontDataUrl: '/pdfjs/standard_fonts/',
    BinaryDataFactory: BundledData,
    // No JPX/JBIG2 wasm decoders bundled: pdf.js falls back to its JS decoders.
    useWasm: false,
  });
}
