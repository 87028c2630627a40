import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBlobStore, type Sql } from '@rectify/store';
import { createApi } from './app.ts';
import { hashPassword } from './auth/passwords.ts';
import { type ApiDeps, DEFAULT_AUTH } from './deps.ts';

/** A controllable clock for timeouts and rate limits. */
export function testClock(start = new Date('2026-03-02T09:00:00Z')) {
  let now = start.getTime();
  const clock = () => new Date(now);
  clock.advance = (ms: number) => {
    now += ms;
  };
  return clock;
}

/** The API over a real database and a temporary disk blob store. */
export async function createTestApi(sql: Sql, overrides: Partial<ApiDeps> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-api-'));
  const blobs = await createBlobStore({ kind: 'disk', root: join(dir, 'blobs') });
  const clock = testClock();
  const deps: ApiDeps = { sql, blobs, version: 'test', clock, auth: DEFAULT_AUTH, ...overrides };
  const app = createApi(deps);
  return {
    app,
    deps,
    clock,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    /** A JSON request through the whole app, as a client would make it. */
    async call(
      method: string,
      path: string,
      opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
    ) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      const res = await app.request(path, {
        method,
        headers,
        body:
          opts.body === undefined
            ? undefined
            : typeof opts.body === 'string'
              ? opts.body
              : JSON.stringify(opts.body),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, json: json as Record<string, any>, text };
    },
  };
}

let cachedHash: Promise<string> | undefined;

/** Inserts a user whose password is `pw` (the hash is computed once per run). */
export async function insertUser(
  sql: Sql,
  u: {
    username: string;
    displayName?: string;
    isAdmin?: boolean;
    active?: boolean;
    password?: string;
  },
): Promise<string> {
  if (!u.password && !cachedHash) cachedHash = hashPassword('pw');
  const hash = u.password ? hashPassword(u.password) : cachedHash!;
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO users (username, display_name, password_hash, is_admin, active)
    VALUES (${u.username}, ${u.displayName ?? u.username}, ${await hash}, ${u.isAdmin ?? false}, ${u.active ?? true})
    RETURNING id`;
  return row!.id;
}
