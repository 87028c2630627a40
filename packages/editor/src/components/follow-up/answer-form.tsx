import { createSignal, For, type JSX, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { useI18n } from '../../i18n/i18n.tsx';
import { Icon } from '../icon.tsx';
import { PortalIcon } from '../portal/portal-icon.tsx';
import { actionError } from '../reports/action-error.ts';
import {
  type EvidenceRef,
  type EvidenceUpload,
  followUpApi,
  type RectificationItem,
  uploadAnswerEvidence,
} from './follow-up-api.ts';
import '../portal/portal-base.css';
import '../portal/evidence.css';

/** What the server accepts (it checks the bytes too). */
const ACCEPT = '.pdf,.docx,.xlsx,.pptx,.jpg,.jpeg,.png,.txt,.csv,.md';

interface Sending {
  key: string;
  name: string;
  size: number;
  loaded: number;
  error?: string;
}

let counter = 0;

/**
 * The unit's answer to a delivered finding: measures taken, progress, and
 * evidence (uploaded here, or carried over from an earlier answer). After a
 * return, the last answer is the starting point, so the unit supplements
 * rather than retypes.
 */
export function AnswerForm(props: {
  item: RectificationItem;
  onAnswered: (item: RectificationItem) => void;
  upload?: typeof uploadAnswerEvidence;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const upload = props.upload ?? uploadAnswerEvidence;
  const last = props.item.responses.at(-1);
  const [measures, setMeasures] = createSignal(last?.measures ?? '');
  const [progress, setProgress] = createSignal(last?.progress ?? '');
  const [attached, setAttached] = createSignal<EvidenceRef[]>(last?.evidence ?? []);
  const [sending, setSending] = createStore<Sending[]>([]);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const [tried, setTried] = createSignal(false);
  const handles = new Map<string, EvidenceUpload>();
  const fid = props.item.finding.id;
  let input!: HTMLInputElement;

  const earlier = () => {
    const seen = new Map<string, EvidenceRef>();
    for (const r of props.item.responses) for (const e of r.evidence) seen.set(e.id, e);
    const mine = new Set(attached().map((e) => e.id));
    return [...seen.values()].filter((e) => !mine.has(e.id));
  };

  const addFiles = (files: File[]) => {
    for (const file of files) {
      counter += 1;
      const key = `a${counter}`;
      setSending((list) => [...list, { key, name: file.name, size: file.size, loaded: 0 }]);
      const handle = upload(fid, file, (loaded) =>
        setSending(
          produce((list) => {
            const s = list.find((x) => x.key === key);
            if (s) s.loaded = loaded;
          }),
        ),
      );
      handles.set(key, handle);
      handle.done.then(
        (ev) => {
          handles.delete(key);
          setSending((list) => list.filter((x) => x.key !== key));
          setAttached((list) => (list.some((e) => e.id === ev.id) ? list : [...list, ev]));
        },
        (e: unknown) => {
          if (!handles.has(key)) return;
          handles.delete(key);
          setSending(
            produce((list) => {
              const s = list.find((x) => x.key === key);
              if (s) s.error = actionError(i18n, e);
            }),
          );
        },
      );
    }
  };

  const dismiss = (key: string) => {
    const h = handles.get(key);
    handles.delete(key);
    h?.abort();
    setSending((list) => list.filter((x) => x.key !== key));
  };

  const uploading = () => sending.filter((s) => !s.error).length;
  const missing = () => measures().trim() === '';

  const submit: JSX.EventHandler<HTMLFormElement, SubmitEvent> = async (e) => {
    e.preventDefault();
    setTried(true);
    if (missing() || uploading() > 0 || busy()) return;
    setBusy(true);
    setError(undefined);
    try {
      const next = await followUpApi.answer(fid, {
        measures: measures().trim(),
        progress: progress().trim(),
        evidenceIds: attached().map((x) => x.id),
      });
      props.onAnswered(next);
    } catch (err) {
      setError(actionError(i18n, err));
    } finally {
      setBusy(false);
    }
  };

  const id = (name: string) => `fu-${name}-${fid}`;
  return (
    <form class="fu-form" onSubmit={submit} aria-label={t('reports.fu.answer.label')}>
      <h4 class="fu-form__title">
        {props.item.status === 'returned'
          ? t('reports.fu.answer.again')
          : t('reports.fu.answer.title')}
      </h4>
      <div class="field">
        <label class="field__label" for={id('measures')}>
          {t('reports.fu.measures')}
          <span class="fu-required">{t('reports.fu.answer.required')}</span>
        </label>
        <textarea
          id={id('measures')}
          class="input fu-form__area"
          rows={4}
          value={measures()}
          aria-invalid={tried() && missing() ? 'true' : undefined}
          placeholder={t('reports.fu.answer.measuresHint')}
          onInput={(e) => setMeasures(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label class="field__label" for={id('progress')}>
          {t('reports.fu.progress')}
        </label>
        <textarea
          id={id('progress')}
          class="input fu-form__area"
          rows={3}
          value={progress()}
          placeholder={t('reports.fu.answer.progressHint')}
          onInput={(e) => setProgress(e.currentTarget.value)}
        />
      </div>
      <fieldset class="fu-form__files">
        <legend class="field__label">{t('reports.fu.evidence')}</legend>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target; the button inside is the keyboard way in */}
        <div
          class="drop-zone fu-drop"
          onDragOver={(e) => {
            if (!e.dataTransfer?.types.includes('Files')) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
          }}
          onDrop={(e) => {
            e.preventDefault();
            const files = Array.from(e.dataTransfer?.files ?? []);
            if (files.length > 0) addFiles(files);
          }}
        >
          <PortalIcon name="cloudUp" size={22} class="drop-zone__icon" />
          <p class="drop-zone__title">{t('portal.files.drop')}</p>
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={() => input.click()}
          >
            <PortalIcon name="paperclip" size={15} />
            {t('reports.fu.answer.choose')}
          </button>
          <p class="drop-zone__hint">{t('portal.files.accepted')}</p>
          <input
            ref={input}
            type="file"
            multiple
            accept={ACCEPT}
            class="visually-hidden"
            tabIndex={-1}
            aria-label={t('reports.fu.answer.choose')}
            onChange={(e) => {
              const files = Array.from(e.currentTarget.files ?? []);
              e.currentTarget.value = '';
              if (files.length > 0) addFiles(files);
            }}
          />
        </div>
        <Show when={sending.length > 0 || attached().length > 0}>
          <ul class="file-list">
            <For each={sending}>
              {(s) => (
                <li class="file-row file-row--upload" classList={{ 'file-row--failed': !!s.error }}>
                  <span class="file-row__icon" aria-hidden="true">
                    <Icon name={s.error ? 'alert' : 'upload'} size={18} />
                  </span>
                  <div class="file-row__main">
                    <div class="file-row__top">
                      <span class="file-row__name">{s.name}</span>
                    </div>
                    <Show
                      when={s.error}
                      fallback={
                        <div
                          class="upload-bar"
                          role="progressbar"
                          aria-label={t('portal.files.progressLabel', { name: s.name })}
                          aria-valuemin={0}
                          aria-valuemax={100}
                          aria-valuenow={s.size ? Math.round((s.loaded / s.size) * 100) : 0}
                        >
                          <div
                            class="upload-bar__fill"
                            style={{
                              width: `${s.size ? Math.round((s.loaded / s.size) * 100) : 0}%`,
                            }}
                          />
                        </div>
                      }
                    >
                      <p class="file-row__error" role="alert">
                        {s.error}
                      </p>
                    </Show>
                  </div>
                  <div class="file-row__actions">
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={t('portal.files.dismiss', { name: s.name })}
                      onClick={() => dismiss(s.key)}
                    >
                      <PortalIcon name="x" size={16} />
                    </button>
                  </div>
                </li>
              )}
            </For>
            <For each={attached()}>
              {(ev) => (
                <li class="file-row">
                  <span class="file-row__icon" aria-hidden="true">
                    <Icon name="file" size={18} />
                  </span>
                  <div class="file-row__main">
                    <span class="file-row__name">{ev.name}</span>
                  </div>
                  <div class="file-row__actions">
                    <button
                      type="button"
                      class="icon-button"
                      aria-label={t('reports.fu.answer.detach', { name: ev.name })}
                      onClick={() => setAttached((l) => l.filter((x) => x.id !== ev.id))}
                    >
                      <PortalIcon name="x" size={16} />
                    </button>
                  </div>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={earlier().length > 0}>
          <div class="fu-reuse">
            <span class="fu-reuse__label">{t('reports.fu.answer.reuse')}</span>
            <For each={earlier()}>
              {(ev) => (
                <button
                  type="button"
                  class="fu-chip"
                  onClick={() => setAttached((l) => [...l, ev])}
                >
                  + {ev.name}
                </button>
              )}
            </For>
          </div>
        </Show>
      </fieldset>
      <Show when={tried() && missing()}>
        <p class="form-problem" role="alert">
          {t('reports.fu.answer.needMeasures')}
        </p>
      </Show>
      <Show when={error()}>
        <p class="form-problem" role="alert">
          {error()}
        </p>
      </Show>
      <div class="fu-form__actions">
        <Show when={uploading() > 0}>
          <span class="fu-form__wait">
            {t('reports.fu.answer.uploading', { count: uploading() })}
          </span>
        </Show>
        <button type="submit" class="button button--primary" disabled={busy() || uploading() > 0}>
          {busy() ? t('reports.fu.answer.sending') : t('reports.fu.answer.submit')}
        </button>
      </div>
    </form>
  );
}
