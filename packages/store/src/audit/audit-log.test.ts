import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { appendAudit, verifyAudit } from './audit-log.ts';

describeEachDatabase('audit log', (db) => {
  it('verifies an untouched chain of rows', async () => {
    const { sql } = db();
    for (let i = 0; i < 5; i++) {
      await appendAudit(sql, {
        action: 'test.write',
        actorLabel: 'admin',
        resourceType: 'thing',
        resourceId: String(i),
        details: { z: 1, a: { y: [1, 2], b: '中文' } },
      });
    }
    const r = await verifyAudit(sql);
    expect(r).toEqual({ ok: true, checked: 5 });
  });

  it('names the first changed row when a row is altered with SQL', async () => {
    const { sql } = db();
    const [victim] = await sql<
      { seq: number }[]
    >`SELECT seq::int AS seq FROM audit_log ORDER BY seq OFFSET 2 LIMIT 1`;
    await sql.begin(async (tx) => {
      await tx`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`;
      await tx`UPDATE audit_log SET actor_label = 'mallory' WHERE seq = ${victim!.seq}`;
      await tx`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`;
    });
    const r = await verifyAudit(sql);
    expect(r.ok).toBe(false);
    expect(r.firstBad?.seq).toBe(victim!.seq);
    expect(r.firstBad?.reason).toMatch(/changed/);
  });

  it('names the row after a deleted one', async () => {
    const { sql } = db();
    await sql.begin(async (tx) => {
      await tx`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`;
      await tx`DELETE FROM audit_log`;
      await tx`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`;
    });
    for (let i = 0; i < 3; i++) await appendAudit(sql, { action: `a${i}` });
    const rows = await sql<{ seq: number }[]>`SELECT seq::int AS seq FROM audit_log ORDER BY seq`;
    await sql.begin(async (tx) => {
      await tx`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`;
      await tx`DELETE FROM audit_log WHERE seq = ${rows[1]!.seq}`;
      await tx`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`;
    });
    const r = await verifyAudit(sql);
    expect(r.ok).toBe(false);
    expect(r.firstBad?.seq).toBe(rows[2]!.seq);
  });

  it('keeps the chain linear under concurrent appends', async () => {
    const { sql } = db();
    await sql.begin(async (tx) => {
      await tx`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`;
      await tx`DELETE FROM audit_log`;
      await tx`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`;
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(sql, { action: `c${i}` })));
    expect(await verifyAudit(sql)).toEqual({ ok: true, checked: 20 });
  });
});
