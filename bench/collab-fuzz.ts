/**
 * collab-fuzz: a bounded fuzz run of the live collaboration server, on the
 * production path, with memory watched from outside.
 *
 *   npm run fuzz -w @rectify/bench                 (or: npx tsx bench/collab-fuzz.ts)
 *   FUZZ_FRAMES=5000      frames to send (default 100000)
 *   FUZZ_SEED=123         fixes the frames (printed on every run; a frame is "seed S, frame #i")
 *   FUZZ_SOCKETS=50       raw sockets sending them (default 50)
 *   FUZZ_DATABASE_URL=postgres://…   a scratch database on that server instead of PGlite
 *
 * The server is `packages/collab/src/testing/collab-child.ts` alone in a child
 * process (openDatabase + migrations + PgDocStore with group commit and
 * compaction, createCollabServer with its defaults: 16 MiB frame limit, every
 * socket may write), on embedded PGlite on disk in a temp dir, or on a scratch
 * database (created, then dropped) of FUZZ_DATABASE_URL's server. Its log
 * goes through a pipe and is counted, not printed.
 *
 * Frames come from fast-check generators, drawn in chunks of 1,000 from the
 * seed: valid sync step 1 / step 2 / update frames carrying random Yjs updates
 * (maps, texts, arrays, XML, deletions; whole states or a last incremental
 * update that depends on structs the server never saw; clientIDs from a small
 * pool that clash, or random), awareness frames, query-awareness, and
 * mutations: payloads mutated inside a correct envelope, V2 updates in a V1
 * frame, wrong varints (overlong, non-minimal, unterminated), huge or short
 * declared lengths, unknown message types and sync steps, truncation, bit
 * flips, inserted/deleted/repeated bytes, trailing bytes, empty frames,
 * random bytes, text frames, and now and then a frame over the 16 MiB limit.
 *
 * FUZZ_SOCKETS raw `ws` sockets send them, one frame at a time followed by a
 * ping: the server handles a socket's frames in order and a closing socket
 * answers no ping, so a pong means the frame was handled and the socket lives,
 * and a close code says what the server made of that very frame. A closed
 * socket reconnects (after the server's first message, so a refusal at
 * connect is told apart). 40 sockets share four docs of four kinds (review,
 * minutes, report, finding: each kind's projection capture runs on what the
 * fuzz wrote); 10 have a doc each (interview), so their room is closed,
 * compacted and loaded again from the store at almost every reconnect.
 *
 * Meanwhile three stock y-websocket clients edit the review doc (a Y.Text and a
 * Y.Map, 10 edits/s each), and every 5 s a fresh stock client must sync a
 * shared doc within 15 s ("answers"). At the end the three must converge:
 * same text and map, every edit they made present, and a fresh client gets
 * the same. The child's RSS (VmRSS from /proc) is sampled every 200 ms.
 *
 * Exit code 1 when: the child exited (crash), a probe went unanswered, the
 * well-behaved clients did not converge, a socket ended otherwise than with a
 * named close code (MalformedMessage 4400, Forbidden 4403 from the review
 * doc's write guard, MessageTooBig 4413) or got no answer in 20 s, or memory
 * grew past its bounds. Every such frame is printed in hex with its index, so
 * it can be replayed; an internal error's log entry (with its stack) too.
 *
 * Memory: RSS "start" and "end" are read right after a full collection in the
 * child (it runs with --expose-gc and a two-line IPC hook, GC_HOOK below;
 * nothing else changes): PGlite leaves ~350 MB of start-up garbage that the
 * first major collection frees, and V8 collects lazily, so raw RSS swings by
 * 150–200 MB within 200 ms under this load with nothing retained. The run
 * fails when what is retained (end − start) exceeds RSS_BOUND_MB (300 MB: a
 * leak of 3 KB per frame), or when the peak exceeds the start by more than
 * PEAK_BOUND_MB (500 MB: a frame that makes the server allocate hundreds of
 * MB at once). The live JS heap after the collections is printed as well.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '../packages/domain/src/errors.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 100_000);
const SEED =
  process.env.FUZZ_SEED === undefined
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.FUZZ_SEED);
const SOCKETS = Number(process.env.FUZZ_SOCKETS ?? 50);
const DATABASE_URL = process.env.FUZZ_DATABASE_URL || undefined;
/** RSS retained after the run (both ends after a full GC), in MB, beyond which the run fails. */
const RSS_BOUND_MB = 300;
/** Peak RSS above the start, in MB, beyond which the run fails. */
const PEAK_BOUND_MB = 500;
/** The child's default `maxFrameBytes`. */
const MAX_FRAME = 16 * 1024 * 1024;
const CHUNK = 1000;
const ANSWER_MS = 20_000;
const WB_CLIENTS = 3;
const WB_EDIT_MS = 100;
const PROBE_EVERY_MS = 5000;
/**
 * Loaded into the child next to tsx (with --expose-gc): on `{ gc: true }` it collects twice and
 * answers with its memory, so retained growth can be told from garbage not yet collected.
 * collab-child.ts ignores messages it does not know.
 */
const GC_HOOK = `data:text/javascript,${encodeURIComponent(
  "process.on('message', (m) => { if (m && m.gc) { gc(); gc(); process.send({ memory: process.memoryUsage() }); } });",
)}`;
const CHILD = fileURLToPath(
  new URL('../packages/collab/src/testing/collab-child.ts', import.meta.url),
);

const SHARED_DOCS = ['review.fuzz-0', 'minutes.fuzz-1', 'report.fuzz-2', 'finding.fuzz-3'];
const WB_DOC = SHARED_DOCS[0] as string;
const docOf = (socket: number): string =>
  socket < 40
    ? (SHARED_DOCS[socket % SHARED_DOCS.length] as string)
    : `interview.fuzz-solo-${socket}`;
