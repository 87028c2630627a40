import type { MeResponse } from '../../lib/contracts.ts';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SaveStateProvider } from '../../lib/save-state.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { me } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { PortalRoute } from './portal-routes.tsx';

/** A unit contact of 教务处 in the fixtures' round. */
export const CONTACT: MeResponse = me([
  { role: 'unit_contact', groupId: null, unitId: 'unit-jwc' },
]);

/**
 * The portal at `path` inside the providers the signed-in shell gives it
 * (session, round, save state), without the rest of the app's routes.
 * `fetch` must answer `GET /api/rounds`.
 */
export function renderPortal(path: string, who: MeResponse = CONTACT) {
  window.history.replaceState(null, '', path);
  return renderApp(() => (
    <SessionProvider me={who}>
      <RoundProvider>
        <SaveStateProvider>
          <PortalRoute />
        </SaveStateProvider>
      </RoundProvider>
    </SessionProvider>
  ));
}
