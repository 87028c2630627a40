import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { isTextEntry } from '../../lib/workspace/keymap.ts';
import {
  type EvidenceItem,
  type EvidencePreview,
  evidenceDownloadUrl,
  evidenceRawUrl,
  reviewApi,
} from '../../lib/workspace/review-api.ts';
import { useWorkspace } from '../../lib/workspace/workspace-model.ts';
import { Icon } from '../icon.tsx';
import {
  DocxView,
  ImageView,
  SheetView,
  TextView,
  Unavailable,
  ZOOMS,
} from './evidence-previews.tsx';
import { FileIcon } from './file-icon.tsx';
import { PdfView } from './pdf-view.tsx';
import '../../styles/menu.css';
import './viewer.css';

export type FileKind = 'pdf' | 'image' | 'other';

export function fileKind(mime: string): FileKind {
  if (mime === 'application/pdf') return 'pdf';
  if (mime === 'image/png' || mime === 'image/jpeg') return 'image';
  return 'other';
}

function ReuseBadge(props: { file: EvidenceItem }) {
  const { t } = useI18n();
  return (
    <Show when={props.file.reusedElsewhere.length > 0}>
      <span
        class="ws-reuse-badge"
        title={t('ws.viewer.reusedTitle', { count: props.file.reusedElsewhere.length })}
      >
        ⚠<span class="visually-hidden">{t('ws.viewer.reused')}</span>
      </span>
    </Show>
  );
}

/** Word, Excel, text or "no preview", from the server's preview answer. */
function PreviewBody(props: { preview: EvidencePreview; file: EvidenceItem }) {
  return (
    <Switch>
      <Match when={props.preview.kind === 'docx' && props.preview}>
        {(p) => <DocxView preview={p()} label={props.file.originalName} />}
      </Match>
      <Match when={props.preview.kind === 'xlsx' && props.preview}>
        {(p) => <SheetView preview={p()} />}
      </Match>
      <Match when={props.preview.kind === 'text' && props.preview}>
        {(p) => <TextView preview={p()} />}
      </Match>
      <Match when={props.preview.kind === 'unavailable' && props.preview}>
        {(p) => <Unavailable evidenceId={props.file.id} reason={p().reason} />}
      </Match>
    </Switch>
  );
}

/**
 * The right column: the statement's evidence, one file at a time. PDFs page
 * by page with selectable text, images with zoom, Word/Excel/text as the
 * server's preview. What it shows lives in the URL (`?evidence=&page=`), so
 * an annotation can link "evidence X, page 3" and the link opens right here.
 */
