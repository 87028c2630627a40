/**
 * Two real server processes (`main.ts`) on one PostgreSQL database and one
 * Redis, as `infra/docker-compose.yml` runs them: live edits converge across
 * nodes, a SIGKILLed node loses no acknowledged update while its client moves
 * to the other node (through a proxy standing in for the load balancer), and
 * disabling a user on one node closes their sockets on both.
 *
 * Needs TEST_DATABASE_URL and TEST_REDIS_URL (`.ci/run` sets both).
 */
import { createPgDocStore } from '@rectify/collab';
import { trackSaves } from '@rectify/collab/client';
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
import { startTcpProxy, type TcpProxy } from './testing/tcp-proxy.ts';

const DB = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
if (!DB || !REDIS) {
  console.log(
    '\n[rectify] TEST_DATABASE_URL and TEST_REDIS_URL are not both set: skipped the multi-node test.\n',
  );
}

describe.skipIf(!DB || !REDIS)('two app nodes on one PostgreSQL and one Redis', () => {
  let db: TestDatabaseHandle;
  let a: ServerProcess;
  let b: ServerProcess;
  /** The "load balancer": sends new connections to node A until A dies. */
  let lb: TcpProxy;
  let doc: string;
  const clients: LiveClient[] = [];
  const client = (...args: Parameters<typeof liveClient>): LiveClient => {
    const c = liveClient(...args);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    db = await createTestDatabase('postgres', { poolSize: 2 });
    const env = {
      DATABASE_URL: db.connectOptions.url!,
      // Channels are named by doc (fresh UUIDs per database): runs sharing Redis do not meet.
      REDIS_URL: REDIS!,
      DB_POOL_SIZE: '4',
      DEMO: '1',
    };
    // One after the other: the first seeds the demo round, the second finds it.
    a = await startServerProcess(env, { name: 'A' });
    b = await startServerProcess(env, { name: 'B' });
    lb = await startTcpProxy(a.port);
    doc = await demoReviewDoc(db.sql);
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.destroy();
    await Promise.all([a?.kill(), b?.kill()]);
    await lb?.close();
    await db?.drop();
  }, 30_000);

  it('makes stock clients on different nodes converge, presence included', async () => {
    const onA = client(a.url, doc, await login(a.url, 'member1'));
    const onB = client(b.url, doc, await login(b.url, 'member2'));
    await until('both synced', () => onA.provider.synced && onB.provider.synced);
    onA.doc.getMap<string>('converge').set('a', '来自 A');
    onB.doc.getMap<string>('converge').set('b', 'from B');
    const both = (c: LiveClient): boolean => c.doc.getMap('converge').size === 2;
    await until('convergence', () => both(onA) && both(onB));
    expect(onB.doc.getMap('converge').get('a')).toBe('来自 A');
    expect(onA.doc.getMap('converge').get('b')).toBe('from B');
    onA.provider.awareness.setLocalStateField('user', { name: '组员一' });
    await until(
      'presence on B',
      () => onB.provider.awareness.getStates().get(onA.doc.clientID)?.user?.name === '组员一',
    );
    onA.destroy();
    onB.destroy();
  });

  it('closes a disabled user’s sockets on both nodes', async () => {
    const token = await login(a.url, 'member2');
    const onA = client(a.url, doc, token);
    const onB = client(b.url, doc, token);
    await until('both synced', () => onA.provider.synced && onB.provider.synced);
    const admin = await login(a.url, 'admin');
    const users = (await (
      await fetch(`${a.url}/api/users`, { headers: { authorization: `Bearer ${admin}` } })
    ).json()) as Array<{ id: string; username: string }>;
    const member2 = users.find((u) => u.username === 'member2')!;
    const r = await fetch(`${a.url}/api/users/${member2.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    expect(r.status).toBe(200);
    await until('both closed', () => onA.closes.length > 0 && onB.closes.length > 0, 5000);
    expect(onA.closes[0]).toBe(4403);
    expect(onB.closes[0]).toBe(4403); // heard through Redis
  });

  it('loses no acknowledged update when a node is SIGKILLed; its client goes on on the other node', async () => {
    const [writerToken, observerToken] = [
      await login(a.url, 'member1'),
      await login(b.url, 'leader1'),
    ];
    const writer = client(`http://127.0.0.1:${lb.port}`, doc, writerToken, { acks: '1' });
    const saves = trackSaves(writer.provider, writer.doc); // before its socket opens
    const observer = client(b.url, doc, observerToken);
    await until(
      'writer and observer synced',
      () => writer.provider.synced && observer.provider.synced,
    );
    const map = writer.doc.getMap<number>('kill');
    const UPDATES = 400;
    const killAt = 120 + Math.floor(Math.random() * 160);
    const clockAfter: number[] = [];
    let killed: Promise<void> | undefined;
    for (let i = 0; i < UPDATES; i++) {
      map.set(`u${i}`, i);
      clockAfter.push(Y.getState(writer.doc.store, writer.doc.clientID));
      if (i === killAt) killed = a.kill();
      if (i % 4 === 3) await sleep(2);
    }
    await killed;
    await until('writer notices', () => !writer.provider.wsconnected);
    const savedClock = saves.savedClock();
    const acked = clockAfter.filter((clock) => clock <= savedClock).length;

    // Before the client can resend anything: every acked update is in PostgreSQL.
    const stored = new Y.Doc();
    for (const u of await createPgDocStore(db.sql).load(doc)) Y.applyUpdate(stored, u);
    const storedMap = stored.getMap<number>('kill');
    const lost = Array.from({ length: acked }, (_, i) => `u${i}`).filter((k) => !storedMap.has(k));
    console.info(
      `[multi-node] killed A after update ${killAt}: ${acked} acked, ${storedMap.size} stored`,
    );
    expect(acked).toBeGreaterThan(0);
    expect(lost).toEqual([]);

    // The load balancer moves to B; the stock client reconnects there by itself.
    lb.retarget(b.port);
    await until('writer saved on B', () => saves.state() === 'saved', 20_000);
    expect(saves.savedClock()).toBe(clockAfter.at(-1));
    await until('observer has every update', () => observer.doc.getMap('kill').size === UPDATES);
    expect(observer.doc.getMap<number>('kill').get(`u${UPDATES - 1}`)).toBe(UPDATES - 1);
  }, 60_000);
});
