import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../env.ts';
import { requireActor } from '../lib/actor.ts';

/**
 * Route middleware that answers 401 before the route validates its input, so
 * an anonymous caller learns nothing about a route's parameters or bodies.
 */
export const signedIn: MiddlewareHandler<ApiEnv> = async (c, next) => {
  requireActor(c);
  await next();
};
