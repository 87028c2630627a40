import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, insertUser } from '../testing.ts';
import { isAllowedOrigin } from './origin.ts';
import { login } from './test-world.ts';

describe('isAllowedOrigin', () => {
  it.each([
    ['http://localhost:8080', 'localhost:8080', undefined, true],
    ['https://rectify.example.edu', 'rectify.example.edu', undefined, true],
    ['https://rectify.example.edu', 'rectify.example.edu:443', undefined, true],
    ['http://localhost:8080', 'localhost:8081', undefined, false],
    ['https://evil.example', 'rectify.example.edu', undefined, false],
    ['https://rectify.example.edu.evil.example', 'rectify.example.edu', undefined, false],
    // Behind a proxy the Host is internal; the public URL is what browsers see.
    ['https://rectify.example.edu', '10.0.0.5:8080', 'https://rectify.example.edu', true],
    ['https://rectify.example.edu', '10.0.0.5:8080', 'https://rectify.example.edu/app/', true],
    ['http://rectify.example.edu', '10.0.0.5:8080', 'https://rectify.example.edu', false],
    ['null', 'localhost', undefined, false],
    [undefined, 'localhost', undefined, false],
    ['', 'localhost', undefined, false],
    ['file:///etc/passwd', 'localhost', undefined, false],
    ['not a url', 'localhost', undefined, false],
    ['http://localhost', undefined, undefined, false],
  ] as const)('%s to host %s (public %s): %s', (origin, host, publicUrl, expected) => {
    expect(isAllowedOrigin(origin, host, publicUrl)).toBe(expected);
  });
});

describeEachDatabase('cross-site request refusal', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let token: string;
  const cookie = () => `rectify_session=${token}`;
  beforeAll(async () => {
    t = await createTestApi(db().sql, { publicUrl: 'https://rectify.example.edu' });
    await insertUser(db().sql, { username: 'admin', isAdmin: true });
  });
  afterAll(() => t.cleanup());

  const postUnit = (name: string, headers: Record<string, string>, bearer = false) =>
    t.call('POST', '/api/units', { body: { name }, headers, token: bearer ? token : undefined });

  it('refuses a cookie-authenticated change from another site with 403 in the error shape', async () => {
    token = await login(t, 'admin');
    const attempts: Record<string, string>[] = [
      { cookie: cookie(), origin: 'https://evil.example' },
      { cookie: cookie(), origin: 'null' },
      { cookie: cookie(), 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of attempts) {
      const r = await postUnit('教务处', headers);
      expect(r.status).toBe(403);
      expect(r.json).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    }
    const [row] = await db().sql`SELECT 1 FROM units`;
    expect(row).toBeUndefined();
  });

  it('refuses a cross-site form post carrying the cookie (Hono csrf)', async () => {
    const res = await t.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x=1',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as any).error.code).toBe('forbidden');
    expect((await t.call('GET', '/api/auth/me', { token })).status).toBe(200);
  });

  it('accepts the same change from the same origin or the public URL', async () => {
    const same = await postUnit('教务处', { cookie: cookie(), origin: 'http://localhost' });
    expect(same.status).toBe(201);
    const pub = await postUnit('科研处', {
      cookie: cookie(),
      origin: 'https://rectify.example.edu',
      'sec-fetch-site': 'same-origin',
    });
    expect(pub.status).toBe(201);
  });

  it('leaves Bearer requests and reads alone', async () => {
    const bearer = await postUnit('后勤处', { origin: 'https://evil.example' }, true);
    expect(bearer.status).toBe(201);
    const read = await t.call('GET', '/api/units', {
      headers: { cookie: cookie(), origin: 'https://evil.example' },
    });
    expect(read.status).toBe(200);
  });
});
