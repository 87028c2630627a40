/**
 * One measured session of the collab-scale bench: a layout of clients on
 * fresh documents of one server, a fixed-rate phase and a closed-loop phase.
 *
 * Per document, clients join in this order: passive sockets (`PassiveSocket`:
 * they only count frames), writers (`BenchClient` with `apply: false`: they
 * read acks but skip remote updates), and last the readers, which measure.
 * Every server here relays in join order, so the readers are the last it
 * sends to. All of them speak over raw sockets (`raw: true`), the cheapest
 * way for one process to hold hundreds. Every writer sets its own key of one
 * shared Y.Map (a real Yjs edit, as an editor makes it) and stamps the update
 * with its send time, kept under the writer's Yjs client id and new clock
 * (the bench is one process, so one clock). A reader identifies each update
 * it receives by the same pair (`Y.parseUpdateMeta`, a fifth of what applying
 * it costs) and checks it off. Fan-out = send → the last reader of that
 * document has it.
 */
import * as Y from 'yjs';
import { BenchClient, clientUrl, openingFrames } from './collab-client.ts';
import type { Target } from './collab-peers.ts';
import { PassiveSocket } from './passive-socket.ts';
import { selfCpuMicros } from './pinning.ts';
import { percentile } from './stats.ts';

/** Clients per document; `docs` documents side by side. */
export interface Layout {
  readonly docs: number;
  /** Clients that only write (they read acks but skip remote updates). */
  readonly writers: number;
  /** Full Yjs clients that measure fan-out; at least one. */
  readonly readers: number;
  readonly passive: number;
}

export interface SessionOptions {
  readonly seconds: number;
  readonly warmupMs: number;
  /** Updates per second over all writers in the fixed-rate phase. */
  readonly rate: number;
  /** Updates each writer keeps travelling in the closed loop. */
  readonly inFlight: number;
  /**
   * In the closed loop, passive sockets and write-only writers read every
   * this many ms instead of on every frame (0: always). Nothing they read is
   * measured, and the server's sends are the same either way.
   */
  readonly batchMs: number;
  /** CPU seconds the server under test has used so far (its process and, for PostgreSQL, its backends). */
  readonly serverCpu: () => Promise<number>;
  /** The part of `serverCpu` its database processes used, if they are apart (PostgreSQL). */
  readonly databaseCpu?: () => Promise<number>;
  /**
   * Busy seconds of the server's core and the generator's core (see
   * `coreBusySeconds`), to tell how much of them other processes took.
   */
  readonly cores?: () => { server: number; generator: number };
  /** Runs once the phase's warm-up is over, before counting (re-pinning new database backends). */
  readonly beforeCounting?: () => Promise<void>;
  /**
   * Each counted fan-out sample of the fixed-rate phase: when it was sent
   * (`performance.now()`) and how long it took, ms (collab-tail).
   */
  readonly onFanSample?: (sentAt: number, ms: number) => void;
}

/** What one phase measured over its counted window. */
export interface PhaseResult {
  fanP50: number;
  fanP99: number;
  ackP50: number;
  ackP99: number;
  /** Updates that reached every measuring client of their document, per second. */
  perSecond: number;
  /** Frames the server sent to all clients (measuring and passive), per second. */
  messagesPerSecond: number;
  /** Share of the fixed rate actually sent (fixed-rate phase). */
  sentShare: number;
  /** This process's CPU time over wall time, % of one core. */
  generatorCpu: number;
  /** The part of it spent in the kernel (socket reads and writes). */
  generatorKernelCpu: number;
  /** The server's CPU time over wall time, % of one core. */
  serverCpu: number;
  /**
   * What other processes (or the hypervisor) took of the server's or the
   * generator's core, whichever is more, % of one core; NaN if not pinned.
   */
  otherCpu: number;
  serverCpuMsPer1k: number;
  /** The database processes' part of it (PostgreSQL); NaN when the database is inside the server. */
  databaseCpuMsPer1k: number;
}

