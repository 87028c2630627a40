import { createSignal, For, type JSX, Match, onCleanup, Show, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { isApiError } from '../../lib/api.ts';
import { fileSize } from '../../lib/portal/labels.ts';
import { localizedServerMessage } from '../../lib/portal/server-message.ts';
import { Icon } from '../icon.tsx';
import { PortalIcon } from '../portal/portal-icon.tsx';
import { PdfView } from '../workspace/pdf-view.tsx';
import {
  type AttachmentUpload,
  type AttachmentUploads,
  createAttachmentUploads,
  type SendAttachment,
} from './attachment-uploads.ts';
import { type Attachment, interviewsApi } from './interviews-api.ts';
import '../portal/portal-base.css';
import '../portal/evidence.css';
import '../workspace/viewer.css';
import './interview-attachments.css';

/** What the server accepts (it checks the bytes too); the picker offers these first. */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.pptx,.txt';

const seg = encodeURIComponent;
const rawUrl = (id: string) => `/api/evidence/${seg(id)}/raw`;
const downloadUrl = (id: string) => `/api/evidence/${seg(id)}/download`;
const isPdf = (a: Attachment) => a.mime === 'application/pdf';
const isImage = (a: Attachment) => a.mime === 'image/png' || a.mime === 'image/jpeg';

function DropZone(props: { onFiles: (files: File[]) => void }) {
  const { t } = useI18n();
  let input!: HTMLInputElement;
  // dragenter/leave fire for every child; count them so the highlight does not flicker.
  const [depth, setDepth] = createSignal(0);
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
  const onDrop: JSX.EventHandler<HTMLDivElement, DragEvent> = (event) => {
    event.preventDefault();
    setDepth(0);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0) props.onFiles(files);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target; the button inside is the keyboard way in
    <div
      class="drop-zone iv-files__drop"
      classList={{ 'drop-zone--over': depth() > 0 }}
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDepth((n) => n + 1);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => setDepth((n) => Math.max(0, n - 1))}
      onDrop={onDrop}
    >
      <PortalIcon name="cloudUp" size={24} class="drop-zone__icon" />
      <p class="drop-zone__title">{t('interviews.files.drop')}</p>
      <button
        type="button"
        class="button button--secondary button--small"
        onClick={() => input.click()}
      >
        <PortalIcon name="paperclip" size={15} />
        {t('interviews.files.choose')}
      </button>
      <p class="drop-zone__hint">{t('interviews.files.accepted')}</p>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="iv-files-input"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
    </div>
  );
}

function errorText(i18n: ReturnType<typeof useI18n>, error: unknown): string {
  if (!isApiError(error)) return i18n.t('interviews.files.failed');
  if (error.code === 'network') return i18n.t('interviews.files.network');
  if (error.status >= 400 && error.status < 500 && error.message) {
    return localizedServerMessage(error.message, i18n.lang());
  }
  return i18n.t('interviews.files.failed');
}
/** Refusals a second try cannot fix: the file itself must change. */
const final = (error: unknown) => isApiError(error) && [400, 413, 415].includes(error.status);

