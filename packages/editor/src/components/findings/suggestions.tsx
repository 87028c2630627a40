import type { Framework } from '@rectify/domain';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { focusTone } from '../../lib/workspace/focus-tones.ts';
import type { Suggestion } from './findings-api.ts';

const FIRST = 6;

/** A cell's key, for telling which one is being turned into a finding. */
export const cellKey = (s: Pick<Suggestion, 'unitId' | 'question'>) => `${s.unitId}:${s.question}`;

/**
 * Unit × question cells that have annotations but no finding yet, most
 * annotated first, each with a one-click "生成发现问题" that drafts a
 * finding from the cell's annotations.
 */
export function Suggestions(props: {
  suggestions: readonly Suggestion[];
  framework: Framework;
  canCreate: boolean;
  busy: string | undefined;
  onCreate: (s: Suggestion) => void;
}) {
  const { t, lang } = useI18n();
  const [all, setAll] = createSignal(false);
  const shown = () => (all() ? props.suggestions : props.suggestions.slice(0, FIRST));
  const question = (code: string) => props.framework.questions.find((q) => q.code === code);
  return (
    <section class="fnd-suggest" aria-labelledby="fnd-suggest-h">
      <div class="fnd-suggest__head">
        <h2 class="fnd-suggest__title" id="fnd-suggest-h">
          {t('findings.suggest.title')}
          <span class="fnd-suggest__count num">{props.suggestions.length}</span>
        </h2>
        <p class="fnd-suggest__hint">{t('findings.suggest.hint')}</p>
      </div>
      <ul class="fnd-suggest__list">
        <For each={shown()}>
          {(s) => {
            const q = question(s.question);
            return (
              <li class={`fnd-cell fnd-tone-${focusTone(props.framework, s.focus ?? undefined)}`}>
                <div class="fnd-cell__text">
                  <span class="fnd-cell__where">
                    <span class="fnd-cell__unit">{s.unitName}</span>
                    <span class="fnd-chip__code">{s.question}</span>
                  </span>
                  <span class="fnd-cell__q" title={q ? (lang() === 'en' ? q.en : q.zh) : undefined}>
                    {q ? (lang() === 'en' ? q.en : q.zh) : s.question}
                  </span>
                  <span class="fnd-cell__count">
                    {t('findings.suggest.annotations', { count: s.annotations })}
                  </span>
                </div>
                <Show when={props.canCreate}>
                  <button
                    type="button"
                    class="button button--secondary button--small fnd-cell__create"
                    disabled={props.busy !== undefined}
                    aria-label={t('findings.suggest.createFor', {
                      unit: s.unitName,
                      code: s.question,
                    })}
                    onClick={() => props.onCreate(s)}
                  >
                    {props.busy === cellKey(s)
                      ? t('findings.suggest.creating')
                      : t('findings.suggest.create')}
                  </button>
                </Show>
              </li>
            );
          }}
        </For>
      </ul>
      <Show when={props.suggestions.length > FIRST}>
        <button
          type="button"
          class="fnd-link-button"
          aria-expanded={all()}
          onClick={() => setAll(!all())}
        >
          {all()
            ? t('findings.suggest.fewer')
            : t('findings.suggest.more', { count: props.suggestions.length - FIRST })}
        </button>
      </Show>
    </section>
  );
}
