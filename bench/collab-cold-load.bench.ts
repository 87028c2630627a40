/**
 * collab-cold-load: how long a stock client waits for a document nobody has
 * open, when its stored form is one snapshot, and when it is a raw log of
 * 10,000 or 100,000 small updates.
 *
 *   npm run cold-load -w @rectify/bench          (or: npx tsx bench/collab-cold-load.bench.ts)
 *   COLD_SIZES=10000,100000   updates per document
 *   COLD_LOADS=5              measured loads per case and mode
 *   COLD_FORMS=snapshot,log   stored forms to measure
 *   BENCH_DATABASE_URL / TEST_DATABASE_URL: a PostgreSQL server for the PostgreSQL rows
 *     (a scratch database is created on it and dropped after; BENCH_DATABASE_URL=none skips it)
 *
 * Stored form, built the way production builds it: a seeded run of four
 * authors co-editing one doc (typing one character at a time into a Y.Text at
 * their cursor, a backspace now and then, a cursor jump, and 12 % Y.Map sets
 * over 200 keys), each edit one update, appended one by one through
 * `PgDocStore.append` (group commit; each transaction carries what queued
 * meanwhile). Two copies of the same updates:
 *   - snapshot: `createPgDocStore` (the production store), whose background
 *     compaction folds the log every 500 updates, then `compact()`, which is
 *     what the room does when its last client leaves: one `doc_snapshots` row;
 *   - log: a `PgDocStore` without a merge function, which never compacts: one
 *     `doc_updates` row per update, the worst case (production compacts at
 *     500, so a real log tail is at most ~500 + what a batch adds).
 *
 * Measured, in a collab server on the production path (openDatabase +
 * migrations + the store + createCollabServer) alone in a child process:
 *   - connect→synced: from creating a stock y-websocket client to its first
 *     sync step 2 applied (`synced`). The room loads the doc before the
 *     upgrade answers, so this is store load + Y.Doc build + sync step 2
 *     encoded, sent and applied by the client;
 *       fresh child: a new server process per load (cold JIT, new database
 *       connection, PGlite's buffer cache empty; PostgreSQL's own cache is warm);
 *       evicted: the same server, after the last client left and the room was
 *       closed (what happens in a server that has been up for days);
 *   - store.load: `PgDocStore.load` alone, in the warm server, then building
 *     the Y.Doc from what it returned (the room's `loadDoc`), timed apart.
 * The client's doc is checked against the authors' (same text and map).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, openDatabase, PgDocStore } from '@rectify/store';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { writeSyncStep1 } from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createCollabServer } from '../packages/collab/src/server.ts';
import { createPgDocStore } from '../packages/collab/src/yjs-merge.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';

const SIZES = (process.env.COLD_SIZES ?? '10000,100000').split(',').map(Number);
const LOADS = Number(process.env.COLD_LOADS ?? 5);
const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || '';
const ROLE = process.env.COLD_ROLE;
const TARGET_MS = 100;
const ALL_FORMS = ['snapshot', 'log'] as const;
type Form = (typeof ALL_FORMS)[number];
const FORMS = ALL_FORMS.filter((f) =>
  (process.env.COLD_FORMS ?? 'snapshot,log').split(',').includes(f),
);

const docNameOf = (size: number, form: Form) => `minutes.cold-${size}-${form}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

// ───────────────────────── the server (child process) ─────────────────────────

interface LoadTiming {
  storeMs: number;
  buildMs: number;
  encodeMs: number;
  pieces: number;
  storedBytes: number;
  syncBytes: number;
}

/** Runs in the child: the collab server on the production path, and timings on request. */
async function serve(): Promise<void> {
  const db = await openDatabase({
    databaseUrl: process.env.COLD_DATABASE_URL || undefined,
    dataDir: process.env.COLD_DATA_DIR ?? '',
    poolSize: 4,
  });
  await migrate(db.sql);
  const store =
    process.env.COLD_FORM === 'log' ? new PgDocStore({ sql: db.sql }) : createPgDocStore(db.sql);
  const collab = createCollabServer({ store });
  const http = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  http.on('upgrade', (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  process.send?.({ port: (http.address() as AddressInfo).port });
  process.on('message', async (message: { ask: string; doc?: string }) => {
    if (message.ask === 'docs') process.send?.({ docs: collab.docs() });
    if (message.ask === 'load') {
      // What `Room.open` does (store.load, then every piece applied in one transaction),
      // timed in parts, plus the sync step 2 a client with an empty doc gets.
      const t0 = performance.now();
      const pieces = await store.load(message.doc as string);
      const t1 = performance.now();
      const doc = new Y.Doc();
      doc.transact(() => {
        for (const piece of pieces) Y.applyUpdate(doc, piece);
      });
      const t2 = performance.now();
      const sync = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(new Y.Doc()));
      const t3 = performance.now();
      doc.destroy();
      const timing: LoadTiming = {
        storeMs: t1 - t0,
        buildMs: t2 - t1,
        encodeMs: t3 - t2,
        pieces: pieces.length,
        storedBytes: pieces.reduce((sum, p) => sum + p.length, 0),
        syncBytes: sync.length,
      };
      process.send?.({ load: timing });
    }
    if (message.ask === 'close') {
      await collab.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await db.close();
      process.exit(0);
    }
  });
}

interface Server {
  base: string;
  ask<T>(ask: string, key: string, doc?: string): Promise<T>;
  close(): Promise<void>;
}

async function startServer(where: Where, form: Form): Promise<Server> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      COLD_ROLE: 'server',
      COLD_FORM: form,
      COLD_DATA_DIR: where.dataDir ?? '',
      COLD_DATABASE_URL: where.databaseUrl ?? '',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    base: `ws://127.0.0.1:${port}`,
    ask: <T>(ask: string, key: string, doc?: string) =>
      new Promise<T>((resolve) => {
        const listen = (m: unknown): void => {
          const value = (m as Record<string, T>)[key];
          if (value === undefined) return;
          child.off('message', listen);
          resolve(value);
        };
        child.on('message', listen);
        child.send({ ask, doc });
      }),
    async close() {
      child.send({ ask: 'close' });
      await exited;
    },
  };
}

