/**
 * api-load: the HTTP API's list and coverage routes under load, the whole
 * server as `npm start` runs it, driven by autocannon.
 *
 *   npm run api-load -w @rectify/bench        (or: npx tsx bench/api-load.bench.ts)
 *   TEST_DATABASE_URL=postgres://… also on PostgreSQL (a scratch database, dropped after)
 *   API_LOAD_SECONDS=10  API_LOAD_CONNECTIONS=10,50  API_LOAD_DATABASES=pglite,pg
 *   API_LOAD_SEED=0      the demo data only (default: one group's share of the
 *                        rollup-coverage round added, see lib/api-seed.ts)
 *   API_LOAD_UNITS=50  API_LOAD_ANNOTATIONS=25000  API_LOAD_FINDINGS=750
 *   API_LOAD_ROUTES=units,findings,coverage   which routes (by the start of their name)
 *   SCALE_PIN=0          no taskset pinning
 *
 * The server (packages/server/src/main.ts, demo mode, embedded PGlite on disk
 * or PostgreSQL) runs in a child process pinned to core 0 (for PostgreSQL its
 * backends of the scratch database too); this process, with autocannon in it,
 * pins itself to core 1. The server starts once to seed the demo, stops, the
 * bench adds data with SQL, and the server starts again. Signed in as
 * `leader1` (leader of 第一巡视组), each route gets an unmeasured 2 s warm-up,
 * then API_LOAD_SECONDS of closed-loop load per connection count:
 *   - GET /api/rounds/{id}/units     units with their group (list)
 *   - GET /api/rounds/{id}/findings  the findings the caller may read (list)
 *   - GET /api/rounds/{id}/coverage  the unit × question matrix of the caller's group
 * Errors and non-2xx answers must be 0 (the exit code says if not). A run whose
 * generator used more than 70 % of its core is marked VOID, one in which other
 * processes took more than 20 % of either core DISTURBED.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServerProcess } from '../packages/server/src/testing/server-process.ts';
import { connect, type Sql } from '../packages/store/src/db/client.ts';
import { openDatabase } from '../packages/store/src/db/database.ts';
import { seedDemoRound } from './lib/api-seed.ts';
import { cpuSeconds } from './lib/collab-peers.ts';
import { allowedCpus, canPin, coreBusySeconds, pin, selfCpuMicros } from './lib/pinning.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';

const env = process.env;
const SECONDS = Number(env.API_LOAD_SECONDS ?? 10);
const CONNECTIONS = (env.API_LOAD_CONNECTIONS ?? '10,50').split(',').map(Number);
const PG_URL = env.DATABASE_URL || env.TEST_DATABASE_URL || '';
const DATABASES = (env.API_LOAD_DATABASES ?? 'pglite,pg')
  .split(',')
  .filter((d) => d === 'pglite' || (d === 'pg' && PG_URL));
const SEED = env.API_LOAD_SEED !== '0';
const SIZE = {
  units: Number(env.API_LOAD_UNITS ?? 50),
  statementsPerUnit: 10,
  annotations: Number(env.API_LOAD_ANNOTATIONS ?? 25_000),
  findings: Number(env.API_LOAD_FINDINGS ?? 750),
};
const PIN = env.SCALE_PIN !== '0' && canPin();
const SERVER_CPU = 0;
const BENCH_CPU = 1;
const VOID_CPU = 70;
/** A run in which other processes took more than this (%) of either core is marked DISTURBED. */
const OTHER_CPU = 20;
const WARMUP_SECONDS = 2;
/** autocannon's default: a request unanswered this long counts as an error (timeout). */
const TIMEOUT_SECONDS = 10;

const ROUTES_ALL = [
  { name: 'units (list)', path: (r: string) => `/api/rounds/${r}/units` },
  { name: 'findings (list)', path: (r: string) => `/api/rounds/${r}/findings` },
  { name: 'coverage', path: (r: string) => `/api/rounds/${r}/coverage` },
];
const ROUTES = ROUTES_ALL.filter(
  (r) => !env.API_LOAD_ROUTES || env.API_LOAD_ROUTES.split(',').some((k) => r.name.startsWith(k)),
);

interface Row {
  database: string;
  route: string;
  items: string;
  connections: number;
  rps: number;
  p50: number;
  p975: number;
  p99: number;
  errors: number;
  non2xx: number;
  serverCpu: number;
  /** PostgreSQL backends' share of `serverCpu` (PGlite runs inside the server: NaN). */
  databaseCpu: number;
  cpuMsPerRequest: number;
  generatorCpu: number;
  /** What other processes took of the server's or the generator's core, whichever is more. */
  otherCpu: number;
}

