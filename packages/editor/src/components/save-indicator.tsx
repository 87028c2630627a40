import { Match, Switch } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';
import { useSaveState } from '../lib/save-state.tsx';
import { Icon } from './icon.tsx';

/** A fixed-width slot, so the bar does not shift as editors save. */
export function SaveIndicator() {
  const { t } = useI18n();
  const save = useSaveState();
  return (
    <output class={`save-state save-state--${save.state()}`} aria-live="polite">
      <Switch>
        <Match when={save.state() === 'saving'}>
          <span class="save-state__dot" aria-hidden="true" />
          {t('save.saving')}
        </Match>
        <Match when={save.state() === 'saved'}>
          <Icon name="check" size={14} />
          {t('save.saved')}
        </Match>
        <Match when={save.state() === 'offline'}>
          <Icon name="cloudOff" size={14} />
          {t('save.offline')}
        </Match>
      </Switch>
    </output>
  );
}
