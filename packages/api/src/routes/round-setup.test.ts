import { defaultFramework } from '@rectify/domain';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { AccessRevoked } from '../deps.ts';
import { login } from '../lib/test-world.ts';
import { createTestApi, insertUser } from '../testing.ts';

/** An administrator sets a round up from nothing, through the API alone. */
describeEachDatabase('round setup', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let admin: string;
  const ids: Record<string, string> = {};
  const id = (key: string): string => {
    const value = ids[key];
    if (!value) throw new Error(`no id for ${key} yet`);
    return value;
  };
  const revoked: AccessRevoked[] = [];
  beforeAll(async () => {
    t = await createTestApi(db().sql, { onAccessRevoked: (e) => void revoked.push(e) });
    await insertUser(db().sql, { username: 'admin', isAdmin: true });
    for (const u of ['leader1', 'member1', 'contact']) {
      ids[u] = await insertUser(db().sql, { username: u });
    }
    admin = await login(t, 'admin');
  });
  beforeEach(() => {
    revoked.length = 0;
  });
  afterAll(() => t.cleanup());

  const as = (method: string, path: string, body?: unknown) =>
    t.call(method, path, { token: admin, body });
  const R = () => `/api/rounds/${id('round')}`;

  it('creates a round with version 1 of the default framework', async () => {
    const bad = await as('POST', '/api/rounds', {
      name: '2026年专项巡视',
      startsOn: '2026-04-01',
      endsOn: '2026-03-01',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^endsOn/);
    const r = await as('POST', '/api/rounds', {
      name: '2026年专项巡视',
      startsOn: '2026-03-01',
      endsOn: '2026-06-30',
    });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({
      id: expect.any(String),
      name: '2026年专项巡视',
      theme: defaultFramework.theme.zh,
      state: 'setup',
      startsOn: '2026-03-01',
      endsOn: '2026-06-30',
    });
    ids.round = r.json.id;
    const [fw] = await db().sql<{ version: number; body: { questions: unknown[] } }[]>`
      SELECT version, body FROM frameworks WHERE round_id = ${id('round')}`;
    expect(fw!.version).toBe(1);
    expect(fw!.body.questions).toHaveLength(defaultFramework.questions.length);
    const list = await as('GET', '/api/rounds');
    expect(list.json.map((x: { id: string }) => x.id)).toContain(id('round'));
  });

  it('adds units, refusing a duplicate name', async () => {
    for (const name of ['教务处', '科研处']) {
      const r = await as('POST', '/api/units', { name });
      expect(r.status).toBe(201);
      ids[name] = r.json.id;
    }
    expect((await as('POST', '/api/units', { name: '教务处' })).status).toBe(409);
    const all = await as('GET', '/api/units');
    expect(all.json.map((u: { name: string }) => u.name).sort()).toEqual(
      ['教务处', '科研处'].sort(),
    );
  });

  it('adds, renames, orders and lists groups', async () => {
    const one = await as('POST', `${R()}/groups`, { name: '第一巡视组' });
    expect(one.status).toBe(201);
    expect(one.json).toMatchObject({ name: '第一巡视组', ordinal: 1, roundId: id('round') });
    const two = await as('POST', `${R()}/groups`, { name: '第2组' });
    expect(two.json.ordinal).toBe(2);
    ids.g1 = one.json.id;
    ids.g2 = two.json.id;
    expect((await as('POST', `${R()}/groups`, { name: '第一巡视组' })).status).toBe(409);
    const renamed = await as('PATCH', `${R()}/groups/${id('g2')}`, { name: '第二巡视组' });
    expect(renamed.json.name).toBe('第二巡视组');
    const clash = await as('PATCH', `${R()}/groups/${id('g2')}`, { name: '第一巡视组' });
    expect(clash.status).toBe(409);
    const list = await as('GET', `${R()}/groups`);
    expect(list.json.map((g: { name: string }) => g.name)).toEqual(['第一巡视组', '第二巡视组']);
  });

  it('assigns units to groups, checking the group belongs to the round', async () => {
    const r = await as('PUT', `${R()}/units/${id('教务处')}/assignment`, { groupId: id('g1') });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      id: id('教务处'),
      name: '教务处',
      groupId: id('g1'),
      groupName: '第一巡视组',
    });
    const stray = await as('PUT', `${R()}/units/${id('科研处')}/assignment`, {
      groupId: '00000000-0000-4000-8000-000000000000',
    });
    expect(stray.status).toBe(400);
    expect(stray.json.error.message).toBe('groupId: no such group in this round');
    const units = await as('GET', `${R()}/units`);
    expect(units.json).toEqual([
      { id: id('教务处'), name: '教务处', groupId: id('g1'), groupName: '第一巡视组' },
      { id: id('科研处'), name: '科研处', groupId: null, groupName: null },
    ]);
  });

  it('validates the role × group × unit combinations of a membership with a clear 400', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ userId: id('member1'), role: 'member' }, /^groupId: a member needs a group/],
      [{ userId: id('leader1'), role: 'leader' }, /^groupId: a leader needs a group/],
      [
        { userId: id('member1'), role: 'member', groupId: id('g1'), unitId: id('教务处') },
        /^unitId: only unit contacts/,
      ],
      [{ userId: id('contact'), role: 'unit_contact' }, /^unitId: a unit contact needs a unit/],
      [
        { userId: id('contact'), role: 'unit_contact', unitId: id('教务处'), groupId: id('g1') },
        /^groupId: only leaders and members/,
      ],
      [{ userId: id('member1'), role: 'leadership', groupId: id('g1') }, /^groupId: only leaders/],
      [{ userId: id('member1'), role: 'boss' }, /^role/],
      [
        { userId: '00000000-0000-4000-8000-000000000000', role: 'leadership' },
        /^userId: no such user/,
      ],
    ];
    for (const [body, message] of cases) {
      const r = await as('POST', `${R()}/memberships`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.message).toMatch(message);
    }
  });

  it('gives people their seats, and lists them with names', async () => {
    const seats = [
      { userId: id('leader1'), role: 'leader', groupId: id('g1') },
      { userId: id('member1'), role: 'member', groupId: id('g1') },
      { userId: id('contact'), role: 'unit_contact', unitId: id('教务处') },
    ];
    for (const s of seats) {
      const r = await as('POST', `${R()}/memberships`, s);
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      ids[`seat:${s.userId}`] = r.json.id;
    }
    expect((await as('POST', `${R()}/memberships`, seats[1])).status).toBe(409);
    const list = await as('GET', `${R()}/memberships`);
    expect(list.json).toContainEqual({
      id: id(`seat:${id('contact')}`),
      roundId: id('round'),
      userId: id('contact'),
      username: 'contact',
      displayName: 'contact',
      role: 'unit_contact',
      groupId: null,
      groupName: null,
      unitId: id('教务处'),
      unitName: '教务处',
    });
    // The seat shows at once in what the member may do.
    const member = await login(t, 'member1');
    const me = await t.call('GET', '/api/auth/me', { token: member });
    expect(me.json.abilities[id('round')]).toMatchObject({ annotate: true, manage: false });
  });

  it('recuses a member from a unit, hiding it from them, and lifts it again', async () => {
    const member = await login(t, 'member1');
    const unit = `${R()}/units/${id('教务处')}`;
    expect((await t.call('GET', unit, { token: member })).status).toBe(200);
    const r = await as('POST', `${R()}/recusals`, {
      userId: id('member1'),
      unitId: id('教务处'),
      reason: '曾在该单位任职',
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ username: 'member1', unitName: '教务处' });
    expect(revoked).toEqual([{ userId: id('member1'), reason: 'recused' }]);
    expect((await t.call('GET', unit, { token: member })).status).toBe(404);
    const dup = await as('POST', `${R()}/recusals`, {
      userId: id('member1'),
      unitId: id('教务处'),
    });
    expect(dup.status).toBe(409);
    expect((await as('GET', `${R()}/recusals`)).json).toHaveLength(1);
    const lift = await as('DELETE', `${R()}/recusals/${id('member1')}/${id('教务处')}`);
    expect(lift.status).toBe(204);
    expect((await t.call('GET', unit, { token: member })).status).toBe(200);
    expect((await as('DELETE', `${R()}/recusals/${id('member1')}/${id('教务处')}`)).status).toBe(
      404,
    );
  });

  it('moving a unit to another group tells the old group’s people', async () => {
    const member = await login(t, 'member1');
    const r = await as('PUT', `${R()}/units/${id('教务处')}/assignment`, { groupId: id('g2') });
    expect(r.json.groupId).toBe(id('g2'));
    expect(revoked.map((e) => e.userId).sort()).toEqual([id('leader1'), id('member1')].sort());
    expect(revoked.every((e) => e.reason === 'unit_reassigned')).toBe(true);
    const unit = `${R()}/units/${id('教务处')}`;
    expect((await t.call('GET', unit, { token: member })).status).toBe(404);
    await as('PUT', `${R()}/units/${id('教务处')}/assignment`, { groupId: id('g1') });
  });

  it('removing a seat takes access away at once and tells the host', async () => {
    const member = await login(t, 'member1');
    const seat = id(`seat:${id('member1')}`);
    const r = await as('DELETE', `${R()}/memberships/${seat}`);
    expect(r.status).toBe(204);
    expect(revoked).toEqual([{ userId: id('member1'), reason: 'membership_removed' }]);
    expect((await t.call('GET', `${R()}/units`, { token: member })).status).toBe(404);
    expect((await as('DELETE', `${R()}/memberships/${seat}`)).status).toBe(404);
  });

  it('deletes a group with its seats and assignments, unless working papers hang on it', async () => {
    const r = await as('DELETE', `${R()}/groups/${id('g1')}`);
    expect(r.status).toBe(204);
    expect(revoked).toEqual([{ userId: id('leader1'), reason: 'group_deleted' }]);
    const units = await as('GET', `${R()}/units`);
    expect(units.json.find((u: { id: string }) => u.id === id('教务处')).groupId).toBeNull();
    const [finding] = await db().sql<{ id: string }[]>`
      INSERT INTO findings (round_id, group_id, unit_id, title, created_by)
      VALUES (${id('round')}, ${id('g2')}, ${id('科研处')}, '问题', ${id('leader1')}) RETURNING id`;
    expect(finding).toBeDefined();
    const used = await as('DELETE', `${R()}/groups/${id('g2')}`);
    expect(used.status).toBe(409);
    expect(used.json.error.message).toMatch(/findings/);
  });

  it('wrote every change to the audit log, in the round, as the administrator', async () => {
    const rows = await db().sql<{ action: string; n: number }[]>`
      SELECT action, count(*)::int AS n FROM audit_log
      WHERE actor_label = 'admin' AND outcome = 'ok' AND action <> 'auth.login'
      GROUP BY action ORDER BY action`;
    expect(Object.fromEntries(rows.map((r) => [r.action, r.n]))).toEqual({
      'group.create': 2,
      'group.delete': 1,
      'group.update': 1,
      'membership.create': 3,
      'membership.delete': 1,
      'recusal.create': 1,
      'recusal.delete': 1,
      'round.create': 1,
      'unit.assign': 3,
      'unit.create': 2,
    });
    const [outside] = await db().sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM audit_log
      WHERE action LIKE 'group.%' AND round_id IS DISTINCT FROM ${id('round')}`;
    expect(outside!.n).toBe(0);
  });
});
