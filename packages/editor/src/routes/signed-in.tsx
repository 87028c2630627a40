import { createEffect, createResource, Match, onCleanup, Switch } from 'solid-js';
import { AppLayout } from '../components/app-layout.tsx';
import { BrandMark } from '../components/brand-mark.tsx';
import { ErrorState } from '../components/state-views.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, setUnauthenticatedHandler } from '../lib/api.ts';
import { settled } from '../lib/resource.ts';
import { RoundProvider } from '../lib/round-context.tsx';
import { useRouter } from '../lib/router.tsx';
import { SaveStateProvider } from '../lib/save-state.tsx';
import { SessionProvider } from '../lib/session.tsx';
import { AppRoutes } from './app-routes.tsx';

/**
 * Everything behind login. Asks the server who we are (the session is an
 * HttpOnly cookie the page cannot see); nobody → /login, remembering where
 * the user was going.
 */
export function SignedIn() {
  const { t } = useI18n();
  const router = useRouter();
  const [me, { refetch }] = createResource(api.me);

  // Reads the location untracked: called from an effect, it must not re-run on its own navigation.
  const toLogin = () => {
    const path = window.location.pathname;
    if (path === '/login') return;
    const here = `${path}${window.location.search}`;
    const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    router.navigate(`/login${next}`, { replace: true });
  };

  // Any later call that finds the session gone (expired, revoked) ends here too.
  onCleanup(setUnauthenticatedHandler(toLogin));

  createEffect(() => {
    if (me.state === 'ready' && me() === null) toLogin();
  });

  return (
    <Switch>
      <Match when={me.error}>
        <div class="full-page">
          <ErrorState title={t('session.loadError')} error={me.error} onRetry={() => refetch()} />
        </div>
      </Match>
      <Match when={settled(me)}>
        {(data) => (
          <SessionProvider me={data()}>
            <RoundProvider>
              <SaveStateProvider>
                <AppLayout>
                  <AppRoutes />
                </AppLayout>
              </SaveStateProvider>
            </RoundProvider>
          </SessionProvider>
        )}
      </Match>
      <Match when={true}>
        <div class="full-page" role="status" aria-live="polite">
          <BrandMark size="lg" />
          <span class="visually-hidden">{t('common.loading')}</span>
        </div>
      </Match>
    </Switch>
  );
}
