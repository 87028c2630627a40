import { createRoute, z } from '@hono/zod-openapi';
import { AppError, USERNAME, UserSchema } from '@rectify/domain';
import { revokeUserSessions } from '@rectify/store';
import { hashPassword } from '../auth/passwords.ts';
import { notifyAccessRevoked } from '../lib/access-revoked.ts';
import { audit } from '../lib/audit.ts';
import { authorize } from '../lib/authorize.ts';
import { explainConflicts } from '../lib/db-errors.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { PASSWORD } from '../lib/schemas.ts';
import { findUser, insertUser, listUsers, setPasswordHash, updateUser } from '../queries/users.ts';

const DISPLAY_NAME = z.string().trim().min(1).max(200);
const CreateUser = z
  .object({
    username: USERNAME,
    displayName: DISPLAY_NAME,
    password: PASSWORD,
    isAdmin: z.boolean().default(false),
  })
  .openapi('CreateUser');
const PatchUser = z
  .object({ displayName: DISPLAY_NAME, active: z.boolean(), isAdmin: z.boolean() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'give displayName, active or isAdmin')
  .openapi('PatchUser');
const ResetPassword = z.object({ password: PASSWORD }).openapi('ResetPassword');
const UserParams = z.object({ id: z.uuid() });

const adminErrors = {
  400: errorResponses[400],
  401: errorResponses[401],
  404: errorResponses[404],
} as const;

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['users'],
  summary: 'All accounts (administrators)',
  responses: { 200: json(z.array(UserSchema)), ...adminErrors },
});

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['users'],
  summary: 'Create an account (administrators)',
  request: { body: jsonBody(CreateUser) },
  responses: {
    201: json(UserSchema, 'Created'),
    ...adminErrors,
    409: errorResponses[409],
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['users'],
  summary: 'Rename, disable or enable an account, or change its administrator flag',
  description: 'Disabling ends all the account’s sessions at once.',
  request: { params: UserParams, body: jsonBody(PatchUser) },
  responses: { 200: json(UserSchema), ...adminErrors },
});

const reset = createRoute({
  method: 'post',
  path: '/{id}/reset-password',
  tags: ['users'],
  summary: 'Set a new password for an account; ends its sessions',
  request: { params: UserParams, body: jsonBody(ResetPassword) },
  responses: { 204: { description: 'Password set' }, ...adminErrors },
});

const SYSTEM = { kind: 'system' } as const;

export const users = router()
  .openapi(list, async (c) => {
    await authorize(c, 'manage', SYSTEM);
    return c.json(await listUsers(c.get('deps').sql), 200);
  })
  .openapi(create, async (c) => {
    await authorize(c, 'manage', SYSTEM);
    const { sql } = c.get('deps');
    const body = c.req.valid('json');
    const passwordHash = await hashPassword(body.password);
    const user = await explainConflicts(
      () =>
        sql.begin(async (tx) => {
          const u = await insertUser(tx, { ...body, passwordHash });
          await audit(tx, c, {
            action: 'user.create',
            resourceType: 'user',
            resourceId: u.id,
            details: { username: u.username, isAdmin: u.isAdmin },
          });
          return u;
        }),
      { duplicate: `The username “${body.username}” is taken.` },
    );
    return c.json(user, 201);
  })
  .openapi(patch, async (c) => {
    await authorize(c, 'manage', SYSTEM);
    const { sql, clock } = c.get('deps');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const me = c.get('actor')!.user;
    if (id === me.id && (body.active === false || body.isAdmin === false)) {
      throw new AppError(
        'bad_request',
        'You cannot disable your own account or remove your own administrator rights.',
      );
    }
    const result = await sql.begin(async (tx) => {
      const before = await findUser(tx, id);
      if (!before) throw new AppError('not_found', 'Not found.');
      const after = (await updateUser(tx, id, body, clock()))!;
      const disabled = before.active && !after.active;
      const sessionsEnded = disabled ? await revokeUserSessions(tx, id, clock()) : 0;
      await audit(tx, c, {
        action: 'user.update',
        resourceType: 'user',
        resourceId: id,
        details: { changes: changes(before, after), sessionsEnded },
      });
      return { after, disabled, demoted: before.isAdmin && !after.isAdmin };
    });
    if (result.disabled) await notifyAccessRevoked(c, [id], 'user_disabled');
    else if (result.demoted) await notifyAccessRevoked(c, [id], 'admin_removed');
    return c.json(result.after, 200);
  })
  .openapi(reset, async (c) => {
    await authorize(c, 'manage', SYSTEM);
    const { sql, clock } = c.get('deps');
    const { id } = c.req.valid('param');
    const passwordHash = await hashPassword(c.req.valid('json').password);
    await sql.begin(async (tx) => {
      if (!(await setPasswordHash(tx, id, passwordHash, clock()))) {
        throw new AppError('not_found', 'Not found.');
      }
      const sessionsEnded = await revokeUserSessions(tx, id, clock());
      await audit(tx, c, {
        action: 'user.reset_password',
        resourceType: 'user',
        resourceId: id,
        details: { sessionsEnded },
      });
    });
    await notifyAccessRevoked(c, [id], 'password_reset');
    return c.body(null, 204);
  });

/** The fields that changed, old and new, for the audit log. */
function changes<T extends object>(before: T, after: T): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (before[k] !== after[k]) out[k as string] = [before[k], after[k]];
  }
  return out;
}
