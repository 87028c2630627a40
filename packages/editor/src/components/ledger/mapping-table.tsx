import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { fieldText } from './issue-text.ts';
import {
  fieldAt,
  LEDGER_FIELDS,
  type LedgerField,
  type LedgerMapping,
  type LedgerPreview,
  remap,
  sameMapping,
} from './ledger-api.ts';

/**
 * Which field each column of the sheet holds, as detected from the header
 * names, with a select per column to change it and the header row to move.
 * Every change asks the server for a fresh preview.
 */
export function MappingTable(props: {
  header: LedgerPreview['header'];
  mapping: LedgerMapping;
  detected: LedgerMapping;
  rows: number;
  busy: boolean;
  onChange: (mapping: LedgerMapping) => void;
}) {
  const { t } = useI18n();
  const edited = () => !sameMapping(props.mapping, props.detected);
  const headerText = (label: string) => label || t('ledger.mapping.noHeader');
  return (
    <section class="ledger-section" aria-labelledby="ledger-mapping-title">
      <div class="ledger-section__head">
        <h2 class="ledger-section__title" id="ledger-mapping-title">
          {t('ledger.mapping.title')}
        </h2>
        <Show when={edited()}>
          <span class="badge badge--soon">{t('ledger.mapping.edited')}</span>
          <button
            type="button"
            class="button button--secondary button--small"
            disabled={props.busy}
            onClick={() => props.onChange(props.detected)}
          >
            {t('ledger.mapping.reset')}
          </button>
        </Show>
        <Show when={props.busy}>
          <span class="ledger-section__busy" role="status">
            {t('ledger.mapping.updating')}
          </span>
        </Show>
      </div>
      <p class="ledger-section__hint">{t('ledger.mapping.hint')}</p>
      <div class="ledger-mapping">
        <For each={props.header.columns}>
          {(column) => {
            const field = () => fieldAt(props.mapping, column.index);
            return (
              <div class="ledger-mapping__column" classList={{ 'is-ignored': !field() }}>
                <span class="ledger-mapping__letter">{column.letter}</span>
                <span class="ledger-mapping__label" title={column.label}>
                  {headerText(column.label)}
                </span>
                <select
                  class="input ledger-mapping__select"
                  aria-label={t('ledger.mapping.selectLabel', {
                    letter: column.letter,
                    header: headerText(column.label),
                  })}
                  disabled={props.busy}
                  value={field() ?? ''}
                  onChange={(e) => {
                    const next = (e.currentTarget.value || null) as LedgerField | null;
                    props.onChange(remap(props.mapping, column.index, next));
                  }}
                >
                  <option value="">{t('ledger.mapping.ignore')}</option>
                  <For each={LEDGER_FIELDS}>
                    {(f) => (
                      <option value={f} selected={field() === f}>
                        {fieldText(t, f)}
                      </option>
                    )}
                  </For>
                </select>
              </div>
            );
          }}
        </For>
      </div>
      <label class="ledger-header-row">
        <span>{t('ledger.mapping.headerRow')}</span>
        <input
          class="input ledger-header-row__input"
          type="number"
          min="0"
          max={props.rows}
          disabled={props.busy}
          value={props.mapping.headerRow}
          onChange={(e) => {
            const n = Number(e.currentTarget.value);
            if (!Number.isInteger(n) || n < 0 || n > props.rows) {
              e.currentTarget.value = String(props.mapping.headerRow);
              return;
            }
            if (n !== props.mapping.headerRow) props.onChange({ ...props.mapping, headerRow: n });
          }}
        />
      </label>
    </section>
  );
}
