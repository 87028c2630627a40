import { OpenAPIHono } from '@hono/zod-openapi';
import { createSession } from '@rectify/store';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApiEnv } from '../env.ts';
import { handleError, notFound } from '../errors.ts';
import { sessionMiddleware } from '../lib/actor.ts';
import { addressMiddleware } from '../lib/address.ts';
import { createTestApi, insertUser } from '../testing.ts';
import { readSheet } from './read-sheet.ts';
import { ledger } from './routes.ts';
import { ledgerRows, realisticXlsx, seedRound, twoBadRowsXlsx } from './testing.ts';

const json = async (res: Response) => (await res.json()) as any;

describeEachDatabase('ledger routes', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let app: OpenAPIHono<ApiEnv>;
  let admin: string;
  let member: string;
  let roundId: string;
  let xlsx: Uint8Array;

  beforeAll(async () => {
    const { sql } = db();
    t = await createTestApi(sql);
    // The ledger router is not mounted in createApi yet: mount it the way app.ts would.
    app = new OpenAPIHono<ApiEnv>();
    app.onError(handleError);
    app.notFound(notFound);
    app.use('*', async (c, next) => {
      c.set('deps', t.deps);
      await next();
    });
    app.use('*', addressMiddleware);
    app.use('/api/*', sessionMiddleware);
    app.route('/api/rounds', ledger);
    app.doc31('/api/openapi.json', { openapi: '3.1.0', info: { title: 't', version: 't' } });

    const session = async (username: string, isAdmin: boolean) => {
      const id = await insertUser(sql, { username, isAdmin });
      return (await createSession(sql, id, t.clock(), t.deps.auth)).token;
    };
    admin = await session('admin', true);
    member = await session('member1', false);
    roundId = await seedRound(sql);
    xlsx = await realisticXlsx();
  });
  afterAll(() => t.cleanup());

  const upload = (
    path: string,
    opts: { token?: string; bytes?: Uint8Array; name?: string; options?: unknown } = {},
  ) => {
    const form = new FormData();
    form.set('file', new File([opts.bytes ?? xlsx], opts.name ?? '台账.xlsx'));
    if (opts.options !== undefined) {
      form.set(
        'options',
        typeof opts.options === 'string' ? opts.options : JSON.stringify(opts.options),
      );
    }
    return app.request(path, {
      method: 'POST',
      body: form,
      headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
    });
  };

  it('previews an uploaded ledger as JSON and writes nothing', async () => {
    const res = await upload(`/api/rounds/${roundId}/ledger/preview`, { token: admin });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.counts).toEqual({ created: 5, updated: 0, unchanged: 0 });
    expect(body.units.proposed).toEqual([{ name: '国有资产管理处', rows: [9, 10] }]);
    expect(body.mapping.columns.lead).toBe(4);
    expect(await ledgerRows(db().sql, roundId)).toEqual([]);
  });

  it('previews with an edited mapping sent in the options field', async () => {
    const res = await upload(`/api/rounds/${roundId}/ledger/preview`, {
      token: admin,
      options: { mapping: { columns: { problem: 1, task: 2, lead: 4 } } },
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.mapping).toEqual({ headerRow: 3, columns: { problem: 1, task: 2, lead: 4 } });
    expect(body.tasks[0].measures[0]).toMatchObject({ content: '', coUnits: [], deadlineText: '' });
  });

  it('refuses the import until the unknown unit is accepted, then imports', async () => {
    const path = `/api/rounds/${roundId}/ledger/import`;
    const refused = await upload(path, { token: admin });
    expect(refused.status).toBe(400);
    expect((await json(refused)).error).toMatchObject({
      code: 'bad_request',
      rows: [9, 10],
      units: ['国有资产管理处'],
    });
    const ok = await upload(path, { token: admin, options: { createUnits: ['国有资产管理处'] } });
    expect(ok.status).toBe(200);
    expect(await json(ok)).toEqual({
      counts: { created: 5, updated: 0, unchanged: 0 },
      problemsCreated: 2,
      unitsCreated: ['国有资产管理处'],
      absent: [],
    });
    const again = await upload(path, { token: admin });
    expect((await json(again)).counts).toEqual({ created: 0, updated: 0, unchanged: 5 });
  });

  it('answers 400 naming both bad rows of a bad ledger', async () => {
    const res = await upload(`/api/rounds/${roundId}/ledger/import`, {
      token: admin,
      bytes: await twoBadRowsXlsx(),
    });
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.rows).toEqual([5, 7]);
    expect(error.errors.map((e: any) => [e.row, e.field])).toEqual([
      [5, 'lead'],
      [7, 'deadline'],
    ]);
    expect(error.message).toMatch(/5, 7/);
  });

  it('downloads the ledger as an XLSX attachment with its Chinese file name', async () => {
    const res = await app.request(`/api/rounds/${roundId}/ledger.xlsx`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('2024年整改专项巡视整改任务落实情况一览表.xlsx')}`,
    );
    const sheet = await readSheet(new Uint8Array(await res.arrayBuffer()), 'x.xlsx');
    expect(sheet.rows.length).toBe(9);
  });

  it('answers 401 without a session and hides the round (404) from a non-administrator outside it, on every ledger route', async () => {
    const paths = ['preview', 'import'].map((p) => `/api/rounds/${roundId}/ledger/${p}`);
    for (const path of paths) {
      expect((await upload(path)).status).toBe(401);
      const res = await upload(path, { token: member });
      expect(res.status).toBe(404);
      expect((await json(res)).error.code).toBe('not_found');
    }
    const get = (token?: string) =>
      app.request(`/api/rounds/${roundId}/ledger.xlsx`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    expect((await get()).status).toBe(401);
    expect((await get(member)).status).toBe(404);
  });

  it('answers 404 for an unknown round and 400 for a malformed round id', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await upload(`/api/rounds/${missing}/ledger/preview`, { token: admin })).status).toBe(
      404,
    );
    expect((await upload('/api/rounds/nope/ledger/preview', { token: admin })).status).toBe(400);
  });

  it('answers 400 for options that are not JSON or not the right shape', async () => {
    const path = `/api/rounds/${roundId}/ledger/preview`;
    const notJson = await upload(path, { token: admin, options: '{oops' });
    expect(notJson.status).toBe(400);
    expect((await json(notJson)).error.message).toMatch(/options/);
    const wrong = await upload(path, {
      token: admin,
      options: { mapping: { columns: { task: -1 } } },
    });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).error.message).toMatch(/options\.mapping\.columns\.task/);
  });

  it('answers 400 without a file, and 415 for a file that is no spreadsheet', async () => {
    const form = new FormData();
    form.set('options', '{}');
    const none = await app.request(`/api/rounds/${roundId}/ledger/preview`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(none.status).toBe(400);
    const pdf = await upload(`/api/rounds/${roundId}/ledger/preview`, {
      token: admin,
      bytes: new TextEncoder().encode('%PDF-1.7'),
      name: 'x.pdf',
    });
    expect(pdf.status).toBe(415);
  });

  it('answers 413 to a file over 10 MB without reading it', async () => {
    const res = await upload(`/api/rounds/${roundId}/ledger/preview`, {
      token: admin,
      bytes: new Uint8Array(10 * 1024 * 1024 + 1),
      name: 'big.csv',
    });
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe('payload_too_large');
  });

  it('describes the three routes in the OpenAPI document', async () => {
    const doc = await json(await app.request('/api/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/rounds/{roundId}/ledger/preview',
        '/api/rounds/{roundId}/ledger/import',
        '/api/rounds/{roundId}/ledger.xlsx',
      ]),
    );
    const body = doc.paths['/api/rounds/{roundId}/ledger/import'].post.requestBody;
    expect(body.content['multipart/form-data'].schema.properties.file).toMatchObject({
      type: 'string',
      format: 'binary',
    });
  });
});
