import { Dialog } from '@kobalte/core/dialog';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Icon } from '../icon.tsx';
import { PortalIcon } from './portal-icon.tsx';
import './task-page.css';

/**
 * Confirms a submission: a version is immutable and goes to the inspection
 * group, so the user sees what will be sent (version number, files) first.
 */
export function SubmitDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  version: number;
  files: number;
  uploading: number;
  submitting: boolean;
  error?: string;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog
      open={props.open}
      onOpenChange={(open) => !props.submitting && props.onOpenChange(open)}
    >
      <Dialog.Portal>
        <Dialog.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <Dialog.Content class="dialog">
            <div class="dialog__header">
              <Dialog.Title class="dialog__title">
                {t('portal.submit.title', { n: props.version })}
              </Dialog.Title>
              <Dialog.CloseButton
                class="icon-button"
                aria-label={t('portal.submit.cancel')}
                disabled={props.submitting}
              >
                <PortalIcon name="x" size={18} />
              </Dialog.CloseButton>
            </div>
            <Dialog.Description class="dialog__body">
              {t('portal.submit.body', { n: props.version, count: props.files })}
            </Dialog.Description>
            <p class="dialog__note">{t('portal.submit.later')}</p>
            <Show when={props.uploading > 0}>
              <p class="dialog__warning">
                <Icon name="alert" size={16} />
                {t('portal.submit.uploading', { count: props.uploading })}
              </p>
            </Show>
            <Show when={props.error}>
              <p class="form-problem" role="alert">
                {props.error}
              </p>
            </Show>
            <div class="dialog__actions">
              <button
                type="button"
                class="button button--secondary"
                disabled={props.submitting}
                onClick={() => props.onOpenChange(false)}
              >
                {t('portal.submit.cancel')}
              </button>
              <button
                type="button"
                class="button button--primary"
                disabled={props.submitting || props.uploading > 0}
                onClick={() => props.onConfirm()}
              >
                {props.submitting ? t('portal.submit.submitting') : t('portal.submit.confirm')}
              </button>
            </div>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
