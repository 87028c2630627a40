import { Show } from 'solid-js';
import { Icon } from '../components/icon.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { NavEntry } from '../lib/nav.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { Link } from '../lib/router.tsx';

/** Where rail entries lead until their screens exist: friendly, never broken. */
export function ComingSoonRoute(props: { entry: NavEntry; home: string }) {
  const { t } = useI18n();
  usePageTitle(() => t(props.entry.label));
  return (
    <div class="page notice">
      <div class="notice__icon notice__icon--soon" aria-hidden="true">
        <Icon name={props.entry.icon} size={32} />
      </div>
      <p class="badge badge--soon">
        <Icon name="sparkle" size={13} /> {t('soon.badge')}
      </p>
      <h1 class="notice__title">{t('soon.title', { page: t(props.entry.label) })}</h1>
      <p class="notice__body">{t('soon.body')}</p>
      <Show when={props.entry.readOnly}>
        <p class="notice__meta">
          <Icon name="lock" size={14} /> {t('common.readOnly')}
        </p>
      </Show>
      <Show when={props.entry.path !== props.home}>
        <Link href={props.home} class="button button--secondary">
          {t('soon.back')}
        </Link>
      </Show>
    </div>
  );
}