function UploadRow(props: { item: AttachmentUpload; uploads: AttachmentUploads }) {
  const i18n = useI18n();
  const { t } = i18n;
  const percent = () =>
    props.item.size > 0 ? Math.round((props.item.loaded / props.item.size) * 100) : 0;
  const failed = () => props.item.phase === 'failed';
  const phase = () =>
    props.item.phase === 'queued'
      ? t('interviews.files.queued')
      : props.item.phase === 'processing'
        ? t('interviews.files.processing')
        : t('interviews.files.progress', { percent: percent() });
  return (
    <li class="file-row file-row--upload" classList={{ 'file-row--failed': failed() }}>
      <span class="file-row__icon" aria-hidden="true">
        <Show when={failed()} fallback={<PortalIcon name="cloudUp" size={18} />}>
          <Icon name="alert" size={18} />
        </Show>
      </span>
      <div class="file-row__main">
        <div class="file-row__top">
          <span class="file-row__name">{props.item.name}</span>
          <span class="file-row__size num">{fileSize(i18n, props.item.size)}</span>
        </div>
        <Show
          when={failed()}
          fallback={
            <>
              <div
                class="upload-bar"
                classList={{ 'upload-bar--busy': props.item.phase === 'processing' }}
                role="progressbar"
                aria-label={t('interviews.files.progressLabel', { name: props.item.name })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent()}
              >
                <div class="upload-bar__fill" style={{ width: `${percent()}%` }} />
              </div>
              <p class="file-row__meta num">{phase()}</p>
            </>
          }
        >
          <p class="file-row__error" role="alert">
            {errorText(i18n, props.item.error)}
          </p>
        </Show>
      </div>
      <div class="file-row__actions">
        <Show when={failed() && !final(props.item.error)}>
          <button
            type="button"
            class="icon-button"
            aria-label={t('interviews.files.retry', { name: props.item.name })}
            title={t('interviews.files.retry', { name: props.item.name })}
            onClick={() => props.uploads.retry(props.item.key)}
          >
            <PortalIcon name="retry" size={16} />
          </button>
        </Show>
        <button
          type="button"
          class="icon-button"
          aria-label={
            failed()
              ? t('interviews.files.dismiss', { name: props.item.name })
              : t('interviews.files.cancel', { name: props.item.name })
          }
          title={
            failed()
              ? t('interviews.files.dismiss', { name: props.item.name })
              : t('interviews.files.cancel', { name: props.item.name })
          }
          onClick={() => props.uploads.dismiss(props.item.key)}
        >
          <PortalIcon name="x" size={16} />
        </button>
      </div>
    </li>
  );
}

/** The open file, inline: PDFs page by page through pdf.js, images as they are. */
function Preview(props: { file: Attachment }) {
  const { t, formatNumber } = useI18n();
  const [page, setPage] = createSignal(1);
  const [pages, setPages] = createSignal(props.file.pages ?? 0);
  const label = () => t('interviews.files.previewLabel', { name: props.file.name });
  return (
    <div class="iv-files__preview">
      <Switch
        fallback={
          <p class="iv-muted">
            {t('interviews.files.noPreview')}{' '}
            <a href={downloadUrl(props.file.id)} download={props.file.name}>
              {t('interviews.files.download', { name: props.file.name })}
            </a>
          </p>
        }
      >
        <Match when={isPdf(props.file)}>
          <Show when={pages() > 1}>
            <div class="iv-files__pager">
              <button
                type="button"
                class="button button--secondary button--small"
                disabled={page() <= 1}
                onClick={() => setPage((p) => Math.max(1, p - 1))}
              >
                {t('interviews.files.pagePrev')}
              </button>
              <span class="num" aria-live="polite">
                {t('interviews.files.pageOf', {
                  page: formatNumber(page()),
                  pages: formatNumber(pages()),
                })}
              </span>
              <button
                type="button"
                class="button button--secondary button--small"
                disabled={page() >= pages()}
                onClick={() => setPage((p) => Math.min(pages(), p + 1))}
              >
                {t('interviews.files.pageNext')}
              </button>
            </div>
          </Show>
          <PdfView
            url={rawUrl(props.file.id)}
            page={page()}
            onPageCount={setPages}
            label={label()}
          />
        </Match>
        <Match when={isImage(props.file)}>
          <img class="iv-files__image" src={rawUrl(props.file.id)} alt={label()} />
        </Match>
      </Switch>
    </div>
  );
}

/**
 * 谈话记录扫描件: the files attached to a record (the signed record, scanned).
 * Drop or pick files, watch each upload, view a file inline or download it.
 * The server shows them only to those who may read the record.
 */
