import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './client.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** Ordered plain SQL files named `NNNN_name.sql`. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

// An arbitrary fixed key: every Rectify process migrating the same database
// takes this lock, so two processes starting at once migrate once.
const LOCK_KEY = 7_365_201_914;

export interface MigrateResult {
  applied: string[];
  current: number;
}

/**
 * Applies pending migrations in one transaction under a transaction-scoped
 * advisory lock. Refuses a database migrated by a newer Rectify, and one whose
 * applied migration files were edited afterwards.
 */
export async function migrate(sql: Sql, migrations = loadMigrations()): Promise<MigrateResult> {
  const known = migrations.at(-1)?.version ?? 0;
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`;
    const rows = await tx<{ version: number; name: string; checksum: string }[]>`
      SELECT version, name, checksum FROM schema_migrations ORDER BY version`;
    const newest = rows.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new MigrationError(
        `The database was migrated by a newer version of Rectify (schema ${newest}; this version knows up to ${known}). Upgrade Rectify, or point DATABASE_URL / DATA_DIR at another database.`,
      );
    }
    const done = new Map(rows.map((r) => [r.version, r]));
    const applied: string[] = [];
    for (const m of migrations) {
      const prior = done.get(m.version);
      if (prior) {
        if (prior.checksum !== m.checksum) {
          throw new MigrationError(
            `Migration ${m.name} was changed after it was applied. Add a new migration instead of editing an applied one.`,
          );
        }
        continue;
      }
      // Our own files, never user input: multi-statement SQL needs the simple protocol.
      await tx.unsafe(m.sql);
      await tx`INSERT INTO schema_migrations (version, name, checksum)
               VALUES (${m.version}, ${m.name}, ${m.checksum})`;
      applied.push(m.name);
    }
    return { applied, current: Math.max(known, newest) };
  });
}

/** The schema version a database is at (0 when never migrated). */
export async function schemaVersion(sql: Sql): Promise<number> {
  const [t] = await sql<{ exists: boolean }[]>`
    SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`;
  if (!t?.exists) return 0;
  const [row] = await sql<{ v: number | null }[]>`SELECT max(version) AS v FROM schema_migrations`;
  return row?.v ?? 0;
}