const VALID_LABELS = ['update', 'sync-step-2', 'sync-step-1', 'awareness', 'query-awareness'];
const NAMED: number[] = [CloseCode.MalformedMessage, CloseCode.Forbidden, CloseCode.MessageTooBig];
const CODE_NAMES = new Map<number, string>(
  Object.entries(CloseCode).map(([name, code]) => [code as number, name]),
);
const codeName = (code: number): string =>
  code === 1006 ? 'abnormal (no close frame)' : (CODE_NAMES.get(code) ?? 'other');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ───────────────────────── frames ─────────────────────────

type FrameData = Uint8Array | string | { oversized: number };
interface Frame {
  readonly index: number;
  readonly label: string;
  readonly data: FrameData;
}
interface Parts {
  type: number;
  step?: number;
  payload?: Uint8Array;
}
type VarintStyle = 'ok' | 'overlong' | 'nonminimal' | 'unterminated';

function varuint(n: number, style: VarintStyle = 'ok'): number[] {
  if (style === 'overlong') return [...Array(10).fill(0xff), 0x01];
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push(0x80 | (v % 0x80));
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  if (style === 'nonminimal') {
    out[out.length - 1] = (out.at(-1) as number) | 0x80;
    out.push(0);
  }
  if (style === 'unterminated') out[out.length - 1] = (out.at(-1) as number) | 0x80;
  return out;
}

interface Header {
  type?: VarintStyle;
  step?: VarintStyle;
  length?: VarintStyle;
  declared?: number;
}

function encode(parts: Parts, header: Header = {}): Uint8Array {
  const bytes = varuint(parts.type, header.type);
  if (parts.step !== undefined) bytes.push(...varuint(parts.step, header.step));
  if (parts.payload) {
    bytes.push(...varuint(header.declared ?? parts.payload.length, header.length));
    return Uint8Array.from([...bytes, ...parts.payload]);
  }
  return Uint8Array.from(bytes);
}

const ROOTS = [
  't',
  'm',
  'notes',
  'annotations',
  'statement',
  'meta',
  'body',
  'opening',
  'assessment',
  'requirements',
];
const root = fc.constantFrom(...ROOTS);
const str = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 12, unit: 'binary' }),
  fc.constantFrom('整改', '问题清单', '反馈意见'),
);
const json = fc.jsonValue({ maxDepth: 2 });

