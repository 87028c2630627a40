import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@rectify/domain';
import { appendAudit } from '@rectify/store';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { checkLoginRate, recordLoginAttempt } from '../auth/rate-limit.ts';
import { notifyAccessRevoked } from '../lib/access-revoked.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { publicRoute } from '../lib/authorize.ts';
import { errorResponses, jsonBody, router } from '../lib/openapi.ts';
import { PASSWORD } from '../lib/schemas.ts';
import { passwordHashOf, revokeOtherSessions, setPasswordHash } from '../queries/users.ts';

const ChangePassword = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: PASSWORD })
  .refine((b) => b.currentPassword !== b.newPassword, {
    path: ['newPassword'],
    message: 'must differ from the current password',
  })
  .openapi('ChangePassword');

const change = createRoute({
  method: 'post',
  path: '/password',
  tags: ['auth'],
  summary: 'Change your own password; your other sessions end',
  request: { body: jsonBody(ChangePassword) },
  responses: {
    204: { description: 'Changed' },
    400: errorResponses[400],
    401: errorResponses[401],
    403: errorResponses[403],
    429: { description: 'Too many wrong current passwords; see Retry-After' },
  },
});

/**
 * Everyone may change their own password. A wrong current password counts as
 * a failed sign-in, so a stolen session cannot be used to guess it.
 */
export const password = router().openapi(change, async (c) => {
  publicRoute(c);
  const actor = requireActor(c);
  const deps = c.get('deps');
  const { currentPassword, newPassword } = c.req.valid('json');
  const { id, username } = actor.user;
  const address = c.get('address');
  const now = deps.clock();
  const limited = await checkLoginRate(deps.sql, { username, address, now, settings: deps.auth });
  if (limited) {
    c.header('Retry-After', String(limited.retryAfterSeconds));
    throw new AppError('rate_limited', 'Too many failed attempts. Try again later.', {
      retryAfter: limited.retryAfterSeconds,
    });
  }
  const ok = await verifyPassword(await passwordHashOf(deps.sql, id), currentPassword);
  if (!ok) {
    await deps.sql.begin(async (tx) => {
      await recordLoginAttempt(tx, { username, address, success: false, now });
      await appendAudit(
        tx,
        {
          actorId: id,
          actorLabel: username,
          action: 'auth.password',
          resourceType: 'user',
          resourceId: id,
          address,
          outcome: 'failed',
          details: { reason: 'wrong current password' },
        },
        now,
      );
    });
    throw new AppError('forbidden', 'The current password is wrong.');
  }
  const hash = await hashPassword(newPassword);
  await deps.sql.begin(async (tx) => {
    await setPasswordHash(tx, id, hash, now);
    const sessionsEnded = await revokeOtherSessions(tx, id, actor.sessionId, now);
    await audit(tx, c, {
      action: 'auth.password',
      resourceType: 'user',
      resourceId: id,
      details: { sessionsEnded },
    });
  });
  await notifyAccessRevoked(c, [id], 'password_changed');
  return c.body(null, 204);
});
