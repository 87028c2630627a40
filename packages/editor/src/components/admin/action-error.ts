import type { I18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { isApiError } from '../../lib/api.ts';

/**
 * A failed admin action in plain words, in the reader's language. The server
 * words its refusals in English for logs; the screen says what happened by
 * status, and quotes the server only for a rejected field (400), where the
 * field name helps.
 */
export function adminErrorText(
  t: I18n['t'],
  error: unknown,
  conflict: MessageKey = 'admin.error.conflict',
): string {
  if (!isApiError(error)) return t('admin.error.failed');
  if (error.code === 'network') return t('admin.error.network');
  switch (error.status) {
    case 400:
      return t('admin.error.invalid', { detail: error.message });
    case 401:
      return t('admin.error.signedOut');
    case 403:
      return t('admin.error.forbidden');
    case 404:
      return t('admin.error.gone');
    case 409:
      return t(conflict);
    case 429:
      return t('admin.error.tooMany');
    default:
      return t('admin.error.failed');
  }
}
