import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { connect, type Sql } from '../db/client.ts';
import { startEmbeddedPostgres } from '../db/embedded.ts';
import { migrate } from '../db/migrate.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface TestDatabase {
  kind: DatabaseKind;
  sql: Sql;
  /** Connection settings for a second client (another "process"). */
  connectOptions: { url?: string; path?: string };
}

export interface TestDatabaseHandle extends TestDatabase {
  drop(): Promise<void>;
}

/** Which database kinds this run covers: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, empty database of the given kind: an in-memory PGlite behind its
 * socket, or a new database on the PostgreSQL server of TEST_DATABASE_URL.
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  opts: { migrate?: boolean; poolSize?: number } = {},
): Promise<TestDatabaseHandle> {
  const poolSize = opts.poolSize ?? 6;
  if (kind === 'pglite') {
    const embedded = await startEmbeddedPostgres({ maxConnections: 8 });
    // One connection per client, as in production (see db/database.ts).
    const sql = connect({ path: embedded.socketPath, max: 1 });
    if (opts.migrate !== false) await migrate(sql);
    return {
      kind,
      sql,
      connectOptions: { path: embedded.socketPath },
      async drop() {
        await sql.end({ timeout: 5 });
        await embedded.stop();
      },
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `rectify_t_${randomBytes(6).toString('hex')}`;
  const admin = connect({ url: base, max: 1 });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = withDatabase(base, name);
  const sql = connect({ url, max: poolSize });
  if (opts.migrate !== false) await migrate(sql);
  return {
    kind,
    sql,
    connectOptions: { url },
    async drop() {
      await sql.end({ timeout: 5 });
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end({ timeout: 5 });
    },
  };
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/**
 * Runs a suite once per database kind (PGlite, and PostgreSQL when
 * TEST_DATABASE_URL is set), each against a fresh migrated database that
 * lives for the whole suite. The callback reads the database lazily through
 * `db()` because it is created in `beforeAll`.
 */
export function describeEachDatabase(
  name: string,
  body: (db: () => TestDatabase) => void,
  opts: { migrate?: boolean } = {},
): void {
  for (const kind of databaseKinds()) {
    describe(`${name} [${kind}]`, () => {
      let handle: TestDatabaseHandle | undefined;
      beforeAll(async () => {
        handle = await createTestDatabase(kind, opts);
      }, 120_000);
      afterAll(async () => {
        await handle?.drop();
      });
      body(() => {
        if (!handle) throw new Error('database not ready');
        return handle;
      });
    });
  }
}

/** The second postgres.js client of a test: another connection to the same database. */
export function connectTo(db: TestDatabase, max = 4): Sql {
  return connect({ ...db.connectOptions, max: db.kind === 'pglite' ? 1 : max });
}
