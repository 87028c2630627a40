/**
 * collab-tail: what held the server's core while the slowest fan-out samples
 * travelled. A diagnostic beside collab-scale, not a comparison: one server,
 * one scenario, its fixed-rate phase recorded with `perf sched` (every
 * context switch on both cores), then each sample at or above the chosen
 * percentile is laid over the server core's timeline and the time in its
 * window is split by who ran.
 *
 *   npm run collab-tail -w @rectify/bench      (or: npx tsx bench/collab-tail.bench.ts)
 *   TAIL_SERVER=ours-pglite    any of collab-scale's servers (lib/scale-servers.ts): ours-pg
 *                              (needs TEST_DATABASE_URL), ours-memory, y-websocket-server, …
 *   TAIL_SCENARIO=10           as collab-scale's: N clients on one doc, or 100x5
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
import { cpuSeconds } from './lib/collab-peers.ts';
import { canPin, pin } from './lib/pinning.ts';
import { contender, scenarioLayout } from './lib/scale-servers.ts';
import { runSession } from './lib/scale-session.ts';
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
  // collab-scale's defaults: 10 writers and 2 readers on one doc at 100 updates/s, 200/s over many docs.
  const { layout, manyDocs } = scenarioLayout(SCENARIO, { writers: 10, readers: 2 });
  const rate = manyDocs ? 200 : 100;
  const chosen = contender(SERVER, { pgUrl: PG_URL });
  if (!chosen) throw new Error(`cannot run ${SERVER}`);
  const server = await chosen.start();
  const { target } = server;
  /** Its database's own processes (PostgreSQL backends), apart from the server. */
  const backendsOf = async (): Promise<number[]> =>
    (await server.pids()).filter((pid) => pid !== target.pid);
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
        for (const pid of await server.pids()) pin(pid, SERVER_CPU);
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
        backends = await backendsOf();
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