// ───────────────────────── the stored form ─────────────────────────

/** mulberry32: the same edits on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = '整改专项巡视反馈意见问题清单落实情况 abcdefghijklmnopqrstuvwxyz,.';

/**
 * `n` single-edit updates of four authors co-editing one doc, and the doc they make. Each
 * author types at its own cursor, which moves with what the others insert or delete before
 * it (as an editor's cursor does), so typing makes runs of characters, not scattered ones.
 */
function edits(n: number): { updates: Uint8Array[]; text: string; map: string } {
  const rand = random(n);
  const authors = Array.from({ length: 4 }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = 1000 + i;
    return { doc, cursor: 0 };
  });
  const updates: Uint8Array[] = [];
  const typeAt = (a: (typeof authors)[number], at: number): void => {
    a.doc.getText('t').insert(at, CHARS[Math.floor(rand() * CHARS.length)] as string);
    for (const other of authors) if (other !== a && other.cursor >= at) other.cursor++;
    a.cursor = at + 1;
  };
  for (let i = 0; i < n; i++) {
    const a = authors[Math.floor(rand() * authors.length)] as (typeof authors)[number];
    const text = a.doc.getText('t');
    let update: Uint8Array | undefined;
    const capture = (u: Uint8Array) => {
      update = u;
    };
    a.doc.on('update', capture);
    const r = rand();
    if (r < 0.12) {
      a.doc.getMap('m').set(`k${Math.floor(rand() * 200)}`, Math.floor(rand() * 1e6));
    } else if (r < 0.17) {
      typeAt(a, Math.floor(rand() * (text.length + 1)));
    } else if (r < 0.25 && a.cursor > 0) {
      const at = a.cursor - 1;
      text.delete(at, 1);
      for (const other of authors) if (other.cursor > at) other.cursor--;
    } else {
      typeAt(a, a.cursor);
    }
    a.doc.off('update', capture);
    if (!update) throw new Error('an edit made no update');
    updates.push(update);
    for (const other of authors) if (other !== a) Y.applyUpdate(other.doc, update);
  }
  const doc = (authors[0] as (typeof authors)[number]).doc;
  const result = { updates, text: doc.getText('t').toString(), map: mapJson(doc) };
  for (const a of authors) a.doc.destroy();
  return result;
}

