import type { Context } from 'hono';
import type { AccessRevokedReason } from '../deps.ts';
import type { ApiEnv } from '../env.ts';

/**
 * Tells the host that these users lost access, once the change has
 * committed, so it can close their live sockets. A failing hook is logged
 * and does not fail the request: the change has already happened.
 */
export async function notifyAccessRevoked(
  c: Context<ApiEnv>,
  userIds: Iterable<string>,
  reason: AccessRevokedReason,
): Promise<void> {
  const hook = c.get('deps').onAccessRevoked;
  if (!hook) return;
  for (const userId of new Set(userIds)) {
    try {
      await hook({ userId, reason });
    } catch (e) {
      console.error(`[api] onAccessRevoked failed for user ${userId} (${reason})`, e);
    }
  }
}
