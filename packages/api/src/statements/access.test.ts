import { paragraphsToRichText } from '@rectify/domain';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { evidence } from '../evidence/evidence-routes.ts';
import { evidenceTextSettled } from '../evidence/extract-text.ts';
import { makePdf } from '../evidence/testing/files.ts';
import { uploadRaw } from '../evidence/testing/upload.ts';
import { statements } from './statement-routes.ts';
import { tasks } from './tasks-routes.ts';
import { createPortalTestApi } from './testing/portal-api.ts';
import { type PortalRound, seedPortalRound } from './testing/seed-round.ts';

/** Every route of the portal, aimed at unit A's material. */
function routesOnUnitA(r: PortalRound, ids: { version: string; evidence: string }) {
  const ev = `/api/evidence/${ids.evidence}`;
  const sv = `/api/statement-versions/${ids.version}`;
  const taskUnit = { taskId: r.tasks.T1, unitId: r.units.A };
  return [
    {
      route: 'GET /rounds/:roundId/units/:unitId/tasks',
      method: 'GET',
      path: `/api/rounds/${r.roundId}/units/${r.units.A}/tasks`,
    },
    {
      route: 'GET /tasks/:taskId',
      method: 'GET',
      path: `/api/tasks/${r.tasks.T1}?unitId=${r.units.A}`,
    },
    {
      route: 'PUT /statements/draft',
      method: 'PUT',
      path: '/api/statements/draft',
      body: { ...taskUnit, body: paragraphsToRichText(['改写']) },
    },
    {
      route: 'POST /statements/submit',
      method: 'POST',
      path: '/api/statements/submit',
      body: taskUnit,
    },
    { route: 'GET /statement-versions/:id', method: 'GET', path: sv },
    { route: 'GET /statement-versions/:id/diff', method: 'GET', path: `${sv}/diff` },
    { route: 'POST /', method: 'UPLOAD', path: '' },
    { route: 'GET /:id', method: 'GET', path: ev },
    { route: 'DELETE /:id', method: 'DELETE', path: ev },
    { route: 'GET /:id/download', method: 'GET', path: `${ev}/download` },
    { route: 'GET /:id/raw', method: 'GET', path: `${ev}/raw` },
    { route: 'GET /:id/preview', method: 'GET', path: `${ev}/preview` },
    { route: 'GET /:id/pages/:page/text', method: 'GET', path: `${ev}/pages/1/text` },
  ] as const;
}

