import { Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import { isApiError } from '../../lib/api.ts';
import { errorMessageKey } from '../../lib/error-text.ts';
import { Icon } from '../icon.tsx';
import { joinList } from './issue-text.ts';
import { LedgerApiError } from './ledger-api.ts';

/**
 * Why reading or importing failed, in words a person can act on; the
 * server's own sentence (it names the file's problem) comes second.
 */
export function LedgerFailure(props: { title: string; error: unknown }) {
  const { t } = useI18n();
  const text = () => {
    const e = props.error;
    if (isApiError(e) && e.code === 'payload_too_large') return t('ledger.previewError.tooLarge');
    if (isApiError(e) && e.code === 'bad_request') return t('ledger.previewError.badFile');
    return t(errorMessageKey(e));
  };
  const rows = () => (props.error instanceof LedgerApiError ? props.error.rows : []);
  const server = () => {
    const e = props.error;
    return isApiError(e) && e.status >= 400 && e.status < 500 ? e.message : undefined;
  };
  return (
    <div class="ledger-failure" role="alert">
      <Icon name="alert" size={20} />
      <div>
        <p class="ledger-failure__title">{props.title}</p>
        <Show when={rows().length > 0} fallback={<p class="ledger-failure__text">{text()}</p>}>
          <p class="ledger-failure__text">
            {t('ledger.applyError.rows', { rows: joinList(t, rows()) })}
          </p>
        </Show>
        <Show when={server()}>
          {(message) => (
            <p class="ledger-failure__detail">{t('ledger.serverSaid', { message: message() })}</p>
          )}
        </Show>
      </div>
    </div>
  );
}
