/**
 * collab-scale: collaboration fan-out latency and saturation at 10, 50 and 200
 * clients on one document and at 100 documents × 5 clients, on our collab
 * server (every update stored before it is acknowledged; relayed as it arrives) next to
 * @y/websocket-server 0.1.1 and @hocuspocus/server 3.4.4 (both in memory), in
 * one run, with the server and the load generator on separate cores.
 *
 *   npm run collab-scale -w @rectify/bench     (or: npx tsx bench/collab-scale.bench.ts)
 *   TEST_DATABASE_URL=postgres://… adds "ours (PostgreSQL)" (a scratch database per repetition)
 *   SCALE_SECONDS=4          counted seconds per phase (plus 0.5 s warm-up)
 *   SCALE_WARMUP_SESSION=10  seconds per phase of the unmeasured session each server
 *                            process carries first (JIT warm-up; see WARM_UP)
 *   SCALE_REPS=3             interleaved repetitions (rep 1: every server, rep 2: every server, …)
 *   SCALE_SERVERS=ours-pglite,ours-pg,y-websocket-server,hocuspocus   (also: ours-pglite-after,
 *                            relaying only after the commit; ours-pglite-inline, PGlite on the
 *                            server's event loop; `ours-pg+--flag`: ours with that Node flag;
 *                            ours-memory, a diagnostic: no database at all, updates kept in
 *                            memory, so its "ack" promises nothing — what the store costs)
 *   SCALE_SCENARIOS=10,50,200,100x5   N clients on one doc; D×C = D docs of C clients
 *   SCALE_WRITERS=10  SCALE_READERS=2  writers and measuring readers on one doc
 *   SCALE_RATE=100  SCALE_DOCS_RATE=200   updates/s in total in the fixed-rate phase
 *   SCALE_IN_FLIGHT=4  SCALE_DOCS_IN_FLIGHT=2   updates each writer keeps travelling in the
 *                            closed loop (one doc / many docs)
 *   SCALE_BATCH_MS=20        closed loop: passive sockets and writers read every 20 ms (0: at once)
 *   SCALE_DB_LOAD_SQL='select count(*) from generate_series(1, 300000)'  SCALE_DB_LOAD_EVERY_MS=1000
 *                            our servers also run that query on their database on a timer
 *                            (a heavy screen opened meanwhile; ~130 ms on PGlite)
 *   SCALE_PIN=0              no taskset pinning (SCALE_SERVER_CPU=0, SCALE_BENCH_CPU=1)
 *   SCALE_VOID_CPU=70        a phase whose load generator used more of its core is void
 *   SCALE_OTHER_CPU=20       … and one in which other processes took more of either core
 *   SCALE_QUIET_WAIT=60  SCALE_RETRIES=1   before each session wait up to 60 s for the
 *                            cores to be free of others; measure a disturbed session once more
 *
 * Method. The server under test runs alone in a child process pinned to core
 * 0 (`taskset -a -cp 0`; for PostgreSQL its backends of the scratch database
 * too); this process, the load generator, pins itself to core 1. Every
 * server process first carries an unmeasured warm-up session. One document
 * with N clients has 2 readers that measure, min(N − 2, 10) writers, and
 * passive sockets for the rest (raw WebSockets that join like a client and
 * only count frames, so 188 of them cost the generator little); 100 docs × 5
 * has per doc 1 writer, 1 reader, 3 passive. Writers stamp each update with
 * its send time; readers identify it by its Yjs client and clock. Readers
 * join last, so they are the last the server relays to. See
 * lib/scale-session.ts.
 *   - Fixed rate: SCALE_RATE updates/s over all writers (one doc: 10 writers ×
 *     10/s, typing speed; 8 × 12.5/s at N = 10; 100 docs: 100 writers × 2/s).
 *     Fan-out p50/p99 (send → the last reader has it) and ack p50/p99: ours =
 *     the durable "saved" ack (committed); Hocuspocus = its SyncStatus
 *     (applied in memory; it stores 2–10 s later); @y/websocket-server acks
 *     nothing.
 *   - Closed loop (saturation): every writer keeps SCALE_IN_FLIGHT updates in
 *     flight (the next goes when one has reached the doc's readers);
 *     updates/s delivered, outbound messages/s (frames all clients received:
 *     relays, acks, and the peers' echo to the sender), fan-out p50 at that
 *     load, server CPU % of its core and CPU ms per 1,000 updates.
 * The generator's own CPU (process.cpuUsage over wall time) is measured per
 * phase; a phase above SCALE_VOID_CPU % is void and left out of the medians.
 * So is one in which other processes took more than SCALE_OTHER_CPU % of
 * either core (from /proc/stat, less the server's and the generator's own
 * time): on a shared machine a starved generator otherwise looks "valid".
 * Each session waits until the cores are free of others, and a disturbed one
 * is measured once more (the last measurement counts either way).
 */
