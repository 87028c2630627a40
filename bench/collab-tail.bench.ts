/**
 * collab-tail: what held the server's core while the slowest fan-out samples
 * travelled. A diagnostic beside collab-scale, not a comparison: one server,
 * one scenario, its fixed-rate phase recorded with `perf sched` (every
 * context switch on both cores), then each sample at or above the chosen
 * percentile is laid over the server core's timeline and the time in its
 * window is split by who ran.
 *
 *   npm run collab-tail -w @rectify/bench      (or: npx tsx bench/collab-tail.bench.ts)
 *   TAIL_SERVER=ours-pglite    also ours-pg (needs TEST_DATABASE_URL), ours-memory,
 *                              y-websocket-server, hocuspocus
 *   TAIL_SCENARIO=10           N clients on one doc, or 100x5
 *   TAIL_SECONDS=12  TAIL_WARMUP_S=1  TAIL_PERCENTILE=98
 *
 * Needs `perf` (Debian's linux-perf) and root, or a perf_event_paranoid that
 * lets this user trace scheduler events. Same method as collab-scale (server
 * pinned to core 0, generator to core 1, writers stamp, readers measure; see
 * lib/scale-session.ts); `perf` itself runs on the generator's core.
 *
 * Who ran, on the server's core:
 *   - the server's event loop (its main thread);
 *   - V8's background threads (JIT compiles, concurrent marking, parallel
 *     scavenges): Node starts them first, before any other thread, so they are
 *     taken to be the 2nd to 5th oldest threads after the main one (Node 20's
 *     default pool of 4, behind its delayed-task thread);
 *   - the server's other threads (PGlite's worker, libuv's pool);
 *   - PostgreSQL's backends of the scratch database (ours-pg);
 *   - other processes; idle (the core was free: the delay was elsewhere,
 *     on the generator's side or in the network stack).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cpuSeconds, forkOurs, forkPeer, type Target } from './lib/collab-peers.ts';
import { canPin, pin } from './lib/pinning.ts';
import { type Layout, runSession } from './lib/scale-session.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/scratch-database.ts';
import { percentile } from './lib/stats.ts';

const env = process.env;
const SERVER = env.TAIL_SERVER ?? 'ours-pglite';
const SCENARIO = env.TAIL_SCENARIO ?? '10';
const SECONDS = Number(env.TAIL_SECONDS ?? 12);
const WARMUP_S = Number(env.TAIL_WARMUP_S ?? 1);
const PCT = Number(env.TAIL_PERCENTILE ?? 98);
const PG_URL = env.DATABASE_URL || env.TEST_DATABASE_URL || '';
const SERVER_CPU = 0;
const BENCH_CPU = 1;
/** Node 20's default `--v8-pool-size`. */
const V8_POOL = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function layoutOf(key: string): { layout: Layout; rate: number } {
  const multi = /^(\d+)x(\d+)$/.exec(key);
  if (multi) {
    const per = Number(multi[2]);
    return {
      layout: { docs: Number(multi[1]), writers: 1, readers: 1, passive: per - 2 },
      rate: 200,
    };
  }
  const n = Number(key);
  if (!Number.isInteger(n) || n < 4) throw new Error(`bad TAIL_SCENARIO ${key}`);
  const writers = Math.min(n - 2, 10);
  return { layout: { docs: 1, writers, readers: 2, passive: n - 2 - writers }, rate: 100 };
}

interface Server {
  target: Target;
  /** PostgreSQL backends of its scratch database, when it has one. */
  backends: () => Promise<number[]>;
  done: () => Promise<void>;
}

