import { Icon, type IconName } from '../components/icon.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/zh.ts';
import { usePageTitle } from '../lib/page-title.ts';
import { Link } from '../lib/router.tsx';

/** A calm full-page message with the way back: not found, no access. */
export function NoticePage(props: {
  icon: IconName;
  title: MessageKey;
  body: MessageKey;
  home: string;
}) {
  const { t } = useI18n();
  usePageTitle(() => t(props.title));
  return (
    <div class="page notice">
      <div class="notice__icon" aria-hidden="true">
        <Icon name={props.icon} size={32} />
      </div>
      <h1 class="notice__title">{t(props.title)}</h1>
      <p class="notice__body">{t(props.body)}</p>
      <Link href={props.home} class="button button--secondary">
        {t('soon.back')}
      </Link>
    </div>
  );
}

export function NotFoundRoute(props: { home: string }) {
  return (
    <NoticePage icon="compass" title="notFound.title" body="notFound.body" home={props.home} />
  );
}

export function ForbiddenRoute(props: { home: string }) {
  return <NoticePage icon="lock" title="forbidden.title" body="forbidden.body" home={props.home} />;
}
