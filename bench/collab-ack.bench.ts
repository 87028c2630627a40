/**
 * collab-ack: how long until "saved", and what waiting for the commit costs
 * the others.
 *
 *   npx tsx bench/collab-ack.bench.ts
 *   (BENCH_DATABASE_URL=postgres://… to pick the server, or =none to skip it;
 *    COLLAB_BENCH_SECONDS=4 per run; COLLAB_BENCH_WRITERS=10,50)
 *
 * The collab server runs alone in a child process (packages/collab/src/testing/
 * collab-child.ts: openDatabase + migrations + PgDocStore, as in production),
 * on embedded PGlite on disk and on PostgreSQL. In this process, N stock
 * y-websocket writers (with `?acks=1` and the save tracker) each set a key of
 * one shared Y.Map ten times a second, like a person typing, and one stock
 * reader watches. Per update:
 *   - ack: from the local edit to the "saved" ack that covers it (durable);
 *   - fan-out: from the edit to the reader seeing it,
 * with the server broadcasting after the commit (default) or before it.
 * The first half second of each run is warm-up and not counted. All clients
 * share this process, and every writer applies every other writer's updates
 * (that is what a stock client does), so at 50 writers the client side can
 * saturate a small machine: "updates sent (of target)" below 100 % says so,
 * and then the latencies include client queueing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { trackSaves } from '../packages/collab/src/client/save-tracker.ts';
import type { BroadcastTiming } from '../packages/collab/src/room.ts';
import {
  type CollabChild,
  forkCollabChild,
} from '../packages/collab/src/testing/collab-process.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';

const SECONDS = Number(process.env.COLLAB_BENCH_SECONDS ?? 4);
const WRITERS = (process.env.COLLAB_BENCH_WRITERS ?? '10,50').split(',').map(Number);
const RATE_HZ = 10;
const WARMUP_MS = 500;
const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Row {
  db: string;
  broadcast: BroadcastTiming;
  writers: number;
  updates: number;
  ackP50: number;
  ackP99: number;
  fanP50: number;
  fanP99: number;
  perCommit: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function client(base: string, doc: string, params: Record<string, string>) {
  const ydoc = new Y.Doc();
  const provider = new WebsocketProvider(`${base}/collab`, doc, ydoc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  return { doc: ydoc, provider };
}

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`timed out: ${what}`);
    await sleep(5);
  }
}

/** One measurement: `writers` writers and a reader on a fresh doc of a running server. */
async function measure(server: CollabChild, writers: number) {
  const docName = `review.bench-${writers}-${Date.now()}`;
  const sentAt = new Map<string, number>(); // `${writer}:${n}` → time of the edit
  const ack: number[] = [];
  const fan: number[] = [];
  const started = performance.now();
  const counted = (t: number) => t - started > WARMUP_MS;

  const reader = client(server.base, docName, {});
  reader.doc.getMap<number>('m').observe((event) => {
    const now = performance.now();
    for (const key of event.keysChanged) {
      const at = sentAt.get(`${key}:${event.target.get(key)}`);
      if (at !== undefined && counted(at)) fan.push(now - at);
    }
  });
  const clients = Array.from({ length: writers }, (_, w) => {
    const c = client(server.base, docName, { acks: '1' });
    const tracker = trackSaves(c.provider);
    const pending: Array<{ clock: number; at: number }> = [];
    tracker.onAck(() => {
      const now = performance.now();
      const saved = tracker.savedClock();
      while (pending.length > 0 && (pending[0]?.clock ?? Infinity) <= saved) {
        const { at } = pending.shift() as { at: number };
        if (counted(at)) ack.push(now - at);
      }
    });
    return { ...c, w, tracker, pending, n: 0 };
  });
  await until('clients synced', () => [reader, ...clients].every((c) => c.provider.synced));

  const runStart = performance.now();
  const timers = clients.map((c) =>
    setTimeout(
      () => {
        const tick = () => {
          const n = ++c.n;
          const at = performance.now();
          sentAt.set(`w${c.w}:${n}`, at);
          c.doc.getMap<number>('m').set(`w${c.w}`, n);
          c.pending.push({ clock: Y.getState(c.doc.store, c.doc.clientID), at });
        };
        tick();
        timers.push(setInterval(tick, 1000 / RATE_HZ));
      },
      Math.random() * (1000 / RATE_HZ),
    ),
  );
  await sleep(SECONDS * 1000);
  for (const t of timers) clearInterval(t);
  await until('all saved', () => clients.every((c) => c.pending.length === 0), 60_000);
  const updates = clients.reduce((sum, c) => sum + c.n, 0);
  for (const c of [reader, ...clients]) c.provider.destroy();
  return { updates, ack, fan, seconds: (performance.now() - runStart) / 1000 };
}

async function runDatabase(db: string, where: { dataDir?: string; databaseUrl?: string }) {
  const rows: Row[] = [];
  for (const broadcast of ['after-commit', 'before-commit'] as const) {
    const server = await forkCollabChild({ ...where, broadcast, startTimeoutMs: 120_000 });
    try {
      for (const writers of WRITERS) {
        const before = await server.stats();
        const r = await measure(server, writers);
        const after = await server.stats();
        rows.push({
          db,
          broadcast,
          writers,
          updates: r.updates,
          ackP50: percentile(r.ack, 50),
          ackP99: percentile(r.ack, 99),
          fanP50: percentile(r.fan, 50),
          fanP99: percentile(r.fan, 99),
          perCommit: (after.updates - before.updates) / Math.max(1, after.commits - before.commits),
        });
        console.error(`  ${db} ${broadcast} ${writers} writers: done`);
      }
    } finally {
      await server.close();
    }
  }
  return rows;
}

async function main(): Promise<void> {
  // Each stock provider adds a process 'exit' listener; 100 clients are expected here.
  process.setMaxListeners(0);
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'rectify-collab-bench-'));
  try {
    rows.push(...(await runDatabase('PGlite (disk)', { dataDir: dir })));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (DATABASE_URL !== 'none') {
    const scratch = await createScratchDatabase(DATABASE_URL, 'rectify_bench');
    try {
      rows.push(
        ...(await runDatabase(`PostgreSQL ${scratch.version}`, { databaseUrl: scratch.url })),
      );
    } finally {
      await scratch.drop();
    }
  }

  const ms = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(1));
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\ncollab-ack: ${RATE_HZ} updates/s per writer for ${SECONDS} s, one doc; latencies in ms; ` +
      `${cpus().length} CPUs, load average ${load} at the end\n`,
  );
  console.log(
    '| database | broadcast | writers | updates sent (of target) | ack p50 | ack p99 | fan-out p50 | fan-out p99 | updates/commit |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const target = r.writers * RATE_HZ * SECONDS;
    const sent = `${r.updates} (${Math.round((100 * r.updates) / target)}%)`;
    console.log(
      `| ${r.db} | ${r.broadcast} | ${r.writers} | ${sent} | ${ms(r.ackP50)} | ${ms(r.ackP99)} | ${ms(r.fanP50)} | ${ms(r.fanP99)} | ${r.perCommit.toFixed(1)} |`,
    );
  }
}

await main();
// Leftover client sockets or a child's IPC channel must not keep a finished run alive.
process.exit(0);
