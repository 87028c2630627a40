import type { FindingState } from '@rectify/domain';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';

/** A finding's lifecycle state as a coloured pill (草稿 … 已销号). */
export function StateBadge(props: { state: FindingState }) {
  const { t } = useI18n();
  return (
    <span class={`fnd-state fnd-state--${props.state}`}>
      <span class="fnd-state__dot" aria-hidden="true" />
      {t(`findings.state.${props.state}`)}
    </span>
  );
}

/** 立行立改: the unit must fix it at once, flagged wherever the finding shows. */
export function ImmediateMark(props: { when: boolean }) {
  const { t } = useI18n();
  return (
    <Show when={props.when}>
      <span class="fnd-immediate" title={t('findings.field.immediateHint')}>
        {t('findings.immediate')}
      </span>
    </Show>
  );
}
