import { createRoute, z } from '@hono/zod-openapi';
import { AppError, LoginRequestSchema, MembershipSchema, UserSchema } from '@rectify/domain';
import { appendAudit, createSession, revokeSession, SESSION_COOKIE } from '@rectify/store';
import { deleteCookie, setCookie } from 'hono/cookie';
import { verifyPassword } from '../auth/passwords.ts';
import { checkLoginRate, recordLoginAttempt } from '../auth/rate-limit.ts';
import { AbilitiesSchema, roundAbilities } from '../lib/abilities.ts';
import { requireActor } from '../lib/actor.ts';
import { publicRoute } from '../lib/authorize.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { loadMemberships } from '../queries/memberships.ts';
import { roundScopes } from '../queries/rounds.ts';

const LoginResponse = z.object({ token: z.string(), user: UserSchema }).openapi('LoginResponse');
const MeResponse = z
  .object({
    user: UserSchema,
    memberships: z.array(MembershipSchema),
    /** Per round id: what the policy lets the caller do there, for the UI to offer only that. */
    abilities: z.record(z.string(), AbilitiesSchema),
  })
  .openapi('Me');

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in with username and password',
  request: { body: jsonBody(LoginRequestSchema) },
  responses: {
    200: json(LoginResponse, 'Signed in; also sets an HttpOnly session cookie'),
    400: errorResponses[400],
    401: errorResponses[401],
    429: { description: 'Too many failed attempts; see Retry-After' },
  },
});

const logout = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: 'End this session',
  responses: { 204: { description: 'Signed out' } },
});

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in user, their memberships and what they may do per round',
  responses: { 200: json(MeResponse), 401: errorResponses[401] },
});

const WRONG = 'Wrong username or password.';

export const auth = router()
  .openapi(login, async (c) => {
    publicRoute(c);
    const deps = c.get('deps');
    const { username, password } = c.req.valid('json');
    const address = c.get('address');
    const now = deps.clock();
    const limited = await checkLoginRate(deps.sql, { username, address, now, settings: deps.auth });
    if (limited) {
      await appendAudit(
        deps.sql,
        {
          actorLabel: username,
          action: 'auth.login',
          address,
          outcome: 'denied',
          details: { reason: 'rate_limited' },
        },
        now,
      );
      c.header('Retry-After', String(limited.retryAfterSeconds));
      throw new AppError('rate_limited', 'Too many failed sign-in attempts. Try again later.', {
        retryAfter: limited.retryAfterSeconds,
      });
    }
    const [user] = await deps.sql<
      {
        id: string;
        username: string;
        displayName: string;
        isAdmin: boolean;
        active: boolean;
        passwordHash: string;
      }[]
    >`SELECT id, username, display_name, is_admin, active, password_hash FROM users
      WHERE lower(username) = lower(${username})`;
    const ok = (await verifyPassword(user?.passwordHash, password)) && user?.active === true;
    if (!ok || !user) {
      await deps.sql.begin(async (tx) => {
        await recordLoginAttempt(tx, { username, address, success: false, now });
        await appendAudit(
          tx,
          {
            actorId: user?.id ?? null,
            actorLabel: username,
            action: 'auth.login',
            address,
            outcome: 'failed',
          },
          now,
        );
      });
      throw new AppError('unauthenticated', WRONG);
    }
    // Session rotation: a sign-in while holding a session ends that session,
    // so a token planted before sign-in never becomes an authenticated one.
    const previous = c.get('actor')?.sessionId;
    const session = await deps.sql.begin(async (tx) => {
      await recordLoginAttempt(tx, { username, address, success: true, now });
      if (previous) await revokeSession(tx, previous, now);
      const s = await createSession(tx, user.id, now, deps.auth, {
        address,
        userAgent: c.req.header('user-agent'),
      });
      await appendAudit(
        tx,
        {
          actorId: user.id,
          actorLabel: user.username,
          action: 'auth.login',
          resourceType: 'session',
          resourceId: s.sessionId,
          address,
          details: previous ? { replacedSession: previous } : {},
        },
        now,
      );
      return s;
    });
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.auth.secureCookies,
      path: '/',
      expires: session.expiresAt,
    });
    const { passwordHash: _, ...publicUser } = user;
    return c.json({ token: session.token, user: publicUser }, 200);
  })
  .openapi(logout, async (c) => {
    publicRoute(c);
    const deps = c.get('deps');
    const actor = c.get('actor');
    if (actor) {
      await deps.sql.begin(async (tx) => {
        await revokeSession(tx, actor.sessionId, deps.clock());
        await appendAudit(
          tx,
          {
            actorId: actor.user.id,
            actorLabel: actor.user.username,
            action: 'auth.logout',
            resourceType: 'session',
            resourceId: actor.sessionId,
            address: c.get('address'),
          },
          deps.clock(),
        );
      });
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(me, async (c) => {
    // Everyone may read their own profile.
    publicRoute(c);
    const actor = requireActor(c);
    const { sql } = c.get('deps');
    const policyActor = c.get('policyActor')!;
    const memberships = await loadMemberships(sql, actor.user.id);
    const scopes = await roundScopes(sql, actor.user.id, actor.user.isAdmin);
    const abilities = Object.fromEntries(
      scopes.map((s) => [s.round.id, roundAbilities(policyActor, s)]),
    );
    return c.json({ user: actor.user, memberships, abilities }, 200);
  });
