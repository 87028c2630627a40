import type { Framework } from '@rectify/domain';
import { For } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { focusTone } from '../../lib/workspace/focus-tones.ts';

const localized = (item: { zh: string; en: string }, lang: string) =>
  lang === 'en' ? item.en : item.zh;

/**
 * The round's questions under their focus headings, as checkboxes: a
 * finding may answer several questions, and the focus follows them.
 * Retired questions only show while still chosen.
 */
export function QuestionPicker(props: {
  framework: Framework;
  selected: readonly string[];
  onChange: (codes: string[]) => void;
  idPrefix: string;
}) {
  const { lang } = useI18n();
  const offered = (focus: string) =>
    props.framework.questions.filter(
      (q) => q.focus === focus && (!q.retired || props.selected.includes(q.code)),
    );
  const toggle = (code: string, on: boolean) => {
    const next = new Set(props.selected);
    if (on) next.add(code);
    else next.delete(code);
    // Keep the framework's order, whatever order they were ticked in.
    props.onChange(props.framework.questions.map((q) => q.code).filter((c) => next.has(c)));
  };
  return (
    <div class="fnd-qpicker">
      <For each={props.framework.focuses}>
        {(focus) => (
          <fieldset class={`fnd-qpicker__focus fnd-tone-${focusTone(props.framework, focus.code)}`}>
            <legend class="fnd-qpicker__legend">
              <span class="fnd-qpicker__swatch" aria-hidden="true" />
              {focus.code} {localized(focus, lang())}
            </legend>
            <For each={offered(focus.code)}>
              {(q) => {
                const id = `${props.idPrefix}-${q.code}`;
                return (
                  <label class="fnd-qpicker__q" for={id}>
                    <input
                      id={id}
                      type="checkbox"
                      checked={props.selected.includes(q.code)}
                      onChange={(e) => toggle(q.code, e.currentTarget.checked)}
                    />
                    <span class="fnd-qpicker__code">{q.code}</span>
                    <span class="fnd-qpicker__text">{localized(q, lang())}</span>
                  </label>
                );
              }}
            </For>
          </fieldset>
        )}
      </For>
    </div>
  );
}
