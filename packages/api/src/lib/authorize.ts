import { type Action, AppError, decide, type PolicyActor, type Resource } from '@rectify/domain';
import { appendAudit } from '@rectify/store';
import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ApiEnv } from '../env.ts';
import { requireActor } from './actor.ts';

/** Reads confidential enough to be written to the audit log. */
const AUDITED_READS = new Set([
  'review_doc',
  'annotation',
  'notes',
  'interview',
  'meeting',
  'finding',
]);

function resourceLabel(r: Resource): { type: string; roundId: string | null } {
  return { type: r.kind, roundId: 'round' in r ? r.round.id : null };
}

/**
 * The one way a route asks the policy. Refusals are 404 where even a 403
 * would reveal that the thing exists, else 403, and are written to the audit
 * log; so are reads of confidential material.
 */
export async function authorize(
  c: Context<ApiEnv>,
  action: Action,
  resource: Resource,
  opts: { resourceId?: string } = {},
): Promise<PolicyActor> {
  const actor = requireActor(c);
  const policyActor = c.get('policyActor')!;
  c.set('policyChecked', true);
  const d = decide(policyActor, action, resource);
  const { sql, clock } = c.get('deps');
  const label = resourceLabel(resource);
  if (!d.allow) {
    await appendAudit(
      sql,
      {
        actorId: actor.user.id,
        actorLabel: actor.user.username,
        action: `${label.type}.${action}`,
        resourceType: label.type,
        resourceId: opts.resourceId ?? '',
        roundId: label.roundId,
        address: c.get('address'),
        outcome: 'denied',
        details: { reason: d.reason, route: `${c.req.method} ${c.req.path}` },
      },
      clock(),
    );
    if (d.hide) throw new AppError('not_found', 'Not found.');
    throw new AppError('forbidden', `Not allowed: ${d.reason}.`);
  }
  if ((action === 'read' && AUDITED_READS.has(resource.kind)) || action === 'export') {
    await appendAudit(
      sql,
      {
        actorId: actor.user.id,
        actorLabel: actor.user.username,
        action: `${label.type}.${action}`,
        resourceType: label.type,
        resourceId: opts.resourceId ?? '',
        roundId: label.roundId,
        address: c.get('address'),
      },
      clock(),
    );
  }
  return policyActor;
}

/**
 * Keeps the items the caller may act on; a list filtered this way counts as
 * the route's policy decision.
 */
export function filterAllowed<T>(
  c: Context<ApiEnv>,
  action: Action,
  items: readonly T[],
  toResource: (item: T) => Resource,
): T[] {
  requireActor(c);
  const policyActor = c.get('policyActor')!;
  c.set('policyChecked', true);
  return items.filter((item) => decide(policyActor, action, toResource(item)).allow);
}

/**
 * The only routes that answer without asking the policy: what a client needs
 * before and around signing in, and the caller's own account. A route is
 * public only when it is listed here; the route-coverage test pins the list.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'POST /api/auth/password',
]);

function routeKey(c: Context, index?: number): string {
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
  return `${method} ${routePath(c, index)}`;
}

/**
 * Marks a route that needs no policy decision (sign-in, health, the caller's
 * own profile). Every other route must call `authorize`. A route not listed
 * in PUBLIC_ROUTES that calls this fails closed with a 500.
 */
export function publicRoute(c: Context<ApiEnv>): void {
  const key = routeKey(c);
  if (!PUBLIC_ROUTES.has(key)) {
    console.error(`[api] ${key} declared itself public but is not in PUBLIC_ROUTES`);
    throw new AppError('internal', 'No access decision was made for this route.');
  }
  c.set('policyChecked', true);
}

/**
 * Fails closed: a successful answer from a route that never asked the policy
 * is replaced by a 500, so a route forgotten by its author leaks nothing.
 */
export const requirePolicyDecision: MiddlewareHandler<ApiEnv> = async (c, next) => {
  // The generated API description is public by nature (its handler is Hono's).
  c.set('policyChecked', routeKey(c, -1) === 'GET /api/openapi.json');
  await next();
  if (!c.get('policyChecked') && c.res.status < 400) {
    console.error(`[api] ${c.req.method} ${c.req.path} answered without a policy decision`);
    c.res = c.json(
      { error: { code: 'internal', message: 'No access decision was made for this route.' } },
      500,
    );
  }
};
