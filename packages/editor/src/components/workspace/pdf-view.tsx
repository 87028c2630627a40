import { createEffect, createResource, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { PdfDocument } from '../../lib/workspace/pdf-loader.ts';

type PdfModule = typeof import('../../lib/workspace/pdf-loader.ts');
let loader: Promise<PdfModule> | undefined;
/** pdf.js is large: fetched the first time someone opens a PDF, then kept. */
const loadPdfModule = () => {
  loader ??= import('../../lib/workspace/pdf-loader.ts');
  return loader;
};

/**
 * One page of a PDF, fitted to the column's width, with pdf.js's text layer
 * over the canvas so the text can be selected and copied. The next page is
 * drawn off-screen and swapped in, so flipping pages does not flash.
 */
export function PdfView(props: {
  url: string;
  page: number;
  onPageCount: (pages: number) => void;
  label: string;
}) {
  const { t } = useI18n();
  let frame!: HTMLDivElement;
  let sheet!: HTMLDivElement;
  const [width, setWidth] = createSignal(0);
  const [failed, setFailed] = createSignal(false);

  onMount(() => {
    const observer = new ResizeObserver(([entry]) => {
      // Whole pixels, so a sub-pixel jiggle does not re-render the page.
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(frame);
    onCleanup(() => observer.disconnect());
  });

  const [pdf] = createResource(
    () => props.url,
    async (url) => {
      setFailed(false);
      const mod = await loadPdfModule();
      return { mod, doc: await mod.openPdf(url).promise };
    },
  );

  createEffect(() => {
    const loaded = pdf.state === 'ready' ? pdf() : undefined;
    if (!loaded) return;
    props.onPageCount(loaded.doc.numPages);
    onCleanup(() => void loaded.doc.destroy());
  });
  createEffect(() => {
    if (pdf.error) setFailed(true);
  });

  let generation = 0;
  const draw = async (doc: PdfDocument, mod: PdfModule, pageNumber: number, available: number) => {
    const mine = ++generation;
    const page = await doc.getPage(Math.min(Math.max(1, pageNumber), doc.numPages));
    const natural = page.getViewport({ scale: 1 });
    const scale = Math.min(3, Math.max(0.4, (available - 2) / natural.width));
    const viewport = page.getViewport({ scale });
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    canvas.className = 'ws-pdf__canvas';
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${Math.floor(viewport.width)}px`;
    canvas.style.height = `${Math.floor(viewport.height)}px`;
    await page.render({
      canvas,
      viewport,
      transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
    }).promise;
    if (mine !== generation) return;
    const text = document.createElement('div');
    text.className = 'textLayer';
    const next = document.createElement('div');
    next.className = 'ws-pdf__page';
    next.style.setProperty('--total-scale-factor', String(scale));
    next.style.width = canvas.style.width;
    next.style.height = canvas.style.height;
    next.append(canvas, text);
    const layer = new mod.pdfjs.TextLayer({
      textContentSource: page.streamTextContent(),
      container: text,
      viewport,
    });
    sheet.replaceChildren(next);
    await layer.render().catch(() => {});
  };

  createEffect(
    on(
      [() => (pdf.state === 'ready' ? pdf() : undefined), () => props.page, width],
      ([loaded, page, w]) => {
        if (!loaded || w <= 0) return;
        draw(loaded.doc, loaded.mod, page, w).catch(() => setFailed(true));
      },
    ),
  );

  return (
    <div ref={frame} class="ws-pdf" role="document" aria-label={props.label}>
      <Show when={pdf.loading && !failed()}>
        <p class="ws-muted ws-viewer__loading">{t('ws.viewer.loadingPdf')}</p>
      </Show>
      <Show when={failed()}>
        <p class="ws-muted ws-viewer__loading" role="alert">
          {t('ws.viewer.pdfFailed')}
        </p>
      </Show>
      <div ref={sheet} class="ws-pdf__sheet" />
    </div>
  );
}