describeEachDatabase('portal access: other units and other groups see nothing', (db) => {
  let t: Awaited<ReturnType<typeof createPortalTestApi>>;
  let r: PortalRound;
  let ids: { version: string; evidence: string };
  let pdf: Buffer;
  beforeAll(async () => {
    t = await createPortalTestApi(db().sql);
    r = await seedPortalRound(db().sql, t, 'ac');
    pdf = await makePdf([['unit A only']]);
    const up = await uploadRaw(
      t,
      r.tokens.contactA,
      { taskId: r.tasks.T1, unitId: r.units.A, filename: 'A.pdf' },
      pdf,
    );
    await t.call('PUT', '/api/statements/draft', {
      token: r.tokens.contactA,
      body: { taskId: r.tasks.T1, unitId: r.units.A, body: paragraphsToRichText(['教务处的陈述']) },
    });
    const v = await t.call('POST', '/api/statements/submit', {
      token: r.tokens.contactA,
      body: { taskId: r.tasks.T1, unitId: r.units.A },
    });
    ids = { version: v.json.id, evidence: up.json.id };
  });
  afterAll(async () => {
    await evidenceTextSettled();
    t.cleanup();
  });

  const send = async (
    route: ReturnType<typeof routesOnUnitA>[number],
    token: string | undefined,
  ) => {
    if (route.method === 'UPLOAD') {
      if (!token) {
        const res = await t.app.request(
          `/api/evidence?taskId=${r.tasks.T1}&unitId=${r.units.A}&filename=x.pdf`,
          { method: 'POST', body: pdf },
        );
        return res.status;
      }
      return (
        await uploadRaw(t, token, { taskId: r.tasks.T1, unitId: r.units.A, filename: 'x.pdf' }, pdf)
      ).status;
    }
    return (
      await t.call(route.method, route.path, {
        token,
        body: 'body' in route ? route.body : undefined,
      })
    ).status;
  };

  it('covers every route the portal routers define', () => {
    const table = new Set(
      routesOnUnitA({ roundId: '', units: {}, tasks: {} } as never, {
        version: '',
        evidence: '',
      }).map((x) => x.route),
    );
    const defined = [...tasks.routes, ...statements.routes, ...evidence.routes].map(
      (x) => `${x.method} ${x.path}`,
    );
    // my-tasks names no unit: it answers the caller's own units (checked below).
    expect(new Set(defined)).toEqual(new Set([...table, 'GET /rounds/:roundId/my-tasks']));
  });

  it('describes every portal route in the OpenAPI document', async () => {
    const doc = await t.call('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.json.paths)).toEqual(
      expect.arrayContaining([
        '/api/rounds/{roundId}/my-tasks',
        '/api/rounds/{roundId}/units/{unitId}/tasks',
        '/api/tasks/{taskId}',
        '/api/statements/draft',
        '/api/statements/submit',
        '/api/statement-versions/{id}',
        '/api/statement-versions/{id}/diff',
        '/api/evidence',
        '/api/evidence/{id}',
        '/api/evidence/{id}/download',
        '/api/evidence/{id}/raw',
        '/api/evidence/{id}/preview',
        '/api/evidence/{id}/pages/{page}/text',
      ]),
    );
  });

  it("never lists another unit's tasks in the caller's own portal", async () => {
    for (const who of ['contactB', 'contactC', 'member2'] as const) {
      const res = await t.call('GET', `/api/rounds/${r.roundId}/my-tasks`, {
        token: r.tokens[who],
      });
      expect(res.status).toBe(200);
      expect(res.json.map((u: any) => u.unit.id)).not.toContain(r.units.A);
      expect(JSON.stringify(res.json)).not.toContain('教务处');
    }
  });

  for (const who of ['contactB', 'contactC', 'member2'] as const) {
    it(`answers 404 to ${who} on every route, and audits each refusal`, async () => {
      const [{ before }] = (await db().sql`
        SELECT count(*)::int AS before FROM audit_log WHERE outcome = 'denied'`) as never as [
        { before: number },
      ];
      const routes = routesOnUnitA(r, ids);
      const statuses = [];
      for (const route of routes) statuses.push([route.route, await send(route, r.tokens[who])]);
      expect(statuses).toEqual(routes.map((x) => [x.route, 404]));
      const [{ after }] = (await db().sql`
        SELECT count(*)::int AS after FROM audit_log WHERE outcome = 'denied'`) as never as [
        { after: number },
      ];
      expect(after - before).toBe(routes.length);
    });
  }

  it('answers 401 to anonymous callers on every route', async () => {
    const routes = routesOnUnitA(r, ids);
    const statuses = [];
    for (const route of routes) statuses.push([route.route, await send(route, undefined)]);
    expect(statuses).toEqual(routes.map((x) => [x.route, 401]));
    // Before any input is validated: no hint of what a route expects.
    expect((await t.call('GET', `/api/tasks/${r.tasks.T1}`)).status).toBe(401);
    expect((await t.call('POST', '/api/evidence')).status).toBe(401);
    expect(
      (await t.call('PUT', '/api/statements/draft', { body: { nonsense: true } })).status,
    ).toBe(401);
  });

  it('leaves the material untouched by those attempts', async () => {
    const own = await t.call('GET', `/api/tasks/${r.tasks.T1}?unitId=${r.units.A}`, {
      token: r.tokens.contactA,
    });
    expect(own.json.versions).toHaveLength(1);
    expect(own.json.statement.draft).toEqual(paragraphsToRichText(['教务处的陈述']));
    expect(own.json.evidence.map((e: any) => e.id)).toEqual([ids.evidence]);
  });
});
