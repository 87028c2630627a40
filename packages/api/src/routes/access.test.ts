import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';

/** Object-level checks over HTTP: who sees which unit, and who reaches the setup routes. */
describeEachDatabase('object-level access over HTTP', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    w = await seedWorld(t, db().sql);
  });
  afterAll(() => t.cleanup());

  const unitNames = async (who: keyof World['tokens']) => {
    const r = await t.call('GET', `/api/rounds/${w.roundId}/units`, { token: w.tokens[who] });
    expect(r.status).toBe(200);
    return (r.json as unknown as { id: string }[]).map((u) => u.id).sort();
  };

  it('lists to each caller only the units the policy lets them see', async () => {
    const { a1, a2, b1, loose } = w.units;
    expect(await unitNames('admin')).toEqual([a1, a2, b1, loose].sort());
    expect(await unitNames('leadership')).toEqual([a1, a2, b1, loose].sort());
    expect(await unitNames('leader1')).toEqual([a1, a2].sort());
    expect(await unitNames('member1')).toEqual([a1, a2].sort());
    expect(await unitNames('member2')).toEqual([b1]);
    expect(await unitNames('recused')).toEqual([a2]);
    expect(await unitNames('contact')).toEqual([a1]);
  });

  it('answers each unit with its group to those who may see it', async () => {
    const r = await t.call('GET', `/api/rounds/${w.roundId}/units/${w.units.a1}`, {
      token: w.tokens.member1,
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      id: w.units.a1,
      name: '教务处',
      groupId: w.groups.g1,
      groupName: '第一巡视组',
    });
  });

  describe('a member of group 2', () => {
    it('gets 404 on group 1’s units, as if they did not exist', async () => {
      const token = w.tokens.member2;
      for (const unit of [w.units.a1, w.units.a2]) {
        const one = await t.call('GET', `/api/rounds/${w.roundId}/units/${unit}`, { token });
        expect(one.status).toBe(404);
        expect(one.json).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
        const assign = await t.call('PUT', `/api/rounds/${w.roundId}/units/${unit}/assignment`, {
          token,
          body: { groupId: w.groups.g2 },
        });
        expect(assign.status).toBe(404);
      }
      // …and the unit stayed where it was.
      const check = await t.call('GET', `/api/rounds/${w.roundId}/units/${w.units.a1}`, {
        token: w.tokens.admin,
      });
      expect(check.json.groupId).toBe(w.groups.g1);
    });

    it('sees only group 2 in the round overview', async () => {
      const r = await t.call('GET', `/api/rounds/${w.roundId}/overview`, {
        token: w.tokens.member2,
      });
      expect(r.status).toBe(200);
      expect(r.json.groups.map((g: { id: string }) => g.id)).toEqual([w.groups.g2]);
      expect(r.json.setup).toBeNull();
    });

    it('may see its own unit but not reassign it, nor read the round’s setup', async () => {
      const token = w.tokens.member2;
      const assign = await t.call(
        'PUT',
        `/api/rounds/${w.roundId}/units/${w.units.b1}/assignment`,
        { token, body: { groupId: w.groups.g1 } },
      );
      expect(assign.status).toBe(403);
      expect(assign.json.error.code).toBe('forbidden');
      for (const part of ['groups', 'memberships', 'recusals']) {
        const r = await t.call('GET', `/api/rounds/${w.roundId}/${part}`, { token });
        expect(r.status, part).toBe(403);
      }
    });
  });

  it('hides the unit a member is recused from, and only that one', async () => {
    const token = w.tokens.recused;
    const a1 = await t.call('GET', `/api/rounds/${w.roundId}/units/${w.units.a1}`, { token });
    expect(a1.status).toBe(404);
    const a2 = await t.call('GET', `/api/rounds/${w.roundId}/units/${w.units.a2}`, { token });
    expect(a2.status).toBe(200);
  });

  it('denies a unit contact every administrative and confidential route', async () => {
    const token = w.tokens.contact;
    const R = `/api/rounds/${w.roundId}`;
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/users'],
      ['POST', '/api/users', { username: 'x1', displayName: 'x', password: 'long-enough-1' }],
      ['PATCH', `/api/users/${w.userIds.member1}`, { active: false }],
      ['POST', `/api/users/${w.userIds.member1}/reset-password`, { password: 'long-enough-1' }],
      ['GET', '/api/units'],
      ['POST', '/api/units', { name: '新单位' }],
      ['POST', '/api/rounds', { name: '新一轮' }],
      ['GET', '/api/audit'],
      ['GET', '/api/audit/verify'],
      ['GET', `${R}/groups`],
      ['POST', `${R}/groups`, { name: '第三巡视组' }],
      ['PATCH', `${R}/groups/${w.groups.g1}`, { name: '改名' }],
      ['DELETE', `${R}/groups/${w.groups.g1}`],
      ['GET', `${R}/memberships`],
      ['POST', `${R}/memberships`, { userId: w.userIds.contact, role: 'admin' }],
      ['GET', `${R}/recusals`],
      ['POST', `${R}/recusals`, { userId: w.userIds.member1, unitId: w.units.b1 }],
      ['DELETE', `${R}/recusals/${w.userIds.recused}/${w.units.a1}`],
      ['PUT', `${R}/units/${w.units.a1}/assignment`, { groupId: w.groups.g2 }],
      ['GET', `${R}/units/${w.units.a2}`],
      ['GET', `${R}/units/${w.units.b1}`],
    ];
    for (const [method, path, body] of calls) {
      const r = await t.call(method, path, { token, body });
      expect([403, 404], `${method} ${path} → ${r.status}`).toContain(r.status);
      expect(['forbidden', 'not_found']).toContain(r.json.error.code);
    }
    // Every refusal is in the audit log, as the contact.
    const [row] = await db().sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM audit_log
      WHERE actor_id = ${w.userIds.contact} AND outcome = 'denied'`;
    expect(row!.n).toBe(calls.length);
    // Nothing changed.
    const [recusal] = await db().sql`SELECT 1 FROM recusals WHERE user_id = ${w.userIds.recused}`;
    expect(recusal).toBeDefined();
  });

  it('shows a stranger no round at all', async () => {
    const token = w.tokens.stranger;
    const list = await t.call('GET', '/api/rounds', { token });
    expect(list.json).toEqual([]);
    for (const path of ['units', 'overview', `units/${w.units.a1}`]) {
      const r = await t.call('GET', `/api/rounds/${w.roundId}/${path}`, { token });
      expect(r.status, path).toBe(404);
    }
  });

  it('gives each seat the abilities the policy grants, in /auth/me', async () => {
    const abilities = async (who: keyof World['tokens']) =>
      (await t.call('GET', '/api/auth/me', { token: w.tokens[who] })).json.abilities;
    const none = {
      manage: false,
      annotate: false,
      approveFindings: false,
      meetings: false,
      auditLog: false,
      unitPortal: false,
    };
    expect((await abilities('admin'))[w.roundId]).toEqual({
      manage: true,
      annotate: true,
      approveFindings: true,
      meetings: true,
      auditLog: true,
      unitPortal: true,
    });
    expect((await abilities('leader1'))[w.roundId]).toEqual({
      ...none,
      annotate: true,
      approveFindings: true,
      meetings: true,
    });
    expect((await abilities('member2'))[w.roundId]).toEqual({ ...none, annotate: true });
    expect((await abilities('leadership'))[w.roundId]).toEqual({ ...none, meetings: true });
    expect((await abilities('contact'))[w.roundId]).toEqual({ ...none, unitPortal: true });
    expect(await abilities('stranger')).toEqual({});
    const me = await t.call('GET', '/api/auth/me', { token: w.tokens.contact });
    expect(me.json.memberships).toEqual([
      { roundId: w.roundId, role: 'unit_contact', groupId: null, unitId: w.units.a1 },
    ]);
  });

  it('rejects a disabled user’s token on its next request', async () => {
    const before = await t.call('GET', `/api/rounds/${w.roundId}/units`, {
      token: w.tokens.member1,
    });
    expect(before.status).toBe(200);
    const off = await t.call('PATCH', `/api/users/${w.userIds.member1}`, {
      token: w.tokens.admin,
      body: { active: false },
    });
    expect(off.status).toBe(200);
    const after = await t.call('GET', `/api/rounds/${w.roundId}/units`, {
      token: w.tokens.member1,
    });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('unauthenticated');
  });
});
