import type { MessageKey } from '../i18n/zh.ts';
import { isApiError } from './api.ts';

/** The translated sentence for a failed load; never the raw error or its stack. */
export function errorMessageKey(error: unknown): MessageKey {
  if (!isApiError(error)) return 'error.generic';
  switch (error.code) {
    case 'network':
      return 'error.network';
    case 'forbidden':
      return 'error.forbidden';
    case 'not_found':
      return 'error.notFound';
    case 'unavailable':
      return 'error.unavailable';
    default:
      return 'error.generic';
  }
}

/** A short code worth quoting to the help desk, for errors the user cannot fix. */
export function errorCode(error: unknown): string | undefined {
  if (!isApiError(error) || error.code === 'network') return undefined;
  return error.status > 0 ? `${error.status} ${error.code}` : error.code;
}
