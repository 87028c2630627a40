import { Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * The line above the editor: the version in force and whether the draft has
 * unsaved changes, with discard and "save as version N+1"; or, while an
 * earlier version is shown, which one and the way back.
 */
export function SaveBar(props: {
  current: number;
  viewing: number | undefined;
  dirty: boolean;
  busy: boolean;
  readOnly: boolean;
  onBack: () => void;
  onDiscard: () => void;
  onSave: () => void;
}) {
  const { t } = useI18n();
  return (
    <div class="fw-bar">
      <Show
        when={props.viewing}
        fallback={
          <span class="fw-bar__version">
            {t('framework.version', { n: props.current })}
            <span class="fw-badge fw-badge--current">{t('framework.history.current')}</span>
            <Show when={props.dirty}>
              <span class="fw-bar__dirty">{t('framework.unsaved')}</span>
            </Show>
          </span>
        }
      >
        {(v) => (
          <span class="fw-bar__version">
            {t('framework.viewing', { n: v() })}
            <button type="button" class="adm-link-button" onClick={() => props.onBack()}>
              {t('framework.backToCurrent')}
            </button>
          </span>
        )}
      </Show>
      <Show when={!props.readOnly}>
        <span class="fw-bar__actions">
          <button
            type="button"
            class="button button--secondary button--small"
            disabled={!props.dirty || props.busy}
            onClick={() => props.onDiscard()}
          >
            {t('framework.discard')}
          </button>
          <button
            type="button"
            class="button button--primary button--small"
            disabled={!props.dirty || props.busy}
            onClick={() => props.onSave()}
          >
            {props.busy ? t('framework.saving') : t('framework.save', { n: props.current + 1 })}
          </button>
        </span>
      </Show>
    </div>
  );
}
