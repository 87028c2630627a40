import type { Role } from '@rectify/domain';
import { For, Show } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';
import { navFor } from '../lib/nav.ts';
import { Link } from '../lib/router.tsx';
import { Icon } from './icon.tsx';

/** The role's places in the app. Becomes a scrolling strip on narrow windows. */
export function LeftRail(props: { roles: ReadonlySet<Role> }) {
  const { t } = useI18n();
  const sections = () => navFor(props.roles);
  return (
    <nav class="rail" aria-label={t('nav.label')}>
      <For each={sections()}>
        {(section) => (
          <div class="rail__section">
            <h2 class="rail__heading" id={`rail-${section.id}`}>
              {t(section.label)}
            </h2>
            <ul class="rail__list" aria-labelledby={`rail-${section.id}`}>
              <For each={section.entries}>
                {(entry) => (
                  <li>
                    <Link href={entry.path} class="rail__link">
                      <Icon name={entry.icon} />
                      <span class="rail__text">{t(entry.label)}</span>
                      <Show when={entry.readOnly}>
                        <span class="rail__badge" title={t('common.readOnly')}>
                          <Icon name="lock" size={13} />
                          <span class="visually-hidden">{t('common.readOnly')}</span>
                        </span>
                      </Show>
                    </Link>
                  </li>
                )}
              </For>
            </ul>
          </div>
        )}
      </For>
    </nav>
  );
}
