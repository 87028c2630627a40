import { createSignal, For, type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { EvidenceItem } from '../../lib/portal/contracts.ts';
import { fileSize } from '../../lib/portal/labels.ts';
import { evidenceDownloadUrl } from '../../lib/portal/portal-api.ts';
import type { UploadItem, Uploads } from '../../lib/portal/uploads.ts';
import { Icon } from '../icon.tsx';
import { actionErrorText, isFinalRefusal } from './error-text.ts';
import { PortalIcon } from './portal-icon.tsx';
import './portal-base.css';
import './evidence.css';

/** What the server accepts (it checks the bytes too); the picker offers these first. */
const ACCEPT = '.pdf,.docx,.xlsx,.pptx,.jpg,.jpeg,.png,.txt,.csv,.md';

function DropZone(props: { onFiles: (files: File[]) => void; disabled?: boolean }) {
  const { t } = useI18n();
  let input!: HTMLInputElement;
  // dragenter/leave fire for every child; count them so the highlight does not flicker.
  const [depth, setDepth] = createSignal(0);
  const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

  const onDrop: JSX.EventHandler<HTMLDivElement, DragEvent> = (event) => {
    event.preventDefault();
    setDepth(0);
    if (props.disabled) return;
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length > 0) props.onFiles(files);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target; the button inside is the keyboard way in
    <div
      class="drop-zone"
      classList={{ 'drop-zone--over': depth() > 0, 'drop-zone--disabled': props.disabled }}
      onDragEnter={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDepth((n) => n + 1);
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        if (event.dataTransfer) event.dataTransfer.dropEffect = props.disabled ? 'none' : 'copy';
      }}
      onDragLeave={() => setDepth((n) => Math.max(0, n - 1))}
      onDrop={onDrop}
    >
      <PortalIcon name="cloudUp" size={28} class="drop-zone__icon" />
      <p class="drop-zone__title">{t('portal.files.drop')}</p>
      <button
        type="button"
        class="button button--secondary button--small"
        disabled={props.disabled}
        onClick={() => input.click()}
      >
        <PortalIcon name="paperclip" size={15} />
        {t('portal.files.choose')}
      </button>
      <p class="drop-zone__hint">{t('portal.files.accepted')}</p>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        class="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
    </div>
  );
}

function UploadRow(props: { item: UploadItem; uploads: Uploads }) {
  const i18n = useI18n();
  const { t } = i18n;
  const percent = () =>
    props.item.size > 0 ? Math.round((props.item.loaded / props.item.size) * 100) : 0;
  const failed = () => props.item.phase === 'failed';
  const phaseText = () => {
    switch (props.item.phase) {
      case 'queued':
        return t('portal.files.queued');
      case 'processing':
        return t('portal.files.processing');
      case 'uploading':
        return t('portal.files.progress', { percent: percent() });
      default:
        return '';
    }
  };
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
                aria-label={t('portal.files.progressLabel', { name: props.item.name })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent()}
              >
                <div class="upload-bar__fill" style={{ width: `${percent()}%` }} />
              </div>
              <p class="file-row__meta num">{phaseText()}</p>
            </>
          }
        >
          <p class="file-row__error" role="alert">
            {actionErrorText(i18n, props.item.error)}
          </p>
        </Show>
      </div>
      <div class="file-row__actions">
        <Show when={failed() && !isFinalRefusal(props.item.error)}>
          <button
            type="button"
            class="icon-button"
            aria-label={t('portal.files.retry', { name: props.item.name })}
            title={t('common.retry')}
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
              ? t('portal.files.dismiss', { name: props.item.name })
              : t('portal.files.cancel', { name: props.item.name })
          }
          title={failed() ? t('portal.files.dismissShort') : t('portal.files.cancelShort')}
          onClick={() => props.uploads.dismiss(props.item.key)}
        >
          <PortalIcon name="x" size={16} />
        </button>
      </div>
    </li>
  );
}

