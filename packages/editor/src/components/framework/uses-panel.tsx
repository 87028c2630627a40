import type { FindingState } from '@rectify/domain';
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { FINDING_ORDER } from '../../lib/finding-states.ts';
import { Icon } from '../icon.tsx';
import type { QuestionUses } from './framework-api.ts';

/**
 * Why a question cannot be deleted: where it is in use (annotations by unit,
 * findings by title and state). Retiring keeps it in history but stops
 * offering it as a tag, which is what the admin usually wants instead.
 */
export function UsesPanel(props: {
  uses: readonly QuestionUses[];
  readOnly: boolean;
  onRetire: () => void;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  const stateLabel = (state: string) =>
    (FINDING_ORDER as readonly string[]).includes(state)
      ? t(`findings.state.${state as FindingState}`)
      : state;
  const codes = () => props.uses.map((u) => u.question).join('、');
  return (
    <section class="fw-uses" role="alert" aria-labelledby="fw-uses-title">
      <div class="fw-uses__head">
        <Icon name="alert" size={18} />
        <h2 class="fw-uses__title" id="fw-uses-title">
          {t('framework.uses.title', { codes: codes() })}
        </h2>
      </div>
      <p class="fw-uses__intro">{t('framework.uses.intro')}</p>
      <ul class="fw-uses__list">
        <For each={props.uses}>
          {(u) => (
            <li class="fw-uses__item">
              <strong class="fw-code">{u.question}</strong>
              <span>
                {t('framework.uses.annotations', { n: u.annotations })}
                <Show when={u.units.length > 0}>（{u.units.join('、')}）</Show>
              </span>
              <Show when={u.findings.length > 0}>
                <span>{t('framework.uses.findings', { n: u.findings.length })}</span>
                <ul class="fw-uses__findings">
                  <For each={u.findings}>
                    {(f) => (
                      <li>
                        {f.title}
                        <span class="fw-uses__state"> · {stateLabel(f.state)}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <div class="fw-uses__actions">
        <Show when={!props.readOnly}>
          <button
            type="button"
            class="button button--primary button--small"
            onClick={props.onRetire}
          >
            {t('framework.uses.retire')}
          </button>
        </Show>
        <button
          type="button"
          class="button button--secondary button--small"
          onClick={props.onDismiss}
        >
          {t('framework.uses.keep')}
        </button>
      </div>
    </section>
  );
}
