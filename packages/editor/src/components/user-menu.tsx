import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { createSignal, For } from 'solid-js';
import { isLang, LANGS, type Lang, useI18n } from '../i18n/i18n.tsx';
import { useRound } from '../lib/round-context.tsx';
import { useSession } from '../lib/session.tsx';
import { Icon } from './icon.tsx';
import '../styles/menu.css';

const LANG_LABEL: Record<Lang, 'lang.zh' | 'lang.en'> = { 'zh-CN': 'lang.zh', en: 'lang.en' };
const ROLE_ORDER = ['admin', 'leadership', 'leader', 'member', 'unit_contact'] as const;

/** Who is signed in, the language, and the way out. */
export function UserMenu() {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const round = useRound();
  const [leaving, setLeaving] = createSignal(false);

  const roleText = () =>
    ROLE_ORDER.filter((r) => round.roles().has(r))
      .map((r) => t(`role.${r}`))
      .join(' · ');
  const initial = () => Array.from(session.user.displayName || session.user.username)[0] ?? '?';

  const signOut = async () => {
    setLeaving(true);
    await session.signOut();
  };

  return (
    <DropdownMenu placement="bottom-end" gutter={6}>
      <DropdownMenu.Trigger class="user-menu__trigger" aria-label={t('user.menu')}>
        <span class="avatar" aria-hidden="true">
          {initial()}
        </span>
        <span class="user-menu__name">{session.user.displayName}</span>
        <Icon name="chevronDown" size={16} class="user-menu__chevron" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu">
          <div class="menu__identity">
            <span class="menu__identity-name">{session.user.displayName}</span>
            <span class="menu__identity-meta">{session.user.username}</span>
            <span class="menu__identity-meta">{roleText()}</span>
          </div>
          <DropdownMenu.Separator class="menu__separator" />
          <DropdownMenu.Group>
            <DropdownMenu.GroupLabel class="menu__label">
              <Icon name="globe" size={14} /> {t('lang.label')}
            </DropdownMenu.GroupLabel>
            <DropdownMenu.RadioGroup
              value={lang()}
              onChange={(value: string) => {
                if (isLang(value)) setLang(value);
              }}
            >
              <For each={LANGS}>
                {(option) => (
                  <DropdownMenu.RadioItem class="menu__item" value={option} lang={option}>
                    <DropdownMenu.ItemIndicator class="menu__indicator" forceMount>
                      <Icon name="check" size={16} />
                    </DropdownMenu.ItemIndicator>
                    <DropdownMenu.ItemLabel>{t(LANG_LABEL[option])}</DropdownMenu.ItemLabel>
                  </DropdownMenu.RadioItem>
                )}
              </For>
            </DropdownMenu.RadioGroup>
          </DropdownMenu.Group>
          <DropdownMenu.Separator class="menu__separator" />
          <DropdownMenu.Item class="menu__item" disabled={leaving()} onSelect={signOut}>
            <span class="menu__icon">
              <Icon name="logout" size={16} />
            </span>
            {leaving() ? t('user.loggingOut') : t('user.logout')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  );
}
