import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { ApiDeps } from './deps.ts';
import type { ApiEnv } from './env.ts';
import { errorBody, handleError, notFound } from './errors.ts';
import { sessionMiddleware } from './lib/actor.ts';
import { addressMiddleware } from './lib/address.ts';
import { requirePolicyDecision } from './lib/authorize.ts';
import { auth } from './routes/auth.ts';
import { health } from './routes/health.ts';
import { rounds } from './routes/rounds.ts';

/**
 * The HTTP API, mounted under /api. Every route validates its input with zod
 * and answers errors as `{ error: { code, message } }`.
 */
export function createApi(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>();
  app.onError(handleError);
  app.notFound(notFound);
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use('*', addressMiddleware);
  // JSON bodies are small; file uploads get their own limits on their own routes.
  app.use(
    '/api/auth/*',
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => c.json(errorBody('payload_too_large', 'request body too large'), 413),
    }),
  );
  app.use('/api/*', requirePolicyDecision);
  app.use('/api/*', sessionMiddleware);

  const routes = app.route('/api', health).route('/api/auth', auth).route('/api/rounds', rounds);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Rectify API', version: deps.version },
  });
  return routes;
}

export type AppType = ReturnType<typeof createApi>;
