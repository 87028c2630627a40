import { createEffect, createMemo, createSignal, on, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import type { Report, ReportPatch, ReportTexts } from './reports-api.ts';

/** The short fields; the opening, assessment and requirements are co-edited live (`ReportLiveTexts`). */
type Field = 'subject' | 'signature' | 'date';
const FIELDS: Field[] = ['subject', 'signature', 'date'];

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'failed';

const norm = (f: Field, v: string) => (f === 'date' ? v || null : v);

/**
 * The short texts a leader writes around the findings: the subject in the
 * title, the signature and the date. A field is saved when it loses focus,
 * or with the save button; the preview follows.
 */
export function ReportTextsForm(props: {
  report: Report;
  onSave: (patch: ReportPatch) => Promise<void>;
  onState?: (s: SaveState) => void;
}) {
  const { t } = useI18n();
  const pick = (texts: ReportTexts) => ({
    subject: texts.subject,
    signature: texts.signature,
    date: texts.date,
  });
  const [values, setValues] = createSignal<Pick<ReportTexts, Field>>(pick(props.report.texts));
  const [state, setState] = createSignal<SaveState>('idle');
  createEffect(on(state, (s) => props.onState?.(s)));

  // A new report (or one saved elsewhere) resets the fields only when nothing is pending here.
  createEffect(
    on(
      () => props.report.texts,
      (texts) => {
        if (state() !== 'dirty' && state() !== 'saving') setValues(pick(texts));
      },
      { defer: true },
    ),
  );

  const changed = createMemo(() => {
    const saved = props.report.texts;
    const patch: ReportPatch = {};
    for (const f of FIELDS) {
      if (values()[f] !== saved[f]) (patch as Record<string, unknown>)[f] = values()[f];
    }
    return patch;
  });
  const dirty = () => Object.keys(changed()).length > 0;
  const problem = () => {
    if (values().subject.trim() === '') return t('reports.form.subjectRequired');
    if (values().signature.trim() === '') return t('reports.form.signatureRequired');
    return undefined;
  };

  const save = async () => {
    if (!dirty() || problem() || state() === 'saving') return;
    setState('saving');
    try {
      await props.onSave(changed());
      setState(dirty() ? 'dirty' : 'saved');
    } catch {
      setState('failed');
    }
  };

  const set = (f: Field, v: string) => {
    setValues((cur) => ({ ...cur, [f]: norm(f, v) }));
    setState(dirty() ? 'dirty' : 'idle');
  };

  const label = (f: Field) => t(`reports.form.${f}` as MessageKey);
  const statusText = () => {
    switch (state()) {
      case 'dirty':
        return t('reports.form.unsaved');
      case 'saving':
        return t('reports.form.saving');
      case 'saved':
        return t('reports.form.saved');
      case 'failed':
        return t('reports.form.failed');
      default:
        return '';
    }
  };

  return (
    <form
      class="rp-form"
      aria-label={t('reports.form.label')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p class="rp-form__hint">{t('reports.form.hint')}</p>
      {FIELDS.map((f) => (
        <div class="field rp-form__field">
          <label class="field__label" for={`rp-${f}`}>
            {label(f)}
          </label>
          <input
            id={`rp-${f}`}
            class="input"
            type={f === 'date' ? 'date' : 'text'}
            value={values()[f] ?? ''}
            onInput={(e) => set(f, e.currentTarget.value)}
            onChange={(e) => set(f, e.currentTarget.value)}
            onBlur={() => void save()}
          />
          <Show when={f === 'subject'}>
            <p class="rp-form__note">{t('reports.form.subjectNote')}</p>
          </Show>
        </div>
      ))}
      <Show when={problem()}>
        <p class="form-problem" role="alert">
          {problem()}
        </p>
      </Show>
      <div class="rp-form__actions">
        <span
          class="rp-form__status"
          classList={{ 'rp-form__status--bad': state() === 'failed' }}
          role="status"
          aria-live="polite"
        >
          {statusText()}
        </span>
        <button
          type="submit"
          class="button button--primary button--small"
          disabled={!dirty() || !!problem() || state() === 'saving'}
        >
          {state() === 'saving' ? t('reports.form.saving') : t('reports.form.save')}
        </button>
      </div>
    </form>
  );
}