const mapJson = (doc: Y.Doc): string => {
  const m = doc.getMap('m').toJSON();
  return JSON.stringify(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k]]),
  );
};

interface Built {
  size: number;
  form: Form;
  seconds: number;
  rows: number;
  bytes: number;
}

/**
 * Appends every update through the store, as the server does, a thousand queued at a time.
 * Each wave waits for a macrotask first: `GroupCommit` loses the wake-up of a submit made a few
 * microtasks after a batch resolved (after `await Promise.all(…)`, say) — the item waits for
 * the next submit, and `drain()` returns without it (reported; see the README's cold-load notes).
 */
async function appendAll(store: PgDocStore, docName: string, updates: Uint8Array[]): Promise<void> {
  for (let i = 0; i < updates.length; i += 1000) {
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(updates.slice(i, i + 1000).map((u) => store.append(docName, u)));
  }
}

async function build(
  where: Where,
  expected: Map<number, ReturnType<typeof edits>>,
): Promise<Built[]> {
  const db = await openDatabase({
    databaseUrl: where.databaseUrl,
    dataDir: where.dataDir ?? '',
    poolSize: 4,
  });
  const built: Built[] = [];
  try {
    await migrate(db.sql);
    for (const size of SIZES) {
      const { updates } = expected.get(size) as ReturnType<typeof edits>;
      for (const form of FORMS) {
        const docName = docNameOf(size, form);
        const started = performance.now();
        if (form === 'snapshot') {
          const store = createPgDocStore(db.sql);
          await appendAll(store, docName, updates);
          await store.drain();
          await store.compact(docName);
        } else {
          await appendAll(new PgDocStore({ sql: db.sql }), docName, updates);
        }
        const seconds = (performance.now() - started) / 1000;
        const [row] = await db.sql<{ rows: number; bytes: number }[]>`
          SELECT (SELECT count(*)::int FROM doc_updates WHERE doc_name = ${docName})
                 + (SELECT count(*)::int FROM doc_snapshots WHERE doc_name = ${docName}) AS rows,
                 coalesce((SELECT sum(length(bytes))::int FROM doc_updates WHERE doc_name = ${docName}), 0)
                 + coalesce((SELECT sum(length(bytes))::int FROM doc_snapshots WHERE doc_name = ${docName}), 0) AS bytes`;
        built.push({ size, form, seconds, rows: row?.rows ?? 0, bytes: row?.bytes ?? 0 });
        console.error(
          `  built ${docName}: ${row?.rows} rows, ${row?.bytes} bytes in ${seconds.toFixed(1)} s`,
        );
      }
    }
  } finally {
    await db.close();
  }
  return built;
}

// ───────────────────────── measuring ─────────────────────────

interface Timed {
  /** Creation → first sync step 2 applied. */
  synced: number;
  /** Creation → socket open (the server loads the doc before it answers the upgrade). */
  open: number;
}