export function EvidenceViewer() {
  const { t } = useI18n();
  const ws = useWorkspace();
  const files = () => ws.version.evidence;
  const reusedCount = () => files().filter((f) => f.reusedElsewhere.length > 0).length;
  const current = () => {
    const target = ws.viewer();
    return target ? ws.evidence(target.evidenceId) : undefined;
  };
  const kind = () => {
    const file = current();
    return file ? fileKind(file.mime) : undefined;
  };
  const [pageCount, setPageCount] = createSignal<number>();
  const [zoom, setZoom] = createSignal(1);
  const page = () => ws.viewer()?.page ?? 1;
  const pages = () => pageCount() ?? current()?.pages ?? undefined;
  const [preview] = createResource(
    () => (kind() === 'other' ? current()?.id : undefined),
    reviewApi.preview,
  );

  const open = (file: EvidenceItem) => {
    setPageCount(undefined);
    setZoom(1);
    ws.openEvidence({ evidenceId: file.id, page: fileKind(file.mime) === 'pdf' ? 1 : null });
  };
  const goTo = (n: number) => {
    const file = current();
    const total = pages();
    if (!file || !total) return;
    ws.openEvidence({ evidenceId: file.id, page: Math.min(total, Math.max(1, n)) });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (
      kind() !== 'pdf' ||
      isTextEntry(event.target) ||
      event.altKey ||
      event.ctrlKey ||
      event.metaKey
    ) {
      return;
    }
    if (event.key === 'ArrowLeft' || event.key === 'PageUp') {
      event.preventDefault();
      goTo(page() - 1);
    } else if (event.key === 'ArrowRight' || event.key === 'PageDown') {
      event.preventDefault();
      goTo(page() + 1);
    }
  };
  const zoomBy = (direction: 1 | -1) => {
    const at = ZOOMS.indexOf(zoom() as (typeof ZOOMS)[number]);
    setZoom(ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, at + direction))]!);
  };

  return (
    <section class="ws-col ws-viewer" aria-labelledby="ws-viewer-title" onKeyDown={onKeyDown}>
      <header class="ws-col__header ws-viewer__header">
        <h2 id="ws-viewer-title" class="visually-hidden">
          {t('ws.viewer.title')}
        </h2>
        <DropdownMenu placement="bottom-start" gutter={6}>
          <DropdownMenu.Trigger class="ws-viewer__file" title={t('ws.viewer.switch')}>
            <FileIcon kind={kind() ?? 'files'} />
            <span class="ws-viewer__file-name">
              {current()?.originalName ?? t('ws.viewer.title')}
            </span>
            <Show when={current()}>{(f) => <ReuseBadge file={f()} />}</Show>
            <Icon name="chevronDown" size={16} />
          </DropdownMenu.Trigger>
          <DropdownMenu.Portal>
            <DropdownMenu.Content class="menu ws-viewer__menu">
              <DropdownMenu.Group>
                <DropdownMenu.GroupLabel class="menu__label">
                  {t('ws.viewer.files', { count: files().length })}
                </DropdownMenu.GroupLabel>
                <For each={files()}>
                  {(file) => (
                    <DropdownMenu.Item class="menu__item" onSelect={() => open(file)}>
                      <FileIcon kind={fileKind(file.mime)} />
                      <DropdownMenu.ItemLabel class="ws-viewer__menu-name">
                        {file.originalName}
                      </DropdownMenu.ItemLabel>
                      <ReuseBadge file={file} />
                    </DropdownMenu.Item>
                  )}
                </For>
              </DropdownMenu.Group>
            </DropdownMenu.Content>
          </DropdownMenu.Portal>
        </DropdownMenu>
        <span class="ws-card__spacer" />
        <Show when={kind() === 'pdf'}>
          <nav class="ws-pager" aria-label={t('ws.viewer.pages')}>
            <button
              type="button"
              class="ws-icon-button"
              disabled={page() <= 1}
              onClick={() => goTo(page() - 1)}
              aria-label={t('ws.viewer.prevPage')}
            >
              ‹
            </button>
            <span class="ws-pager__where num" aria-live="polite">
              {page()} / {pages() ?? '–'}
            </span>
            <button
              type="button"
              class="ws-icon-button"
              disabled={!pages() || page() >= (pages() ?? 1)}
              onClick={() => goTo(page() + 1)}
              aria-label={t('ws.viewer.nextPage')}
            >
              ›
            </button>
          </nav>
        </Show>
        <Show when={kind() === 'image'}>
          <div class="ws-pager">
            <button
              type="button"
              class="ws-icon-button"
              disabled={zoom() <= ZOOMS[0]}
              onClick={() => zoomBy(-1)}
              aria-label={t('ws.viewer.zoomOut')}
            >
              −
            </button>
            <button type="button" class="ws-text-button" onClick={() => setZoom(1)}>
              {zoom() === 1 ? t('ws.viewer.fit') : `${Math.round(zoom() * 100)}%`}
            </button>
            <button
              type="button"
              class="ws-icon-button"
              disabled={zoom() >= ZOOMS[ZOOMS.length - 1]!}
              onClick={() => zoomBy(1)}
              aria-label={t('ws.viewer.zoomIn')}
            >
              +
            </button>
          </div>
        </Show>
        <Show when={current()}>
          <button
            type="button"
            class="ws-icon-button"
            aria-label={t('ws.viewer.close')}
            title={t('ws.viewer.close')}
            onClick={() => ws.openEvidence(undefined)}
          >
            ×
          </button>
        </Show>
      </header>

      <Show when={current()?.reusedElsewhere.length}>
        <div class="ws-reuse" role="note">
          <span aria-hidden="true">⚠</span>
          <span>
            {t('ws.viewer.reusedIn')}
            <For each={current()!.reusedElsewhere}>
              {(r, i) => (
                <>
                  {i() > 0 ? '；' : ''}
                  <strong>{r.unitName}</strong>
                  {r.taskTitle ? ` · ${r.taskTitle}` : ''}
                </>
              )}
            </For>
          </span>
        </div>
      </Show>

      <section
        class="ws-col__scroll ws-viewer__body"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus to scroll and turn pages by keyboard
        tabIndex={0}
        aria-label={t('ws.viewer.title')}
      >
        <Switch>
          <Match when={!current()}>
            <div class="ws-files">
              <p class="ws-files__lead">
                {files().length > 0 ? t('ws.viewer.pick') : t('ws.viewer.none')}
              </p>
              <ul class="ws-files__list">
                <For each={files()}>
                  {(file) => (
                    <li>
                      <button type="button" class="ws-files__item" onClick={() => open(file)}>
                        <span class="ws-files__icon">
                          <FileIcon kind={fileKind(file.mime)} size={20} />
                        </span>
                        <span class="ws-files__name">{file.originalName}</span>
                        <span class="ws-files__meta">
                          {file.pages ? t('ws.viewer.pageCount', { count: file.pages }) : ''}
                        </span>
                        <ReuseBadge file={file} />
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          </Match>
          <Match when={kind() === 'pdf' && current()}>
            {(file) => (
              <PdfView
                url={evidenceRawUrl(file().id)}
                page={page()}
                onPageCount={setPageCount}
                label={file().originalName}
              />
            )}
          </Match>
          <Match when={kind() === 'image' && current()}>
            {(file) => (
              <ImageView src={evidenceRawUrl(file().id)} alt={file().originalName} zoom={zoom()} />
            )}
          </Match>
          <Match when={preview.loading}>
            <p class="ws-muted ws-viewer__loading">{t('common.loading')}</p>
          </Match>
          <Match when={preview.error}>
            <p class="ws-muted ws-viewer__loading" role="alert">
              {t('ws.viewer.previewFailed')}
            </p>
          </Match>
          <Match when={preview()}>{(p) => <PreviewBody preview={p()} file={current()!} />}</Match>
        </Switch>
      </section>

      <footer class="ws-viewer__footer">
        <span>{t('ws.viewer.files', { count: files().length })}</span>
        <Show when={reusedCount() > 0}>
          <span class="ws-viewer__footer-warn">
            · ⚠ {t('ws.viewer.reusedCount', { count: reusedCount() })}
          </span>
        </Show>
        <span class="ws-card__spacer" />
        <Show when={current()}>
          {(file) => (
            <a class="ws-text-button" href={evidenceDownloadUrl(file().id)}>
              {t('ws.viewer.download')}
            </a>
          )}
        </Show>
      </footer>
    </section>
  );
}
