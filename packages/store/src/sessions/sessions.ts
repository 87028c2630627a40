import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.ts';

export const SESSION_COOKIE = 'rectify_session';

export interface SessionPolicy {
  /** A session unused this long ends. */
  idleTimeoutMs: number;
  /** A session ends this long after login whatever happens. */
  absoluteTimeoutMs: number;
}

export interface SessionUser {
  sessionId: string;
  userId: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  active: boolean;
}

/** An opaque bearer token; only its sha256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Starts a session and returns its token (shown once, never stored). */
export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  policy: SessionPolicy,
  meta: { address?: string; userAgent?: string } = {},
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + policy.absoluteTimeoutMs);
  const [row] = await db<{ id: string }[]>`
    INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, address, user_agent)
    VALUES (${hashToken(token)}, ${userId}, ${now}, ${now}, ${expiresAt}, ${meta.address ?? null},
            ${meta.userAgent?.slice(0, 300) ?? null})
    RETURNING id`;
  return { token, sessionId: row!.id, expiresAt };
}

// Touching last_seen_at on every request would write on every read; a minute's
// slack does not change what the idle timeout means.
const TOUCH_EVERY_MS = 60_000;

/**
 * The live session behind a token, or undefined when it is unknown, revoked,
 * idle too long, past its absolute lifetime, or its user is disabled.
 */
export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
  policy: SessionPolicy,
): Promise<SessionUser | undefined> {
  if (!token || token.length > 200) return undefined;
  const [row] = await db<(SessionUser & { lastSeenAt: Date })[]>`
    SELECT s.id AS session_id, s.last_seen_at, u.id AS user_id, u.username, u.display_name,
           u.is_admin, u.active
    FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ${hashToken(token)}
      AND s.revoked_at IS NULL
      AND s.expires_at > ${now}
      AND s.last_seen_at > ${new Date(now.getTime() - policy.idleTimeoutMs)}
      AND u.active`;
  if (!row) return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db`UPDATE sessions SET last_seen_at = ${now} WHERE id = ${row.sessionId}`;
  }
  const { lastSeenAt: _, ...user } = row;
  return user;
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db`UPDATE sessions SET revoked_at = ${now} WHERE id = ${sessionId} AND revoked_at IS NULL`;
}

/** Ends every session of a user (disabled, password reset). Returns how many ended. */
export async function revokeUserSessions(db: Db, userId: string, now: Date): Promise<number> {
  const rows = await db`UPDATE sessions SET revoked_at = ${now}
                        WHERE user_id = ${userId} AND revoked_at IS NULL RETURNING id`;
  return rows.length;
}

/** Reads the session token from `Authorization: Bearer`, `?token=` or the cookie header. */
export function tokenFrom(input: {
  authorization?: string | null;
  cookie?: string | null;
  query?: string | null;
}): string | undefined {
  const auth = input.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim() || undefined;
  if (input.query) return input.query;
  if (input.cookie) {
    for (const part of input.cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
        return decodeURIComponent(part.slice(eq + 1).trim()) || undefined;
      }
    }
  }
  return undefined;
}
