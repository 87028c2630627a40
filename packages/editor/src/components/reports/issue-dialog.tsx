import { Dialog } from '@kobalte/core/dialog';
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { Icon } from '../icon.tsx';

/**
 * Confirms issuing: it cannot be undone. The report is frozen as a DOCX with
 * its SHA-256, its findings become 已反馈, and the unit can read it.
 */
export function IssueDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  unitName: string;
  findings: number;
  busy: boolean;
  error?: string;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog open={props.open} onOpenChange={(open) => !props.busy && props.onOpenChange(open)}>
      <Dialog.Portal>
        <Dialog.Overlay class="rp-dialog-overlay" />
        <div class="rp-dialog-positioner">
          <Dialog.Content class="rp-dialog">
            <div class="rp-dialog__header">
              <Dialog.Title class="rp-dialog__title">{t('reports.issue.title')}</Dialog.Title>
              <Dialog.CloseButton
                class="icon-button"
                aria-label={t('reports.issue.cancel')}
                disabled={props.busy}
              >
                ×
              </Dialog.CloseButton>
            </div>
            <Dialog.Description class="rp-dialog__body">
              {t('reports.issue.body', { unit: props.unitName, count: props.findings })}
            </Dialog.Description>
            <ul class="rp-dialog__list">
              <li>{t('reports.issue.point.freeze')}</li>
              <li>{t('reports.issue.point.findings', { count: props.findings })}</li>
              <li>{t('reports.issue.point.unit')}</li>
            </ul>
            <p class="rp-dialog__warning">
              <Icon name="lock" size={16} />
              {t('reports.issue.final')}
            </p>
            <Show when={props.error}>
              <p class="form-problem" role="alert">
                {props.error}
              </p>
            </Show>
            <div class="rp-dialog__actions">
              <button
                type="button"
                class="button button--secondary"
                disabled={props.busy}
                onClick={() => props.onOpenChange(false)}
              >
                {t('reports.issue.cancel')}
              </button>
              <button
                type="button"
                class="button button--primary"
                disabled={props.busy}
                onClick={() => props.onConfirm()}
              >
                {props.busy ? t('reports.issue.issuing') : t('reports.issue.confirm')}
              </button>
            </div>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
