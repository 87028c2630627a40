/**
 * collab-fanout: how fast an edit reaches everyone else on one document, and
 * how many edits per second a document carries, on our collab server next to
 * the servers people use today, in one run.
 *
 *   npm run collab-fanout -w @rectify/bench      (or: npx tsx bench/collab-fanout.bench.ts)
 *   FANOUT_CLIENTS=10,50  FANOUT_SECONDS=4
 *   FANOUT_SERVERS=ours-pglite,ours-pglite-after,ours-pg,y-websocket-server,hocuspocus
 *   DATABASE_URL / TEST_DATABASE_URL: a PostgreSQL server for the "ours (PostgreSQL)" row
 *     (a scratch database is created on it and dropped after).
 *
 * Servers, each alone in a child process so its CPU is its own:
 *   - ours: packages/collab on the production path (collab-child.ts: openDatabase +
 *     migrations + PgDocStore with group commit), embedded PGlite on disk and, if a
 *     URL is set, PostgreSQL; relaying each update as it arrives (the default) and,
 *     as ours-pglite-after, only after its commit;
 *   - @y/websocket-server 0.1.1, in memory (its own `setupWSConnection`);
 *   - @hocuspocus/server 3.4.4, in memory, default configuration (store debounce 2 s).
 * Clients: N bench clients in this process, all the same code for every server
 * (a Y.Doc plus y-protocols sync over `ws`; for Hocuspocus its framing: document
 * name prefix and the token handshake), so client cost is identical and only the
 * server differs. Every client is a writer; each sets its own key of one shared
 * Y.Map, so every update is one small Yjs update.
 *
 * Two phases per server and N:
 *   - latency: 100 updates/s in total, spread over the N writers at random phases
 *     (10 clients: 10/s each; 50 clients: 2/s each), for FANOUT_SECONDS. Fan-out =
 *     from the writer's edit until the last of the other N-1 clients has it.
 *     "ack" = from the edit until the server's own acknowledgement: ours is the
 *     durable "saved" ack (committed to the database); Hocuspocus's SyncStatus is
 *     sent once the update is applied in memory (stored 2–10 s later);
 *     @y/websocket-server sends none.
 *   - throughput: each writer keeps 2 updates in flight (sends the next as soon as
 *     one has reached every other client) for FANOUT_SECONDS; updates/s = updates
 *     delivered to all others per second. Server CPU (from /proc) per 1,000 such
 *     updates says how much of the machine the server needed for them.
 * The first 0.5 s of each phase is warm-up and not counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { BenchClient } from './lib/collab-client.ts';
import { cpuSeconds, forkOurs, forkPeer, type Target } from './lib/collab-peers.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';
import { percentile } from './lib/stats.ts';

const SECONDS = Number(process.env.FANOUT_SECONDS ?? 4);
const CLIENTS = (process.env.FANOUT_CLIENTS ?? '10,50').split(',').map(Number);
const SERVERS = (
  process.env.FANOUT_SERVERS ??
  'ours-pglite,ours-pglite-after,ours-pg,y-websocket-server,hocuspocus'
).split(',');
const TOTAL_RATE = 100;
const IN_FLIGHT = 2;
const WARMUP_MS = 500;
const PG_URL = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ───────────────────────── measurement ─────────────────────────

interface Sent {
  at: number;
  left: number;
  writer: number;
  /** Sent inside the measured window (after warm-up): its latency counts whenever it arrives. */
  counted: boolean;
}