import { cpus, loadavg } from 'node:os';
import { cpuSeconds } from './lib/collab-peers.ts';
import { allowedCpus, canPin, coreBusySeconds, pin } from './lib/pinning.ts';
import { type Cell, printReport } from './lib/scale-report.ts';
import { type Contender, contender, type Running, scenarioLayout } from './lib/scale-servers.ts';
import { type Layout, runSession, type SessionResult } from './lib/scale-session.ts';

const env = process.env;
const SECONDS = Number(env.SCALE_SECONDS ?? 4);
const REPS = Number(env.SCALE_REPS ?? 3);
const SERVERS = (env.SCALE_SERVERS ?? 'ours-pglite,ours-pg,y-websocket-server,hocuspocus').split(
  ',',
);
const SCENARIOS = (env.SCALE_SCENARIOS ?? '10,50,200,100x5').split(',');
const WRITERS = Number(env.SCALE_WRITERS ?? 10);
const READERS = Number(env.SCALE_READERS ?? 2);
const RATE = Number(env.SCALE_RATE ?? 100);
const DOCS_RATE = Number(env.SCALE_DOCS_RATE ?? 200);
const IN_FLIGHT = Number(env.SCALE_IN_FLIGHT ?? 4);
const DOCS_IN_FLIGHT = Number(env.SCALE_DOCS_IN_FLIGHT ?? 2);
const BATCH_MS = Number(env.SCALE_BATCH_MS ?? 20);
const DB_LOAD = env.SCALE_DB_LOAD_SQL
  ? { sql: env.SCALE_DB_LOAD_SQL, everyMs: Number(env.SCALE_DB_LOAD_EVERY_MS ?? 1000) }
  : undefined;
const PIN = env.SCALE_PIN !== '0' && canPin();
const SERVER_CPU = Number(env.SCALE_SERVER_CPU ?? 0);
const BENCH_CPU = Number(env.SCALE_BENCH_CPU ?? 1);
const VOID_CPU = Number(env.SCALE_VOID_CPU ?? 70);
const OTHER_CPU = Number(env.SCALE_OTHER_CPU ?? 20);
const QUIET_WAIT_S = Number(env.SCALE_QUIET_WAIT ?? 60);
const RETRIES = Number(env.SCALE_RETRIES ?? 1);
const WARMUP_MS = 500;
const WARMUP_SESSION_S = Number(env.SCALE_WARMUP_SESSION ?? 10);
const PG_URL = env.DATABASE_URL || env.TEST_DATABASE_URL || '';

interface Scenario {
  key: string;
  label: string;
  layout: Layout;
  rate: number;
  inFlight: number;
}

function scenario(key: string): Scenario {
  const { label, layout, manyDocs } = scenarioLayout(key, { writers: WRITERS, readers: READERS });
  return manyDocs
    ? { key, label, layout, rate: DOCS_RATE, inFlight: DOCS_IN_FLIGHT }
    : { key, label, layout, rate: RATE, inFlight: IN_FLIGHT };
}

