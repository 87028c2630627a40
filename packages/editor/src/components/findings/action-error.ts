import type { MessageKey } from '../../i18n/zh.ts';
import { isApiError } from '../../lib/api.ts';

/** The sentence for a failed change on a finding, by the server's error code. */
export function actionErrorKey(error: unknown): MessageKey {
  if (!isApiError(error)) return 'error.generic';
  switch (error.code) {
    case 'network':
      return 'error.network';
    case 'forbidden':
      return 'findings.error.forbidden';
    case 'not_found':
      return 'error.notFound';
    case 'conflict':
      return 'findings.error.conflict';
    case 'bad_request':
      return 'findings.error.badRequest';
    default:
      return 'error.generic';
  }
}