const yOp = fc.oneof(
  fc.record({ op: fc.constant('map-set' as const), root, key: str, value: json }),
  fc.record({ op: fc.constant('map-nested' as const), root, key: str, value: json }),
  fc.record({ op: fc.constant('map-delete' as const), root, key: str }),
  fc.record({
    op: fc.constant('text-insert' as const),
    root,
    at: fc.nat(64),
    s: str,
    bold: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('text-delete' as const),
    root,
    at: fc.nat(64),
    n: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({
    op: fc.constant('array-push' as const),
    root,
    values: fc.array(json, { maxLength: 3 }),
  }),
  fc.record({
    op: fc.constant('array-delete' as const),
    root,
    at: fc.nat(8),
    n: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({
    op: fc.constant('xml-insert' as const),
    root,
    tag: fc.constantFrom('paragraph', 'heading', 'listItem', 'bulletList'),
    s: str,
    attr: fc.option(str, { nil: undefined }),
  }),
  fc.record({ op: fc.constant('xml-delete' as const), root, at: fc.nat(4) }),
);
type YOp = typeof yOp extends fc.Arbitrary<infer T> ? T : never;

function applyOp(doc: Y.Doc, o: YOp): void {
  switch (o.op) {
    case 'map-set':
      doc.getMap(o.root).set(o.key, o.value);
      return;
    case 'map-nested': {
      const inner = new Y.Map();
      doc.getMap(o.root).set(o.key, inner);
      inner.set('v', o.value);
      return;
    }
    case 'map-delete':
      doc.getMap(o.root).delete(o.key);
      return;
    case 'text-insert': {
      const t = doc.getText(o.root);
      t.insert(o.at % (t.length + 1), o.s, o.bold ? { bold: true } : undefined);
      return;
    }
    case 'text-delete': {
      const t = doc.getText(o.root);
      if (t.length === 0) return;
      const at = o.at % t.length;
      t.delete(at, Math.min(o.n, t.length - at));
      return;
    }
    case 'array-push':
      doc.getArray(o.root).push(o.values);
      return;
    case 'array-delete': {
      const a = doc.getArray(o.root);
      if (a.length === 0) return;
      const at = o.at % a.length;
      a.delete(at, Math.min(o.n, a.length - at));
      return;
    }
    case 'xml-insert': {
      const el = new Y.XmlElement(o.tag);
      if (o.attr !== undefined) el.setAttribute('level', o.attr);
      el.insert(0, [new Y.XmlText(o.s)]);
      const f = doc.getXmlFragment(o.root);
      f.insert(f.length, [el]);
      return;
    }
    case 'xml-delete': {
      const f = doc.getXmlFragment(o.root);
      if (f.length > 0) f.delete(o.at % f.length, 1);
      return;
    }
  }
}

const updateSpec = fc.record({
  client: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 65, max: 0xffffffff })),
  ops: fc.array(yOp, { minLength: 1, maxLength: 6 }),
  last: fc.boolean(),
  gc: fc.boolean(),
});
type UpdateSpec = typeof updateSpec extends fc.Arbitrary<infer T> ? T : never;

/** A real Yjs update: the whole state of a fresh doc after the ops, or only its last transaction. */
function buildUpdate(spec: UpdateSpec, v2 = false): Uint8Array {
  const doc = new Y.Doc({ gc: spec.gc });
  doc.clientID = spec.client;
  const updates: Uint8Array[] = [];
  doc.on(v2 ? 'updateV2' : 'update', (u: Uint8Array) => updates.push(u));
  for (const o of spec.ops) {
    try {
      applyOp(doc, o);
    } catch {
      // a root already used with another type in this doc: skip the op
    }
  }
  const whole = v2 ? Y.encodeStateAsUpdateV2(doc) : Y.encodeStateAsUpdate(doc);
  const out = spec.last ? (updates.at(-1) ?? whole) : whole;
  doc.destroy();
  return out;
}

const stateVector = fc
  .array(fc.tuple(fc.nat(0xffffffff), fc.nat(100_000)), { maxLength: 6 })
  .map((entries) =>
    Uint8Array.from([
      ...varuint(entries.length),
      ...entries.flatMap(([c, k]) => [...varuint(c), ...varuint(k)]),
    ]),
  );

const awarenessUpdate = fc
  .array(
    fc.record({
      client: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.nat(0xffffffff)),
      clock: fc.nat(1000),
      state: fc.oneof(
        json.map((v) => JSON.stringify(v) ?? 'null'),
        fc.constant('null'),
        fc.constant('{"user":{"name":"成员","color":"#123456"},"cursor":null}'),
      ),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((entries) => {
    const enc = new TextEncoder();
    const bytes = varuint(entries.length);
    for (const e of entries) {
      const s = enc.encode(e.state);
      bytes.push(...varuint(e.client), ...varuint(e.clock), ...varuint(s.length), ...s);
    }
    return Uint8Array.from(bytes);
  });

/** Frames a stock client could send, as parts so headers can be broken on purpose. */
const validParts = fc.oneof(
  {
    weight: 5,
    arbitrary: updateSpec.map((s) => ({
      label: 'update',
      parts: { type: 0, step: 2, payload: buildUpdate(s) },
    })),
  },
  {
    weight: 3,
    arbitrary: updateSpec.map((s) => ({
      label: 'sync-step-2',
      parts: { type: 0, step: 1, payload: buildUpdate(s) },
    })),
  },
  {
    weight: 2,
    arbitrary: stateVector.map((sv) => ({
      label: 'sync-step-1',
      parts: { type: 0, step: 0, payload: sv },
    })),
  },
  {
    weight: 3,
    arbitrary: awarenessUpdate.map((a) => ({ label: 'awareness', parts: { type: 1, payload: a } })),
  },
  { weight: 1, arbitrary: fc.constant({ label: 'query-awareness', parts: { type: 3 } as Parts }) },
);

const byteOp = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant('truncate' as const), at: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('set' as const), at: fc.nat(), v: fc.nat(255) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('insert' as const),
      at: fc.nat(),
      bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('delete' as const),
      at: fc.nat(),
      n: fc.integer({ min: 1, max: 8 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('repeat' as const),
      at: fc.nat(),
      n: fc.integer({ min: 1, max: 16 }),
      times: fc.integer({ min: 2, max: 8 }),
    }),
  },
);
type ByteOp = typeof byteOp extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, m: ByteOp): Uint8Array {
  const at = bytes.length === 0 ? 0 : m.at % bytes.length;
  const head = bytes.subarray(0, at);
  switch (m.k) {
    case 'truncate':
      return bytes.slice(0, at);
    case 'flip': {
      const copy = bytes.slice();
      if (copy.length > 0) copy[at] = (copy[at] as number) ^ (1 << m.bit);
      return copy;
    }
    case 'set': {
      const copy = bytes.slice();
      if (copy.length > 0) copy[at] = m.v;
      return copy;
    }
    case 'insert':
      return Uint8Array.from([...head, ...m.bytes, ...bytes.subarray(at)]);
    case 'delete':
      return Uint8Array.from([...head, ...bytes.subarray(at + m.n)]);
    case 'repeat': {
      const piece = bytes.subarray(at, at + m.n);
      return Uint8Array.from([
        ...head,
        ...Array.from({ length: m.times }, () => [...piece]).flat(),
        ...bytes.subarray(at + m.n),
      ]);
    }
  }
}
const byteOps = (min: number) => fc.array(byteOp, { minLength: min, maxLength: 3 });

