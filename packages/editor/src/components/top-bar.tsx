import { Show } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';
import { settled } from '../lib/resource.ts';
import { membershipInRound } from '../lib/roles.ts';
import { useRound } from '../lib/round-context.tsx';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { BrandMark } from './brand-mark.tsx';
import { RoundSwitcher } from './round-switcher.tsx';
import { SaveIndicator } from './save-indicator.tsx';
import { SearchBox } from './search-box.tsx';
import { UserMenu } from './user-menu.tsx';
import '../styles/top-bar.css';

/**
 * The group an inspector works in, by name once the overview is loaded;
 * otherwise the role, e.g. 被巡视单位联系人 (unit names are not in /me yet).
 */
function useContextLabel() {
  const { t } = useI18n();
  const session = useSession();
  const round = useRound();
  return () => {
    const membership = membershipInRound(session.memberships, round.current()?.id);
    if (!membership) return round.roles().has('admin') ? t('role.admin') : undefined;
    const groups = settled(round.overview)?.groups ?? [];
    const group = groups.find((g) => g.id === membership.groupId);
    return group?.name ?? t(`role.${membership.role}`);
  };
}

export function TopBar() {
  const { t } = useI18n();
  const contextLabel = useContextLabel();
  return (
    <header class="top-bar">
      <Link href="/" class="top-bar__brand" aria-label={t('app.name')}>
        <BrandMark />
        <span class="top-bar__product">{t('app.shortName')}</span>
      </Link>
      <div class="top-bar__context">
        <RoundSwitcher />
        <Show when={contextLabel()}>
          {(label) => (
            <span class="context-chip" title={t('topbar.context')}>
              {label()}
            </span>
          )}
        </Show>
      </div>
      <div class="top-bar__search">
        <SearchBox />
      </div>
      <div class="top-bar__end">
        <SaveIndicator />
        <UserMenu />
      </div>
    </header>
  );
}
