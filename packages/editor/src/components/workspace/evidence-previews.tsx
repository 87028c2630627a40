import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { type EvidencePreview, evidenceDownloadUrl } from '../../lib/workspace/review-api.ts';

type Of<K extends EvidencePreview['kind']> = Extract<EvidencePreview, { kind: K }>;

/**
 * A Word document as HTML. The server converted it with mammoth and passed
 * the result through sanitize-html with an allow-list (no script, no event
 * handlers, no style, no external URLs) before sending it (see
 * packages/api/src/evidence/preview.ts). That server-side sanitizing is what
 * makes this one `innerHTML` in the app safe; the page's CSP (no inline
 * script) is the second line. Never feed anything else through here.
 */
export function DocxView(props: { preview: Of<'docx'>; label: string }) {
  return (
    <div class="ws-docx" role="document" aria-label={props.label} innerHTML={props.preview.html} />
  );
}

/** A workbook: one tab per sheet, cells as text. */
export function SheetView(props: { preview: Of<'xlsx'> }) {
  const { t } = useI18n();
  const [current, setCurrent] = createSignal(0);
  const sheet = () => props.preview.sheets[current()];
  return (
    <div class="ws-sheet">
      <Show when={props.preview.sheets.length > 1}>
        <div class="ws-sheet__tabs" role="tablist" aria-label={t('ws.viewer.sheets')}>
          <For each={props.preview.sheets}>
            {(s, i) => (
              <button
                type="button"
                role="tab"
                class="ws-sheet__tab"
                aria-selected={current() === i()}
                onClick={() => setCurrent(i())}
              >
                {s.name}
              </button>
            )}
          </For>
        </div>
      </Show>
      <Show when={sheet()} fallback={<p class="ws-muted">{t('ws.viewer.emptySheet')}</p>}>
        {(s) => (
          <div class="ws-sheet__scroll">
            <table class="ws-sheet__table">
              <caption class="visually-hidden">{s().name}</caption>
              <tbody>
                <For each={s().rows}>
                  {(row, r) => (
                    <tr>
                      <th scope="row" class="ws-sheet__rownum">
                        {r() + 1}
                      </th>
                      <For each={row}>{(cell) => <td>{cell}</td>}</For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={s().truncated}>
              <p class="ws-muted">{t('ws.viewer.truncated')}</p>
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}

export function TextView(props: { preview: Of<'text'> }) {
  const { t } = useI18n();
  return (
    <div class="ws-textfile">
      <pre>{props.preview.text}</pre>
      <Show when={props.preview.truncated}>
        <p class="ws-muted">{t('ws.viewer.truncated')}</p>
      </Show>
    </div>
  );
}

/** Zoom steps relative to the column's width (1 = fitted). */
export const ZOOMS = [1, 1.5, 2, 3, 4] as const;

/** A photo or scan: fitted to the column, or zoomed in with scrolling. */
export function ImageView(props: { src: string; alt: string; zoom: number }) {
  return (
    <div class="ws-image" classList={{ 'ws-image--fit': props.zoom === 1 }}>
      <img
        src={props.src}
        alt={props.alt}
        style={props.zoom === 1 ? undefined : { width: `${props.zoom * 100}%` }}
        draggable={false}
      />
    </div>
  );
}

export function Unavailable(props: { evidenceId: string; reason: Of<'unavailable'>['reason'] }) {
  const { t } = useI18n();
  return (
    <div class="ws-empty">
      <p class="ws-empty__title">{t('ws.viewer.noPreview')}</p>
      <p class="ws-empty__hint">{t(`ws.viewer.unavailable.${props.reason}`)}</p>
      <a
        class="button button--secondary button--small"
        href={evidenceDownloadUrl(props.evidenceId)}
      >
        {t('ws.viewer.download')}
      </a>
    </div>
  );
}
