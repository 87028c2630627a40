import { For } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';
import type { SetupStatus } from '../lib/contracts.ts';
import { Link } from '../lib/router.tsx';
import { Icon } from './icon.tsx';

/** For administrators: what still keeps the round from starting, with the way to fix it. */
export function SetupWarnings(props: { setup: SetupStatus }) {
  const { t } = useI18n();
  return (
    <section class="callout callout--warning" aria-labelledby="setup-title">
      <Icon name="alert" size={20} class="callout__icon" />
      <div class="callout__body">
        <h2 class="callout__title" id="setup-title">
          {t('setup.title')}
        </h2>
        <p>{t('setup.body')}</p>
        <ul class="callout__list">
          <For each={props.setup.missing}>
            {(item) => <li data-code={item.code}>{item.message}</li>}
          </For>
        </ul>
        <Link href="/admin/rounds" class="button button--secondary button--small">
          {t('setup.action')}
        </Link>
      </div>
    </section>
  );
}
