import { Dialog } from '@kobalte/core/dialog';
import { type JSX, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import '../../styles/admin.css';

/**
 * The admin screens' one dialog shell (Kobalte: focus trapped, Esc closes,
 * focus returns to the button that opened it). It wraps its body in a form so
 * Enter confirms, and cannot be closed while its action runs.
 */
export function AdminDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  busy: boolean;
  error?: string | undefined;
  confirmLabel: string;
  busyLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  children?: JSX.Element;
}) {
  const { t } = useI18n();
  return (
    <Dialog open={props.open} onOpenChange={(open) => !props.busy && props.onOpenChange(open)}>
      <Dialog.Portal>
        <Dialog.Overlay class="adm-dialog-overlay" />
        <div class="adm-dialog-positioner">
          <Dialog.Content class="adm-dialog">
            <form
              class="adm-dialog__form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                if (!props.busy) props.onConfirm();
              }}
            >
              <Dialog.Title class="adm-dialog__title">{props.title}</Dialog.Title>
              <Show when={props.description}>
                <Dialog.Description class="adm-dialog__body">
                  {props.description}
                </Dialog.Description>
              </Show>
              {props.children}
              <Show when={props.error}>
                <p class="form-problem" role="alert">
                  {props.error}
                </p>
              </Show>
              <div class="adm-dialog__actions">
                <button
                  type="button"
                  class="button button--secondary"
                  disabled={props.busy}
                  onClick={() => props.onOpenChange(false)}
                >
                  {t('admin.cancel')}
                </button>
                <button
                  type="submit"
                  class="button"
                  classList={{
                    'button--primary': !props.danger,
                    'button--danger': !!props.danger,
                  }}
                  disabled={props.busy}
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
