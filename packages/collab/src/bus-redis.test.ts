import { randomUUID } from 'node:crypto';
import { MemoryDocStore } from '@rectify/store';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocBusEvent } from './bus.ts';
import { createRedisBus, type RedisBus } from './bus-redis.ts';
import { Harness, sleep, waitFor } from './test-helpers.ts';
import { mergeYjsUpdates } from './yjs-merge.ts';

const REDIS = process.env.TEST_REDIS_URL;
if (!REDIS) console.log('[rectify] TEST_REDIS_URL is not set: skipped the Redis bus tests.');

const DOC = 'minutes.redis';
const h = new Harness();
const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await h.cleanup();
  for (const close of closers.splice(0).reverse()) await close();
});

/** Buses of one test share a prefix of their own, so tests running at once never hear each other. */
function buses(n: number): RedisBus[] {
  const prefix = `rectify-test:${randomUUID()}:`;
  return Array.from({ length: n }, () => {
    const bus = createRedisBus({ url: REDIS!, prefix, maxReconnectDelayMs: 200 });
    closers.push(() => bus.close());
    return bus;
  });
}

/** Drops a node's Redis connections (as a network cut would); ioredis reconnects by itself. */
async function cutConnections(bus: RedisBus, role: 'pub' | 'sub' | 'both'): Promise<void> {
  const admin = new Redis(REDIS!);
  try {
    const list = (await admin.client('LIST')) as string;
    const names = role === 'both' ? ['pub', 'sub'] : [role];
    for (const line of list.split('\n')) {
      const id = /\bid=(\d+)/.exec(line)?.[1];
      const name = /\bname=(\S+)/.exec(line)?.[1];
      if (id && names.some((r) => name === `rectify-${r}-${bus.nodeId.slice(0, 8)}`)) {
        await admin.client('KILL', 'ID', id);
      }
    }
  } finally {
    admin.disconnect();
  }
}

describe.skipIf(!REDIS)('the Redis bus', () => {
  it('carries doc events and revocations to the other nodes, never back to the sender', async () => {
    const [a, b] = buses(2);
    await Promise.all([a!.ready(), b!.ready()]);
    const heardA: DocBusEvent[] = [];
    const heardB: DocBusEvent[] = [];
    await a!.subscribe(DOC, (e) => heardA.push(e));
    await b!.subscribe(DOC, (e) => heardB.push(e));
    const revoked: Array<[string, boolean]> = [];
    a!.onAccessRevoked((e) => revoked.push([`a:${e.userId}`, false]));
    b!.onAccessRevoked((e, replayed) => revoked.push([`b:${e.userId}`, replayed]));
    a!.publish(DOC, { kind: 'update', update: new Uint8Array([7, 8, 9]) });
    a!.publish(DOC, { kind: 'awareness-query' });
    a!.publishAccessRevoked({ userId: 'user-1' });
    await waitFor('b hears both', () => heardB.length === 2 && revoked.length === 1);
    expect(heardB).toEqual([
      { kind: 'update', update: new Uint8Array([7, 8, 9]) },
      { kind: 'awareness-query' },
    ]);
    expect(revoked).toEqual([['b:user-1', false]]);
    await sleep(50);
    expect(heardA).toEqual([]);
  });

  it('makes stock clients on two collab nodes converge, each update stored once', async () => {
    const [busA, busB] = buses(2);
    await Promise.all([busA!.ready(), busB!.ready()]);
    const store = new MemoryDocStore({ merge: mergeYjsUpdates });
    let appends = 0;
    const counted = {
      load: (name: string) => store.load(name),
      append: (name: string, update: Uint8Array) => {
        appends++;
        return store.append(name, update);
      },
    };
    const a = await h.start({ store: counted, bus: busA });
    const b = await h.start({ store: counted, bus: busB });
    const [ca, cb] = [h.client(a.base, DOC), h.client(b.base, DOC)];
    await Promise.all([h.synced(ca), h.synced(cb)]);
    ca.insert('一');
    cb.insert('二');
    await waitFor('convergence', () => ca.text().length === 2 && ca.text() === cb.text());
    ca.provider.awareness.setLocalStateField('user', { name: 'A' });
    await waitFor(
      'presence across nodes',
      () => cb.provider.awareness.getStates().get(ca.doc.clientID)?.user?.name === 'A',
    );
    expect(appends).toBe(2);
  });

  it('after losing Redis, reloads its open docs, tells the others to, and replays missed revocations', async () => {
    const [a, b] = buses(2);
    await Promise.all([a!.ready(), b!.ready()]);
    const heardA: DocBusEvent[] = [];
    const heardB: DocBusEvent[] = [];
    await a!.subscribe(DOC, (e) => heardA.push(e));
    await b!.subscribe(DOC, (e) => heardB.push(e));
    const revokedB: Array<[string, boolean]> = [];
    b!.onAccessRevoked((e, replayed) => revokedB.push([e.userId, replayed]));

    await cutConnections(b!, 'both');
    // Sent while b cannot hear it: b reads it back from the log once reconnected.
    a!.publishAccessRevoked({ userId: 'user-2' });
    await waitFor('b back', () => b!.connected, 5000);
    await waitFor('replay', () => revokedB.length > 0, 5000);
    expect(revokedB).toContainEqual(['user-2', true]);
    // b reloads its own copy, and a is told to reload (b's updates never reached it).
    await waitFor('resyncs', () => heardA.length > 0 && heardB.length > 0, 5000);
    expect(heardB).toEqual([{ kind: 'resync' }]);
    expect(heardA).toEqual([{ kind: 'resync' }]);

    // Working again both ways.
    a!.publish(DOC, { kind: 'awareness-query' });
    b!.publish(DOC, { kind: 'awareness-query' });
    await waitFor('live again', () => heardA.length === 2 && heardB.length === 2, 5000);
  });
});
