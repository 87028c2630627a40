import type { MeResponse } from '../../lib/contracts.ts';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { renderApp } from '../../test/render.tsx';
import { FindingsRoute } from './findings-route.tsx';

/**
 * The findings page at `path` inside the providers the signed-in shell gives
 * it. `fetch` must answer `GET /api/rounds`.
 */
export function renderFindings(path: string, who: MeResponse) {
  window.history.replaceState(null, '', path);
  return renderApp(() => (
    <SessionProvider me={who}>
      <RoundProvider>
        <FindingsRoute />
      </RoundProvider>
    </SessionProvider>
  ));
}
