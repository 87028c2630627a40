import { Progress } from '@kobalte/core/progress';
import { useI18n } from '../i18n/i18n.tsx';
import type { GroupOverview } from '../lib/contracts.ts';
import { FindingsBar } from './findings-bar.tsx';

/** One inspection group at a glance: review progress first, then volumes, then findings. */
export function GroupCard(props: { group: GroupOverview }) {
  const { t, formatNumber } = useI18n();
  const headingId = () => `group-${props.group.id}`;
  const submitted = () => props.group.statementsSubmitted;
  const reviewed = () => Math.min(props.group.statementsReviewed, submitted());
  const percent = () => (submitted() > 0 ? Math.round((reviewed() / submitted()) * 100) : 0);
  const findingsTotal = () => Object.values(props.group.findings).reduce((a, b) => a + b, 0);

  return (
    <article class="card group-card" aria-labelledby={headingId()}>
      <header class="group-card__header">
        <h3 class="group-card__name" id={headingId()}>
          {props.group.name}
        </h3>
        <span class="group-card__units">
          {t('overview.unitsCount', { count: formatNumber(props.group.units) })}
        </span>
      </header>

      <Progress
        class="progress"
        value={reviewed()}
        minValue={0}
        maxValue={Math.max(submitted(), 1)}
        getValueLabel={() =>
          submitted() === 0
            ? t('overview.noStatements')
            : t('overview.reviewedOf', {
                reviewed: formatNumber(reviewed()),
                submitted: formatNumber(submitted()),
              })
        }
      >
        <div class="progress__top">
          <Progress.Label class="progress__label">{t('overview.reviewProgress')}</Progress.Label>
          <span class="progress__percent num" aria-hidden="true">
            {percent()}%
          </span>
        </div>
        <Progress.Track class="progress__track">
          <Progress.Fill class="progress__fill" />
        </Progress.Track>
        <Progress.ValueLabel class="progress__value" />
      </Progress>

      <dl class="stats">
        <div class="stat">
          <dt>{t('overview.statementsSubmitted')}</dt>
          <dd class="num">{formatNumber(submitted())}</dd>
        </div>
        <div class="stat">
          <dt>{t('overview.annotations')}</dt>
          <dd class="num">{formatNumber(props.group.annotations)}</dd>
        </div>
        <div class="stat">
          <dt>{t('overview.findings')}</dt>
          <dd class="num">{formatNumber(findingsTotal())}</dd>
        </div>
      </dl>

      <FindingsBar counts={props.group.findings} />
    </article>
  );
}
