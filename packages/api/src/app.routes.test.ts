import { randomUUID } from 'node:crypto';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_AUTH } from './deps.ts';
import { PUBLIC_ROUTES } from './lib/authorize.ts';
import { login, seedWorld, type World } from './lib/test-world.ts';
import { createTestApi, insertUser } from './testing.ts';

/** The only routes that may answer without asking the policy. Change with care. */
const EXPECTED_PUBLIC = [
  'GET /api/health',
  'GET /api/openapi.json',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'POST /api/auth/password',
];

const METHOD_ORDER = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Routes an administrator's plausible call must get through (2xx), not just be refused. */
const ADMIN_SUCCEEDS = [
  'GET /api/users',
  'POST /api/users',
  'PATCH /api/users/:id',
  'POST /api/users/:id/reset-password',
  'GET /api/units',
  'POST /api/units',
  'GET /api/audit',
  'GET /api/audit/verify',
  'GET /api/rounds',
  'POST /api/rounds',
  'GET /api/rounds/:roundId/overview',
  'GET /api/rounds/:roundId/progress/weekly',
  'GET /api/rounds/:roundId/groups',
  'POST /api/rounds/:roundId/groups',
  'PATCH /api/rounds/:roundId/groups/:groupId',
  'DELETE /api/rounds/:roundId/groups/:groupId',
  'GET /api/rounds/:roundId/memberships',
  'POST /api/rounds/:roundId/memberships',
  'GET /api/rounds/:roundId/units',
  'GET /api/rounds/:roundId/units/:unitId',
  'PUT /api/rounds/:roundId/units/:unitId/assignment',
  'GET /api/rounds/:roundId/recusals',
  'POST /api/rounds/:roundId/recusals',
  'GET /api/auth/me',
  'POST /api/auth/logout',
];

/**
 * Enumerates the app's routes and calls every one of them, so a route added
 * without a policy decision fails here (the fail-closed 500) before it ships.
 */
