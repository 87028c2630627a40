import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { shortTime } from '../../lib/workspace/format-time.ts';
import type { Transition } from './findings-api.ts';

/** Who moved the finding where, when and why, oldest first. */
export function FindingHistory(props: { transitions: readonly Transition[] }) {
  const { t, lang } = useI18n();
  return (
    <ol class="fnd-history">
      <For each={props.transitions}>
        {(tr) => (
          <li class={`fnd-history__item fnd-history__item--${tr.to}`}>
            <span class="fnd-history__dot" aria-hidden="true" />
            <div class="fnd-history__text">
              <p class="fnd-history__line">
                <strong>{tr.actor}</strong>{' '}
                {tr.from === null
                  ? t('findings.history.created')
                  : t('findings.history.moved', {
                      from: t(`findings.state.${tr.from}`),
                      to: t(`findings.state.${tr.to}`),
                    })}
              </p>
              <Show when={tr.comment.trim()}>
                <p class="fnd-history__comment">{tr.comment}</p>
              </Show>
              <time class="fnd-history__time" datetime={tr.at}>
                {shortTime(tr.at, lang())}
              </time>
            </div>
          </li>
        )}
      </For>
    </ol>
  );
}