/** A stock client: ms from its creation to its first sync step 2 applied; checks what it got. */
async function connectSynced(
  base: string,
  docName: string,
  want: ReturnType<typeof edits>,
): Promise<Timed> {
  const doc = new Y.Doc();
  const started = performance.now();
  const provider = new WebsocketProvider(`${base}/collab`, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  let open = Number.NaN;
  provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected' && Number.isNaN(open)) open = performance.now() - started;
  });
  const synced = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${docName} did not sync in 120 s`)), 120_000);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve(performance.now() - started);
    });
  });
  const ok = doc.getText('t').toString() === want.text && mapJson(doc) === want.map;
  provider.destroy();
  doc.destroy();
  if (!ok) throw new Error(`${docName}: the client's doc differs from the authors'`);
  return { synced, open };
}

interface Received {
  /** Creation → the whole stored state received (the first sync step 2, whole). */
  received: number;
  /** Applying that state to an empty Y.Doc here, timed apart: the client's own part. */
  applyMs: number;
}

/**
 * A bare y-websocket client that sends the stock client's opening sync step 1
 * and times the arrival of the state, without applying it first: the server's
 * part of a cold load. Then applies it, timed apart, and checks it.
 */
async function connectReceived(
  base: string,
  docName: string,
  want: ReturnType<typeof edits>,
): Promise<Received> {
  const started = performance.now();
  const ws = new WebSocket(`${base}/collab/${docName}`);
  ws.binaryType = 'arraybuffer';
  ws.on('open', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0); // messageSync
    writeSyncStep1(encoder, new Y.Doc());
    ws.send(encoding.toUint8Array(encoder));
  });
  const { update, received } = await new Promise<{ update: Uint8Array; received: number }>(
    (resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${docName}: no state in 120 s`)), 120_000);
      ws.on('message', (data: ArrayBuffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 1) return;
        clearTimeout(timer);
        resolve({
          update: decoding.readVarUint8Array(decoder),
          received: performance.now() - started,
        });
      });
    },
  );
  ws.close();
  const doc = new Y.Doc();
  const applyStarted = performance.now();
  Y.applyUpdate(doc, update);
  const applyMs = performance.now() - applyStarted;
  const ok = doc.getText('t').toString() === want.text && mapJson(doc) === want.map;
  doc.destroy();
  if (!ok) throw new Error(`${docName}: the state received differs from the authors'`);
  return { received, applyMs };
}

/** Waits until the server has closed every room, then a little for the retire's compaction read. */
async function evicted(server: Server): Promise<void> {
  const start = Date.now();
  while ((await server.ask<number>('docs', 'docs')) > 0) {
    if (Date.now() - start > 60_000) throw new Error('room never closed');
    await sleep(20);
  }
  await sleep(200);
}

interface Row {
  db: string;
  size: number;
  form: Form;
  built: Built;
  fresh: Timed[];
  evict: Timed[];
  raw: Received[];
  loads: LoadTiming[];
}

type Where = { dataDir?: string; databaseUrl?: string };

async function measure(
  where: Where,
  dbLabel: string,
  expected: Map<number, ReturnType<typeof edits>>,
) {
  console.error(`${dbLabel}: building`);
  const built = await build(where, expected);
  const rows: Row[] = [];
  for (const size of SIZES) {
    const want = expected.get(size) as ReturnType<typeof edits>;
    for (const form of FORMS) {
      const docName = docNameOf(size, form);
      const row: Row = {
        db: dbLabel,
        size,
        form,
        built: built.find((b) => b.size === size && b.form === form) as Built,
        fresh: [],
        evict: [],
        raw: [],
        loads: [],
      };
      for (let i = 0; i < LOADS; i++) {
        const server = await startServer(where, form);
        row.fresh.push(await connectSynced(server.base, docName, want));
        if (i < LOADS - 1) {
          await server.close();
          continue;
        }
        // The last server stays up: loads after eviction, then the store's part alone.
        for (let j = 0; j < LOADS; j++) {
          await evicted(server);
          row.evict.push(await connectSynced(server.base, docName, want));
        }
        for (let j = 0; j < LOADS; j++) {
          await evicted(server);
          row.raw.push(await connectReceived(server.base, docName, want));
        }
        await evicted(server);
        for (let j = 0; j < LOADS; j++)
          row.loads.push(await server.ask<LoadTiming>('load', 'load', docName));
        await server.close();
      }
      rows.push(row);
      console.error(
        `  ${docName}: fresh ${median(row.fresh.map((t) => t.synced)).toFixed(1)} ms, evicted ${median(row.evict.map((t) => t.synced)).toFixed(1)} ms, state received (evicted) ${median(row.raw.map((t) => t.received)).toFixed(1)} ms`,
      );
    }
  }
  return rows;
}

