import { createEffect, createMemo, type JSX, on, Show } from 'solid-js';
import { useI18n } from '../i18n/i18n.tsx';
import { useRound } from '../lib/round-context.tsx';
import { useRouter } from '../lib/router.tsx';
import { LeftRail } from './left-rail.tsx';
import { TopBar } from './top-bar.tsx';
import '../styles/layout.css';

/** Top bar, rail, and the page; a skip link first for keyboard users. */
export function AppLayout(props: { children: JSX.Element }) {
  const { t } = useI18n();
  const router = useRouter();
  const round = useRound();
  let main: HTMLElement | undefined;
  // Someone signed in with no role anywhere (no round yet) gets no empty rail.
  const hasRail = () => round.nav().length > 0;
  const roundsSettled = () =>
    round.rounds.state !== 'unresolved' && round.rounds.state !== 'pending';

  // After in-app navigation, screen readers and Tab start from the new page.
  // A memo, so a change of the query alone (a selected cell, an open panel) keeps focus where it is.
  const path = createMemo(() => router.path());
  createEffect(on(path, () => main?.focus({ preventScroll: true }), { defer: true }));

  return (
    <div class="app">
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <TopBar />
      <div class="app__body" classList={{ 'app__body--no-rail': roundsSettled() && !hasRail() }}>
        <Show
          when={roundsSettled()}
          fallback={<div class="rail rail--loading" aria-hidden="true" />}
        >
          <Show when={hasRail()}>
            <LeftRail roles={round.roles()} />
          </Show>
        </Show>
        <main id="main" ref={main} class="app__main" tabIndex={-1}>
          {props.children}
        </main>
      </div>
    </div>
  );
}
