import { For, Show } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';
import type { FindingCounts } from '../lib/contracts.ts';
import { FINDING_ORDER } from '../lib/finding-states.ts';

/**
 * Findings along their lifecycle (草稿 → … → 已销号): one stacked bar for the
 * shape, and a legend with every count for the numbers.
 */
export function FindingsBar(props: { counts: FindingCounts }) {
  const { t, formatNumber } = useI18n();
  const total = () => FINDING_ORDER.reduce((sum, s) => sum + (props.counts[s] ?? 0), 0);
  return (
    <div class="findings">
      <div class="findings__bar" aria-hidden="true">
        <Show
          when={total() > 0}
          fallback={<span class="findings__segment findings__segment--none" />}
        >
          <For each={FINDING_ORDER}>
            {(state) => (
              <Show when={props.counts[state] > 0}>
                <span
                  class={`findings__segment findings__segment--${state}`}
                  style={{ 'flex-grow': props.counts[state] }}
                />
              </Show>
            )}
          </For>
        </Show>
      </div>
      <dl class="findings__legend">
        <For each={FINDING_ORDER}>
          {(state) => (
            <div
              class="findings__item"
              classList={{ 'findings__item--zero': !props.counts[state] }}
            >
              <dt>
                <span class={`swatch findings__segment--${state}`} aria-hidden="true" />
                {t(`finding.${state}`)}
              </dt>
              <dd class="num">{formatNumber(props.counts[state] ?? 0)}</dd>
            </div>
          )}
        </For>
      </dl>
    </div>
  );
}
