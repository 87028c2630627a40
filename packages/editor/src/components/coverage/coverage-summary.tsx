import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Icon } from '../icon.tsx';
import type { Coverage } from './coverage-api.ts';

/** The group's numbers at a glance: coverage, open, resolved, gaps; and who annotated. */
export function CoverageSummary(props: { coverage: Coverage }) {
  const { t, formatNumber } = useI18n();
  const totals = () => props.coverage.totals;
  const pct = () =>
    totals().cells > 0 ? Math.round((totals().covered / totals().cells) * 100) : 0;
  return (
    <section class="cov-summary" aria-label={t('coverage.stat.label')}>
      <dl class="cov-stats">
        <div class="cov-stat cov-stat--lead">
          <dt class="cov-stat__label">{t('coverage.stat.coverage')}</dt>
          <dd class="cov-stat__num">
            {formatNumber(pct())}
            <span class="cov-stat__unit">%</span>
          </dd>
          <dd class="cov-stat__hint">
            {t('coverage.stat.covered', {
              covered: formatNumber(totals().covered),
              cells: formatNumber(totals().cells),
            })}
          </dd>
          <dd class="cov-meter" aria-hidden="true">
            <span class="cov-meter__fill" style={{ width: `${pct()}%` }} />
          </dd>
        </div>
        <div class="cov-stat">
          <dt class="cov-stat__label">{t('coverage.stat.open')}</dt>
          <dd class="cov-stat__num">{formatNumber(totals().open)}</dd>
        </div>
        <div class="cov-stat">
          <dt class="cov-stat__label">{t('coverage.stat.resolved')}</dt>
          <dd class="cov-stat__num">{formatNumber(totals().resolved)}</dd>
        </div>
        <div class="cov-stat cov-stat--gaps">
          <dt class="cov-stat__label">{t('coverage.stat.gaps')}</dt>
          <dd class="cov-stat__num">{formatNumber(totals().gaps)}</dd>
          <dd class="cov-stat__hint">{t('coverage.stat.gapsHint')}</dd>
        </div>
      </dl>
      <div class="cov-people">
        <h2 class="cov-people__title">{t('coverage.people.title')}</h2>
        <Show
          when={props.coverage.people.length > 0}
          fallback={<p class="cov-muted">{t('coverage.people.none')}</p>}
        >
          <ul class="cov-people__list">
            <For each={props.coverage.people}>
              {(p) => (
                <li class="cov-person">
                  <span class="cov-person__avatar" aria-hidden="true">
                    {[...p.name][0]}
                  </span>
                  <span class="cov-person__name">{p.name}</span>
                  <span class="cov-person__meta">
                    {t('coverage.people.item', {
                      annotations: formatNumber(p.annotations),
                      units: formatNumber(p.units),
                    })}
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
    </section>
  );
}

/** What the shades, numbers and dashes of the matrix mean. */
export function CoverageLegend() {
  const { t } = useI18n();
  return (
    <div class="cov-legend" role="note" aria-label={t('coverage.legend.label')}>
      <span class="cov-legend__item">
        <span class="cov-legend__scale" aria-hidden="true">
          <span class="cov-legend__word">{t('coverage.legend.fewer')}</span>
          <span class="cov-swatch cov-heat-1" />
          <span class="cov-swatch cov-heat-2" />
          <span class="cov-swatch cov-heat-3" />
          <span class="cov-swatch cov-heat-4" />
          <span class="cov-legend__word">{t('coverage.legend.more')}</span>
        </span>
        <span class="visually-hidden">{t('coverage.legend.count')}</span>
      </span>
      <span class="cov-legend__item">
        <span class="cov-legend__open" aria-hidden="true">
          2
        </span>
        {t('coverage.legend.open')}
      </span>
      <span class="cov-legend__item">
        <span class="cov-legend__resolved" aria-hidden="true">
          <Icon name="check" size={11} />1
        </span>
        {t('coverage.legend.resolved')}
      </span>
      <span class="cov-legend__item">
        <span class="cov-swatch cov-swatch--gap" aria-hidden="true" />
        {t('coverage.legend.gap')}
      </span>
      <span class="cov-legend__item cov-legend__keys">{t('coverage.legend.keys')}</span>
    </div>
  );
}