type Generated = { label: string; data: FrameData };
const fuzzFrame: fc.Arbitrary<Generated> = fc.oneof(
  { weight: 2500, arbitrary: validParts.map((v) => ({ label: v.label, data: encode(v.parts) })) },
  {
    weight: 2000,
    arbitrary: fc.tuple(validParts, byteOps(1)).map(([v, ms]) => ({
      label: `payload-mutated ${v.label}`,
      data: encode({ ...v.parts, payload: v.parts.payload && ms.reduce(mutate, v.parts.payload) }),
    })),
  },
  {
    weight: 300,
    arbitrary: updateSpec.map((s) => ({
      label: 'v2-update-as-v1',
      data: encode({ type: 0, step: 2, payload: buildUpdate(s, true) }),
    })),
  },
  {
    weight: 800,
    arbitrary: fc
      .tuple(
        validParts,
        fc.constantFrom('type', 'step', 'length'),
        fc.constantFrom<VarintStyle>('overlong', 'nonminimal', 'unterminated'),
      )
      .map(([v, field, style]) => ({
        label: `varint-${style}`,
        data: encode(v.parts, { [field]: style }),
      })),
  },
  {
    weight: 600,
    arbitrary: fc
      .tuple(
        validParts.filter((v) => v.parts.payload !== undefined),
        fc.constantFrom(2 ** 31 - 1, 2 ** 32, 2 ** 53 - 1, 1, 1000, 1 << 24),
      )
      .map(([v, extra]) => ({
        label: 'huge-declared-length',
        data: encode(v.parts, {
          declared: extra > 1000 ? extra : (v.parts.payload?.length ?? 0) + extra,
        }),
      })),
  },
  {
    weight: 200,
    arbitrary: fc
      .tuple(
        validParts.filter((v) => (v.parts.payload?.length ?? 0) > 1),
        fc.integer({ min: 1, max: 8 }),
      )
      .map(([v, k]) => ({
        label: 'short-declared-length',
        data: encode(v.parts, { declared: Math.max(0, (v.parts.payload?.length ?? 0) - k) }),
      })),
  },
  {
    weight: 500,
    arbitrary: fc
      .tuple(
        validParts,
        fc.oneof(
          fc.constantFrom(2, 4, 5, 127, 128, 255, 0xffff, 2 ** 31, 2 ** 53 - 1),
          fc.integer({ min: 4, max: 1 << 20 }),
        ),
      )
      .map(([v, type]) => ({ label: 'unknown-type', data: encode({ ...v.parts, type }) })),
  },
  {
    weight: 200,
    arbitrary: fc.tuple(updateSpec, fc.integer({ min: 3, max: 300 })).map(([s, step]) => ({
      label: 'unknown-sync-step',
      data: encode({ type: 0, step, payload: buildUpdate(s) }),
    })),
  },
  {
    weight: 2000,
    arbitrary: fc.tuple(validParts, byteOps(1)).map(([v, ms]) => ({
      label: 'frame-mutated',
      data: ms.reduce(mutate, encode(v.parts)),
    })),
  },
  {
    weight: 300,
    arbitrary: fc
      .tuple(
        validParts,
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 8 }),
          validParts.map((v) => encode(v.parts)),
        ),
      )
      .map(([v, extra]) => ({
        label: 'trailing-bytes',
        data: Uint8Array.from([...encode(v.parts), ...extra]),
      })),
  },
  { weight: 200, arbitrary: fc.constant({ label: 'empty', data: new Uint8Array(0) }) },
  {
    weight: 300,
    arbitrary: fc.uint8Array({ maxLength: 128 }).map((data) => ({ label: 'random-bytes', data })),
  },
  {
    weight: 100,
    arbitrary: fc.string({ maxLength: 40 }).map((data) => ({ label: 'text-frame', data })),
  },
  {
    weight: 1,
    arbitrary: fc
      .nat(1024)
      .map((k) => ({ label: 'over-16MiB', data: { oversized: MAX_FRAME + 1 + k } })),
  },
);

/** Frames in order from the seed, drawn a chunk at a time: frame #i is the same for a given seed. */
class FrameSource {
  private chunk: Generated[] = [];
  private chunkStart = 0;
  taken = 0;

  next(): Frame | undefined {
    if (this.taken >= FRAMES) return undefined;
    const index = this.taken++;
    if (index >= this.chunkStart + this.chunk.length) {
      this.chunkStart = index;
      const c = Math.floor(index / CHUNK);
      this.chunk = fc.sample(fuzzFrame, { seed: (SEED + c) | 0, numRuns: CHUNK });
    }
    const g = this.chunk[index - this.chunkStart] as Generated;
    return { index, ...g };
  }
}

function materialize(data: FrameData): Uint8Array | string {
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  // Zeros: a varuint 0 type would be a sync frame, but the size alone must get it refused.
  return new Uint8Array(data.oversized);
}

function hex(data: FrameData): string {
  if (typeof data === 'string') return `text ${JSON.stringify(data)}`;
  if (!(data instanceof Uint8Array)) return `${data.oversized} zero bytes`;
  const h = Buffer.from(data).toString('hex');
  return `${data.length} B ${h.length > 1024 ? `${h.slice(0, 1024)}…` : h}`;
}

// ───────────────────────── the server child ─────────────────────────

interface Child {
  readonly pid: number;
  readonly base: string;
  /** Set once the process is gone. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly logs: Map<string, number>;
  /** Last lines of output that were not collab/store log lines (a crash's stack). */
  readonly tail: string[];
  /** Whole log entries worth reading: internal errors (4503 after a frame), and the first of each other kind. */
  readonly internal: string[];
  stats(): Promise<{ commits: number; updates: number }>;
  /** Full collection in the child, then its `process.memoryUsage()`. */
  collect(): Promise<NodeJS.MemoryUsage>;
  close(): Promise<void>;
}

