import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { For, Show } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';
import { settled } from '../lib/resource.ts';
import { useRound } from '../lib/round-context.tsx';
import { Icon } from './icon.tsx';
import '../styles/menu.css';

/** The round's name; a menu of rounds when the user has more than one. */
export function RoundSwitcher() {
  const { t } = useI18n();
  const round = useRound();
  const rounds = () => settled(round.rounds) ?? [];

  return (
    <Show
      when={rounds().length > 1}
      fallback={
        <span class="round-name" title={round.current()?.name}>
          {round.current()?.name ?? ''}
        </span>
      }
    >
      <DropdownMenu placement="bottom-start" gutter={6}>
        <DropdownMenu.Trigger class="round-switcher__trigger" title={t('topbar.roundSwitch')}>
          <span class="round-name">{round.current()?.name ?? t('topbar.noRound')}</span>
          <Icon name="chevronDown" size={16} />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content class="menu">
            <DropdownMenu.Group>
              <DropdownMenu.GroupLabel class="menu__label">
                {t('topbar.roundSwitch')}
              </DropdownMenu.GroupLabel>
              <DropdownMenu.RadioGroup
                value={round.current()?.id ?? ''}
                onChange={(id: string) => round.select(id)}
              >
                <For each={rounds()}>
                  {(r) => (
                    <DropdownMenu.RadioItem class="menu__item" value={r.id}>
                      <DropdownMenu.ItemIndicator class="menu__indicator" forceMount>
                        <Icon name="check" size={16} />
                      </DropdownMenu.ItemIndicator>
                      <DropdownMenu.ItemLabel>{r.name}</DropdownMenu.ItemLabel>
                      <span class={`state-dot state-dot--${r.state}`}>
                        {t(`round.state.${r.state}`)}
                      </span>
                    </DropdownMenu.RadioItem>
                  )}
                </For>
              </DropdownMenu.RadioGroup>
            </DropdownMenu.Group>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu>
    </Show>
  );
}
