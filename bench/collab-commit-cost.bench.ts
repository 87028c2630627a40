/**
 * collab-commit-cost: what one group commit of the live-document log costs
 * when it carries a single update (the common case at typing rates, when
 * nothing else queued meanwhile), and what each statement costs on the way
 * to the embedded PGlite.
 *
 *   npm run commit-cost -w @rectify/bench     (or: npx tsx bench/collab-commit-cost.bench.ts)
 *   COMMIT_N=2000          measured statements per case and repetition
 *   COMMIT_REPS=3          interleaved repetitions (medians reported)
 *   BENCH_DATABASE_URL / TEST_DATABASE_URL: a PostgreSQL server for its rows
 *     (a scratch database per case, dropped after; BENCH_DATABASE_URL=none skips it)
 *
 * Two comparisons, each case on a fresh database with every migration:
 *
 * 1. The socket to PGlite: ours (`pglite-bridge.mjs`, every message that
 *    arrived together in one PGlite call) against `PGLiteSocketServer` from
 *    @electric-sql/pglite-socket 0.2.17 (one call per protocol message),
 *    both on this thread so that the CPU figure is all of it: `SELECT 1`
 *    (one round trip, the floor under any statement), an `INSERT` of one row
 *    with its seq given (the cheapest possible append), and
 *    `PgDocStore.append` of one 40-byte update, awaited before the next.
 *
 * 2. The append's plan, on the production path (`openDatabase`: PGlite on
 *    its own thread behind our socket, or a PostgreSQL pool):
 *    `rectify_append_doc_updates` as shipped (one generic plan, migration
 *    0009) against the same function with its `plan_cache_mode` reset, as it
 *    ran before 0009 (its array arguments keep the plan cache on custom
 *    plans, so each call planned its numbering statement afresh).
 *
 * Figures per statement: wall time, and this process's CPU (on PostgreSQL
 * the server's own CPU is not in it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import {
  connect,
  type Database,
  migrate,
  openDatabase,
  PgDocStore,
  type Sql,
} from '@rectify/store';
import { servePglite } from '../packages/store/src/db/pglite-bridge.mjs';
import { createScratchDatabase } from './lib/scratch-database.ts';

const N = Number(process.env.COMMIT_N ?? 2000);
const REPS = Number(process.env.COMMIT_REPS ?? 3);
const WARMUP = 200;
const PG_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || '';
const UPDATE = new Uint8Array(40).fill(7);

interface Figure {
  wallUs: number;
  cpuUs: number;
}

type Engine = 'PGlite' | 'PostgreSQL';

/** A fresh, migrated database of that engine; `plan` 'custom' undoes migration 0009. */
async function open(engine: Engine, plan: 'generic' | 'custom') {
  let db: Database;
  let cleanup: () => Promise<void>;
  if (engine === 'PGlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rectify-commit-'));
    db = await openDatabase({ dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const scratch = await createScratchDatabase(PG_URL, 'rectify_commit');
    db = await openDatabase({ databaseUrl: scratch.url, dataDir: '' });
    cleanup = () => scratch.drop();
  }
  await migrate(db.sql);
  if (plan === 'custom') {
    await db.sql`ALTER FUNCTION rectify_append_doc_updates(text[], bytea[]) RESET plan_cache_mode`;
  }
  return {
    db,
    async close() {
      await db.close();
      await cleanup();
    },
  };
}

async function time(fn: (i: number) => Promise<unknown>): Promise<Figure> {
  for (let i = 0; i < WARMUP; i++) await fn(N + i);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) await fn(i);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallUs: (wall * 1000) / N, cpuUs: (cpu.user + cpu.system) / N };
}

/** The three statements of comparison 1. */
async function statements(sql: Sql, out: Map<string, Figure>): Promise<void> {
  out.set('SELECT 1', await time(() => sql`SELECT 1`));
  let seq = 0;
  out.set(
    'INSERT one row',
    await time(
      (i) =>
        sql`INSERT INTO doc_updates (doc_name, seq, bytes) VALUES (${`plain.${i % 5}`}, ${++seq}, ${Buffer.from(UPDATE)})`,
    ),
  );
  const store = new PgDocStore({ sql });
  out.set('append one update', await time((i) => store.append(`doc.${i % 5}`, UPDATE)));
}

type Socket = 'ours' | 'pglite-socket';