/** `ours-pg+--flag+--other`: our server started with those Node flags (an A/B of one setting). */
function contenders(): Contender[] {
  return SERVERS.flatMap((key) => contender(key, { pgUrl: PG_URL, dbLoad: DB_LOAD }) ?? []);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function cpuOf(pids: number[]): Promise<number> {
  return pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
}

/** Waits (up to 5 s) until the server has calmed down after a session (closing rooms, compaction). */
async function settle(running: Running): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const pids = await running.pids();
    const before = await cpuOf(pids);
    await sleep(250);
    if ((await cpuOf(pids)) - before < 0.025) return;
  }
}

/**
 * On a shared machine: waits (up to SCALE_QUIET_WAIT seconds) until other
 * processes leave both cores nearly idle (≤ half the SCALE_OTHER_CPU limit
 * over one second), so a session does not start into someone else's job.
 */
async function waitForQuiet(running: Running): Promise<void> {
  if (!PIN || QUIET_WAIT_S <= 0) return;
  const deadline = Date.now() + QUIET_WAIT_S * 1000;
  let waited = false;
  while (Date.now() < deadline) {
    const pids = await running.pids();
    const server0 = await cpuOf(pids);
    const self0 = process.cpuUsage();
    const c0 = [coreBusySeconds(SERVER_CPU), coreBusySeconds(BENCH_CPU)] as const;
    await sleep(1000);
    const self1 = process.cpuUsage(self0);
    const server = (await cpuOf(pids)) - server0;
    const others = Math.max(
      coreBusySeconds(SERVER_CPU) - c0[0] - server,
      coreBusySeconds(BENCH_CPU) - c0[1] - (self1.user + self1.system) / 1e6,
    );
    if (others * 100 <= OTHER_CPU / 2) break;
    if (!waited)
      console.error(
        `  waiting for other processes to leave the cores (${(others * 100).toFixed(0)} %)`,
      );
    waited = true;
  }
}

const disturbed = (r: SessionResult): boolean =>
  r.fixed.otherCpu > OTHER_CPU || r.closed.otherCpu > OTHER_CPU;

/**
 * Unmeasured: a fresh server process's first updates run through cold
 * (unoptimised) code, and V8 compiles it on background threads that share
 * the server's one core. A longer code path (a store, its driver, PGlite's
 * glue) takes longer to compile: with 1 s of this, V8's background threads
 * took 3.6–4.0 % of our PGlite server's core through the next phase and were
 * on the core for 60 % of the slowest samples' windows; with 12 s, 1.0 %, as
 * `@y/websocket-server` after 1 s (collab-tail.bench.ts, RESULTS.md). The
 * same for every server.
 */
const WARM_UP: Scenario = {
  key: 'warm-up',
  label: 'warm-up',
  layout: { docs: 1, writers: 4, readers: 1, passive: 4 },
  rate: 100,
  inFlight: 2,
};

async function measure(running: Running, s: Scenario, seconds = SECONDS): Promise<SessionResult> {
  const repin = async (): Promise<void> => {
    if (PIN) for (const pid of await running.pids()) pin(pid, SERVER_CPU);
  };
  await repin();
  // Backends that ended meanwhile have no /proc entry: `cpuSeconds` reads them as 0.
  let known: number[] = [];
  return runSession(running.target, s.layout, {
    seconds,
    warmupMs: WARMUP_MS,
    rate: s.rate,
    inFlight: s.inFlight,
    batchMs: BATCH_MS,
    cores: PIN
      ? () => ({ server: coreBusySeconds(SERVER_CPU), generator: coreBusySeconds(BENCH_CPU) })
      : undefined,
    beforeCounting: async () => {
      await repin();
      known = await running.pids();
    },
    serverCpu: async () => {
      const now = await running.pids();
      known = [...new Set([...known, ...now])];
      return cpuOf(known);
    },
    databaseCpu: running.external
      ? async () => cpuOf(known.filter((pid) => pid !== running.target.pid))
      : undefined,
  });
}

