import { createEffect, createMemo, lazy, Match, Switch } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { LoadingState } from '../components/state-views.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { ALL_ENTRIES, entryFor, homePath, type NavEntry } from '../lib/nav.ts';
import { useRound } from '../lib/round-context.tsx';
import { useRouter } from '../lib/router.tsx';
import { reviewIdOf } from '../lib/workspace/evidence-link.ts';
import { AREA_ROUTES } from './area-routes.tsx';
import { ComingSoonRoute } from './coming-soon.tsx';
import { ForbiddenRoute, NotFoundRoute } from './notice.tsx';
import { OverviewRoute } from './overview.tsx';
import { isPortalPath, PortalRoute } from './portal/portal-routes.tsx';
import { WorkRoute } from './workspace/work-route.tsx';

// The review workspace carries Tiptap, Yjs and the live connection: loaded when first opened.
const ReviewRoute = lazy(() =>
  import('./workspace/review-route.tsx').then((m) => ({ default: m.ReviewRoute })),
);

type Page =
  | { kind: 'wait' }
  | { kind: 'overview' }
  | { kind: 'portal' }
  | { kind: 'work' }
  | { kind: 'review'; id: string }
  | { kind: 'redirect'; to: string }
  | { kind: 'area'; path: string }
  | { kind: 'soon'; entry: NavEntry }
  | { kind: 'forbidden' }
  | { kind: 'notFound' };

/**
 * Which page a path shows for the user's roles. Waits for the round list,
 * since roles are per round and a premature answer would flash the wrong rail.
 */
export function AppRoutes() {
  const { t } = useI18n();
  const router = useRouter();
  const round = useRound();
  const home = () => homePath(round.nav());

  const page = createMemo<Page>(() => {
    const state = round.rounds.state;
    if (state === 'unresolved' || state === 'pending') return { kind: 'wait' };
    const path = router.path();
    const nav = round.nav();
    if (path === '/') {
      return home() === '/' ? { kind: 'overview' } : { kind: 'redirect', to: home() };
    }
    if (isPortalPath(path)) {
      return entryFor('/tasks', nav) ? { kind: 'portal' } : { kind: 'forbidden' };
    }
    const reviewId = reviewIdOf(path);
    if (reviewId) {
      const roles = round.roles();
      const inspects = ['leader', 'member', 'leadership', 'admin'] as const;
      return inspects.some((r) => roles.has(r))
        ? { kind: 'review', id: reviewId }
        : { kind: 'forbidden' };
    }
    if (path === '/workbench') return { kind: 'redirect', to: '/work' };
    if (path === '/work' && entryFor(path, nav)) return { kind: 'work' };
    const entry = entryFor(path, nav);
    if (entry && AREA_ROUTES[path]) return { kind: 'area', path };
    if (entry) return { kind: 'soon', entry };
    if (ALL_ENTRIES.some((e) => e.path === path)) return { kind: 'forbidden' };
    return { kind: 'notFound' };
  });

  createEffect(() => {
    const current = page();
    if (current.kind === 'redirect') router.navigate(current.to, { replace: true });
  });

  const reviewId = () => {
    const current = page();
    return current.kind === 'review' ? current.id : undefined;
  };

  const area = () => {
    const current = page();
    return current.kind === 'area' ? AREA_ROUTES[current.path] : undefined;
  };

  const soonEntry = () => {
    const current = page();
    return current.kind === 'soon' ? current.entry : undefined;
  };

  return (
    <Switch>
      <Match when={page().kind === 'overview'}>
        <OverviewRoute />
      </Match>
      <Match when={page().kind === 'portal'}>
        <PortalRoute />
      </Match>
      <Match when={page().kind === 'work'}>
        <WorkRoute />
      </Match>
      <Match when={reviewId()}>{(id) => <ReviewRoute id={id()} home={home()} />}</Match>
      <Match when={area()}>{(Screen) => <Dynamic component={Screen()} />}</Match>
      <Match when={soonEntry()}>
        {(entry) => <ComingSoonRoute entry={entry()} home={home()} />}
      </Match>
      <Match when={page().kind === 'forbidden'}>
        <ForbiddenRoute home={home()} />
      </Match>
      <Match when={page().kind === 'notFound'}>
        <NotFoundRoute home={home()} />
      </Match>
      <Match when={true}>
        <div class="page">
          <LoadingState label={t('common.loading')} rows={4} />
        </div>
      </Match>
    </Switch>
  );
}