export interface SessionResult {
  fixed: PhaseResult;
  closed: PhaseResult;
  /** Passive sockets the server closed during the session (a slow consumer is dropped). */
  passiveLost: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Sent {
  at: number;
  left: number;
  writer: number;
  counted: boolean;
}

interface PendingAck {
  clock: number;
  at: number;
  counted: boolean;
}

async function waitFor(what: string, done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = performance.now();
  while (!done()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out: ${what}`);
    await sleep(5);
  }
}

/** Opens `count` at a time so a burst of hundreds of handshakes does not overflow a listen backlog. */
async function inBatches<T>(items: T[], count: number, open: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += count) {
    await Promise.all(items.slice(i, i + count).map(open));
  }
}

export async function runSession(
  target: Target,
  layout: Layout,
  options: SessionOptions,
): Promise<SessionResult> {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const docNames = Array.from({ length: layout.docs }, (_, d) => `review.scale-${tag}-${d}`);
  const sent = new Map<string, Sent>();
  const fan: number[] = [];
  const ack: number[] = [];
  let delivered = 0;
  let sentCounted = 0;
  let counting = false;
  let fixedPhase = true;
  let onDelivered: (writer: number) => void = () => {};

  const passives: PassiveSocket[] = [];
  await inBatches(
    docNames.flatMap((name) => Array.from({ length: layout.passive }, () => name)),
    50,
    async (name) => {
      const p = new PassiveSocket(clientUrl(target, name, false), openingFrames(target, name));
      passives.push(p);
      await p.ready;
    },
  );

  const writers: BenchClient[] = [];
  const readers: BenchClient[] = [];
  const pendingAcks: PendingAck[][] = [];
  /** A reader identifies an update by its writer's client id and end clock, without applying it. */
  const checkOff = (update: Uint8Array): void => {
    let to: Map<number, number>;
    try {
      to = Y.parseUpdateMeta(update).to;
    } catch {
      return;
    }
    const now = performance.now();
    for (const [client, clock] of to) {
      const id = `${client}:${clock}`;
      const entry = sent.get(id);
      if (!entry || --entry.left > 0) continue;
      sent.delete(id);
      if (entry.counted) {
        fan.push(now - entry.at);
        if (fixedPhase) options.onFanSample?.(entry.at, now - entry.at);
      }
      if (counting) delivered++;
      onDelivered(entry.writer);
    }
  };
  for (const name of docNames) {
    for (let w = 0; w < layout.writers; w++) {
      const queue: PendingAck[] = [];
      pendingAcks.push(queue);
      const onAck = (clock: number | undefined): void => {
        const now = performance.now();
        // Ours: the ack covers every edit up to its clock. Hocuspocus: one status per update, in order.
        while (queue.length > 0 && (clock === undefined || (queue[0]?.clock ?? 0) <= clock)) {
          const item = queue.shift() as PendingAck;
          if (item.counted) ack.push(now - item.at);
          if (clock === undefined) break;
        }
      };
      writers.push(new BenchClient(target, name, { onAck, apply: false, raw: true }));
    }
    for (let r = 0; r < layout.readers; r++) {
      readers.push(new BenchClient(target, name, { raw: true, apply: false, onUpdate: checkOff }));
    }
  }
  const clients = [...writers, ...readers];
  const all = (): number =>
    clients.reduce((n, c) => n + c.messages, 0) + passives.reduce((n, p) => n + p.frames, 0);

  try {
    await waitFor(`${target.name}: clients sync`, () => clients.every((c) => c.synced));
    const counters = writers.map(() => 0);
    const edit = (w: number): void => {
      const c = writers[w] as BenchClient;
      const v = (counters[w] ?? 0) + 1;
      counters[w] = v;
      // Stamped before the edit, which goes out synchronously; nothing can
      // arrive before it is registered below, in the same turn.
      const at = performance.now();
      c.map.set(`w${w}`, v);
      const clock = Y.getState(c.doc.store, c.doc.clientID);
      sent.set(`${c.doc.clientID}:${clock}`, {
        at,
        left: layout.readers,
        writer: w,
        counted: counting,
      });
      if (counting) sentCounted++;
      pendingAcks[w]?.push({ clock, at, counted: counting });
    };
    const waitDrained = async (): Promise<void> => {
      const t = performance.now();
      while (sent.size > 0 && performance.now() - t < 30_000) await sleep(10);
    };

    /** Counts from the end of warm-up for `seconds`; `body` has started the load. */
    const window = async (): Promise<Omit<PhaseResult, 'sentShare'>> => {
      await sleep(options.warmupMs);
      await options.beforeCounting?.();
      fan.length = 0;
      ack.length = 0;
      delivered = 0;
      sentCounted = 0;
      const server0 = await options.serverCpu();
      const database0 = (await options.databaseCpu?.()) ?? Number.NaN;
      const cores0 = options.cores?.();
      const self0 = selfCpuMicros();
      const messages0 = all();
      const t0 = performance.now();
      counting = true;
      await sleep(options.seconds * 1000);
      counting = false;
      const seconds = (performance.now() - t0) / 1000;
      const messages = all() - messages0;
      const self1 = selfCpuMicros();
      const self = (self1.user - self0.user + self1.system - self0.system) / 1e6;
      const kernel = (self1.system - self0.system) / 1e6;
      const server = (await options.serverCpu()) - server0;
      const database = ((await options.databaseCpu?.()) ?? Number.NaN) - database0;
      const cores1 = options.cores?.();
      const other =
        cores0 && cores1
          ? Math.max(
              cores1.server - cores0.server - server,
              cores1.generator - cores0.generator - self,
            )
          : Number.NaN;
      const deliveredNow = delivered;
      return {
        fanP50: Number.NaN,
        fanP99: Number.NaN,
        ackP50: Number.NaN,
        ackP99: Number.NaN,
        perSecond: deliveredNow / seconds,
        messagesPerSecond: messages / seconds,
        generatorCpu: (100 * self) / seconds,
        generatorKernelCpu: (100 * kernel) / seconds,
        serverCpu: (100 * server) / seconds,
        otherCpu: (100 * other) / seconds,
        serverCpuMsPer1k: (server * 1e6) / Math.max(1, deliveredNow),
        databaseCpuMsPer1k: (database * 1e6) / Math.max(1, deliveredNow),
      };
    };
    const latencies = (r: Omit<PhaseResult, 'sentShare'>, sentShare: number): PhaseResult => ({
      ...r,
      fanP50: percentile(fan, 50),
      fanP99: percentile(fan, 99),
      ackP50: percentile(ack, 50),
      ackP99: percentile(ack, 99),
      sentShare,
    });

    // Fixed rate: writers at random phases.
    const hz = options.rate / writers.length;
    const timers: NodeJS.Timeout[] = [];
    writers.forEach((_, w) => {
      timers.push(
        setTimeout(
          () => {
            edit(w);
            timers.push(setInterval(() => edit(w), 1000 / hz));
          },
          Math.random() * (1000 / hz),
        ),
      );
    });
    const fixedRaw = await window();
    const sentShare = sentCounted / (options.rate * options.seconds);
    for (const t of timers) clearInterval(t);
    await waitDrained();
    const fixed = latencies(fixedRaw, sentShare);

    // Closed loop: each writer keeps `inFlight` updates travelling.
    fixedPhase = false;
    const batched = [...passives, ...writers];
    let batching: NodeJS.Timeout | undefined;
    if (options.batchMs > 0) {
      for (const b of batched) b.pause();
      batching = setInterval(() => {
        for (const b of batched) b.resume();
        // After this loop turn's poll phase, which reads what has queued up.
        setImmediate(() => {
          for (const b of batched) b.pause();
        });
      }, options.batchMs);
    }
    let running = true;
    onDelivered = (w) => {
      if (running) edit(w);
    };
    for (let w = 0; w < writers.length; w++) for (let k = 0; k < options.inFlight; k++) edit(w);
    const closedRaw = await window();
    clearInterval(batching);
    for (const b of batched) b.resume();
    running = false;
    onDelivered = () => {};
    const closed = latencies(closedRaw, Number.NaN);
    await waitDrained();
    return { fixed, closed, passiveLost: passives.filter((p) => !p.open).length };
  } finally {
    for (const c of clients) c.close();
    for (const p of passives) p.close();
  }
}
