import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { joinList } from './issue-text.ts';
import type { LedgerPreview } from './ledger-api.ts';

/**
 * Units the ledger names that do not exist: none is created unless the
 * administrator ticks it, so a typo never becomes a new unit silently.
 */
export function UnitConfirm(props: {
  proposed: LedgerPreview['units']['proposed'];
  existing: number;
  accepted: ReadonlySet<string>;
  onToggle: (name: string, on: boolean) => void;
  onAcceptAll: () => void;
}) {
  const { t } = useI18n();
  const pending = () => props.proposed.filter((u) => !props.accepted.has(u.name)).length;
  return (
    <section class="ledger-section ledger-units" aria-labelledby="ledger-units-title">
      <div class="ledger-section__head">
        <h2 class="ledger-section__title" id="ledger-units-title">
          {t('ledger.units.title')}
        </h2>
        <Show when={pending() > 0}>
          <button
            type="button"
            class="button button--secondary button--small"
            onClick={() => props.onAcceptAll()}
          >
            {t('ledger.units.acceptAll')}
          </button>
        </Show>
      </div>
      <p class="ledger-section__hint">{t('ledger.units.hint')}</p>
      <ul class="ledger-units__list">
        <For each={props.proposed}>
          {(unit) => (
            <li class="ledger-unit">
              <label class="ledger-unit__label">
                <input
                  type="checkbox"
                  checked={props.accepted.has(unit.name)}
                  onChange={(e) => props.onToggle(unit.name, e.currentTarget.checked)}
                />
                <span class="ledger-unit__name">{unit.name}</span>
              </label>
              <span class="ledger-unit__rows">
                {t('ledger.units.rows', { rows: joinList(t, unit.rows) })}
              </span>
            </li>
          )}
        </For>
      </ul>
      <p class="ledger-units__foot">
        <Show when={pending() > 0}>
          <span class="ledger-units__pending">{t('ledger.units.pending', { n: pending() })}</span>
        </Show>
        <span>{t('ledger.units.existing', { n: props.existing })}</span>
      </p>
    </section>
  );
}
