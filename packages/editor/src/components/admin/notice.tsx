import { createSignal, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Icon } from '../icon.tsx';

export interface NoticeState {
  text: () => string | undefined;
  failed: () => boolean;
  show: (text: string) => void;
  fail: (text: string) => void;
  clear: () => void;
}

/** What the last action did, or why it did not: one line above the content. */
export function useNotice(): NoticeState {
  const [text, setText] = createSignal<string>();
  const [failed, setFailed] = createSignal(false);
  return {
    text,
    failed,
    show: (next) => {
      setFailed(false);
      setText(next);
    },
    fail: (next) => {
      setFailed(true);
      setText(next);
    },
    clear: () => setText(undefined),
  };
}

/**
 * The line itself. Success is announced politely; a failure is an alert. It
 * stays until the next action or until dismissed, so nobody has to race it.
 */
export function Notice(props: { notice: NoticeState }) {
  const { t } = useI18n();
  return (
    <div class="adm-notice-slot" role="status" aria-live="polite">
      <Show when={props.notice.text()}>
        {(text) => (
          <div
            class="adm-notice"
            classList={{ 'adm-notice--failed': props.notice.failed() }}
            role={props.notice.failed() ? 'alert' : undefined}
          >
            <Icon name={props.notice.failed() ? 'alert' : 'check'} size={16} />
            <span class="adm-notice__text">{text()}</span>
            <button
              type="button"
              class="adm-notice__close"
              aria-label={t('admin.dismiss')}
              onClick={() => props.notice.clear()}
            >
              ×
            </button>
          </div>
        )}
      </Show>
    </div>
  );
}
