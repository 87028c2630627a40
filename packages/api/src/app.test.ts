import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApi, insertUser } from './testing.ts';

describeEachDatabase('api basics', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    await insertUser(db().sql, { username: 'member1', displayName: '组员一' });
  });
  afterAll(() => t.cleanup());

  it('answers health with database and blob store reachable', async () => {
    const r = await t.call('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ status: 'ok', version: 'test', database: 'ok', blobs: 'ok' });
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const r = await t.call('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    expect(r.json.openapi).toBe('3.1.0');
    expect(Object.keys(r.json.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/rounds/{roundId}/overview']),
    );
    expect(r.json.paths['/api/auth/login'].post.requestBody).toBeDefined();
  });

  it('signs in with username and password, answering a token and the user, and sets an HttpOnly cookie', async () => {
    const r = await t.call('POST', '/api/auth/login', {
      body: { username: 'member1', password: 'pw' },
    });
    expect(r.status).toBe(200);
    expect(r.json.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(r.json.user).toEqual({
      id: expect.any(String),
      username: 'member1',
      displayName: '组员一',
      isAdmin: false,
      active: true,
    });
    expect(JSON.stringify(r.json)).not.toMatch(/argon2|hash/i);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/rectify_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await t.call('GET', '/api/auth/me', { token: r.json.token });
    expect(me.status).toBe(200);
    expect(me.json.user.username).toBe('member1');
  });

  it('answers 401 in the error shape for a wrong password', async () => {
    const r = await t.call('POST', '/api/auth/login', {
      body: { username: 'member1', password: 'nope' },
    });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
  });

  it('answers 400 in the error shape for malformed JSON and for a missing field', async () => {
    const bad = await t.call('POST', '/api/auth/login', { body: '{"username": ' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('bad_request');
    const missing = await t.call('POST', '/api/auth/login', { body: { username: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toMatch(/password/);
    expect(missing.text).not.toMatch(/at .*\.ts/);
  });

  it('answers 404 in the error shape for an unknown route', async () => {
    const r = await t.call('GET', '/api/nope');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('not_found');
  });

  it('answers 401 to protected routes without a session', async () => {
    const r = await t.call('GET', '/api/rounds');
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe('unauthenticated');
  });
});
