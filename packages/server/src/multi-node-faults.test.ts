/**
 * Faults two app nodes survive: PostgreSQL going away under one node while
 * its clients edit, and Redis going away (for both nodes, then for one).
 * Each service is taken away through a TCP proxy the test controls, between
 * one node and the real service, so other suites using the same PostgreSQL
 * and Redis at the same time are not disturbed.
 *
 * Runs in CI (`CI` set, as `.ci/run` does) or with FAULT_TESTS=1, and needs
 * TEST_DATABASE_URL and TEST_REDIS_URL.
 */
import { createPgDocStore } from '@rectify/collab';
import { type SaveTracker, trackSaves } from '@rectify/collab/client';
import { createTestDatabase, type TestDatabaseHandle } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  demoReviewDoc,
  type LiveClient,
  liveClient,
  login,
  sleep,
  until,
} from './testing/live-clients.ts';
import { type ServerProcess, startServerProcess } from './testing/server-process.ts';
import { portOf, startTcpProxy, type TcpProxy, throughProxy } from './testing/tcp-proxy.ts';

const DB = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
const WANTED = Boolean(process.env.CI || process.env.FAULT_TESTS === '1');
const RUN = Boolean(DB && REDIS && WANTED);
if (!RUN) {
  console.log(
    '\n[rectify] skipped the fault tests (PostgreSQL and Redis outages): they run with CI=1 or FAULT_TESTS=1, and TEST_DATABASE_URL and TEST_REDIS_URL.\n',
  );
}

