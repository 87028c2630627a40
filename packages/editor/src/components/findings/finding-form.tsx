import type { Framework } from '@rectify/domain';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { actionErrorKey } from './action-error.ts';
import { changedFields, fieldsOf } from './finding-fields.ts';
import { type FindingDetail, type FindingFields, findingsApi } from './findings-api.ts';
import { QuestionPicker } from './question-picker.tsx';

/**
 * The editable fields of a finding. Saves only what changed; while nothing
 * was touched it follows the server's copy (a transition, a merge). The
 * description is not here: it is co-edited live (finding-description.tsx).
 */
export function FindingForm(props: {
  finding: FindingDetail;
  framework: Framework;
  onSaved: (f: FindingDetail) => void;
}) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = createStore<FindingFields>(fieldsOf(props.finding));
  const [saving, setSaving] = createSignal(false);
  const [problem, setProblem] = createSignal<MessageKey>();
  const [saved, setSaved] = createSignal(false);
  const changes = createMemo(() => changedFields(fieldsOf(props.finding), draft));
  const dirty = () => Object.keys(changes()).length > 0;

  createEffect(
    on(
      () => props.finding.id,
      () => {
        setDraft(reconcile(fieldsOf(props.finding)));
        setProblem(undefined);
        setSaved(false);
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      () => props.finding.updatedAt,
      () => {
        if (!dirty()) setDraft(reconcile(fieldsOf(props.finding)));
      },
      { defer: true },
    ),
  );

  const edit = <K extends keyof FindingFields>(key: K, value: FindingFields[K]) => {
    setSaved(false);
    setDraft(key, value as never);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (draft.title.trim() === '') {
      setProblem('findings.form.titleRequired');
      return;
    }
    setSaving(true);
    setProblem(undefined);
    try {
      const next = await findingsApi.update(props.finding.id, changes());
      props.onSaved(next);
      setDraft(reconcile(fieldsOf(next)));
      setSaved(true);
    } catch (e) {
      setProblem(actionErrorKey(e));
    } finally {
      setSaving(false);
    }
  };

  const id = (name: string) => `fnd-${props.finding.id}-${name}`;
  const localized = (item: { zh: string; en: string }) => (lang() === 'en' ? item.en : item.zh);

  return (
    <form class="fnd-form" onSubmit={save} aria-label={t('findings.form.label')}>
      <div class="field">
        <label class="field__label" for={id('title')}>
          {t('findings.field.title')}
        </label>
        <input
          id={id('title')}
          class="input"
          value={draft.title}
          maxLength={500}
          aria-invalid={problem() === 'findings.form.titleRequired' ? 'true' : undefined}
          onInput={(e) => edit('title', e.currentTarget.value)}
        />
      </div>
      <fieldset class="fnd-form__group">
        <legend class="field__label">{t('findings.field.questions')}</legend>
        <QuestionPicker
          framework={props.framework}
          selected={draft.questions}
          idPrefix={id('q')}
          onChange={(codes) => edit('questions', codes)}
        />
      </fieldset>
      <div class="fnd-form__row">
        <div class="field">
          <label class="field__label" for={id('aspect')}>
            {t('findings.field.aspect')}
          </label>
          <select
            id={id('aspect')}
            class="input fnd-select"
            value={draft.aspect ?? ''}
            onChange={(e) => edit('aspect', e.currentTarget.value || null)}
          >
            <option value="">{t('findings.field.none')}</option>
            <For each={props.framework.aspects}>
              {(a) => (
                <option value={a.code} selected={draft.aspect === a.code}>
                  {localized(a)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label class="field__label" for={id('severity')}>
            {t('findings.field.severity')}
          </label>
          <select
            id={id('severity')}
            class="input fnd-select"
            value={draft.severity ?? ''}
            onChange={(e) => edit('severity', e.currentTarget.value || null)}
          >
            <option value="">{t('findings.field.none')}</option>
            <For each={props.framework.severities}>
              {(s) => (
                <option value={s.code} selected={draft.severity === s.code}>
                  {localized(s)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="field">
          <label class="field__label" for={id('deadline')}>
            {t('findings.field.deadline')}
          </label>
          <input
            id={id('deadline')}
            class="input"
            type="date"
            value={draft.deadline ?? ''}
            onChange={(e) => edit('deadline', e.currentTarget.value || null)}
          />
        </div>
      </div>
      <label class="fnd-check" for={id('immediate')}>
        <input
          id={id('immediate')}
          type="checkbox"
          checked={draft.immediate}
          onChange={(e) => edit('immediate', e.currentTarget.checked)}
        />
        <span class="fnd-check__text">
          <strong>{t('findings.immediate')}</strong>
          <span class="fnd-check__hint">{t('findings.field.immediateHint')}</span>
        </span>
      </label>
      <div class="field">
        <label class="field__label" for={id('requirement')}>
          {t('findings.field.requirement')}
        </label>
        <textarea
          id={id('requirement')}
          class="input fnd-textarea"
          rows={3}
          value={draft.requirement}
          placeholder={t('findings.field.requirementPlaceholder')}
          onInput={(e) => edit('requirement', e.currentTarget.value)}
        />
      </div>
      <Show when={problem()}>
        {(key) => (
          <p class="form-problem" role="alert">
            {t(key())}
          </p>
        )}
      </Show>
      <div class="fnd-form__actions">
        <span class="fnd-form__status" role="status" aria-live="polite">
          {saving()
            ? t('findings.form.saving')
            : dirty()
              ? t('findings.form.unsaved')
              : saved()
                ? t('findings.form.saved')
                : ''}
        </span>
        <button
          type="button"
          class="button button--secondary button--small"
          disabled={!dirty() || saving()}
          onClick={() => {
            setDraft(reconcile(fieldsOf(props.finding)));
            setProblem(undefined);
          }}
        >
          {t('findings.form.reset')}
        </button>
        <button
          type="submit"
          class="button button--primary button--small"
          disabled={!dirty() || saving()}
        >
          {t('findings.form.save')}
        </button>
      </div>
    </form>
  );
}