/** Like `forkCollabChild`, with the child's output piped and counted instead of printed. */
async function startChild(env: Record<string, string>): Promise<Child> {
  const proc: ChildProcess = fork(CHILD, [], {
    execArgv: ['--expose-gc', '--import', 'tsx', '--import', GC_HOOK],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const logs = new Map<string, number>();
  const tail: string[] = [];
  const internal: string[] = [];
  for (const stream of [proc.stdout, proc.stderr]) {
    if (!stream) continue;
    let entry: string[] | undefined;
    const firstOf = new Set<string>();
    const endEntry = (): void => {
      // Kept, stack included: internal errors (4503 after a frame), and the first entry of
      // every other kind of message (a doc that cannot load, a failing projection).
      const head = entry?.[0]?.replace(/ \{.*$/, '') ?? '';
      const bad = entry?.some((l) => /code: 4503\b/.test(l));
      const other = !head.includes('closing a socket after a bad frame') && !firstOf.has(head);
      if (entry && internal.length < 8 && (bad || other)) {
        firstOf.add(head);
        internal.push(entry.slice(0, 30).join('\n'));
      }
      entry = undefined;
    };
    createInterface({ input: stream }).on('line', (line) => {
      const m = /^\[(collab|store)\] ([^{]*)/.exec(line);
      if (m) {
        endEntry();
        entry = [line];
        const key = `[${m[1]}] ${(m[2] as string).trim()}`;
        logs.set(key, (logs.get(key) ?? 0) + 1);
      } else if (entry && (/^\s/.test(line) || /^[}\]]/.test(line))) {
        if (entry.length < 80) entry.push(line);
        if (line === '}') endEntry();
      } else {
        endEntry();
        tail.push(line);
        if (tail.length > 40) tail.shift();
      }
    });
  }
  const exited = new Promise<void>((resolve) =>
    proc.once('exit', (code, signal) => {
      child.exit = { code, signal };
      resolve();
    }),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('collab child did not start in time')),
      120_000,
    );
    proc.once('message', (m) => {
      clearTimeout(timer);
      resolve((m as { port: number }).port);
    });
    proc.once('exit', (code) =>
      reject(new Error(`collab child exited with ${code}: ${tail.join('\n')}`)),
    );
  });
  const child: Child = {
    pid: proc.pid as number,
    base: `ws://127.0.0.1:${port}`,
    exit: undefined,
    logs,
    tail,
    internal,
    stats: () => ask(proc, 'stats', 'stats'),
    collect: () => ask(proc, { gc: true }, 'memory'),
    async close() {
      if (child.exit) return;
      proc.send('close');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 120_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return child;
}

/** Sends `message` and resolves with the `key` field of the first answer that has one. */
function ask<T>(proc: ChildProcess, message: unknown, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${key} from the child`)), 30_000);
    const listen = (m: unknown): void => {
      const value = (m as Record<string, T> | null)?.[key];
      if (value === undefined) return;
      clearTimeout(timer);
      proc.off('message', listen);
      resolve(value);
    };
    proc.on('message', listen);
    proc.send(message as string);
  });
}

function rssMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

// ───────────────────────── fuzz sockets ─────────────────────────

type Outcome = 'open' | 'timeout' | { closed: number; reason: string };

interface Tally {
  sent: number;
  keptOpen: number;
  /** Server closes right after a frame, by code. */
  closedBy: Map<number, number>;
  /** Server closes between frames (no frame of ours in flight), by code. */
  closedIdle: Map<number, number>;
  /** Refused or dropped before the server's first message, by code (-1: no answer). */
  refused: Map<number, number>;
  refusedDocs: Set<string>;
  timeouts: number;
  connects: number;
  byLabel: Map<string, { n: number; open: number; closes: Map<number, number> }>;
  /** Frames that ended otherwise than with a named code. */
  unexpected: Array<{ frame: Frame; outcome: string; socket: number }>;
  /** Unmutated frames (built by Yjs / y-protocols) the server still refused: not failures, worth a look. */
  validRefused: Array<{ frame: Frame; outcome: string; socket: number }>;
}

const bump = (m: Map<number, number>, k: number): void => {
  m.set(k, (m.get(k) ?? 0) + 1);
};

interface Live {
  ws: WebSocket;
  closed?: number;
}

/** Resolves once the server has spoken first (it sends sync step 1 on join), or with how it refused. */
function openSocket(base: string, doc: string): Promise<Live | { refused: number }> {
  const ws = new WebSocket(`${base}/collab/${doc}`, { perMessageDeflate: false });
  const live: Live = { ws };
  ws.on('error', () => {});
  ws.on('close', (code) => {
    live.closed = code;
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve({ refused: -1 });
    }, ANSWER_MS);
    ws.once('message', () => {
      clearTimeout(timer);
      resolve(live);
    });
    ws.once('close', (code) => {
      clearTimeout(timer);
      resolve({ refused: code });
    });
  });
}

function sendAndProbe(ws: WebSocket, data: Uint8Array | string): Promise<Outcome> {
  return new Promise((resolve) => {
    const done = (o: Outcome): void => {
      clearTimeout(timer);
      ws.off('close', onClose);
      ws.off('pong', onPong);
      resolve(o);
    };
    const onClose = (code: number, reason: Buffer): void =>
      done({ closed: code, reason: reason.toString() });
    const onPong = (): void => done('open');
    const timer = setTimeout(() => done('timeout'), ANSWER_MS);
    ws.on('close', onClose);
    ws.on('pong', onPong);
    ws.send(data, { binary: typeof data !== 'string' });
    ws.ping();
  });
}

/** One fuzz socket: frames until the source runs dry, reconnecting whenever the server closes it. */
async function fuzzSocket(
  n: number,
  base: string,
  source: FrameSource,
  tally: Tally,
  inFlight: Map<number, Frame>,
  stop: () => boolean,
): Promise<void> {
  const doc = docOf(n);
  while (!stop() && source.taken < FRAMES) {
    tally.connects++;
    const opened = await openSocket(base, doc);
    if ('refused' in opened) {
      bump(tally.refused, opened.refused);
      tally.refusedDocs.add(doc);
      await sleep(50);
      continue;
    }
    const { ws } = opened;
    for (;;) {
      if (stop()) break;
      if (ws.readyState !== WebSocket.OPEN) {
        bump(tally.closedIdle, opened.closed ?? 1006);
        break;
      }
      const frame = source.next();
      if (!frame) break;
      inFlight.set(n, frame);
      tally.sent++;
      const outcome = await sendAndProbe(ws, materialize(frame.data));
      inFlight.delete(n);
      const stats = tally.byLabel.get(frame.label) ?? { n: 0, open: 0, closes: new Map() };
      tally.byLabel.set(frame.label, stats);
      stats.n++;
      if (outcome === 'open') {
        tally.keptOpen++;
        stats.open++;
        continue;
      }
      if (outcome === 'timeout') {
        tally.timeouts++;
        tally.unexpected.push({ frame, outcome: 'no pong and no close in 20 s', socket: n });
        break;
      }
      bump(tally.closedBy, outcome.closed);
      bump(stats.closes, outcome.closed);
      if (VALID_LABELS.includes(frame.label) && outcome.closed !== CloseCode.Forbidden) {
        tally.validRefused.push({
          frame,
          outcome: `closed ${outcome.closed} "${outcome.reason}"`,
          socket: n,
        });
      }
      if (!NAMED.includes(outcome.closed)) {
        tally.unexpected.push({
          frame,
          outcome: `closed ${outcome.closed} ${codeName(outcome.closed)} "${outcome.reason}"`,
          socket: n,
        });
      }
      break;
    }
    ws.terminate();
  }
}

// ───────────────────────── well-behaved clients ─────────────────────────

interface Stock {
  doc: Y.Doc;
  provider: WebsocketProvider;
  marks: string[];
  closes: number[];
}

function stockClient(base: string, docName: string): Stock {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${base}/collab`, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  const client: Stock = { doc, provider, marks: [], closes: [] };
  provider.on('connection-close', (event: { code?: number } | null) => {
    client.closes.push(event?.code ?? 0);
  });
  return client;
}

/** What the well-behaved clients own: their text and their map. */
const wbState = (c: Stock): string => {
  const map = c.doc.getMap('wb-map').toJSON();
  const keys = Object.keys(map).sort();
  return JSON.stringify([c.doc.getText('wb-text').toString(), keys.map((k) => [k, map[k]])]);
};

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) return false;
    await sleep(20);
  }
  return true;
}

