import { For } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh.ts';
import type { GroupOverview } from '../lib/contracts.ts';

interface Total {
  label: MessageKey;
  value: number;
}

/** The round in five numbers, summed over the groups. */
export function RoundTotals(props: { groups: readonly GroupOverview[] }) {
  const { t, formatNumber } = useI18n();
  const totals = (): Total[] => {
    const sum = (pick: (g: GroupOverview) => number) =>
      props.groups.reduce((acc, g) => acc + pick(g), 0);
    return [
      { label: 'overview.units', value: sum((g) => g.units) },
      { label: 'overview.statementsSubmitted', value: sum((g) => g.statementsSubmitted) },
      { label: 'overview.statementsReviewed', value: sum((g) => g.statementsReviewed) },
      { label: 'overview.annotations', value: sum((g) => g.annotations) },
      {
        label: 'overview.findings',
        value: sum((g) => Object.values(g.findings).reduce((a, b) => a + b, 0)),
      },
    ];
  };
  return (
    <section class="totals" aria-label={t('overview.totals')}>
      <dl class="totals__list">
        <For each={totals()}>
          {(total) => (
            <div class="totals__item">
              <dt>{t(total.label)}</dt>
              <dd class="num">{formatNumber(total.value)}</dd>
            </div>
          )}
        </For>
      </dl>
    </section>
  );
}
