import { For } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { AbsentTask } from './ledger-api.ts';

/**
 * Tasks from an earlier import (or made by hand) that this ledger no longer
 * has: kept, never deleted. Folded by default, since a partial ledger can
 * leave a long list that is only worth a look.
 */
export function AbsentList(props: { tasks: AbsentTask[] }) {
  const { t } = useI18n();
  return (
    <details class="ledger-section ledger-absent">
      <summary class="ledger-absent__summary">
        <span class="ledger-section__title">
          {t('ledger.absent.title', { n: props.tasks.length })}
        </span>
        <span class="ledger-section__hint">{t('ledger.absent.hint')}</span>
      </summary>
      <ul class="ledger-absent__list">
        <For each={props.tasks}>
          {(task) => (
            <li>
              <span class="ledger-absent__task">{task.title}</span>
              <span class="ledger-absent__problem">{task.problem}</span>
            </li>
          )}
        </For>
      </ul>
    </details>
  );
}
