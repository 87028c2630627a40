import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectTo, createTestDatabase, databaseKinds } from '../testing/databases.ts';
import { loadMigrations, MigrationError, migrate, schemaVersion } from './migrate.ts';

const latest = loadMigrations().at(-1)!.version;

for (const kind of databaseKinds()) {
  describe(`migrations [${kind}]`, () => {
    it('applies every migration to an empty database and records it', async () => {
      const db = await createTestDatabase(kind, { migrate: false });
      try {
        expect(await schemaVersion(db.sql)).toBe(0);
        const r = await migrate(db.sql);
        expect(r.applied.length).toBe(loadMigrations().length);
        expect(await schemaVersion(db.sql)).toBe(latest);
        const tables = await db.sql<{ t: string }[]>`
          SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'`;
        const names = tables.map((x) => x.t);
        for (const t of [
          'users',
          'rounds',
          'frameworks',
          'annotations',
          'findings',
          'audit_log',
          'doc_updates',
        ]) {
          expect(names).toContain(t);
        }
      } finally {
        await db.drop();
      }
    });

    it('is a no-op when applied twice', async () => {
      const db = await createTestDatabase(kind);
      try {
        const again = await migrate(db.sql);
        expect(again.applied).toEqual([]);
        const [row] = await db.sql<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM schema_migrations`;
        expect(row!.n).toBe(loadMigrations().length);
      } finally {
        await db.drop();
      }
    });

    it('migrates once when two clients start at the same time', async () => {
      const db = await createTestDatabase(kind, { migrate: false });
      const other = connectTo(db);
      try {
        // Open both connections first: PGlite's socket interleaves concurrent handshakes.
        await Promise.all([db.sql`SELECT 1`.then(() => other`SELECT 1`)]);
        const [a, b] = await Promise.all([migrate(db.sql), migrate(other)]);
        expect(a.applied.length + b.applied.length).toBe(loadMigrations().length);
        expect([a.applied.length, b.applied.length]).toContain(0);
        const [row] = await db.sql<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM schema_migrations`;
        expect(row!.n).toBe(loadMigrations().length);
      } finally {
        await other.end();
        await db.drop();
      }
    });

    it('refuses a database migrated by a newer version with a clear message', async () => {
      const db = await createTestDatabase(kind);
      try {
        await db.sql`INSERT INTO schema_migrations (version, name, checksum)
                     VALUES (${latest + 1}, 'from_the_future', 'x')`;
        await expect(migrate(db.sql)).rejects.toThrow(/newer version of Rectify/);
        await expect(migrate(db.sql)).rejects.toBeInstanceOf(MigrationError);
      } finally {
        await db.drop();
      }
    });

    it('refuses when an applied migration file was edited afterwards', async () => {
      const db = await createTestDatabase(kind, { migrate: false });
      try {
        const dir = mkdtempSync(join(tmpdir(), 'mig-'));
        writeFileSync(join(dir, '0001_a.sql'), 'CREATE TABLE a (x int);');
        await migrate(db.sql, loadMigrations(dir));
        writeFileSync(join(dir, '0001_a.sql'), 'CREATE TABLE a (x int, y int);');
        await expect(migrate(db.sql, loadMigrations(dir))).rejects.toThrow(
          /changed after it was applied/,
        );
      } finally {
        await db.drop();
      }
    });

    it('keeps submitted statement versions and audit rows immutable', async () => {
      const db = await createTestDatabase(kind);
      try {
        await db.sql`INSERT INTO audit_log (action, prev_hash, hash) VALUES ('x', '', 'h1')`;
        await expect(db.sql`UPDATE audit_log SET action = 'y'`).rejects.toThrow(/immutable/);
        await expect(db.sql`DELETE FROM audit_log`).rejects.toThrow(/immutable/);
      } finally {
        await db.drop();
      }
    });
  });
}
