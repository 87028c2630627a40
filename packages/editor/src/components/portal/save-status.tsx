import { Match, Switch } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Autosave } from '../../lib/portal/autosave.ts';
import { Icon } from '../icon.tsx';
import { PortalIcon } from './portal-icon.tsx';

/** 14:05 today; 4月8日 14:05 on another day. */
function clock(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = date.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(lang, {
    ...(today ? {} : { month: 'short', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/**
 * The draft's save state beside the editor: a fixed slot, so the toolbar does
 * not shift as it changes. After a failure the text stays in the editor and
 * the user can retry; the next keystroke retries as well.
 */
export function SaveStatus(props: {
  autosave: Pick<Autosave<unknown>, 'state' | 'savedAt' | 'retry'>;
  lastSaved?: string | null;
}) {
  const { t, lang } = useI18n();
  const savedAt = () => props.autosave.savedAt() ?? props.lastSaved ?? undefined;
  return (
    <div class={`draft-save draft-save--${props.autosave.state()}`} aria-live="polite">
      <Switch>
        <Match when={props.autosave.state() === 'pending' || props.autosave.state() === 'saving'}>
          <span class="draft-save__dot" aria-hidden="true" />
          {t('portal.save.saving')}
        </Match>
        <Match when={props.autosave.state() === 'saved'}>
          <Icon name="check" size={14} />
          <span>
            {t('portal.save.saved')}
            <span class="draft-save__time">
              {savedAt() ? ` · ${clock(savedAt() ?? '', lang())}` : ''}
            </span>
          </span>
        </Match>
        <Match when={props.autosave.state() === 'error'}>
          <Icon name="alert" size={14} />
          <span role="alert">{t('portal.save.failed')}</span>
          <button
            type="button"
            class="button button--small button--secondary draft-save__retry"
            onClick={() => void props.autosave.retry()}
          >
            <PortalIcon name="retry" size={14} />
            {t('common.retry')}
          </button>
        </Match>
        <Match when={savedAt()}>
          {(at) => <span>{t('portal.save.savedAt', { time: clock(at(), lang()) })}</span>}
        </Match>
        <Match when={true}>
          <span>{t('portal.save.auto')}</span>
        </Match>
      </Switch>
    </div>
  );
}
