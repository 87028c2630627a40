import type { I18n } from '../../i18n/i18n.tsx';
import { isApiError } from '../../lib/api.ts';
import { localizedServerMessage } from '../../lib/portal/server-message.ts';

/**
 * A failed upload or removal in plain words. The server explains refusals it
 * decides on (too large, wrong type, empty file) itself; for the rest the
 * app has its own sentence.
 */
export function actionErrorText(i18n: Pick<I18n, 't' | 'lang'>, error: unknown): string {
  const { t } = i18n;
  if (!isApiError(error)) return t('portal.error.failed');
  if (error.code === 'network') return t('portal.error.network');
  if (error.status === 401) return t('portal.error.signedOut');
  if (error.status === 403) return t('error.forbidden');
  if (error.status >= 400 && error.status < 500 && error.message) {
    return localizedServerMessage(error.message, i18n.lang());
  }
  return t('portal.error.failed');
}

/** Refusals that a second try cannot fix: the file itself must change. */
export function isFinalRefusal(error: unknown): boolean {
  return isApiError(error) && [400, 413, 415].includes(error.status);
}