describe.skipIf(!RUN)('two app nodes through PostgreSQL and Redis outages', () => {
  let db: TestDatabaseHandle;
  /** Node A reaches PostgreSQL and Redis through proxies; node B reaches Redis through its own. */
  let a: ServerProcess;
  let b: ServerProcess;
  let pgA: TcpProxy;
  let redisA: TcpProxy;
  let redisB: TcpProxy;
  let doc: string;
  const clients: LiveClient[] = [];
  const client = (...args: Parameters<typeof liveClient>): LiveClient => {
    const c = liveClient(...args);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = await createTestDatabase('postgres', { poolSize: 2 });
    const url = db.connectOptions.url!;
    pgA = await startTcpProxy(portOf(url));
    redisA = await startTcpProxy(portOf(REDIS!));
    redisB = await startTcpProxy(portOf(REDIS!));
    const common = { DEMO: '1', DB_POOL_SIZE: '4' };
    a = await startServerProcess(
      { ...common, DATABASE_URL: throughProxy(url, pgA), REDIS_URL: throughProxy(REDIS!, redisA) },
      { name: 'A' },
    );
    b = await startServerProcess(
      { ...common, DATABASE_URL: url, REDIS_URL: throughProxy(REDIS!, redisB) },
      { name: 'B' },
    );
    doc = await demoReviewDoc(db.sql);
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await Promise.all([a?.kill(), b?.kill()]);
    await Promise.all([pgA?.close(), redisA?.close(), redisB?.close()]);
    await db?.drop();
  }, 30_000);

  /** How often a node has logged that Redis is back (and its open docs resynced). */
  const recoveries = (node: ServerProcess): number =>
    node.output().split('Redis is back').length - 1;

  async function storedKeys(map: string): Promise<Set<string>> {
    const stored = new Y.Doc();
    for (const u of await createPgDocStore(db.sql).load(doc)) Y.applyUpdate(stored, u);
    return new Set(stored.getMap(map).keys());
  }

  it('serves each node’s own clients while Redis is away, and catches up when it returns', async () => {
    const [m1, m2, l1] = [
      await login(a.url, 'member1'),
      await login(a.url, 'member2'),
      await login(b.url, 'leader1'),
    ];
    const a1 = client(a.url, doc, m1);
    const a2 = client(a.url, doc, m2);
    const b1 = client(b.url, doc, l1);
    await until('all synced', () => [a1, a2, b1].every((c) => c.provider.synced));
    const keys = (c: LiveClient): string[] => [...c.doc.getMap('redis').keys()].sort();
    a1.doc.getMap('redis').set('live', 1);
    await until('fan-out works', () => keys(b1).includes('live'));

    // Redis stops for both nodes.
    redisA.cut();
    redisB.cut();
    a1.doc.getMap('redis').set('fromA', 1);
    b1.doc.getMap('redis').set('fromB', 1);
    await until('A serves its own clients', () => keys(a2).includes('fromA'));
    await sleep(500);
    expect(keys(b1)).not.toContain('fromA');
    expect(keys(a1)).not.toContain('fromB');
    redisA.restore();
    redisB.restore();
    const all = ['fromA', 'fromB', 'live'];
    await until('caught up after Redis returns', () =>
      [a1, a2, b1].every((c) => keys(c).join() === all.join()),
    );

    // Both nodes back on Redis: each reconnects on its own timer, and a node
    // can see the other's updates (through a resync) before its own recovery.
    await until('both nodes recovered', () => recoveries(a) === 1 && recoveries(b) === 1);
    // And their reloads done: a round trip through Redis both ways, then a moment.
    b1.doc.getMap('redis').set('pingB', 1);
    a1.doc.getMap('redis').set('pingA', 1);
    await until('live both ways', () => keys(a1).includes('pingB') && keys(b1).includes('pingA'));
    all.push('pingA', 'pingB');
    await sleep(300);

    // Only node A loses Redis: B never notices, and learns from A's resync when it is back.
    redisA.cut();
    a1.doc.getMap('redis').set('aloneA', 1);
    b1.doc.getMap('redis').set('aloneB', 1);
    await until('A serves its own clients again', () => keys(a2).includes('aloneA'));
    await sleep(500);
    expect(keys(b1)).not.toContain('aloneA');
    expect(recoveries(b)).toBe(1);
    redisA.restore();
    const all2 = ['aloneA', 'aloneB', ...all].sort();
    // (Everything else arrived through the resync A announced: B's Redis never dropped.)
    await until('caught up after A reconnects', () =>
      [a1, a2, b1].every((c) => keys(c).join() === all2.join()),
    );
    expect(a.process.exitCode).toBeNull();
    expect(b.process.exitCode).toBeNull();
  }, 60_000);

  // Last: after a PostgreSQL outage postgres.js may wait up to 20 s before reconnecting.
  it('keeps serving while PostgreSQL is away, acks nothing, then stores and acks everything', async () => {
    const token = await login(a.url, 'member1');
    const writer = client(a.url, doc, token, { acks: '1' });
    const saves: SaveTracker = trackSaves(writer.provider, writer.doc);
    await until('writer synced', () => writer.provider.synced);
    const map = writer.doc.getMap<number>('pg');
    map.set('before', 0);
    await until('saved before the outage', () => saves.state() === 'saved');

    pgA.cut();
    for (let i = 0; i < 20; i++) map.set(`during${i}`, i);
    await sleep(1500);
    expect(saves.state()).toBe('saving'); // the editor shows 保存中…
    expect(writer.provider.wsconnected).toBe(true);
    expect(a.process.exitCode).toBeNull();
    const health = await fetch(`${a.url}/api/health`);
    expect(health.status).toBeGreaterThanOrEqual(200); // answers, whatever it says of the database
    expect([...(await storedKeys('pg'))].filter((k) => k.startsWith('during'))).toEqual([]);

    pgA.restore();
    // postgres.js waits up to 20 s between reconnection attempts after repeated failures.
    await until('saved after PostgreSQL is back', () => saves.state() === 'saved', 30_000);
    expect(saves.savedClock()).toBe(Y.getState(writer.doc.store, writer.doc.clientID));
    const stored = await storedKeys('pg');
    expect(Array.from({ length: 20 }, (_, i) => stored.has(`during${i}`))).not.toContain(false);
    expect(stored.has('before')).toBe(true);
  }, 60_000);
});
