import { Dialog } from '@kobalte/core/dialog';
import { type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';

/**
 * The one dialog shell of the findings screens (Kobalte: focus trapped,
 * Esc closes, focus returns to the button that opened it). It cannot be
 * closed while its action runs.
 */
export function FindingDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  busy: boolean;
  error?: string;
  confirmLabel: string;
  busyLabel: string;
  confirmDisabled?: boolean;
  onConfirm: () => void;
  children?: JSX.Element;
}) {
  const { t } = useI18n();
  return (
    <Dialog open={props.open} onOpenChange={(open) => !props.busy && props.onOpenChange(open)}>
      <Dialog.Portal>
        <Dialog.Overlay class="fnd-dialog-overlay" />
        <div class="fnd-dialog-positioner">
          <Dialog.Content class="fnd-dialog">
            <form
              class="fnd-dialog__form"
              onSubmit={(e) => {
                e.preventDefault();
                if (!props.busy && !props.confirmDisabled) props.onConfirm();
              }}
            >
              <div class="fnd-dialog__header">
                <Dialog.Title class="fnd-dialog__title">{props.title}</Dialog.Title>
                <Dialog.CloseButton
                  class="fnd-icon-button"
                  aria-label={t('findings.dialog.cancel')}
                  disabled={props.busy}
                >
                  <span aria-hidden="true">×</span>
                </Dialog.CloseButton>
              </div>
              <Show when={props.description}>
                <Dialog.Description class="fnd-dialog__hint">
                  {props.description}
                </Dialog.Description>
              </Show>
              {props.children}
              <Show when={props.error}>
                <p class="form-problem" role="alert">
                  {props.error}
                </p>
              </Show>
              <div class="fnd-dialog__actions">
                <button
                  type="button"
                  class="button button--secondary"
                  disabled={props.busy}
                  onClick={() => props.onOpenChange(false)}
                >
                  {t('findings.dialog.cancel')}
                </button>
                <button
                  type="submit"
                  class="button button--primary"
                  disabled={props.busy || props.confirmDisabled}
                >
                  {props.busy ? props.busyLabel : props.confirmLabel}
                </button>
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
