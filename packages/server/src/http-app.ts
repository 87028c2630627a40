import { type ApiDeps, createApi } from '@rectify/api';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { staticApp } from './static.ts';

/**
 * One Hono app for the port: the API under /api, the built editor for
 * everything else. Secure headers everywhere; the CSP allows no inline script.
 */
export function createHttpApp(deps: ApiDeps, opts: { editorDist?: string } = {}): Hono {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
      // Evidence shown inline carries its own stricter `sandbox` policy: keep it.
      overwrite: false,
    }),
  );
  const api = createApi(deps);
  app.route('/', api as unknown as Hono);
  app.route('/', staticApp(opts.editorDist));
  return app;
}
