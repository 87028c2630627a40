import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { login } from '../lib/test-world.ts';
import { createTestApi, insertUser } from '../testing.ts';

describeEachDatabase('the audit log over HTTP', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let admin: string;
  let member: string;
  let memberId: string;
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    await insertUser(db().sql, { username: 'admin', isAdmin: true });
    memberId = await insertUser(db().sql, { username: 'member1' });
    admin = await login(t, 'admin');
    t.clock.advance(60_000);
    member = await login(t, 'member1');
    await t.call('POST', '/api/auth/login', { body: { username: 'member1', password: 'no' } });
    for (const name of ['教务处', '科研处', '后勤处']) {
      await t.call('POST', '/api/units', { token: admin, body: { name } });
    }
    await t.call('GET', '/api/users', { token: member }); // denied
  });
  afterAll(() => t.cleanup());

  const search = (query: string, token = admin) => t.call('GET', `/api/audit?${query}`, { token });

  it('is hidden from everyone but administrators, and the refusal is logged', async () => {
    const r = await search('', member);
    expect(r.status).toBe(404);
    const denied = await search('outcome=denied&actor=member1');
    expect(denied.json.items.map((i: { action: string }) => i.action)).toEqual([
      'audit_log.read',
      'system.manage',
    ]);
    expect(denied.json.items[0].details.route).toBe('GET /api/audit');
  });

  it('answers newest first, with every field of a row', async () => {
    // Enough rows that seq 10 follows seq 9 (a text sort would put it first).
    for (let i = 0; i < 3; i++) await search('limit=1');
    const r = await search('limit=200');
    expect(r.status).toBe(200);
    const seqs = r.json.items.map((i: { seq: number }) => i.seq);
    expect(seqs.length).toBeGreaterThan(10);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(r.json.items[0]).toEqual({
      seq: expect.any(Number),
      at: expect.stringMatching(/^2026-03-02T/),
      actorId: expect.any(String),
      actorLabel: expect.any(String),
      action: expect.any(String),
      resourceType: expect.any(String),
      resourceId: expect.any(String),
      roundId: null,
      address: 'local',
      outcome: expect.stringMatching(/^(ok|denied|failed)$/),
      details: expect.any(Object),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('filters by actor (id or name), action (exact or prefix), resource and outcome', async () => {
    const byName = await search('actor=member1&action=auth.login');
    expect(byName.json.items.map((i: { outcome: string }) => i.outcome)).toEqual(['failed', 'ok']);
    const byId = await search(`actor=${memberId}&action=auth.login`);
    expect(byId.json.items).toHaveLength(2);
    const units = await search('action=unit.*');
    expect(units.json.items).toHaveLength(3);
    const one = units.json.items[0];
    const byResource = await search(`resourceType=unit&resourceId=${one.resourceId}`);
    expect(byResource.json.items.map((i: { action: string }) => i.action)).toEqual(['unit.create']);
    const failed = await search('outcome=failed');
    expect(failed.json.items.every((i: { outcome: string }) => i.outcome === 'failed')).toBe(true);
    // LIKE wildcards in a prefix are taken literally.
    expect((await search('action=unit_*')).json.items).toEqual([]);
  });

  it('filters by time', async () => {
    const after = await search(`from=${encodeURIComponent('2026-03-02T09:00:30Z')}&action=auth.*`);
    expect(after.json.items.every((i: { actorLabel: string }) => i.actorLabel === 'member1')).toBe(
      true,
    );
    const before = await search(`to=${encodeURIComponent('2026-03-02T09:00:30Z')}&action=auth.*`);
    expect(before.json.items.map((i: { actorLabel: string }) => i.actorLabel)).toEqual(['admin']);
  });

  it('pages backwards with the before cursor until the last page', async () => {
    const all = (await search('limit=200&action=unit.create')).json.items;
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: any = await search(
        `limit=2&action=unit.create${cursor ? `&before=${cursor}` : ''}`,
      );
      seen.push(...page.json.items.map((i: { seq: number }) => i.seq));
      cursor = page.json.nextBefore;
    } while (cursor !== null);
    expect(seen).toEqual(all.map((i: { seq: number }) => i.seq));
  });

  it('refuses bad filters with a 400', async () => {
    for (const q of ['limit=201', 'limit=0', 'outcome=maybe', 'before=-1', 'from=yesterday']) {
      const r = await search(q);
      expect(r.status, q).toBe(400);
      expect(r.json.error.code).toBe('bad_request');
    }
  });

  it('writes each reading of the log into the log', async () => {
    const before = (await search('action=audit_log.read&outcome=ok&limit=200')).json.items.length;
    await search('action=unit.create');
    const after = (await search('action=audit_log.read&outcome=ok&limit=200')).json.items;
    // The two searches above are both in it (the latest one is not, being written after it read).
    expect(after.length).toBe(before + 2);
    expect(after[0].details.filter).toMatchObject({ action: 'unit.create' });
  });

  it('verifies the hash chain, and says where it breaks', async () => {
    const ok = await t.call('GET', '/api/audit/verify', { token: admin });
    expect(ok.json).toEqual({ ok: true, checked: expect.any(Number) });
    const member404 = await t.call('GET', '/api/audit/verify', { token: member });
    expect(member404.status).toBe(404);
    // Tamper with one row behind the trigger's back.
    await db().sql.begin(async (tx) => {
      await tx`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`;
      await tx`UPDATE audit_log SET actor_label = 'someone' WHERE seq = 3`;
      await tx`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`;
    });
    const bad = await t.call('GET', '/api/audit/verify', { token: admin });
    expect(bad.json).toMatchObject({ ok: false, firstBad: { seq: 3 } });
  });
});