/** N clients on a fresh doc; every update is tracked until all others have it. */
async function session(target: Target, n: number) {
  const docName = `review.fanout-${n}-${Date.now()}`;
  const sent = new Map<string, Sent>();
  const fan: number[] = [];
  const ack: number[] = [];
  let delivered = 0;
  let sentCounted = 0;
  let counting = false;
  let onDelivered: (writer: number) => void = () => {};
  const pendingAcks: Array<Array<{ clock: number; at: number; counted: boolean }>> = [];

  const clients = Array.from({ length: n }, (_, w) => {
    pendingAcks.push([]);
    const queue = pendingAcks[w] as Array<{ clock: number; at: number; counted: boolean }>;
    const client = new BenchClient(target, docName, {
      onAck: (clock) => {
        const now = performance.now();
        // Ours: the ack covers every edit up to its clock. Hocuspocus: one status per update, in order.
        while (
          queue.length > 0 &&
          (clock === undefined || (queue[0]?.clock ?? Infinity) <= clock)
        ) {
          const item = queue.shift() as { at: number; counted: boolean };
          if (item.counted) ack.push(now - item.at);
          if (clock === undefined) break;
        }
      },
    });
    client.map.observe((event) => {
      if (!event.transaction.origin) return;
      const now = performance.now();
      for (const key of event.keysChanged) {
        const id = `${key}:${client.map.get(key)}`;
        const entry = sent.get(id);
        if (!entry || --entry.left > 0) continue;
        sent.delete(id);
        if (entry.counted) fan.push(now - entry.at);
        if (counting) delivered++;
        onDelivered(entry.writer);
      }
    });
    return client;
  });
  const start = performance.now();
  while (!clients.every((c) => c.synced)) {
    if (performance.now() - start > 30_000) throw new Error(`${target.name}: clients did not sync`);
    await sleep(5);
  }

  const counters = clients.map(() => 0);
  const edit = (w: number): void => {
    const c = clients[w] as BenchClient;
    const v = (counters[w] ?? 0) + 1;
    counters[w] = v;
    const at = performance.now();
    sent.set(`w${w}:${v}`, { at, left: n - 1, writer: w, counted: counting });
    if (counting) sentCounted++;
    c.map.set(`w${w}`, v);
    const clock = Y.getState(c.doc.store, c.doc.clientID);
    pendingAcks[w]?.push({ clock, at, counted: counting });
  };

  const waitDrained = async (): Promise<void> => {
    const t = performance.now();
    while (sent.size > 0 && performance.now() - t < 30_000) await sleep(10);
  };

  /** Fixed total rate, writers at random phases. */
  async function latency() {
    fan.length = 0;
    ack.length = 0;
    sentCounted = 0;
    const perWriterHz = TOTAL_RATE / n;
    const timers: NodeJS.Timeout[] = [];
    clients.forEach((_, w) => {
      timers.push(
        setTimeout(
          () => {
            edit(w);
            timers.push(setInterval(() => edit(w), 1000 / perWriterHz));
          },
          Math.random() * (1000 / perWriterHz),
        ),
      );
    });
    setTimeout(() => {
      counting = true;
    }, WARMUP_MS);
    await sleep(WARMUP_MS + SECONDS * 1000);
    counting = false;
    for (const t of timers) clearInterval(t);
    await waitDrained();
    return { fan: [...fan], ack: [...ack], sentShare: sentCounted / (TOTAL_RATE * SECONDS) };
  }

  /** Closed loop: each writer keeps IN_FLIGHT updates travelling. */
  async function throughput() {
    delivered = 0;
    let running = true;
    onDelivered = (w) => {
      if (running) edit(w);
    };
    for (let w = 0; w < n; w++) for (let k = 0; k < IN_FLIGHT; k++) edit(w);
    await sleep(WARMUP_MS);
    fan.length = 0;
    const cpu0 = cpuSeconds(target.pid);
    const t0 = performance.now();
    counting = true;
    await sleep(SECONDS * 1000);
    counting = false;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(target.pid) - cpu0;
    running = false;
    onDelivered = () => {};
    await waitDrained();
    return {
      perSecond: delivered / seconds,
      cpuMsPer1k: (cpu * 1000 * 1000) / Math.max(1, delivered),
      closedLoopP50: percentile(fan, 50),
    };
  }

  try {
    const l = await latency();
    const t = await throughput();
    return { ...t, ...l };
  } finally {
    for (const c of clients) c.close();
  }
}