export function InterviewAttachments(props: {
  interviewId: string;
  attachments: readonly Attachment[];
  canEdit: boolean;
  /** Tests replace the network. */
  send?: SendAttachment;
}) {
  const i18n = useI18n();
  const { t, formatDate, formatNumber } = i18n;
  const [files, setFiles] = createSignal<Attachment[]>([...props.attachments]);
  const [open, setOpen] = createSignal<string | undefined>();
  const [removing, setRemoving] = createSignal<string | undefined>();
  const [removeError, setRemoveError] = createSignal<string | undefined>();
  const uploads = createAttachmentUploads({
    interviewId: () => props.interviewId,
    send: props.send,
    onUploaded: (a) => setFiles((list) => (list.some((f) => f.id === a.id) ? list : [...list, a])),
  });
  onCleanup(() => uploads.abortAll());

  const remove = async (file: Attachment) => {
    if (!window.confirm(t('interviews.files.removeConfirm', { name: file.name }))) return;
    setRemoving(file.id);
    setRemoveError(undefined);
    try {
      await interviewsApi.removeAttachment(props.interviewId, file.id);
      setFiles((list) => list.filter((f) => f.id !== file.id));
      if (open() === file.id) setOpen(undefined);
    } catch {
      setRemoveError(file.id);
    } finally {
      setRemoving(undefined);
    }
  };

  return (
    <section class="iv-files" aria-labelledby="iv-files-title">
      <h3 id="iv-files-title" class="iv-record__title">
        {t('interviews.files.title')}
      </h3>
      <p class="iv-files__hint">
        <Icon name="lock" size={13} /> {t('interviews.files.hint')}
      </p>
      <div class="iv-files__body" classList={{ 'iv-files__body--edit': props.canEdit }}>
        <div class="iv-files__list">
          <Show
            when={files().length > 0 || uploads.items.length > 0}
            fallback={<p class="iv-muted iv-files__empty">{t('interviews.files.empty')}</p>}
          >
            <ul class="file-list" aria-label={t('interviews.files.list')}>
              <For each={uploads.items}>
                {(item) => <UploadRow item={item} uploads={uploads} />}
              </For>
              <For each={files()}>
                {(file) => (
                  <li
                    class="file-row"
                    classList={{
                      'file-row--removing': removing() === file.id,
                      'iv-files__row--open': open() === file.id,
                    }}
                  >
                    <span class="file-row__icon" aria-hidden="true">
                      <Icon name="file" size={18} />
                    </span>
                    <div class="file-row__main">
                      <div class="file-row__top">
                        <button
                          type="button"
                          class="file-row__name iv-files__open"
                          aria-expanded={open() === file.id}
                          title={t('interviews.files.openName', { name: file.name })}
                          onClick={() => setOpen(open() === file.id ? undefined : file.id)}
                        >
                          {file.name}
                        </button>
                        <span class="file-row__size num">{fileSize(i18n, file.size)}</span>
                      </div>
                      <p class="file-row__meta">
                        <span>
                          {t('interviews.files.uploadedOn', { date: formatDate(file.uploadedAt) })}
                        </span>
                        <Show when={file.pages}>
                          {(n) => (
                            <span class="num">
                              {t('interviews.files.pages', { n: formatNumber(n()) })}
                            </span>
                          )}
                        </Show>
                      </p>
                      <Show when={removeError() === file.id}>
                        <p class="file-row__error" role="alert">
                          {t('interviews.files.removeFailed')}
                        </p>
                      </Show>
                    </div>
                    <div class="file-row__actions">
                      <a
                        class="icon-button"
                        href={downloadUrl(file.id)}
                        download={file.name}
                        aria-label={t('interviews.files.download', { name: file.name })}
                        title={t('interviews.files.download', { name: file.name })}
                      >
                        <PortalIcon name="download" size={16} />
                      </a>
                      <Show when={props.canEdit}>
                        <button
                          type="button"
                          class="icon-button icon-button--danger"
                          disabled={removing() === file.id}
                          aria-label={t('interviews.files.remove', { name: file.name })}
                          title={t('interviews.files.remove', { name: file.name })}
                          onClick={() => void remove(file)}
                        >
                          <PortalIcon name="trash" size={16} />
                        </button>
                      </Show>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
        <Show when={props.canEdit}>
          <DropZone onFiles={(list) => uploads.add(list)} />
        </Show>
      </div>
      <Show when={files().find((f) => f.id === open())} keyed>
        {(file) => <Preview file={file} />}
      </Show>
    </section>
  );
}