describeEachDatabase('every route makes a policy decision', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  let spare: { userId: string; groupId: string };
  let routes: { method: string; path: string; key: string }[];
  let bodied: Set<string>;
  let n = 0;

  /**
   * A plausible body for every route that takes one; a new route must add its
   * own. JSON is sent as JSON; FormData, bytes and strings as they are.
   */
  const bodies: Record<string, () => unknown> = {
    'POST /api/auth/login': () => ({ username: 'nobody', password: 'not-the-password' }),
    'POST /api/auth/password': () => ({
      currentPassword: 'not-the-password',
      newPassword: 'a-brand-new-password',
    }),
    'POST /api/users': () => ({
      username: `user${++n}`,
      displayName: `用户${n}`,
      password: 'long-enough-password',
    }),
    'PATCH /api/users/:id': () => ({ displayName: '备用账号' }),
    'POST /api/users/:id/reset-password': () => ({ password: 'another-long-password' }),
    'POST /api/units': () => ({ name: `单位${++n}` }),
    'POST /api/rounds': () => ({ name: `轮次${++n}` }),
    'POST /api/rounds/:roundId/groups': () => ({ name: `组${++n}` }),
    'PATCH /api/rounds/:roundId/groups/:groupId': () => ({ ordinal: 9 }),
    'POST /api/rounds/:roundId/memberships': () => ({
      userId: spare.userId,
      role: 'member',
      groupId: spare.groupId,
    }),
    'POST /api/rounds/:roundId/recusals': () => ({ userId: spare.userId, unitId: w.units.loose }),
    'PUT /api/rounds/:roundId/units/:unitId/assignment': () => ({ groupId: spare.groupId }),
    'POST /api/rounds/:roundId/ledger/preview': () => ledgerForm(),
    'POST /api/rounds/:roundId/ledger/import': () => ledgerForm(),
    'PUT /api/statements/draft': () => ({
      taskId: randomUUID(),
      unitId: w.units.b1,
      body: { type: 'doc', content: [{ type: 'paragraph' }] },
    }),
    'POST /api/statements/submit': () => ({ taskId: randomUUID(), unitId: w.units.b1 }),
    'POST /api/evidence': () => new Uint8Array(Buffer.from('%PDF-1.7\n')),
    'POST /api/rounds/:roundId/findings': () => ({ unitId: w.units.b1, title: '发现问题' }),
    'PATCH /api/findings/:id': () => ({ title: '改' }),
    'POST /api/findings/:id/transitions': () => ({ to: 'confirmed' }),
    'POST /api/findings/:id/merge': () => ({ sourceId: randomUUID() }),
    'POST /api/findings/:id/split': () => ({ title: '拆', annotationIds: ['a'] }),
    'POST /api/rounds/:roundId/meetings': () => ({ heldOn: '2026-03-02' }),
    'PATCH /api/meetings/:id': () => ({ title: '例会' }),
    'POST /api/meetings/:id/decisions': () => ({ text: '决定' }),
    'POST /api/meetings/:id/action-items': () => ({ title: '事项' }),
    'PATCH /api/action-items/:id': () => ({ done: true }),
    'POST /api/rounds/:roundId/reports': () => ({ unitId: w.units.b1 }),
    'PATCH /api/reports/:id': () => ({ opening: '开头' }),
    'POST /api/findings/:id/responses': () => ({ measures: '整改措施', evidenceIds: [] }),
    'POST /api/findings/:id/evidence': () => new Uint8Array(Buffer.from('%PDF-1.7\n')),
    'POST /api/rectification-responses/:id/review': () => ({ decision: 'return', comment: '退回' }),
    'PUT /api/rounds/:roundId/framework': () => ({ framework: { name: 'x' } }),
    'POST /api/rounds/:roundId/state': () => ({ state: 'active' }),
    'POST /api/rounds/:roundId/interviews': () => ({
      unitId: w.units.b1,
      heldOn: '2026-03-02',
      intervieweeName: '王五',
    }),
    'PATCH /api/interviews/:id': () => ({ place: '会议室' }),
    'POST /api/interviews/:id/attachments': () => new Uint8Array(Buffer.from('%PDF-1.7\n')),
  };
  const ledgerForm = () => {
    const f = new FormData();
    f.set('file', new File(['问题,整改任务,牵头单位\n'], 'ledger.csv', { type: 'text/csv' }));
    return f;
  };

  /** Real ids where the route names one we have; a random UUID otherwise. */
  const fill = (path: string) =>
    path.replace(/:(\w+)/g, (_, name: string) => {
      const known: Record<string, string> = {
        roundId: w.roundId,
        groupId: spare.groupId,
        unitId: w.units.b1,
        userId: spare.userId,
        id: spare.userId,
        page: '1',
      };
      return known[name] ?? randomUUID();
    });

  beforeAll(async () => {
    // Plenty of room for the deliberate wrong passwords below.
    t = await createTestApi(db().sql, { auth: { ...DEFAULT_AUTH, maxFailures: 1000 } });
    w = await seedWorld(t, db().sql);
    const [g] = await db().sql<{ id: string }[]>`
      INSERT INTO inspection_groups (round_id, name, ordinal)
      VALUES (${w.roundId}, '备用组', 9) RETURNING id`;
    spare = { userId: await insertUser(db().sql, { username: 'spare' }), groupId: g!.id };
    const seen = new Set<string>();
    routes = t.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ method: r.method, path: r.path, key: `${r.method} ${r.path}` }))
      .filter((r) => !seen.has(r.key) && seen.add(r.key))
      // Deletions last, and signing out at the very end: they end what later calls need.
      .sort(
        (a, b) =>
          Number(a.key === 'POST /api/auth/logout') - Number(b.key === 'POST /api/auth/logout') ||
          METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method),
      );
    const doc = await t.call('GET', '/api/openapi.json');
    bodied = new Set(
      Object.entries(
        doc.json.paths as Record<string, Record<string, { requestBody?: unknown }>>,
      ).flatMap(([p, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => op.requestBody)
          .map(([m]) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
  });
  afterAll(() => t.cleanup());

  const call = async (r: { method: string; path: string; key: string }, token?: string) => {
    const body = bodies[r.key]?.();
    const raw = body instanceof FormData || body instanceof Uint8Array || typeof body === 'string';
    if (!raw) return t.call(r.method, fill(r.path), { token, body });
    const res = await t.app.request(fill(r.path), {
      method: r.method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: body as FormData | Uint8Array<ArrayBuffer> | string,
    });
    const text = await res.text();
    const json = (() => {
      try {
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    })();
    return { status: res.status, json, text };
  };

  it('finds the routes, and a plausible body for each that takes one', () => {
    expect(routes.length).toBeGreaterThan(20);
    const missing = [...bodied].filter((k) => !bodies[k]);
    expect(missing, 'add a plausible body for these routes').toEqual([]);
  });

  it('has exactly the expected public routes, each a real route', () => {
    expect([...PUBLIC_ROUTES].sort()).toEqual([...EXPECTED_PUBLIC].sort());
    const keys = new Set(routes.map((r) => r.key));
    for (const k of EXPECTED_PUBLIC) expect(keys.has(k), k).toBe(true);
  });

  it('answers 401 to every other route without a session', async () => {
    for (const r of routes.filter((r) => !PUBLIC_ROUTES.has(r.key))) {
      const res = await call(r);
      expect(res.status, `${r.key}: ${res.text}`).toBe(401);
    }
  });

  for (const who of ['contact', 'member1', 'member2', 'leadership', 'admin'] as const) {
    it(`never fails closed for lack of a decision when called by ${who}`, async () => {
      // A fresh session: the routes include signing out and changing the password.
      const token = await login(t, who);
      const answers: string[] = [];
      for (const r of routes) {
        const res = await call(r, token);
        answers.push(`${r.key} → ${res.status}`);
        expect(res.json?.error?.message ?? '', r.key).not.toMatch(/No access decision/);
        expect(res.status, `${r.key}: ${res.text}`).not.toBe(500);
      }
      if (who === 'admin') {
        // The administrator reaches the success path of the setup routes.
        const ok = new Set(answers.filter((a) => / → 20\d$/.test(a)).map((a) => a.split(' → ')[0]));
        const missed = ADMIN_SUCCEEDS.filter((k) => !ok.has(k));
        expect(missed, answers.join('\n')).toEqual([]);
      }
    });
  }
});