async function main(): Promise<void> {
  process.setMaxListeners(0);
  if (PIN) pin(process.pid, BENCH_CPU);
  const scenarios = SCENARIOS.map(scenario);
  const list = contenders();
  const started = Date.now();
  const load0 = loadavg();
  console.error(
    `collab-scale: ${REPS} reps × ${list.length} servers × ${scenarios.length} scenarios, ` +
      `${SECONDS} s per phase; generator on CPUs ${allowedCpus()}${PIN ? `, servers on ${SERVER_CPU}` : ' (not pinned)'}; ` +
      `load average ${load0.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const cells: Cell[] = [];
  for (let rep = 1; rep <= REPS; rep++) {
    // Each repetition starts with another server, so drift over the run is spread.
    const order = list.map((_, i) => list[(i + rep - 1) % list.length] as Contender);
    for (const contender of order) {
      const running = await contender.start();
      try {
        if (PIN) pin(running.target.pid, SERVER_CPU);
        await measure(running, WARM_UP, WARMUP_SESSION_S);
        await settle(running);
        for (const s of scenarios) {
          let result: SessionResult;
          try {
            await waitForQuiet(running);
            result = await measure(running, s);
            // Another process took part of a core meanwhile: once more, after it has gone.
            for (let retry = 0; retry < RETRIES && disturbed(result); retry++) {
              console.error(
                `  rep ${rep} ${running.target.name}, ${s.label}: disturbed, measuring again`,
              );
              await settle(running);
              await waitForQuiet(running);
              result = await measure(running, s);
            }
          } catch (error) {
            // One failed session (say, clients that never synced) must not cost the whole run.
            console.error(`  rep ${rep} ${running.target.name}, ${s.label}: FAILED: ${error}`);
            continue;
          }
          cells.push({
            server: running.target.name,
            key: contender.key,
            scenario: s.label,
            rep,
            result,
          });
          const f = result.fixed;
          const c = result.closed;
          console.error(
            `  rep ${rep} ${running.target.name}, ${s.label}: fan-out p99 ${f.fanP99.toFixed(1)} ms, ` +
              `${c.perSecond.toFixed(0)} updates/s, server ${c.serverCpu.toFixed(0)} %, ` +
              `generator ${f.generatorCpu.toFixed(0)} / ${c.generatorCpu.toFixed(0)} % (kernel ${c.generatorKernelCpu.toFixed(0)} %), ` +
              `others ${f.otherCpu.toFixed(0)} / ${c.otherCpu.toFixed(0)} %` +
              (result.passiveLost ? `, ${result.passiveLost} passive sockets dropped` : ''),
          );
          await settle(running);
        }
      } finally {
        await running.done();
      }
    }
  }
  printReport(cells, {
    header:
      `collab-scale, ${new Date().toISOString()}: ${REPS} interleaved repetitions, medians; ` +
      `${SECONDS} s counted per phase after ${WARMUP_MS} ms warm-up, each server process after a ${WARMUP_SESSION_S} s warm-up session; fixed rate ${RATE} updates/s (one doc), ` +
      `${DOCS_RATE} updates/s (many docs); closed loop ${IN_FLIGHT} (one doc) / ${DOCS_IN_FLIGHT} (many docs) in flight per writer, ` +
      `passive reads every ${BATCH_MS} ms; ` +
      `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ` +
      (PIN ? `server on CPU ${SERVER_CPU}, generator on CPU ${BENCH_CPU}` : 'not pinned') +
      `; load average ${load0.map((l) => l.toFixed(2)).join(' ')} at the start, ` +
      `${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at the end; ${((Date.now() - started) / 60_000).toFixed(1)} min`,
    validity: { voidCpu: VOID_CPU, otherCpu: OTHER_CPU },
    layouts: scenarios.map((s) => ({ label: s.label, layout: s.layout })),
  });
}

await main();
// Leftover sockets or a child's IPC channel must not keep a finished run alive.
process.exit(0);