/** A fresh stock client: ms until synced, or undefined if it never was. */
async function probe(
  base: string,
  docName: string,
  ms = 15_000,
): Promise<{ ms?: number; client: Stock; detail: string }> {
  const start = performance.now();
  const client = stockClient(base, docName);
  const events: string[] = [];
  const since = () => (performance.now() - start).toFixed(0);
  client.provider.on('status', ({ status }: { status: string }) =>
    events.push(`${status} @${since()}`),
  );
  client.provider.on('connection-error', () => events.push(`error @${since()}`));
  let received = 0;
  const count = (): void => {
    received++;
  };
  client.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') client.provider.ws?.addEventListener('message', count);
  });
  const ok = await until(() => client.provider.synced, ms);
  const closes = new Map<number, number>();
  for (const c of client.closes) bump(closes, c);
  const detail = `${docName}: ${events.slice(0, 4).join(', ')}${events.length > 4 ? `, … (${events.length} events)` : ''}; closes ${[...closes].map(([c, k]) => `${c} × ${k}`).join(', ') || 'none'}; ${received} messages received`;
  return { ms: ok ? performance.now() - start : undefined, client, detail };
}

function destroy(c: Stock): void {
  c.provider.destroy();
  c.doc.destroy();
}

// ───────────────────────── the run ─────────────────────────

