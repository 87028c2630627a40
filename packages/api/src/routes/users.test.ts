import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { AccessRevoked } from '../deps.ts';
import { login } from '../lib/test-world.ts';
import { createTestApi, insertUser } from '../testing.ts';

describeEachDatabase('user accounts', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let admin: string;
  let adminId: string;
  let member: string;
  const revoked: AccessRevoked[] = [];
  beforeAll(async () => {
    t = await createTestApi(db().sql, { onAccessRevoked: (e) => void revoked.push(e) });
    adminId = await insertUser(db().sql, { username: 'admin', isAdmin: true });
    await insertUser(db().sql, { username: 'member1' });
    admin = await login(t, 'admin');
    member = await login(t, 'member1');
  });
  beforeEach(() => {
    revoked.length = 0;
  });
  afterAll(() => t.cleanup());

  const create = (body: Record<string, unknown>) =>
    t.call('POST', '/api/users', { token: admin, body });

  it('lets an administrator list accounts, never with a password hash', async () => {
    const r = await t.call('GET', '/api/users', { token: admin });
    expect(r.status).toBe(200);
    expect(r.json.map((u: { username: string }) => u.username)).toEqual(['admin', 'member1']);
    expect(Object.keys(r.json[0]).sort()).toEqual([
      'active',
      'displayName',
      'id',
      'isAdmin',
      'username',
    ]);
    expect(r.text).not.toMatch(/argon2|hash/i);
  });

  it('hides the accounts from everyone else (404)', async () => {
    expect((await t.call('GET', '/api/users', { token: member })).status).toBe(404);
    const r = await t.call('POST', '/api/users', {
      token: member,
      body: { username: 'sneaky', displayName: 'x', password: 'long-enough-password' },
    });
    expect(r.status).toBe(404);
  });

  it('creates an account that can sign in, and audits it without the password', async () => {
    const r = await create({
      username: 'zhang.san',
      displayName: '张三',
      password: 'correct horse battery',
    });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({
      id: expect.any(String),
      username: 'zhang.san',
      displayName: '张三',
      isAdmin: false,
      active: true,
    });
    await login(t, 'zhang.san', 'correct horse battery');
    const rows = await db().sql<{ action: string; resourceId: string; details: object }[]>`
      SELECT action, resource_id, details FROM audit_log WHERE action = 'user.create'`;
    expect(rows).toEqual([
      {
        action: 'user.create',
        resourceId: r.json.id,
        details: { username: 'zhang.san', isAdmin: false },
      },
    ]);
    const [leak] = await db().sql`
      SELECT 1 FROM audit_log WHERE details::text LIKE '%battery%' OR details::text LIKE '%argon%'`;
    expect(leak).toBeUndefined();
  });

  it('refuses short passwords, bad usernames and taken names with clear errors', async () => {
    const short = await create({ username: 'li.si', displayName: '李四', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.json.error.message).toMatch(/^password: .*10/);
    const bad = await create({ username: 'li si', displayName: '李四', password: 'long-enough-1' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^username/);
    const taken = await create({
      username: 'MEMBER1',
      displayName: 'x',
      password: 'long-enough-1',
    });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toEqual({ code: 'conflict', message: expect.stringMatching(/taken/) });
  });

  it('disabling an account ends all its sessions at once and tells the host', async () => {
    const id = await insertUser(db().sql, { username: 'wang' });
    const one = await login(t, 'wang');
    const two = await login(t, 'wang');
    const r = await t.call('PATCH', `/api/users/${id}`, { token: admin, body: { active: false } });
    expect(r.status).toBe(200);
    expect(r.json.active).toBe(false);
    for (const token of [one, two]) {
      expect((await t.call('GET', '/api/auth/me', { token })).status).toBe(401);
    }
    const [open] = await db().sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM sessions WHERE user_id = ${id} AND revoked_at IS NULL`;
    expect(open!.n).toBe(0);
    expect(revoked).toEqual([{ userId: id, reason: 'user_disabled' }]);
    // Re-enabled, the account signs in afresh; old tokens stay dead.
    await t.call('PATCH', `/api/users/${id}`, { token: admin, body: { active: true } });
    await login(t, 'wang');
    expect((await t.call('GET', '/api/auth/me', { token: one })).status).toBe(401);
    const [audit] = await db().sql<{ details: { changes: object; sessionsEnded: number } }[]>`
      SELECT details FROM audit_log WHERE action = 'user.update' AND resource_id = ${id}
      ORDER BY seq LIMIT 1`;
    expect(audit!.details).toEqual({ changes: { active: [true, false] }, sessionsEnded: 2 });
  });

  it('renames and grants or removes administrator rights; removal tells the host', async () => {
    const id = await insertUser(db().sql, { username: 'zhao' });
    const up = await t.call('PATCH', `/api/users/${id}`, {
      token: admin,
      body: { displayName: '赵组长', isAdmin: true },
    });
    expect(up.json).toMatchObject({ displayName: '赵组长', isAdmin: true });
    expect(revoked).toEqual([]);
    await t.call('PATCH', `/api/users/${id}`, { token: admin, body: { isAdmin: false } });
    expect(revoked).toEqual([{ userId: id, reason: 'admin_removed' }]);
  });

  it('keeps an administrator from locking themselves out', async () => {
    for (const body of [{ active: false }, { isAdmin: false }]) {
      const r = await t.call('PATCH', `/api/users/${adminId}`, { token: admin, body });
      expect(r.status).toBe(400);
    }
    const empty = await t.call('PATCH', `/api/users/${adminId}`, { token: admin, body: {} });
    expect(empty.status).toBe(400);
  });

  it('answers 404 for an unknown account', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const r = await t.call('PATCH', `/api/users/${id}`, { token: admin, body: { active: false } });
    expect(r.status).toBe(404);
    const reset = await t.call('POST', `/api/users/${id}/reset-password`, {
      token: admin,
      body: { password: 'long-enough-password' },
    });
    expect(reset.status).toBe(404);
  });

  it('resets a password: old sessions and the old password end, the new one works', async () => {
    const id = await insertUser(db().sql, { username: 'sun' });
    const old = await login(t, 'sun');
    const r = await t.call('POST', `/api/users/${id}/reset-password`, {
      token: admin,
      body: { password: 'reset-by-admin-1' },
    });
    expect(r.status).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { token: old })).status).toBe(401);
    const wrong = await t.call('POST', '/api/auth/login', {
      body: { username: 'sun', password: 'pw' },
    });
    expect(wrong.status).toBe(401);
    await login(t, 'sun', 'reset-by-admin-1');
    expect(revoked).toEqual([{ userId: id, reason: 'password_reset' }]);
  });

  it('lets a user change their own password; their other sessions end, this one stays', async () => {
    await insertUser(db().sql, { username: 'qian', password: 'first-password-1' });
    const here = await login(t, 'qian', 'first-password-1');
    const elsewhere = await login(t, 'qian', 'first-password-1');
    const wrong = await t.call('POST', '/api/auth/password', {
      token: here,
      body: { currentPassword: 'not-it', newPassword: 'second-password-2' },
    });
    expect(wrong.status).toBe(403);
    const short = await t.call('POST', '/api/auth/password', {
      token: here,
      body: { currentPassword: 'first-password-1', newPassword: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.json.error.message).toMatch(/^newPassword/);
    const ok = await t.call('POST', '/api/auth/password', {
      token: here,
      body: { currentPassword: 'first-password-1', newPassword: 'second-password-2' },
    });
    expect(ok.status).toBe(204);
    expect((await t.call('GET', '/api/auth/me', { token: here })).status).toBe(200);
    expect((await t.call('GET', '/api/auth/me', { token: elsewhere })).status).toBe(401);
    await login(t, 'qian', 'second-password-2');
    const outcomes = await db().sql<{ outcome: string }[]>`
      SELECT outcome FROM audit_log WHERE action = 'auth.password' ORDER BY seq`;
    expect(outcomes.map((o) => o.outcome)).toEqual(['failed', 'ok']);
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const r = await create({ username: 'big', displayName: 'x'.repeat(70_000), password: 'x' });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('payload_too_large');
  });

  it('asks for a session to change a password', async () => {
    const r = await t.call('POST', '/api/auth/password', {
      body: { currentPassword: 'x', newPassword: 'long-enough-password' },
    });
    expect(r.status).toBe(401);
  });
});