/** Where the server keeps its data, and how the bench reaches the same database to seed it. */
interface Place {
  name: string;
  /** The database runs in processes of its own (PostgreSQL), not inside the server. */
  external: boolean;
  env: Record<string, string>;
  open(): Promise<{ sql: Sql; close(): Promise<void> }>;
  /** The server's processes: its own and, on PostgreSQL, its backends. */
  pids(serverPid: number): Promise<number[]>;
  done(): Promise<void>;
}

async function pgliteOnDisk(): Promise<Place> {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-api-load-'));
  return {
    name: 'PGlite (disk)',
    external: false,
    env: { DATA_DIR: dir, DEMO: '1' },
    async open() {
      const db = await openDatabase({ dataDir: dir });
      return { sql: db.sql, close: () => db.close() };
    },
    pids: async (pid) => [pid],
    async done() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(url: string): Promise<Place> {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-api-load-'));
  const scratch = await createScratchDatabase(url, 'rectify_api_load');
  return {
    name: `PostgreSQL ${scratch.version}`,
    external: true,
    env: { DATA_DIR: dir, DEMO: '1', DATABASE_URL: scratch.url },
    async open() {
      const sql = connect({ url: scratch.url, max: 1 });
      return { sql, close: () => sql.end() };
    },
    async pids(pid) {
      const rows = await scratch.admin<{ pid: number }[]>`
        SELECT pid FROM pg_stat_activity WHERE datname = ${scratch.name}`;
      return [pid, ...rows.map((r) => r.pid)];
    },
    async done() {
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'leader1', password: 'rectify-demo' }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** What the route answers once, for the table: how many items, how many bytes. */
async function describe(url: string, headers: Record<string, string>): Promise<string> {
  const res = await fetch(url, { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
  const body = JSON.parse(text) as unknown;
  const n = Array.isArray(body)
    ? `${body.length} items`
    : `${(body as { units?: unknown[] }).units?.length ?? '?'} units`;
  return `${n}, ${(text.length / 1024).toFixed(0)} KB`;
}

async function measurePlace(place: Place): Promise<Row[]> {
  const rows: Row[] = [];
  const seedRun = await startServerProcess(place.env, { startTimeoutMs: 180_000 });
  await seedRun.stop();
  if (SEED) {
    const db = await place.open();
    try {
      const t = performance.now();
      const { counts } = await seedDemoRound(db.sql, SIZE);
      console.error(
        `  ${place.name}: seeded in ${((performance.now() - t) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`,
      );
    } finally {
      await db.close();
    }
  }
  const server = await startServerProcess(place.env, { startTimeoutMs: 180_000 });
  const pid = server.process.pid as number;
  const repin = async (): Promise<void> => {
    if (PIN) for (const p of await place.pids(pid)) pin(p, SERVER_CPU);
  };
  try {
    await repin();
    const headers = { authorization: `Bearer ${await signIn(server.url)}` };
    const rounds = (await (await fetch(`${server.url}/api/rounds`, { headers })).json()) as {
      id: string;
    }[];
    const roundId = rounds[0]?.id;
    if (!roundId) throw new Error('leader1 sees no round');
    for (const route of ROUTES) {
      const url = `${server.url}${route.path(roundId)}`;
      const items = await describe(url, headers);
      await autocannon({ url, headers, connections: 10, duration: WARMUP_SECONDS });
      for (const connections of CONNECTIONS) {
        await repin(); // PostgreSQL backends the pool opened meanwhile
        const pids = await place.pids(pid);
        const server0 = pids.reduce((s, p) => s + cpuSeconds(p), 0);
        const node0 = cpuSeconds(pid);
        const self0 = selfCpuMicros();
        const core0 = [coreBusySeconds(SERVER_CPU), coreBusySeconds(BENCH_CPU)];
        const t0 = performance.now();
        const r = await autocannon({
          url,
          headers,
          connections,
          duration: SECONDS,
          timeout: TIMEOUT_SECONDS,
        });
        const seconds = (performance.now() - t0) / 1000;
        const self1 = selfCpuMicros();
        const core1 = [coreBusySeconds(SERVER_CPU), coreBusySeconds(BENCH_CPU)];
        const server1 = (await place.pids(pid)).reduce((s, p) => s + cpuSeconds(p), 0);
        const node = cpuSeconds(pid) - node0;
        const self = (self1.user - self0.user + self1.system - self0.system) / 1e6;
        const others = PIN
          ? Math.max(core1[0]! - core0[0]! - (server1 - server0), core1[1]! - core0[1]! - self)
          : Number.NaN;
        rows.push({
          database: place.name,
          route: `GET ${route.path(':round')}`,
          items,
          connections,
          rps: r.requests.average,
          p50: r.latency.p50,
          p975: r.latency.p97_5,
          p99: r.latency.p99,
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
          serverCpu: (100 * (server1 - server0)) / seconds,
          databaseCpu: place.external ? (100 * (server1 - server0 - node)) / seconds : Number.NaN,
          cpuMsPerRequest: ((server1 - server0) * 1000) / Math.max(1, r.requests.total),
          generatorCpu: (100 * self) / seconds,
          otherCpu: (100 * others) / seconds,
        });
        const last = rows[rows.length - 1] as Row;
        console.error(
          `  ${place.name} ${route.name} × ${connections}: ${last.rps.toFixed(0)} req/s, p99 ${last.p99} ms, ` +
            `server ${last.serverCpu.toFixed(0)} %, generator ${last.generatorCpu.toFixed(0)} %, others ${last.otherCpu.toFixed(0)} %`,
        );
      }
    }
  } catch (error) {
    const exited = server.process.exitCode ?? server.process.signalCode;
    if (exited !== null) {
      console.error(
        `  the server exited (${exited}); its last output:\n${server.output().slice(-3000)}`,
      );
    }
    throw error;
  } finally {
    await server.stop();
  }
  return rows;
}

async function main(): Promise<void> {
  if (PIN) pin(process.pid, BENCH_CPU);
  const load0 = loadavg();
  const started = Date.now();
  console.error(
    `api-load: ${DATABASES.join(', ')}; ${SECONDS} s per run; generator on CPUs ${allowedCpus()}` +
      `${PIN ? `, server on ${SERVER_CPU}` : ' (not pinned)'}; load average ${load0.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const rows: Row[] = [];
  for (const kind of DATABASES) {
    const place = kind === 'pg' ? await postgres(PG_URL) : await pgliteOnDisk();
    try {
      rows.push(...(await measurePlace(place)));
    } finally {
      await place.done();
    }
  }
  const f = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
  console.log(
    `\napi-load, ${new Date().toISOString()}: signed in as leader1; ${SECONDS} s per run after a ${WARMUP_SECONDS} s warm-up, ` +
      `errors include requests unanswered after ${TIMEOUT_SECONDS} s; ` +
      `data: demo${SEED ? ` + ${SIZE.units} units × ${SIZE.statementsPerUnit} statements, ${SIZE.annotations} annotations, ${SIZE.findings} findings for 第一巡视组` : ' only'}; ` +
      `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${PIN ? `server on CPU ${SERVER_CPU}, autocannon on CPU ${BENCH_CPU}` : 'not pinned'}; ` +
      `load average ${load0.map((l) => l.toFixed(2)).join(' ')} at the start, ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at the end; ${((Date.now() - started) / 60_000).toFixed(1)} min\n`,
  );
  console.log(
    '| database | route | answer | connections | req/s | p50 ms | p97.5 ms | p99 ms | errors | non-2xx | server CPU % (database) | server CPU ms / request | generator CPU % | others % |',
  );
  console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  let failed = false;
  for (const r of rows) {
    if (r.errors > 0 || r.non2xx > 0) failed = true;
    const generator = `${f(r.generatorCpu, 0)}${r.generatorCpu > VOID_CPU ? ' VOID' : ''}`;
    const others = `${f(r.otherCpu, 0)}${r.otherCpu > OTHER_CPU ? ' DISTURBED' : ''}`;
    console.log(
      `| ${r.database} | ${r.route} | ${r.items} | ${r.connections} | ${f(r.rps, 0)} | ${f(r.p50, 0)} | ${f(r.p975, 0)} | ${f(r.p99, 0)} | ${r.errors} | ${r.non2xx} | ${f(r.serverCpu, 0)}${Number.isNaN(r.databaseCpu) ? '' : ` (${f(r.databaseCpu, 0)})`} | ${f(r.cpuMsPerRequest, 1)} | ${generator} | ${others} |`,
    );
  }
  if (failed) {
    console.log('\nFAILED: some requests errored or answered non-2xx.');
    process.exitCode = 1;
  }
}

await main();
process.exit(process.exitCode ?? 0);
