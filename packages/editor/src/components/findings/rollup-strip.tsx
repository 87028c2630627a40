import type { Framework } from '@rectify/domain';
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { FINDING_ORDER } from '../../lib/finding-states.ts';
import { focusTone } from '../../lib/workspace/focus-tones.ts';
import type { Finding, Rollup } from './findings-api.ts';
import type { FindingFilters } from './findings-filter.ts';

/**
 * The numbers above the list: findings per lifecycle state, and findings and
 * annotations per focus. Each number is also a filter (press it again to clear).
 */
export function RollupStrip(props: {
  findings: readonly Finding[];
  rollup: Rollup | undefined;
  framework: Framework;
  filters: FindingFilters;
  onFilter: (patch: Partial<FindingFilters>) => void;
}) {
  const { t, lang, formatNumber } = useI18n();
  const count = (state: string) => props.findings.filter((f) => f.state === state).length;
  const immediate = () => props.findings.filter((f) => f.immediate).length;
  return (
    <section class="fnd-rollup" aria-label={t('findings.rollup.label')}>
      <div class="fnd-rollup__block">
        <h2 class="fnd-rollup__h">
          {t('findings.rollup.byState')}
          <span class="fnd-rollup__total">
            {t('findings.rollup.total', { count: formatNumber(props.findings.length) })}
          </span>
        </h2>
        <div class="fnd-rollup__states">
          <For each={FINDING_ORDER}>
            {(state) => (
              <button
                type="button"
                class={`fnd-stat fnd-stat--${state}`}
                classList={{ 'fnd-stat--zero': count(state) === 0 }}
                aria-pressed={props.filters.state === state}
                title={t('findings.rollup.filterHint')}
                onClick={() =>
                  props.onFilter({ state: props.filters.state === state ? '' : state })
                }
              >
                <span class="fnd-stat__num num">{formatNumber(count(state))}</span>
                <span class="fnd-stat__label">
                  <span class="fnd-state__dot" aria-hidden="true" />
                  {t(`findings.state.${state}`)}
                </span>
              </button>
            )}
          </For>
        </div>
        <div class="fnd-rollup__bar" aria-hidden="true">
          <For each={FINDING_ORDER}>
            {(state) => (
              <Show when={count(state) > 0}>
                <span
                  class={`fnd-rollup__seg fnd-stat--${state}`}
                  style={{ 'flex-grow': count(state) }}
                />
              </Show>
            )}
          </For>
        </div>
        <div class="fnd-rollup__foot">
          <button
            type="button"
            class="fnd-rollup__flag"
            aria-pressed={props.filters.immediate}
            onClick={() => props.onFilter({ immediate: !props.filters.immediate })}
          >
            <span class="fnd-immediate">{t('findings.immediate')}</span>
            <span class="num">{formatNumber(immediate())}</span>
          </button>
          <Show when={props.rollup}>
            {(r) => (
              <span class="fnd-rollup__note">
                {t('findings.rollup.annotationsTotal', {
                  count: formatNumber(r().units.reduce((sum, u) => sum + u.annotations, 0)),
                })}
              </span>
            )}
          </Show>
        </div>
      </div>
      <Show when={props.rollup}>
        {(r) => (
          <div class="fnd-rollup__block">
            <h2 class="fnd-rollup__h">{t('findings.rollup.byFocus')}</h2>
            <div class="fnd-rollup__focuses">
              <For each={r().focuses}>
                {(focus) => (
                  <button
                    type="button"
                    class={`fnd-focus fnd-tone-${focusTone(props.framework, focus.code)}`}
                    aria-pressed={props.filters.question === focus.code}
                    title={t('findings.rollup.filterHint')}
                    onClick={() =>
                      props.onFilter({
                        question: props.filters.question === focus.code ? '' : focus.code,
                      })
                    }
                  >
                    <span class="fnd-focus__name">
                      <span class="fnd-focus__code">{focus.code}</span>
                      {lang() === 'en' ? focus.en.split(':')[0] : focus.zh}
                    </span>
                    <span class="fnd-focus__nums">
                      <span class="num fnd-focus__findings">{formatNumber(focus.findings)}</span>
                      <span class="fnd-focus__unit">{t('findings.rollup.findings')}</span>
                      <span class="num fnd-focus__annotations">
                        {formatNumber(focus.annotations)}
                      </span>
                      <span class="fnd-focus__unit">{t('findings.rollup.annotations')}</span>
                    </span>
                  </button>
                )}
              </For>
            </div>
          </div>
        )}
      </Show>
    </section>
  );
}
