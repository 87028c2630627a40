import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPortalTestApi } from '../statements/testing/portal-api.ts';
import { type PortalRound, seedPortalRound } from '../statements/testing/seed-round.ts';
import { evidenceTextSettled } from './extract-text.ts';

/** An HTTP request over a real socket, the body written in chunks as a browser would. */
function send(
  port: number,
  opts: { method: string; path: string; headers: Record<string, string>; chunks?: Buffer[] },
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, ...opts }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    (async () => {
      for (const c of opts.chunks ?? []) {
        if (!req.write(c)) await new Promise((r) => req.once('drain', r));
      }
      req.end();
    })().catch(reject);
  });
}

describeEachDatabase('evidence over @hono/node-server', (db) => {
  let t: Awaited<ReturnType<typeof createPortalTestApi>>;
  let r: PortalRound;
  let server: ReturnType<typeof serve>;
  let port: number;
  beforeAll(async () => {
    t = await createPortalTestApi(db().sql, { maxUploadBytes: 16 * 1024 * 1024 });
    r = await seedPortalRound(db().sql, t, 'ns');
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((res) => (server.listening ? res() : server.once('listening', res)));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((res) => server.close(() => res()));
    await evidenceTextSettled();
    t.cleanup();
  });

  it('streams a raw upload from the socket into the blob store and back out as a download', async () => {
    const chunks = [
      Buffer.from('%PDF-1.7\n'),
      ...Array.from({ length: 32 }, () => randomBytes(256 * 1024)),
    ];
    const whole = Buffer.concat(chunks);
    const query = new URLSearchParams({
      taskId: r.tasks.T1,
      unitId: r.units.A,
      filename: '扫描件.pdf',
    });
    const up = await send(port, {
      method: 'POST',
      path: `/api/evidence?${query}`,
      headers: {
        authorization: `Bearer ${r.tokens.contactA}`,
        'content-type': 'application/pdf',
        'content-length': String(whole.length),
      },
      chunks,
    });
    expect(up.status).toBe(201);
    const json = JSON.parse(up.body.toString());
    expect(json).toMatchObject({
      hash: createHash('sha256').update(whole).digest('hex'),
      size: whole.length,
      storedName: '扫描件.pdf',
    });

    const dl = await send(port, {
      method: 'GET',
      path: `/api/evidence/${json.id}/download`,
      headers: { authorization: `Bearer ${r.tokens.member1}` },
    });
    expect(dl.status).toBe(200);
    expect(dl.headers['content-length']).toBe(String(whole.length));
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.body.equals(whole)).toBe(true);
  });

  it('answers 413 for a declared length over the limit without waiting for the body', async () => {
    const query = new URLSearchParams({
      taskId: r.tasks.T1,
      unitId: r.units.A,
      filename: 'big.pdf',
    });
    const res = await send(port, {
      method: 'POST',
      path: `/api/evidence?${query}`,
      headers: {
        authorization: `Bearer ${r.tokens.contactA}`,
        'content-length': String(1024 * 1024 * 1024),
      },
      chunks: [Buffer.from('%PDF-1.7\n')],
    }).catch((e: Error) => ({ status: -1, headers: {}, body: Buffer.from(e.message) }));
    // The answer arrives while the client has sent a few bytes of its 1 GB.
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body.toString()).error.message).toContain('16 MB');
  });
});
