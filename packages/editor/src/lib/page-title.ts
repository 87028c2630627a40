import { createEffect } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';

/** Keeps `document.title` on the current page, in the current language. */
export function usePageTitle(page: () => string): void {
  const { t } = useI18n();
  createEffect(() => {
    document.title = t('app.pageTitle', { page: page() });
  });
}
