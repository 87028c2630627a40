import type { Round } from '@rectify/domain';
import { Show } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';

/** The round's name, state, theme and dates: the page's title block. */
export function RoundHeader(props: { round: Round }) {
  const { t, formatDate } = useI18n();
  const period = () => {
    const startsOn = props.round.startsOn;
    const endsOn = props.round.endsOn;
    if (startsOn && endsOn) {
      return t('round.period', { start: formatDate(startsOn), end: formatDate(endsOn) });
    }
    if (startsOn) return t('round.periodFrom', { start: formatDate(startsOn) });
    return t('round.periodUnset');
  };
  return (
    <header class="page-header">
      <p class="page-header__eyebrow">{t('overview.title')}</p>
      <div class="page-header__title-row">
        <h1 class="page-header__title">{props.round.name}</h1>
        <span class={`badge badge--${props.round.state}`}>
          {t(`round.state.${props.round.state}`)}
        </span>
      </div>
      <Show when={props.round.theme}>
        <p class="page-header__theme">
          <span class="page-header__theme-label">{t('overview.theme')}</span>
          {props.round.theme}
        </p>
      </Show>
      <p class="page-header__meta">{period()}</p>
    </header>
  );
}
