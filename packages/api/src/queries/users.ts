import type { User } from '@rectify/domain';
import type { Db } from '@rectify/store';

// Never select password_hash here: these rows go to the wire.
const columns = (db: Db) => db`id, username, display_name, is_admin, active`;

export async function listUsers(db: Db): Promise<User[]> {
  return db<User[]>`SELECT ${columns(db)} FROM users ORDER BY lower(username)`;
}

export async function findUser(db: Db, id: string): Promise<User | undefined> {
  const [row] = await db<User[]>`SELECT ${columns(db)} FROM users WHERE id = ${id}`;
  return row;
}

export async function insertUser(
  db: Db,
  u: { username: string; displayName: string; passwordHash: string; isAdmin: boolean },
): Promise<User> {
  const [row] = await db<User[]>`
    INSERT INTO users (username, display_name, password_hash, is_admin)
    VALUES (${u.username}, ${u.displayName}, ${u.passwordHash}, ${u.isAdmin})
    RETURNING ${columns(db)}`;
  return row!;
}

export async function updateUser(
  db: Db,
  id: string,
  patch: { displayName?: string; active?: boolean; isAdmin?: boolean },
  now: Date,
): Promise<User | undefined> {
  const [row] = await db<User[]>`
    UPDATE users SET
      display_name = coalesce(${patch.displayName ?? null}, display_name),
      active = coalesce(${patch.active ?? null}::boolean, active),
      is_admin = coalesce(${patch.isAdmin ?? null}::boolean, is_admin),
      updated_at = ${now}
    WHERE id = ${id}
    RETURNING ${columns(db)}`;
  return row;
}

export async function setPasswordHash(
  db: Db,
  id: string,
  passwordHash: string,
  now: Date,
): Promise<boolean> {
  const rows = await db`UPDATE users SET password_hash = ${passwordHash}, updated_at = ${now}
                        WHERE id = ${id} RETURNING id`;
  return rows.length > 0;
}

export async function passwordHashOf(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db<{ passwordHash: string }[]>`
    SELECT password_hash FROM users WHERE id = ${id}`;
  return row?.passwordHash;
}

/** Ends every session of a user but the one given (the caller's own). */
export async function revokeOtherSessions(
  db: Db,
  userId: string,
  keepSessionId: string,
  now: Date,
): Promise<number> {
  const rows = await db`UPDATE sessions SET revoked_at = ${now}
                        WHERE user_id = ${userId} AND id <> ${keepSessionId} AND revoked_at IS NULL
                        RETURNING id`;
  return rows.length;
}
