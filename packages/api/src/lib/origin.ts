import { AppError } from '@rectify/domain';
import type { Context, MiddlewareHandler } from 'hono';
import { csrf } from 'hono/csrf';
import type { ApiEnv } from '../env.ts';

/**
 * Whether a browser Origin may act on this server: the same host the request
 * came to, or the configured public URL (behind a proxy). `null`, missing and
 * non-http origins never are. The server applies the same rule to websocket
 * upgrades, which browsers send with cookies from any page.
 */
export function isAllowedOrigin(
  origin: string | null | undefined,
  host: string | null | undefined,
  publicUrl?: string,
): boolean {
  if (!origin || origin === 'null') return false;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
  if (publicUrl && sameOrigin(o, publicUrl)) return true;
  if (!host) return false;
  try {
    // Read the Host in the origin's scheme so a default port compares equal.
    return new URL(`${o.protocol}//${host}`).host === o.host;
  } catch {
    return false;
  }
}

function sameOrigin(o: URL, url: string): boolean {
  try {
    return new URL(url).origin === o.origin;
  } catch {
    return false;
  }
}

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;

function requestHost(c: Context): string {
  return c.req.header('host') ?? new URL(c.req.url).host;
}

/**
 * Refuses state changes a foreign page could make with the user's cookie.
 * Only requests that carry cookies are checked: Bearer requests are exempt (a
 * page cannot attach that header cross-site) and so are requests with no
 * credentials at all (sign-in takes JSON only, which no form can send).
 * Hono's `csrf` covers the form posts a page can send without a preflight;
 * on top of it, any other request whose Origin (or, lacking one,
 * Sec-Fetch-Site) says it comes from another site is refused too.
 */
export function sameOriginChanges(publicUrl?: string): MiddlewareHandler<ApiEnv> {
  const allowed = (origin: string, c: Context) =>
    isAllowedOrigin(origin, requestHost(c), publicUrl);
  const formGuard = csrf({ origin: allowed });
  return async (c, next) => {
    if (SAFE_METHOD.test(c.req.method)) return next();
    if (c.req.header('authorization')?.toLowerCase().startsWith('bearer ')) return next();
    if (!c.req.header('cookie')) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    let ok =
      origin !== undefined ? allowed(origin, c) : site !== 'cross-site' && site !== 'same-site';
    if (ok) {
      ok = false;
      try {
        await formGuard(c, async () => {
          ok = true;
        });
      } catch {
        ok = false;
      }
    }
    if (!ok) {
      throw new AppError('forbidden', 'Cross-site request refused: send it from the Rectify page.');
    }
    await next();
  };
}