function EvidenceRow(props: {
  item: EvidenceItem;
  removing: boolean;
  error?: string;
  onRemove: () => void;
}) {
  const i18n = useI18n();
  const { t, formatDate, lang } = i18n;
  const sent = () => props.item.versions.length > 0;
  const where = () =>
    sent()
      ? t('portal.files.inVersions', {
          list: props.item.versions
            .map((v) => t('portal.version', { n: v }))
            .join(lang() === 'en' ? ', ' : '、'),
        })
      : t('portal.files.inDraft');
  return (
    <li class="file-row" classList={{ 'file-row--removing': props.removing }}>
      <span class="file-row__icon" aria-hidden="true">
        <Icon name="file" size={18} />
      </span>
      <div class="file-row__main">
        <div class="file-row__top">
          <a
            class="file-row__name file-row__link"
            href={evidenceDownloadUrl(props.item.id)}
            download={props.item.originalName}
            title={t('portal.files.download', { name: props.item.originalName })}
          >
            {props.item.originalName}
          </a>
          <span class="file-row__size num">{fileSize(i18n, props.item.size)}</span>
        </div>
        <p class="file-row__meta">
          <span>{formatDate(props.item.uploadedAt)}</span>
          <span class="file-row__where" classList={{ 'file-row__where--draft': !sent() }}>
            {where()}
          </span>
        </p>
        <Show when={props.error}>
          <p class="file-row__error" role="alert">
            {props.error}
          </p>
        </Show>
      </div>
      <div class="file-row__actions">
        <Show when={props.item.inDraft}>
          <button
            type="button"
            class="icon-button icon-button--danger"
            disabled={props.removing}
            aria-label={
              sent()
                ? t('portal.files.unlink', { name: props.item.originalName })
                : t('portal.files.remove', { name: props.item.originalName })
            }
            title={sent() ? t('portal.files.unlinkShort') : t('portal.files.removeShort')}
            onClick={() => props.onRemove()}
          >
            <PortalIcon name={sent() ? 'x' : 'trash'} size={16} />
          </button>
        </Show>
      </div>
    </li>
  );
}

/**
 * 整改支撑材料: drop files (or pick them), watch each upload, and keep the
 * list of what the draft carries. Removing is offered only for files still
 * in the draft; submitted files stay with their versions.
 */
export function EvidencePanel(props: {
  evidence: EvidenceItem[];
  uploads: Uploads;
  removing: ReadonlySet<string>;
  removeErrors: ReadonlyMap<string, string>;
  onRemove: (item: EvidenceItem) => void;
}) {
  const { t } = useI18n();
  const inDraft = () => props.evidence.filter((e) => e.inDraft).length;
  return (
    <section class="panel" aria-labelledby="evidence-title">
      <div class="panel__head">
        <h2 class="panel__title" id="evidence-title">
          {t('portal.files.title')}
        </h2>
        <span class="panel__count num">
          {t('portal.files.count', { count: props.evidence.length, draft: inDraft() })}
        </span>
      </div>
      <DropZone onFiles={(files) => props.uploads.add(files)} />
      <Show when={props.uploads.items.length > 0}>
        <ul class="file-list" aria-label={t('portal.files.uploading')}>
          <For each={props.uploads.items}>
            {(item) => <UploadRow item={item} uploads={props.uploads} />}
          </For>
        </ul>
      </Show>
      <Show
        when={props.evidence.length > 0}
        fallback={
          <Show when={props.uploads.items.length === 0}>
            <p class="panel__empty">{t('portal.files.none')}</p>
          </Show>
        }
      >
        <ul class="file-list" aria-label={t('portal.files.listLabel')}>
          <For each={props.evidence}>
            {(item) => (
              <EvidenceRow
                item={item}
                removing={props.removing.has(item.id)}
                error={props.removeErrors.get(item.id)}
                onRemove={() => props.onRemove(item)}
              />
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
