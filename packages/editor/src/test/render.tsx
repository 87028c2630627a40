import type { JSX } from 'solid-js';
import { render } from 'solid-js/web';
import { vi } from 'vitest';
import { I18nProvider, type Lang } from '../i18n/i18n.tsx';
import { RouterProvider } from '../lib/router.tsx';

/**
 * Test helpers: render into a fresh container inside the app's providers, and
 * answer `fetch` from a table of routes, like the server would.
 */
export interface Rendered {
  container: HTMLElement;
  dispose: () => void;
}

export function renderApp(ui: () => JSX.Element, opts: { lang?: Lang } = {}): Rendered {
  const container = document.createElement('div');
  document.body.append(container);
  const dispose = render(
    () => (
      <I18nProvider lang={opts.lang}>
        <RouterProvider>{ui()}</RouterProvider>
      </I18nProvider>
    ),
    container,
  );
  return {
    container,
    dispose: () => {
      dispose();
      container.remove();
    },
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

type Handler = (init: RequestInit | undefined) => Response | Promise<Response>;

/** `fetch` that answers `'METHOD /path'` keys; anything else is a 404, as on the server. */
export function mockFetch(routes: Record<string, Handler>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url, 'http://localhost').pathname;
    const handler = routes[`${init?.method ?? 'GET'} ${path}`];
    return handler
      ? handler(init)
      : json(404, { error: { code: 'not_found', message: 'no route' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** Type into an input the way a user does: value, then a bubbling input event. */
export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
