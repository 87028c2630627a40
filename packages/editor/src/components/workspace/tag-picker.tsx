import type { Framework } from '@rectify/domain';
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { focusTone } from '../../lib/workspace/focus-tones.ts';
import { taggableQuestions } from '../../lib/workspace/framework.ts';
import { questionKey } from '../../lib/workspace/keymap.ts';

const localized = (item: { zh: string; en: string }, lang: string) =>
  lang === 'en' ? item.en : item.zh;

/**
 * The round's questions under their four focus headings, each a toggle with
 * its key (1–9, 0, -, =) shown, so the mouse teaches the keyboard.
 */
export function TagPicker(props: {
  framework: Framework;
  selected: readonly string[];
  onToggle: (code: string) => void;
  id?: string;
}) {
  const { t, lang } = useI18n();
  // Opened at the bottom of the column: bring it into view.
  const shown = (el: HTMLElement) =>
    requestAnimationFrame(() => el.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' }));
  const questions = () => taggableQuestions(props.framework);
  const indexOf = (code: string) => questions().findIndex((q) => q.code === code);
  return (
    <div ref={shown} class="ws-tags-picker" id={props.id}>
      <For each={props.framework.focuses}>
        {(focus) => (
          <fieldset
            class={`ws-tags-picker__focus ws-tone-${focusTone(props.framework, focus.code)}`}
          >
            <legend class="ws-tags-picker__heading">
              <span class="ws-tags-picker__swatch" aria-hidden="true" />
              {focus.code} {focus.zh}
            </legend>
            <For each={questions().filter((q) => q.focus === focus.code)}>
              {(q) => {
                const on = () => props.selected.includes(q.code);
                const key = () => questionKey(indexOf(q.code));
                return (
                  <button
                    type="button"
                    class="ws-tags-picker__q"
                    aria-pressed={on()}
                    title={localized(q, lang())}
                    onClick={() => props.onToggle(q.code)}
                  >
                    <span class="ws-tags-picker__check" aria-hidden="true">
                      {on() ? '✓' : ''}
                    </span>
                    <span class="ws-tags-picker__code">{q.code}</span>
                    <span class="ws-tags-picker__label">{localized(q, lang())}</span>
                    <Show when={key()}>
                      {(k) => (
                        <kbd class="ws-kbd" aria-label={t('ws.tags.keyHint', { key: k() })}>
                          {k()}
                        </kbd>
                      )}
                    </Show>
                  </button>
                );
              }}
            </For>
          </fieldset>
        )}
      </For>
    </div>
  );
}

/** S1 / S2 / S3 as a segmented control; Alt+1/2/3 do the same from the card. */
export function StepPicker(props: {
  framework: Framework;
  value: string | null;
  onChange: (code: string | null) => void;
  disabled?: boolean;
}) {
  const { t, lang } = useI18n();
  return (
    <fieldset class="ws-steps">
      <legend class="visually-hidden">{t('ws.step.label')}</legend>
      <For each={props.framework.methodSteps}>
        {(step, i) => (
          <button
            type="button"
            class="ws-steps__item"
            aria-pressed={props.value === step.code}
            disabled={props.disabled}
            title={`${localized(step, lang())} · Alt+${i() + 1}`}
            onClick={() => props.onChange(props.value === step.code ? null : step.code)}
          >
            {step.code}
          </button>
        )}
      </For>
    </fieldset>
  );
}
