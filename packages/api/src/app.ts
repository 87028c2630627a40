import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { annotations } from './annotations/index.ts';
import { coverage } from './coverage/routes.ts';
import type { ApiDeps } from './deps.ts';
import type { ApiEnv } from './env.ts';
import { errorBody, handleError, notFound } from './errors.ts';
import { evidence } from './evidence/index.ts';
import { findingExports } from './findings/export-routes.ts';
import { findings } from './findings/routes.ts';
import { frameworkRoutes } from './framework/routes.ts';
import { interviews } from './interviews/routes.ts';
import { ledger } from './ledger/index.ts';
import { sessionMiddleware } from './lib/actor.ts';
import { addressMiddleware } from './lib/address.ts';
import { requirePolicyDecision } from './lib/authorize.ts';
import { sameOriginChanges } from './lib/origin.ts';
import { meetings } from './meetings/routes.ts';
import { rectification, reports } from './reports/index.ts';
import { auditLog } from './routes/audit.ts';
import { auth } from './routes/auth.ts';
import { groups } from './routes/groups.ts';
import { health } from './routes/health.ts';
import { memberships } from './routes/memberships.ts';
import { password } from './routes/password.ts';
import { recusals } from './routes/recusals.ts';
import { roundUnitsRouter } from './routes/round-units.ts';
import { rounds } from './routes/rounds.ts';
import { units } from './routes/units.ts';
import { users } from './routes/users.ts';
import { searchRoutes } from './search/routes.ts';
import { statements, tasks } from './statements/index.ts';

/** Routes whose bodies are small JSON; uploads get their own limits on their own routes. */
const SMALL_JSON_ROUTES = [
  '/api/auth/*',
  '/api/users',
  '/api/users/*',
  '/api/units',
  '/api/rounds',
  '/api/rounds/:roundId/groups',
  '/api/rounds/:roundId/groups/*',
  '/api/rounds/:roundId/memberships',
  '/api/rounds/:roundId/memberships/*',
  '/api/rounds/:roundId/recusals',
  '/api/rounds/:roundId/recusals/*',
  '/api/rounds/:roundId/units/:unitId/assignment',
];

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
  const smallJson = bodyLimit({
    maxSize: 64 * 1024,
    onError: (c) => c.json(errorBody('payload_too_large', 'request body too large'), 413),
  });
  for (const path of SMALL_JSON_ROUTES) app.use(path, smallJson);
  app.use('/api/*', sameOriginChanges(deps.publicUrl));
  app.use('/api/*', requirePolicyDecision);
  app.use('/api/*', sessionMiddleware);

  const routes = app
    .route('/api', health)
    .route('/api/auth', auth)
    .route('/api/auth', password)
    .route('/api/users', users)
    .route('/api/units', units)
    .route('/api/audit', auditLog)
    .route('/api/rounds', rounds)
    .route('/api/rounds', groups)
    .route('/api/rounds', memberships)
    .route('/api/rounds', roundUnitsRouter)
    .route('/api/rounds', recusals)
    .route('/api/rounds', frameworkRoutes)
    .route('/api/rounds', ledger)
    .route('/api', tasks)
    .route('/api', statements)
    .route('/api', annotations)
    .route('/api', findings)
    .route('/api', findingExports)
    .route('/api', coverage)
    .route('/api', meetings)
    .route('/api', reports)
    .route('/api', rectification)
    .route('/api', interviews)
    .route('/api', searchRoutes)
    .route('/api/evidence', evidence);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Rectify API', version: deps.version },
  });
  return routes;
}

export type AppType = ReturnType<typeof createApi>;
