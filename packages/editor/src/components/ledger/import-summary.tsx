import { Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Icon } from '../icon.tsx';
import { joinList } from './issue-text.ts';
import type { LedgerImportResult } from './ledger-api.ts';

/** What the import did: tasks created, updated and left alone, new problems and units. */
export function ImportSummary(props: { result: LedgerImportResult; onAgain: () => void }) {
  const { t } = useI18n();
  return (
    <section class="ledger-done" role="status" aria-labelledby="ledger-done-title">
      <div class="ledger-done__icon" aria-hidden="true">
        <Icon name="check" size={28} />
      </div>
      <h2 class="ledger-done__title" id="ledger-done-title">
        {t('ledger.done.title')}
      </h2>
      <dl class="ledger-counts">
        <div
          class="ledger-count ledger-count--new"
          classList={{ 'is-zero': props.result.counts.created === 0 }}
        >
          <dt>{t('ledger.summary.new')}</dt>
          <dd class="num" data-count="created">
            {props.result.counts.created}
          </dd>
        </div>
        <div
          class="ledger-count ledger-count--updated"
          classList={{ 'is-zero': props.result.counts.updated === 0 }}
        >
          <dt>{t('ledger.summary.updated')}</dt>
          <dd class="num" data-count="updated">
            {props.result.counts.updated}
          </dd>
        </div>
        <div class="ledger-count" classList={{ 'is-zero': props.result.counts.unchanged === 0 }}>
          <dt>{t('ledger.summary.unchanged')}</dt>
          <dd class="num" data-count="unchanged">
            {props.result.counts.unchanged}
          </dd>
        </div>
      </dl>
      <p class="ledger-done__line">{t('ledger.done.tasks', { ...props.result.counts })}</p>
      <Show when={props.result.problemsCreated > 0}>
        <p class="ledger-done__line">
          {t('ledger.done.problems', { n: props.result.problemsCreated })}
        </p>
      </Show>
      <Show when={props.result.unitsCreated.length > 0}>
        <p class="ledger-done__line">
          {t('ledger.done.units', { names: joinList(t, props.result.unitsCreated) })}
        </p>
      </Show>
      <Show when={props.result.absent.length > 0}>
        <p class="ledger-done__line">
          {t('ledger.done.absent', { n: props.result.absent.length })}
        </p>
      </Show>
      <button type="button" class="button button--secondary" onClick={() => props.onAgain()}>
        {t('ledger.done.again')}
      </button>
    </section>
  );
}