interface Row {
  server: string;
  clients: number;
  fanP50: number;
  fanP99: number;
  ackP50: number;
  ackP99: number;
  sentShare: number;
  perSecond: number;
  cpuMsPer1k: number;
  closedLoopP50: number;
}

async function measureTarget(target: Target): Promise<Row[]> {
  const rows: Row[] = [];
  try {
    for (const n of CLIENTS) {
      const r = await session(target, n);
      rows.push({
        server: target.name,
        clients: n,
        fanP50: percentile(r.fan, 50),
        fanP99: percentile(r.fan, 99),
        ackP50: percentile(r.ack, 50),
        ackP99: percentile(r.ack, 99),
        sentShare: r.sentShare,
        perSecond: r.perSecond,
        cpuMsPer1k: r.cpuMsPer1k,
        closedLoopP50: r.closedLoopP50,
      });
      console.error(`  ${target.name}, ${n} clients: done`);
    }
  } finally {
    await target.close();
  }
  return rows;
}

async function main(): Promise<void> {
  process.setMaxListeners(0);
  const rows: Row[] = [];
  for (const [key, broadcast] of [
    ['ours-pglite', 'before-commit'],
    ['ours-pglite-after', 'after-commit'],
  ] as const) {
    if (!SERVERS.includes(key)) continue;
    const dir = mkdtempSync(join(tmpdir(), 'rectify-fanout-'));
    const name = `ours (PGlite, disk${broadcast === 'after-commit' ? ', after-commit' : ''})`;
    try {
      rows.push(...(await measureTarget(await forkOurs(name, { dataDir: dir }, broadcast))));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (SERVERS.includes('ours-pg') && PG_URL) {
    const scratch = await createScratchDatabase(PG_URL, 'rectify_fanout');
    try {
      const name = `ours (PostgreSQL ${scratch.version})`;
      rows.push(...(await measureTarget(await forkOurs(name, { databaseUrl: scratch.url }))));
    } finally {
      await scratch.drop();
    }
  }
  for (const peer of ['y-websocket-server', 'hocuspocus'] as const) {
    if (SERVERS.includes(peer)) rows.push(...(await measureTarget(await forkPeer(peer))));
  }
  report(rows);
}

function report(rows: Row[]): void {
  const f = (v: number, digits = 1) => (Number.isNaN(v) ? '–' : v.toFixed(digits));
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\ncollab-fanout: one doc, ${SECONDS} s per phase; latency phase ${TOTAL_RATE} updates/s in total; ` +
      `ms; ${cpus().length} CPUs, load average ${load} at the end\n`,
  );
  console.log(
    '| server | clients | fan-out p50 | fan-out p99 | ack p50 | ack p99 | sent (of target) | updates/s (closed loop) | fan-out p50 at that load | server CPU ms / 1k updates |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.server} | ${r.clients} | ${f(r.fanP50)} | ${f(r.fanP99)} | ${f(r.ackP50)} | ${f(r.ackP99)} | ${Math.round(100 * r.sentShare)}% | ${f(r.perSecond, 0)} | ${f(r.closedLoopP50)} | ${f(r.cpuMsPer1k, 0)} |`,
    );
  }
  console.log('\nRatios, ours ÷ peer (fan-out: lower is better; updates/s: higher is better):\n');
  console.log('| ours | peer | clients | fan-out p50 | fan-out p99 | updates/s |');
  console.log('|---|---|---:|---:|---:|---:|');
  for (const o of rows.filter((r) => r.server.startsWith('ours'))) {
    for (const p of rows.filter((r) => !r.server.startsWith('ours') && r.clients === o.clients)) {
      console.log(
        `| ${o.server} | ${p.server} | ${o.clients} | ${f(o.fanP50 / p.fanP50, 2)}× | ${f(o.fanP99 / p.fanP99, 2)}× | ${f(o.perSecond / p.perSecond, 2)}× |`,
      );
    }
  }
}

await main();
// Leftover sockets or a child's IPC channel must not keep a finished run alive.
process.exit(0);
