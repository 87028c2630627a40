import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../audit/audit-log.ts';
import { createBlobStore } from '../blobs/create-blob-store.ts';
import type { Sql } from '../db/client.ts';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabaseHandle,
} from '../testing/databases.ts';
import { backup, restore } from './backup.ts';

/** Every table's rows in PostgreSQL's text form, for comparing two databases. */
async function contents(sql: Sql): Promise<Record<string, string[]>> {
  const tables = await sql<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
    ORDER BY 1`;
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await sql.unsafe(`SELECT t::text AS r FROM "${name}" t`);
    out[name] = rows.map((r) => String(r.r)).sort();
  }
  return out;
}

async function seed(sql: Sql, blobs: Awaited<ReturnType<typeof createBlobStore>>) {
  const [u] = await sql<{ id: string }[]>`
    INSERT INTO users (username, display_name, password_hash) VALUES ('admin', '管理员', 'scrypt$x') RETURNING id`;
  const [r] = await sql<{ id: string }[]>`
    INSERT INTO rounds (name, state, starts_on) VALUES ('2026 专项巡视', 'active', '2026-03-02') RETURNING id`;
  await sql`INSERT INTO frameworks (round_id, version, body) VALUES (${r!.id}, 1, ${sql.json({ name: '框架', list: [1, 2] })})`;
  const [g] = await sql<{ id: string }[]>`
    INSERT INTO inspection_groups (round_id, name, ordinal) VALUES (${r!.id}, '第一巡视组', 1) RETURNING id`;
  const [unit] = await sql<
    { id: string }[]
  >`INSERT INTO units (name) VALUES ('教务处') RETURNING id`;
  await sql`INSERT INTO unit_assignments (round_id, unit_id, group_id) VALUES (${r!.id}, ${unit!.id}, ${g!.id})`;
  const [p] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title) VALUES (${r!.id}, 1, '问题') RETURNING id`;
  const [task] = await sql<{ id: string }[]>`
    INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key) VALUES (${r!.id}, ${p!.id}, 1, '任务', 'k1') RETURNING id`;
  const [s] = await sql<{ id: string }[]>`
    INSERT INTO statements (round_id, task_id, unit_id) VALUES (${r!.id}, ${task!.id}, ${unit!.id}) RETURNING id`;
  await sql`INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
            VALUES (${s!.id}, 1, ${sql.json({ type: 'doc' })}, '全面推行本科生导师制', ${u!.id})`;
  const put = await blobs.put(Readable.from([Buffer.from('%PDF-1.7 佐证材料')]));
  await sql`INSERT INTO evidence (round_id, unit_id, task_id, hash, size, mime, original_name, stored_name, uploaded_by)
            VALUES (${r!.id}, ${unit!.id}, ${task!.id}, ${put.hash}, ${put.size}, 'application/pdf', '材料.pdf', '材料.pdf', ${u!.id})`;
  await sql`INSERT INTO doc_updates (doc_name, seq, bytes) VALUES ('review.x', 1, ${Buffer.from([0, 1, 2, 255])})`;
  const [keep] = await sql<{ id: string }[]>`
    INSERT INTO findings (round_id, group_id, unit_id, title, questions, created_by)
    VALUES (${r!.id}, ${g!.id}, ${unit!.id}, '保留', '{Q1,Q3}', ${u!.id}) RETURNING id`;
  await sql`INSERT INTO findings (round_id, group_id, unit_id, title, merged_into, created_by)
            VALUES (${r!.id}, ${g!.id}, ${unit!.id}, '并入', ${keep!.id}, ${u!.id})`;
  await sql`INSERT INTO finding_transitions (finding_id, to_state, actor_id) VALUES (${keep!.id}, 'draft', ${u!.id})`;
  for (let i = 0; i < 3; i++) {
    await appendAudit(sql, {
      action: 'test.write',
      actorLabel: 'admin',
      resourceType: 't',
      resourceId: String(i),
    });
  }
  return put.hash;
}

describeEachDatabase('backup and restore', (db) => {
  let dir: string;
  let target: TestDatabaseHandle;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rectify-backup-'));
    target = await createTestDatabase(db().kind);
  }, 120_000);
  afterAll(async () => {
    await target?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips every row and blob into a new installation, and the audit chain still verifies', async () => {
    const blobs = await createBlobStore({ kind: 'disk', root: join(dir, 'blobs-a') });
    const hash = await seed(db().sql, blobs);
    const file = join(dir, 'rectify.backup.tar.gz');
    const manifest = await backup(db().sql, blobs, file);
    expect(manifest.blobs).toBe(1);
    expect(manifest.tables.find((t) => t.name === 'findings')?.rows).toBe(2);

    const fresh = await createBlobStore({ kind: 'disk', root: join(dir, 'blobs-b') });
    const restored = await restore(target.sql, fresh, file);
    expect(restored.blobs).toBe(1);
    expect(await contents(target.sql)).toEqual(await contents(db().sql));
    expect(await verifyAudit(target.sql)).toEqual({ ok: true, checked: 3 });
    const chunks: Buffer[] = [];
    for await (const c of await fresh.get(hash)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('%PDF-1.7 佐证材料');
    // Derived search entries were rebuilt, and serials continue after the restored rows.
    const [hit] = await target.sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM search_entries WHERE strpos(body, '导师制') > 0`;
    expect(hit!.n).toBe(1);
    await appendAudit(target.sql, {
      action: 'after.restore',
      actorLabel: 'admin',
      resourceType: 't',
      resourceId: 'x',
    });
    expect(await verifyAudit(target.sql)).toEqual({ ok: true, checked: 4 });
  });

  it('refuses to restore over data, and refuses a file that is not a backup', async () => {
    const blobs = await createBlobStore({ kind: 'disk', root: join(dir, 'blobs-c') });
    const file = join(dir, 'rectify.backup.tar.gz');
    await expect(restore(target.sql, blobs, file)).rejects.toThrow(/not empty/);
    const junk = join(dir, 'junk.tar.gz');
    writeFileSync(junk, 'not an archive');
    await expect(restore(target.sql, blobs, junk)).rejects.toThrow();
  });
});
