import { Popover } from '@kobalte/core/popover';
import { For } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { MOD_KEY } from './annotation-column.tsx';

const ROWS: Array<{ keys: string; label: MessageKey }> = [
  { keys: `${MOD_KEY}+M`, label: 'ws.keys.new' },
  { keys: 'J / K', label: 'ws.keys.move' },
  { keys: '1 … 9  0  -  =', label: 'ws.keys.tags' },
  { keys: 'Alt+1 / 2 / 3', label: 'ws.keys.step' },
  { keys: 'Enter / Esc', label: 'ws.keys.body' },
  { keys: '← / →', label: 'ws.keys.pages' },
];

/** The keyboard map, one click away in the workspace header. */
export function KeyboardHelp() {
  const { t } = useI18n();
  return (
    <Popover placement="bottom-end" gutter={6}>
      <Popover.Trigger class="ws-icon-button ws-keys-trigger" title={t('ws.keys.title')}>
        <span aria-hidden="true">⌨</span>
        <span class="visually-hidden">{t('ws.keys.title')}</span>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="menu ws-keys">
          <Popover.Title class="menu__label">{t('ws.keys.title')}</Popover.Title>
          <dl class="ws-keys__list">
            <For each={ROWS}>
              {(row) => (
                <>
                  <dt>
                    <kbd class="ws-kbd">{row.keys}</kbd>
                  </dt>
                  <dd>{t(row.label)}</dd>
                </>
              )}
            </For>
          </dl>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  );
}
