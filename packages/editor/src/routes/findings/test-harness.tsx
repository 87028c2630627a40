import { FindingLiveOpener } from '../../components/findings/live-opener.ts';
import { fakeFindingLive } from '../../components/findings/test-live.ts';
import type { MeResponse } from '../../lib/contracts.ts';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SaveStateProvider } from '../../lib/save-state.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { renderApp } from '../../test/render.tsx';
import { FindingsRoute } from './findings-route.tsx';

/**
 * The findings page at `path` inside the providers the signed-in shell gives
 * it. `fetch` must answer `GET /api/rounds`. Descriptions open `live` (no socket).
 */
export function renderFindings(path: string, who: MeResponse, live = fakeFindingLive()) {
  window.history.replaceState(null, '', path);
  return renderApp(() => (
    <SessionProvider me={who}>
      <RoundProvider>
        <SaveStateProvider>
          <FindingLiveOpener.Provider value={live.open}>
            <FindingsRoute />
          </FindingLiveOpener.Provider>
        </SaveStateProvider>
      </RoundProvider>
    </SessionProvider>
  ));
}