/** Comparison 1, one repetition: in-memory PGlite on this thread behind either socket. */
async function measureSocket(socket: Socket): Promise<Map<string, Figure>> {
  const db = await PGlite.create();
  const dir = mkdtempSync(join(tmpdir(), 'rectify-socket-'));
  const path = join(dir, '.s.PGSQL.5432');
  let stop: () => Promise<void>;
  if (socket === 'ours') {
    const bridge = await servePglite(db, { path, maxConnections: 2 });
    stop = () => bridge.stop();
  } else {
    const server = new PGLiteSocketServer({ db, path, maxConnections: 2 });
    await server.start();
    stop = () => server.stop();
  }
  const sql = connect({ path, max: 1 });
  const out = new Map<string, Figure>();
  try {
    await migrate(sql);
    await statements(sql, out);
  } finally {
    await sql.end({ timeout: 5 });
    await stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** Comparison 2, one repetition on one engine. */
async function measurePlan(engine: Engine): Promise<Map<string, Figure>> {
  const out = new Map<string, Figure>();
  for (const plan of ['generic', 'custom'] as const) {
    const { db, close } = await open(engine, plan);
    try {
      const store = new PgDocStore({ sql: db.sql });
      const label =
        plan === 'generic' ? 'append, generic plan (0009)' : 'append, planned each call';
      out.set(label, await time((i) => store.append(`doc.${i % 5}`, UPDATE)));
    } finally {
      await close();
    }
  }
  return out;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

function medians(reps: Map<string, Figure>[]): Map<string, Figure> {
  const out = new Map<string, Figure>();
  for (const key of reps[0]?.keys() ?? []) {
    const figures = reps.map((rep) => rep.get(key) as Figure);
    out.set(key, {
      wallUs: median(figures.map((f) => f.wallUs)),
      cpuUs: median(figures.map((f) => f.cpuUs)),
    });
  }
  return out;
}

const us = (n: number | undefined): string => (n === undefined ? '–' : n.toFixed(0));
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined ? '–' : `${(a / b).toFixed(2)}×`;

console.log(
  `collab-commit-cost: ${REPS} reps × ${N} statements per case; ${cpus()[0]?.model ?? '?'} × ${cpus().length}; ${new Date().toISOString()}`,
);

const sockets: Record<Socket, Map<string, Figure>[]> = { ours: [], 'pglite-socket': [] };
for (let r = 0; r < REPS; r++) {
  // Interleaved, the first alternating, so drift over the run hits both alike.
  const order: Socket[] = r % 2 === 0 ? ['ours', 'pglite-socket'] : ['pglite-socket', 'ours'];
  for (const socket of order) sockets[socket].push(await measureSocket(socket));
}
const ours = medians(sockets.ours);
const theirs = medians(sockets['pglite-socket']);
console.log('\n1. The socket to PGlite (in-memory, this thread), µs per statement');
console.log(
  '| statement | ours wall | ours CPU | pglite-socket wall | pglite-socket CPU | CPU ours ÷ pglite-socket |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const [key, f] of ours) {
  const t = theirs.get(key);
  console.log(
    `| ${key} | ${us(f.wallUs)} | ${us(f.cpuUs)} | ${us(t?.wallUs)} | ${us(t?.cpuUs)} | ${ratio(f.cpuUs, t?.cpuUs)} |`,
  );
}

const engines: Engine[] = ['PGlite'];
if (PG_URL && PG_URL !== 'none') engines.push('PostgreSQL');
console.log("\n2. The append's plan (production path), µs per one-update commit");
console.log(
  '| engine | generic wall | generic CPU | planned-each-call wall | planned-each-call CPU | wall generic ÷ planned |',
);
console.log('|---|---:|---:|---:|---:|---:|');
for (const engine of engines) {
  const reps: Map<string, Figure>[] = [];
  for (let r = 0; r < REPS; r++) reps.push(await measurePlan(engine));
  const m = medians(reps);
  const g = m.get('append, generic plan (0009)');
  const c = m.get('append, planned each call');
  console.log(
    `| ${engine} | ${us(g?.wallUs)} | ${us(g?.cpuUs)} | ${us(c?.wallUs)} | ${us(c?.cpuUs)} | ${ratio(g?.wallUs, c?.wallUs)} |`,
  );
}
