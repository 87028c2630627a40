import { AppError } from '@rectify/domain';
import { resolveSession, tokenFrom } from '@rectify/store';
import type { Context, MiddlewareHandler } from 'hono';
import type { Actor, ApiEnv } from '../env.ts';
import { loadPolicyActor } from '../queries/policy-actor.ts';

/** Resolves the caller's session (bearer token or cookie) once per request. */
export const sessionMiddleware: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const deps = c.get('deps');
  const token = tokenFrom({
    authorization: c.req.header('authorization'),
    cookie: c.req.header('cookie'),
  });
  c.set('actor', undefined);
  c.set('policyActor', undefined);
  if (token) {
    const s = await resolveSession(deps.sql, token, deps.clock(), deps.auth);
    if (s) {
      c.set('actor', {
        sessionId: s.sessionId,
        user: {
          id: s.userId,
          username: s.username,
          displayName: s.displayName,
          isAdmin: s.isAdmin,
          active: s.active,
        },
      });
      c.set('policyActor', await loadPolicyActor(deps.sql, s.userId, s.isAdmin));
    }
  }
  await next();
};

/** The signed-in caller, or a 401. */
export function requireActor(c: Context<ApiEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthenticated', 'Please sign in.');
  return actor;
}