async function run(
  where: { dataDir?: string; databaseUrl?: string },
  dbLabel: string,
): Promise<boolean> {
  const child = await startChild({
    COLLAB_DATA_DIR: where.dataDir ?? '',
    COLLAB_DATABASE_URL: where.databaseUrl ?? '',
  });
  const failures: string[] = [];
  const rss: Array<{ t: number; mb: number; sent: number }> = [];
  const tally: Tally = {
    sent: 0,
    keptOpen: 0,
    closedBy: new Map(),
    closedIdle: new Map(),
    refused: new Map(),
    refusedDocs: new Set(),
    timeouts: 0,
    connects: 0,
    byLabel: new Map(),
    unexpected: [],
    validRefused: [],
  };
  const inFlight = new Map<number, Frame>();
  /** Samples more than 100 MB above the one before, with the frames then in flight. */
  const jumps: string[] = [];
  const sampler = setInterval(() => {
    const mb = rssMb(child.pid);
    if (mb === undefined) return;
    const prev = rss.at(-1);
    if (prev && mb - prev.mb > 100 && jumps.length < 10) {
      const frames = [...inFlight.values()].map((f) => `#${f.index} ${f.label}`).join(', ');
      jumps.push(
        `${prev.mb.toFixed(0)} → ${mb.toFixed(0)} MB at ${tally.sent} frames; in flight: ${frames || 'none'}`,
      );
    }
    rss.push({ t: performance.now(), mb, sent: tally.sent });
  }, 200);

  // Warm-up: the well-behaved clients join and the server has loaded the shared doc.
  const wb = Array.from({ length: WB_CLIENTS }, () => stockClient(child.base, WB_DOC));
  if (!(await until(() => wb.every((c) => c.provider.synced), 30_000)))
    throw new Error('clients never synced');
  await sleep(1000);
  // After a full collection, so the start is what the child holds, not start-up garbage (PGlite
  // leaves a few hundred MB of it, freed by the first major collection).
  const heapStart = await child.collect();
  const rssStart = rssMb(child.pid) as number;
  const cpuStart = cpuSeconds(child.pid);
  const before = await child.stats();

  let editing = true;
  const editors = wb.map((c, k) => {
    let n = 0;
    return setInterval(() => {
      if (!editing) return;
      const mark = `${k}.${++n};`;
      c.doc.getText('wb-text').insert(c.doc.getText('wb-text').length, mark);
      c.doc.getMap('wb-map').set(`c${k}`, n);
      c.marks.push(mark);
    }, WB_EDIT_MS);
  });

  const probes: number[] = [];
  let unanswered = 0;
  const unansweredDetails: string[] = [];
  let probing = true;
  const prober = (async () => {
    for (let i = 0; probing; i++) {
      await sleep(PROBE_EVERY_MS);
      if (!probing) break;
      const p = await probe(child.base, SHARED_DOCS[i % SHARED_DOCS.length] as string);
      destroy(p.client);
      if (p.ms === undefined) {
        unanswered++;
        unansweredDetails.push(`at ${tally.sent} frames, ${p.detail}`);
      } else probes.push(p.ms);
    }
  })();

  const source = new FrameSource();
  const crashed = () => child.exit !== undefined;
  const started = performance.now();
  let lastReport = started;
  const progress = setInterval(() => {
    const now = performance.now();
    if (now - lastReport < 10_000) return;
    lastReport = now;
    console.error(
      `  ${tally.sent} frames, ${((now - started) / 1000).toFixed(0)} s, RSS ${rssMb(child.pid)?.toFixed(0)} MB`,
    );
  }, 1000);
  await Promise.all(
    Array.from({ length: SOCKETS }, (_, n) =>
      fuzzSocket(n, child.base, source, tally, inFlight, crashed),
    ),
  );
  const fuzzSeconds = (performance.now() - started) / 1000;
  clearInterval(progress);
  const suspects = [...inFlight.values()];

  // The end: the clients stop editing and must agree, with each other and with a fresh client.
  editing = false;
  for (const t of editors) clearInterval(t);
  probing = false;
  await prober;
  let converged = false;
  let fresh: { ms?: number; client: Stock } | undefined;
  let fullEqual = '–';
  if (!crashed()) {
    const agree = await until(
      () =>
        wb.every((c) => c.provider.wsconnected && c.provider.synced) &&
        wb.every((c) => wbState(c) === wbState(wb[0] as Stock)) &&
        wb.every((c) =>
          c.marks.every((m) => (wb[0] as Stock).doc.getText('wb-text').toString().includes(m)),
        ),
      60_000,
    );
    fresh = await probe(child.base, WB_DOC, 30_000);
    const freshAgrees = await until(
      () => wbState(fresh?.client as Stock) === wbState(wb[0] as Stock),
      10_000,
    );
    converged = agree && fresh.ms !== undefined && freshAgrees;
    if (!converged) {
      const first = (wb[0] as Stock).doc.getText('wb-text').toString();
      for (const [k, c] of [...wb, fresh.client].entries()) {
        const text = c.doc.getText('wb-text').toString();
        const missing = wb.flatMap((w) => w.marks).filter((m) => !text.includes(m));
        console.error(
          `  client ${k}: connected ${c.provider.wsconnected}, synced ${c.provider.synced}, ` +
            `text ${text.length} chars${text === first ? ' (= client 0)' : ''}, ` +
            `${missing.length} edits missing (${missing.slice(0, 5).join(' ')}), map ${JSON.stringify(c.doc.getMap('wb-map').toJSON())}`,
        );
      }
    }
    const a = Y.decodeStateVector(Y.encodeStateVector((wb[0] as Stock).doc));
    const b = Y.decodeStateVector(Y.encodeStateVector(fresh.client.doc));
    const differing = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k));
    fullEqual =
      differing.length === 0
        ? 'yes'
        : `no: ${differing.length} of ${b.size} clients (${differing
            .slice(0, 4)
            .map((k) => `${k}: ${a.get(k) ?? '–'} vs fresh ${b.get(k) ?? '–'}`)
            .join(', ')})`;
  }
  await sleep(2000);
  clearInterval(sampler);
  const cpu = cpuSeconds(child.pid) - cpuStart;
  const heapEnd = crashed() ? undefined : await child.collect();
  const rssEnd = rssMb(child.pid);
  const after = crashed() ? before : await child.stats();
  const wbCloses = wb.flatMap((c) => c.closes);
  for (const c of wb) destroy(c);
  if (fresh) destroy(fresh.client);
  const exitBeforeClose = child.exit;
  await child.close();

  // ── report ──
  const peak = Math.max(rssStart, ...rss.filter((x) => x.t >= started).map((x) => x.mb));
  const growth = peak - rssStart;
  const retained = rssEnd === undefined ? Number.NaN : rssEnd - rssStart;
  const mb = (bytes: number | undefined) =>
    bytes === undefined ? '–' : (bytes / 2 ** 20).toFixed(0);
  const at = (fraction: number) => {
    const target = fraction * tally.sent;
    return rss.find((s) => s.sent >= target)?.mb ?? Number.NaN;
  };
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  console.log(
    `\ncollab-fuzz on ${dbLabel}: seed ${SEED}, ${SOCKETS} sockets; ${cpus().length} CPUs, load average ${load} at the end\n`,
  );
  const row = (k: string, v: string | number) => console.log(`| ${k} | ${v} |`);
  console.log('| measure | value |');
  console.log('|---|---:|');
  row('frames sent', tally.sent);
  row('fuzz time (s)', fuzzSeconds.toFixed(1));
  row('frames/s', (tally.sent / fuzzSeconds).toFixed(0));
  row('frames handled, socket kept open', tally.keptOpen);
  for (const [code, count] of [...tally.closedBy].sort((a, b) => b[1] - a[1])) {
    row(`closed by the server after a frame: ${code} ${codeName(code)}`, count);
  }
  for (const [code, count] of tally.closedIdle)
    row(`closed by the server between frames: ${code} ${codeName(code)}`, count);
  for (const [code, count] of tally.refused)
    row(`refused at connect: ${code === -1 ? 'no answer' : `${code} ${codeName(code)}`}`, count);
  row('frames with no answer in 20 s', tally.timeouts);
  row('connections opened', tally.connects);
  row(
    'crashes (child exited)',
    exitBeforeClose ? `1 (${exitBeforeClose.code ?? exitBeforeClose.signal})` : 0,
  );
  row('probes answered / unanswered', `${probes.length} / ${unanswered}`);
  row(
    'probe sync ms p50 / max',
    `${median(probes).toFixed(0)} / ${Math.max(0, ...probes).toFixed(0)}`,
  );
  row('child CPU s (during fuzz and convergence)', cpu.toFixed(1));
  row(
    'updates stored (commits)',
    `${after.updates - before.updates} (${after.commits - before.commits})`,
  );
  row(
    'RSS start / peak / end MB (start and end after a full GC)',
    `${rssStart.toFixed(0)} / ${peak.toFixed(0)} / ${rssEnd?.toFixed(0) ?? '–'}`,
  );
  row(
    'RSS at 25 / 50 / 75 / 100 % of frames MB',
    [0.25, 0.5, 0.75, 1].map((f) => at(f).toFixed(0)).join(' / '),
  );
  row('end − start MB, retained (bound)', `${retained.toFixed(0)} (${RSS_BOUND_MB})`);
  row('peak − start MB (bound)', `${growth.toFixed(0)} (${PEAK_BOUND_MB})`);
  row(
    'live JS heap start / end MB (after a full GC)',
    `${mb(heapStart.heapUsed)} / ${mb(heapEnd?.heapUsed)}`,
  );
  row(
    'well-behaved edits',
    wb.reduce((s, c) => s + c.marks.length, 0),
  );
  row(
    'well-behaved reconnects (close codes)',
    `${wbCloses.length}${wbCloses.length ? ` (${wbCloses.join(', ')})` : ''}`,
  );
  row('well-behaved clients converged (and a fresh client agrees)', converged ? 'yes' : 'NO');
  row('whole state vector equal too (info)', fullEqual);

  console.log('\n| frame kind | frames | kept open | closed (code × count) |');
  console.log('|---|---:|---:|---|');
  const kinds = [...tally.byLabel].sort((a, b) => b[1].n - a[1].n);
  for (const [label, s] of kinds) {
    const closes = [...s.closes].map(([c, k]) => `${c} × ${k}`).join(', ');
    console.log(`| ${label} | ${s.n} | ${s.open} | ${closes} |`);
  }
  if (child.logs.size > 0) {
    console.log('\nchild log lines (counted):');
    for (const [k, v] of [...child.logs].sort((a, b) => b[1] - a[1])) console.log(`  ${v} × ${k}`);
  }

  const peakSample = rss.find((x) => x.t >= started && x.mb === peak);
  if (peakSample) {
    const when =
      peakSample.sent >= FRAMES
        ? 'after the last frame (convergence check)'
        : `at ${peakSample.sent} frames`;
    console.log(
      `\nRSS peak ${peak.toFixed(0)} MB ${when}, ${((peakSample.t - started) / 1000).toFixed(1)} s into the run`,
    );
  }
  if (jumps.length > 0) {
    console.log('RSS jumps (> 100 MB in 200 ms):');
    for (const j of jumps) console.log(`  ${j}`);
  }
  if (child.internal.length > 0) {
    console.log('\nchild log entries (internal errors, and the first of each other kind):');
    for (const e of child.internal) console.log(e);
  }
  if (exitBeforeClose) {
    failures.push(
      `the child exited during the run (${exitBeforeClose.code ?? exitBeforeClose.signal})`,
    );
    console.log(`\nlast child output:\n${child.tail.join('\n')}`);
    console.log(`\nframes in flight when it died (seed ${SEED}):`);
    for (const f of suspects) console.log(`  #${f.index} ${f.label}: ${hex(f.data)}`);
  }
  if (tally.unexpected.length > 0) {
    failures.push(`${tally.unexpected.length} frames ended otherwise than with a named close code`);
    console.log(`\nframes that ended otherwise than with a named close code (seed ${SEED}):`);
    for (const u of tally.unexpected.slice(0, 20)) {
      console.log(
        `  #${u.frame.index} ${u.frame.label} on ${docOf(u.socket)}: ${u.outcome}\n    ${hex(u.frame.data)}`,
      );
    }
  }
  if (tally.validRefused.length > 0) {
    console.log(
      `\nunmutated frames the server refused (${tally.validRefused.length}; not a failure; seed ${SEED}):`,
    );
    for (const u of tally.validRefused.slice(0, 5)) {
      console.log(
        `  #${u.frame.index} ${u.frame.label} on ${docOf(u.socket)}: ${u.outcome}\n    ${hex(u.frame.data)}`,
      );
    }
  }
  const badRefusals = [...tally.refused.keys()];
  if (badRefusals.length > 0) {
    failures.push(
      `connections refused or unanswered at connect (${badRefusals.join(', ')}) on ${[...tally.refusedDocs].join(', ')}`,
    );
  }
  const badIdle = [...tally.closedIdle.keys()].filter((c) => !NAMED.includes(c));
  if (badIdle.length > 0) failures.push(`sockets closed between frames with ${badIdle.join(', ')}`);
  if (unanswered > 0) {
    failures.push(`${unanswered} probes were not answered within 15 s`);
    console.log('\nunanswered probes:');
    for (const d of unansweredDetails) console.log(`  ${d}`);
  }
  if (!converged) failures.push('the well-behaved clients did not converge');
  if (retained > RSS_BOUND_MB)
    failures.push(`RSS retained ${retained.toFixed(0)} MB > ${RSS_BOUND_MB} MB`);
  if (growth > PEAK_BOUND_MB)
    failures.push(`RSS peaked ${growth.toFixed(0)} MB over the start > ${PEAK_BOUND_MB} MB`);
  if (tally.sent < FRAMES) failures.push(`only ${tally.sent} of ${FRAMES} frames were sent`);
  console.log(
    failures.length === 0 ? '\nresult: pass' : `\nresult: FAIL\n  - ${failures.join('\n  - ')}`,
  );
  return failures.length === 0;
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<boolean> {
  // Each stock provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  console.error(`collab-fuzz: ${FRAMES} frames, seed ${SEED} (FUZZ_SEED=${SEED} replays them)`);
  if (!DATABASE_URL) {
    const dir = mkdtempSync(join(tmpdir(), 'rectify-collab-fuzz-'));
    try {
      return await run({ dataDir: dir }, 'PGlite (disk)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const scratch = await createScratchDatabase(DATABASE_URL, 'rectify_fuzz');
  try {
    return await run({ databaseUrl: scratch.url }, `PostgreSQL ${scratch.version}`);
  } finally {
    await scratch.drop();
  }
}

const ok = await main();
// Leftover sockets or the child's IPC channel must not keep a finished run alive.
process.exit(ok ? 0 : 1);
