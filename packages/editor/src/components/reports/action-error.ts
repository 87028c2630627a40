import type { I18n } from '../../i18n/i18n.tsx';
import { isApiError } from '../../lib/api.ts';
import { errorMessageKey } from '../../lib/error-text.ts';

/** The sentence for a failed action on these screens: what happened, in the user's words. */
export function actionError(i18n: Pick<I18n, 't'>, error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'conflict') return i18n.t('reports.error.conflict');
    if (error.code === 'bad_request') return i18n.t('reports.error.badRequest');
    if (error.code === 'payload_too_large' || error.code === 'unsupported_media_type') {
      // The server explains size and type refusals in plain Chinese and English.
      return error.message;
    }
    if (error.code === 'unauthenticated') return i18n.t('reports.error.signedOut');
  }
  return i18n.t(errorMessageKey(error));
}
