import type { Framework } from '@rectify/domain';
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { FINDING_ORDER } from '../../lib/finding-states.ts';
import { type FindingFilters, isFiltered } from './findings-filter.ts';

/** Unit, state, focus or question, severity, 立行立改: plain selects, so keyboards and screen readers need nothing new. */
export function FindingsFilters(props: {
  units: ReadonlyArray<{ id: string; name: string }>;
  framework: Framework;
  value: FindingFilters;
  shown: number;
  total: number;
  onChange: (patch: Partial<FindingFilters>) => void;
  onClear: () => void;
}) {
  const { t, lang } = useI18n();
  const name = (x: { zh: string; en: string }) => (lang() === 'en' ? x.en : x.zh);
  return (
    <fieldset class="fnd-filters">
      <legend class="visually-hidden">{t('findings.filter.label')}</legend>
      <label class="fnd-filter">
        <span class="fnd-filter__label">{t('findings.filter.unit')}</span>
        <select
          class="input fnd-select"
          value={props.value.unit}
          onChange={(e) => props.onChange({ unit: e.currentTarget.value })}
        >
          <option value="">{t('findings.filter.allUnits')}</option>
          <For each={props.units}>
            {(u) => (
              <option value={u.id} selected={props.value.unit === u.id}>
                {u.name}
              </option>
            )}
          </For>
        </select>
      </label>
      <label class="fnd-filter">
        <span class="fnd-filter__label">{t('findings.filter.state')}</span>
        <select
          class="input fnd-select"
          value={props.value.state}
          onChange={(e) =>
            props.onChange({ state: e.currentTarget.value as FindingFilters['state'] })
          }
        >
          <option value="">{t('findings.filter.allStates')}</option>
          <For each={FINDING_ORDER}>
            {(s) => (
              <option value={s} selected={props.value.state === s}>
                {t(`findings.state.${s}`)}
              </option>
            )}
          </For>
        </select>
      </label>
      <label class="fnd-filter fnd-filter--wide">
        <span class="fnd-filter__label">{t('findings.filter.question')}</span>
        <select
          class="input fnd-select"
          value={props.value.question}
          onChange={(e) => props.onChange({ question: e.currentTarget.value })}
        >
          <option value="">{t('findings.filter.allQuestions')}</option>
          <For each={props.framework.focuses}>
            {(focus) => (
              <optgroup label={`${focus.code} ${name(focus)}`}>
                <option value={focus.code} selected={props.value.question === focus.code}>
                  {t('findings.filter.wholeFocus', { code: focus.code, name: name(focus) })}
                </option>
                <For each={props.framework.questions.filter((q) => q.focus === focus.code)}>
                  {(q) => (
                    <option value={q.code} selected={props.value.question === q.code}>
                      {q.code} {name(q).length > 24 ? `${name(q).slice(0, 24)}…` : name(q)}
                    </option>
                  )}
                </For>
              </optgroup>
            )}
          </For>
        </select>
      </label>
      <label class="fnd-filter">
        <span class="fnd-filter__label">{t('findings.filter.severity')}</span>
        <select
          class="input fnd-select"
          value={props.value.severity}
          onChange={(e) => props.onChange({ severity: e.currentTarget.value })}
        >
          <option value="">{t('findings.filter.allSeverities')}</option>
          <For each={props.framework.severities}>
            {(s) => (
              <option value={s.code} selected={props.value.severity === s.code}>
                {name(s)}
              </option>
            )}
          </For>
        </select>
      </label>
      <label class="fnd-check fnd-filter__check">
        <input
          type="checkbox"
          checked={props.value.immediate}
          onChange={(e) => props.onChange({ immediate: e.currentTarget.checked })}
        />
        <span>{t('findings.filter.immediateOnly')}</span>
      </label>
      <div class="fnd-filters__end">
        <span class="fnd-filters__count" aria-live="polite">
          {t('findings.filter.count', { shown: props.shown, total: props.total })}
        </span>
        <Show when={isFiltered(props.value)}>
          <button type="button" class="fnd-link-button" onClick={props.onClear}>
            {t('findings.filter.clear')}
          </button>
        </Show>
      </div>
    </fieldset>
  );
}
