import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, databaseKinds, type TestDatabaseHandle } from '@rectify/store/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { trackSaves } from './client/save-tracker.ts';
import { sleep, waitFor } from './test-helpers.ts';
import { type CollabChild, forkCollabChild } from './testing/collab-process.ts';

const UPDATES = 1000;
const SEED = Number(process.env.KILL_SEED ?? 20240917);
const DOC = 'review.kill';

/** Where in the stream of updates the server dies, from the seed (reproducible). */
function killPoint(seed: number): number {
  const s = (seed * 1103515245 + 12345) & 0x7fffffff;
  return 150 + (s % 700);
}

function client(base: string, params: Record<string, string> = {}) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${base}/collab`, DOC, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
    maxBackoffTime: 200,
  });
  return { doc, provider };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

for (const kind of databaseKinds()) {
  describe(`a collab server killed with SIGKILL [${kind}]`, () => {
    it('loses no update whose ack reached the client', async () => {
      let where: { databaseUrl?: string; dataDir?: string };
      if (kind === 'pglite') {
        const dir = mkdtempSync(join(tmpdir(), 'rectify-kill-'));
        cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
        where = { dataDir: dir };
      } else {
        const db: TestDatabaseHandle = await createTestDatabase('postgres', { poolSize: 1 });
        cleanups.push(() => db.drop());
        where = { databaseUrl: db.connectOptions.url };
      }
      const start = async (): Promise<CollabChild> => {
        const child = await forkCollabChild(where);
        cleanups.push(() => child.kill());
        return child;
      };

      const first = await start();
      const writer = client(first.base, { acks: '1' });
      cleanups.push(() => writer.provider.destroy());
      const tracker = trackSaves(writer.provider);
      await waitFor('writer synced', () => writer.provider.synced, 10_000);

      const map = writer.doc.getMap<number>('m');
      const clockAfter: number[] = [];
      const killAt = killPoint(SEED);
      let killed: Promise<void> | undefined;
      for (let i = 0; i < UPDATES; i++) {
        map.set(`u${i}`, i);
        clockAfter.push(Y.getState(writer.doc.store, writer.doc.clientID));
        if (i === killAt) killed = first.kill();
        if (i % 5 === 4) await sleep(1); // let acks and the kill interleave with the writes
      }
      await killed;
      await waitFor('writer to notice', () => !writer.provider.wsconnected, 10_000);
      writer.provider.shouldConnect = false;
      const savedClock = tracker.savedClock();
      const acked = clockAfter.filter((clock) => clock <= savedClock).length;

      const second = await start();
      const reader = client(second.base);
      cleanups.push(() => reader.provider.destroy());
      await waitFor('reader synced', () => reader.provider.synced, 10_000);
      const stored = reader.doc.getMap<number>('m');
      const missing = Array.from({ length: acked }, (_, i) => i).filter(
        (i) => !stored.has(`u${i}`),
      );

      console.info(
        `[kill ${kind}] seed ${SEED}: killed after update ${killAt}; ${acked} acked, ${stored.size} stored`,
      );
      expect(missing).toEqual([]);
      expect(acked).toBeGreaterThan(0);
      expect(acked).toBeLessThan(UPDATES);
      expect(stored.size).toBeGreaterThanOrEqual(acked);
    }, 60_000);
  });
}