async function main(): Promise<void> {
  process.setMaxListeners(0);
  const expected = new Map<number, ReturnType<typeof edits>>();
  for (const size of SIZES) {
    const started = performance.now();
    expected.set(size, edits(size));
    console.error(
      `generated ${size} edits in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'rectify-cold-load-'));
  try {
    rows.push(...(await measure({ dataDir: dir }, 'PGlite (disk)', expected)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (PG_URL && PG_URL !== 'none') {
    const scratch = await createScratchDatabase(PG_URL, 'rectify_bench_cold');
    try {
      rows.push(
        ...(await measure({ databaseUrl: scratch.url }, `PostgreSQL ${scratch.version}`, expected)),
      );
    } finally {
      await scratch.drop();
    }
  }

  const ms = (v: number) => v.toFixed(1);
  const range = (vs: number[]) =>
    `${ms(median(vs))} (${ms(Math.min(...vs))}–${ms(Math.max(...vs))})`;
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\ncollab-cold-load: p50 (min–max) over ${LOADS} loads each, ms; ${cpus().length} CPUs, load average ${load} at the end\n`,
  );
  console.log(
    '| database | updates | stored form | rows | stored KB | build s | connect→synced, fresh child | of which until open | connect→synced, evicted | of which until open | connect→state received, evicted | client apply | store.load | Y.Doc build | sync step 2 KB |',
  );
  console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const sync = r.loads[0]?.syncBytes ?? 0;
    const synced = (ts: Timed[]) => range(ts.map((t) => t.synced));
    const open = (ts: Timed[]) => ms(median(ts.map((t) => t.open)));
    console.log(
      `| ${r.db} | ${r.size} | ${r.form} | ${r.built.rows} | ${(r.built.bytes / 1024).toFixed(0)} | ${r.built.seconds.toFixed(1)} | ${synced(r.fresh)} | ${open(r.fresh)} | ${synced(r.evict)} | ${open(r.evict)} | ${range(r.raw.map((t) => t.received))} | ${range(r.raw.map((t) => t.applyMs))} | ${range(r.loads.map((l) => l.storeMs))} | ${range(r.loads.map((l) => l.buildMs))} | ${(sync / 1024).toFixed(0)} |`,
    );
  }
  const largest = Math.max(...SIZES);
  console.log(
    `\ntarget: cold load of a ${largest}-update doc from its snapshot < ${TARGET_MS} ms (p50)`,
  );
  for (const r of rows.filter((x) => x.size === largest && x.form === 'snapshot')) {
    for (const [mode, p50] of [
      ['state received (the server’s part), evicted', median(r.raw.map((t) => t.received))],
      [
        'synced in a stock client (with its apply), fresh child',
        median(r.fresh.map((t) => t.synced)),
      ],
      ['synced in a stock client (with its apply), evicted', median(r.evict.map((t) => t.synced))],
    ] as const) {
      console.log(`  ${r.db}, ${mode}: ${ms(p50)} ms — ${p50 < TARGET_MS ? 'met' : 'NOT met'}`);
    }
  }
}

if (ROLE === 'server') {
  await serve();
} else {
  await main();
  // Leftover client sockets must not keep a finished run alive.
  process.exit(0);
}
