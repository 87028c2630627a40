import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../env.ts';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/** The peer address for rate limits and the audit log (the socket's; proxies come later). */
export const addressMiddleware: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const env = c.env as NodeBindings | undefined;
  c.set('address', env?.incoming?.socket?.remoteAddress ?? 'local');
  await next();
};