async function start(kind: string): Promise<Server> {
  const none = async (): Promise<number[]> => [];
  if (kind === 'ours-pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'rectify-tail-'));
    const target = await forkOurs('ours (PGlite, disk)', { dataDir: dir });
    return {
      target,
      backends: none,
      async done() {
        await target.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (kind === 'ours-pg') {
    if (!PG_URL) throw new Error('ours-pg needs TEST_DATABASE_URL or DATABASE_URL');
    const scratch: ScratchDatabase = await createScratchDatabase(PG_URL, 'rectify_tail');
    const target = await forkOurs(`ours (PostgreSQL ${scratch.version})`, {
      databaseUrl: scratch.url,
    });
    return {
      target,
      async backends() {
        const rows = await scratch.admin<{ pid: number }[]>`
          SELECT pid FROM pg_stat_activity WHERE datname = ${scratch.name}`;
        return rows.map((r) => r.pid);
      },
      async done() {
        try {
          await target.close();
        } finally {
          await scratch.drop();
        }
      },
    };
  }
  if (kind === 'ours-memory') {
    const target = await forkOurs('ours (no database, diagnostic)', { memory: true });
    return { target, backends: none, done: () => target.close() };
  }
  if (kind === 'y-websocket-server' || kind === 'hocuspocus') {
    const target = await forkPeer(kind);
    return { target, backends: none, done: () => target.close() };
  }
  throw new Error(`unknown TAIL_SERVER ${kind}`);
}

/** One stretch a task ran on a CPU, from `perf sched timehist` (ms on CLOCK_MONOTONIC). */
interface Run {
  start: number;
  end: number;
  cpu: number;
  /** Thread id, 0 for idle. */
  tid: number;
  pid: number;
}

/** Parses `perf sched timehist` lines: `time [cpu] comm[tid/pid] wait sch-delay run`. */
function parseTimehist(text: string): Run[] {
  const runs: Run[] = [];
  const line = /^\s*([\d.]+)\s+\[(\d+)\]\s+(.+?)\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s*$/;
  for (const raw of text.split('\n')) {
    const m = line.exec(raw);
    if (!m) continue;
    const [, time, cpu, task, run] = m;
    const end = Number(time) * 1000;
    const ids = /\[(\d+)(?:\/(\d+))?\]$/.exec(task as string);
    const tid = ids ? Number(ids[1]) : 0;
    const pid = ids?.[2] ? Number(ids[2]) : tid;
    runs.push({ start: end - Number(run), end, cpu: Number(cpu), tid, pid });
  }
  return runs;
}

async function main(): Promise<void> {
  if (!canPin()) throw new Error('collab-tail needs taskset and two cores');
  if (spawnSync('perf', ['--version']).status !== 0) throw new Error('collab-tail needs perf');
  pin(process.pid, BENCH_CPU);
  const { layout, rate } = layoutOf(SCENARIO);
  const server = await start(SERVER);
  const { target } = server;
  const dataFile = join(mkdtempSync(join(tmpdir(), 'rectify-tail-perf-')), 'sched.data');
  try {
    pin(target.pid, SERVER_CPU);
    const base = {
      warmupMs: 500,
      rate,
      inFlight: 2,
      batchMs: 20,
      serverCpu: async () => cpuSeconds(target.pid),
      beforeCounting: async () => {
        for (const pid of [target.pid, ...(await server.backends())]) pin(pid, SERVER_CPU);
      },
    };
    // Unmeasured, as collab-scale's warm-up: a fresh process's first updates run through cold code.
    await runSession(
      target,
      { docs: 1, writers: 4, readers: 1, passive: 4 },
      {
        ...base,
        seconds: WARMUP_S,
      },
    );
    const tids = readdirSync(`/proc/${target.pid}/task`)
      .map(Number)
      .sort((a, b) => a - b);
    const v8 = new Set(tids.slice(2, 2 + V8_POOL));
    // performance.now() and perf's CLOCK_MONOTONIC, both in ms.
    const monoOffset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
    const perf = spawn(
      'perf',
      ['sched', 'record', '-k', 'CLOCK_MONOTONIC', '-a', '-o', dataFile, '--', 'sleep', '3600'],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let perfSaid = '';
    perf.stderr?.on('data', (chunk: Buffer) => {
      perfSaid += chunk.toString();
    });
    const perfExit = new Promise<void>((resolve) => perf.once('exit', () => resolve()));
    await sleep(500);
    const samples: Array<{ at: number; ms: number }> = [];
    let backends: number[] = [];
    const result = await runSession(target, layout, {
      ...base,
      seconds: SECONDS,
      beforeCounting: async () => {
        await base.beforeCounting();
        backends = await server.backends();
      },
      onFanSample: (sentAt, ms) => samples.push({ at: monoOffset + sentAt, ms }),
    });
    perf.kill('SIGINT');
    await perfExit;
    const timehist = spawnSync('perf', ['sched', 'timehist', '-i', dataFile], {
      maxBuffer: 512 * 1024 * 1024,
      encoding: 'utf8',
    });
    const runs = parseTimehist(timehist.stdout ?? '').filter((r) => r.cpu === SERVER_CPU);
    if (runs.length === 0) {
      // Most often: not allowed to trace scheduler events (perf_event_paranoid, not root).
      throw new Error(`perf recorded no context switches:\n${perfSaid}${timehist.stderr ?? ''}`);
    }
    const backendSet = new Set(backends);
    const classOf = (r: Run): string => {
      if (r.tid === 0) return 'idle';
      if (r.pid === target.pid) {
        if (r.tid === target.pid) return "server's event loop";
        return v8.has(r.tid) ? "V8's background threads" : "server's other threads";
      }
      if (backendSet.has(r.pid)) return 'PostgreSQL backends';
      return 'other processes';
    };
    const threshold = percentile(
      samples.map((s) => s.ms),
      PCT,
    );
    const slow = samples.filter((s) => s.ms >= threshold);
    const inSlow = new Map<string, number>();
    const overall = new Map<string, number>();
    const first = Math.min(...samples.map((s) => s.at));
    const last = Math.max(...samples.map((s) => s.at + s.ms));
    for (const r of runs) {
      const cls = classOf(r);
      const all = Math.min(r.end, last) - Math.max(r.start, first);
      if (all > 0) overall.set(cls, (overall.get(cls) ?? 0) + all);
      for (const s of slow) {
        const o = Math.min(r.end, s.at + s.ms) - Math.max(r.start, s.at);
        if (o > 0) inSlow.set(cls, (inSlow.get(cls) ?? 0) + o);
      }
    }
    const slowTotal = slow.reduce((n, s) => n + s.ms, 0);
    const span = last - first;
    console.log(
      `collab-tail, ${new Date().toISOString()}: ${target.name}, ${SCENARIO} (${layout.docs} doc(s): ` +
        `${layout.writers} writing, ${layout.readers} reading, ${layout.passive} passive), ` +
        `${rate} updates/s for ${SECONDS} s after ${WARMUP_S} s of warm-up; server on CPU ${SERVER_CPU}`,
    );
    console.log(
      `fixed rate: ${samples.length} samples, fan-out p50 ${result.fixed.fanP50.toFixed(2)} ms, ` +
        `p99 ${result.fixed.fanP99.toFixed(2)} ms; ${slow.length} samples at or above p${PCT} ` +
        `(${threshold.toFixed(2)} ms), ${slowTotal.toFixed(1)} ms of windows in all; ` +
        `CLOCK_MONOTONIC ${(first / 1000).toFixed(3)}–${(last / 1000).toFixed(3)} s (for perf report --time)`,
    );
    console.log(
      `closed loop (same session, for reference): ${result.closed.perSecond.toFixed(0)} updates/s, ` +
        `fan-out p50 ${result.closed.fanP50.toFixed(2)} ms, server ${result.closed.serverCpu.toFixed(0)} % of its core`,
    );
    console.log('');
    console.log(
      `| on the server's core      | ms in the slow windows | share of them | share of the whole phase |`,
    );
    console.log(
      `| ------------------------- | ---------------------: | ------------: | -----------------------: |`,
    );
    const classes = [...new Set([...inSlow.keys(), ...overall.keys()])].sort(
      (a, b) => (inSlow.get(b) ?? 0) - (inSlow.get(a) ?? 0),
    );
    for (const cls of classes) {
      const ms = inSlow.get(cls) ?? 0;
      console.log(
        `| ${cls.padEnd(25)} | ${ms.toFixed(1).padStart(22)} | ${`${((100 * ms) / slowTotal).toFixed(0)} %`.padStart(13)} | ${`${((100 * (overall.get(cls) ?? 0)) / span).toFixed(1)} %`.padStart(24)} |`,
      );
    }
  } finally {
    await server.done();
    rmSync(dirname(dataFile), { recursive: true, force: true });
  }
}

await main();
process.exit(0);
