/**
 * Hostile input over real sockets (fast-check, bounded): random, truncated
 * and mutated y-websocket frames, before and after authentication, must
 * close only the socket that sent them, with a named close code, and never
 * take the server down or let its memory grow. After every batch two
 * well-behaved stock clients still edit together and a fresh one syncs.
 * `FUZZ_RUNS=n` scales the batches; `FUZZ_SEED=n` replays one.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AppError, CloseCode } from '@rectify/domain';
import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { CollabLog } from './log.ts';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.ts';
import type { Authenticate, CollabServer } from './server.ts';
import { type Client, Harness, sleep, waitFor } from './test-helpers.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const MAX_FRAME = 64 * 1024;
const MiB = 1024 * 1024;
const DOC = 'review.fuzz';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Live heap after two full collections, so garbage does not count as growth. */
function heapUsed(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Opens when the test says so: connections held in `authenticate` meanwhile. */
let openGate: () => void = () => {};
let gate = Promise.resolve();
function closeGate(): void {
  gate = new Promise((resolve) => {
    openGate = resolve;
  });
}

/**
 * `?token=`: `ro` reads; `no` is refused; none is unauthenticated; `gate…`
 * first waits for the gate (`gate-no` is then refused); anything else writes.
 */
const byToken: Authenticate = async (req: IncomingMessage) => {
  const token = new URL(req.url ?? '', 'http://x').searchParams.get('token');
  if (!token) throw new AppError('unauthenticated', 'token required');
  if (token.startsWith('gate')) await gate;
  if (token === 'no' || token === 'gate-no') throw new AppError('forbidden', 'not a member');
  return { userId: token, readOnly: token === 'ro' };
};

/** Counts instead of keeping entries: thousands of kept errors would be the heap growth we measure. */
const logged = new Map<string, number>();
const countingLog: CollabLog = (level, message) => {
  const key = `${level}: ${message}`;
  logged.set(key, (logged.get(key) ?? 0) + 1);
};

const h = new Harness();
let base = '';
let port = 0;
let collab: CollabServer;
let writer: Client;
let peer: Client;
let baseline = 0;

beforeAll(async () => {
  ({ base, collab } = await h.start({
    authenticate: byToken,
    log: countingLog,
    maxFrameBytes: MAX_FRAME,
  }));
  port = Number(new URL(base).port);
  writer = h.client(base, DOC, { token: 'alice' });
  peer = h.client(base, DOC, { token: 'bob' });
  await Promise.all([h.synced(writer), h.synced(peer)]);
  await stillServes('warm-up');
  baseline = heapUsed();
});
afterAll(() => h.cleanup());

const marks: string[] = [];
/**
 * The well-behaved clients still co-edit, and a fresh client syncs and has
 * every edit they made. Not byte-equal to theirs: a writer may send mutated
 * updates that Yjs accepts in part, keeping the rest pending with clocks that
 * clash with structs it already integrated; a fresh client then gets the room
 * state merged with those pending structs, which can differ from what the
 * connected clients were sent (seen with FUZZ_SEED=777 FUZZ_RUNS=4000). Yjs
 * trusts whoever may write; here only authenticated writers can do it.
 */
async function stillServes(what: string): Promise<void> {
  const mark = `<${what} ${marks.length + 1}>`;
  marks.push(mark);
  writer.insert(mark);
  await waitFor(
    `peer gets ${mark}`,
    () => peer.text() === writer.text() && peer.text().includes(mark),
    15_000,
  );
  expect(writer.provider.wsconnected && peer.provider.wsconnected).toBe(true);
  const probe = h.client(base, DOC, { token: 'carol' });
  await waitFor(
    `fresh client after ${what}`,
    () => probe.provider.synced && marks.every((m) => probe.text().includes(m)),
    15_000,
  );
  probe.provider.destroy();
  await waitFor('room count settles', () => collab.docs() === 1, 15_000);
}

function expectBoundedHeap(): void {
  const growth = heapUsed() - baseline;
  expect(growth, `heap grew ${(growth / MiB).toFixed(1)} MB`).toBeLessThan(50 * MiB);
}

type Outcome = { closed: number } | 'open';

/**
 * Sends the frames on a new socket, then a ping. The server handles a
 * socket's frames in order and a closing socket answers no ping, so a pong
 * means every frame was handled and the socket lived; otherwise the close
 * code says what the server made of them.
 */
async function attack(frames: Array<Uint8Array | string>, token = 'alice'): Promise<Outcome> {
  const ws = new WebSocket(`${base}/collab/${DOC}?token=${token}`);
  ws.on('error', () => {});
  const outcome = new Promise<Outcome>((resolve) => {
    ws.once('close', (code) => resolve({ closed: code }));
    ws.once('pong', () => resolve('open'));
  });
  ws.once('open', () => {
    for (const frame of frames) ws.send(frame);
    ws.ping();
  });
  const result = await outcome;
  ws.terminate();
  return result;
}

/**
 * What a socket may end with when it sent garbage: the named codes, never an
 * internal error. Forbidden: a mutant that writes to a root only the server
 * writes (the statement, its meta) is refused whole, by the room's write guard.
 */
const NAMED = [CloseCode.MalformedMessage, CloseCode.MessageTooBig, CloseCode.Forbidden];
const closedWith = (o: Outcome): number | undefined => (o === 'open' ? undefined : o.closed);

function varuintFrame(parts: number[], payload?: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const n of parts) encoding.writeVarUint(encoder, n);
  if (payload) encoding.writeUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Real payloads a stock client sends (Yjs updates, state vectors, awareness), as seeds for mutation. */
function validPayloads() {
  const doc = new Y.Doc();
  doc.clientID = 4242;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('t');
  text.insert(0, '整改 progress');
  text.delete(2, 3);
  text.format(0, 2, { bold: true });
  doc.getMap('m').set('k', { nested: [1, 'two', null, true] });
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('body')]);
  doc.getXmlFragment('notes').insert(0, [p]);
  doc.getArray('a').insert(0, [new Uint8Array([1, 2]), new Y.Map()]);
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name: '成员', color: '#123456' }, cursor: null });
  const payloads = {
    updates: [Y.encodeStateAsUpdate(doc), ...updates],
    stateVectors: [Y.encodeStateVector(doc)],
    awareness: [encodeAwarenessUpdate(awareness, [doc.clientID])],
  };
  awareness.destroy();
  doc.destroy();
  return payloads;
}
const PAYLOADS = validPayloads();

/** Whole frames a stock client sends. */
const CORPUS = [
  ...PAYLOADS.stateVectors.map(encodeSyncStep1),
  ...PAYLOADS.updates.map(encodeSyncStep2),
  ...PAYLOADS.updates.map(encodeUpdate),
  ...PAYLOADS.awareness.map(encodeAwareness),
  Uint8Array.from([3]),
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.nat(255) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 8 }),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(frame: Uint8Array, m: Mutation): Uint8Array {
  const at = frame.length === 0 ? 0 : m.at % frame.length;
  switch (m.kind) {
    case 'truncate':
      return frame.slice(0, at);
    case 'flip': {
      const copy = frame.slice();
      if (copy.length > 0) copy[at] = m.value;
      return copy;
    }
    case 'insert':
      return Uint8Array.from([...frame.slice(0, at), ...m.bytes, ...frame.slice(at)]);
    case 'delete':
      return Uint8Array.from([...frame.slice(0, at), ...frame.slice(at + m.length)]);
  }
}

const mutatedFrame = fc
  .tuple(fc.constantFrom(...CORPUS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([frame, ms]) => ms.reduce(mutate, frame));

/** A plausible envelope (known type, sync step) around random bytes, with a length that may lie. */
const envelopeFrame = fc
  .tuple(
    fc.constantFrom(0, 1, 2, 3, 4, 100, 127, 128, 0xffff),
    fc.constantFrom(0, 1, 2, 3, 200),
    fc.uint8Array({ maxLength: 96 }),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([type, step, payload, lie]) => {
    const length = lie ?? payload.length;
    const parts = type === 0 ? [type, step, length] : type === 1 ? [type, length] : [type];
    return varuintFrame(parts, payload);
  });

/** Well-framed, so the frame parser lets it through: Yjs and the awareness code must cope. */
const mutatedPayloadFrame = fc.oneof(
  fc
    .tuple(fc.constantFrom(...PAYLOADS.updates), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([u, ms]) => encodeUpdate(ms.reduce(mutate, u))),
  fc
    .tuple(fc.constantFrom(...PAYLOADS.updates), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([u, ms]) => encodeSyncStep2(ms.reduce(mutate, u))),
  fc
    .tuple(fc.constantFrom(...PAYLOADS.stateVectors), fc.array(mutation, { maxLength: 3 }))
    .map(([sv, ms]) => encodeSyncStep1(ms.reduce(mutate, sv))),
  fc
    .tuple(
      fc.constantFrom(...PAYLOADS.awareness),
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
    )
    .map(([a, ms]) => encodeAwareness(ms.reduce(mutate, a))),
  fc.uint8Array({ maxLength: 64 }).map(encodeUpdate),
);

const fuzzFrame = fc.oneof(
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  { weight: 2, arbitrary: envelopeFrame },
  { weight: 3, arbitrary: mutatedFrame },
  { weight: 3, arbitrary: mutatedPayloadFrame },
);

const settings = (numRuns: number) => ({ numRuns, seed: SEED, endOnFailure: true });

describe('fuzzing the collab server over real sockets', () => {
  it('closes a writer’s malformed frames with a named code, never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzFrame, { minLength: 1, maxLength: 3 }), async (frames) => {
        const outcome = await attack(frames);
        if (outcome !== 'open') expect(NAMED).toContain(outcome.closed);
      }),
      settings(RUNS * 2),
    );
    await stillServes('writer fuzz');
    expectBoundedHeap();
  });

  it('survives mutated Yjs updates, state vectors and awareness in well-formed frames', async () => {
    let survived = 0;
    await fc.assert(
      fc.asyncProperty(mutatedPayloadFrame, async (frame) => {
        const outcome = await attack([frame]);
        if (outcome === 'open') survived++;
        else expect(NAMED).toContain(outcome.closed);
      }),
      settings(RUNS * 2),
    );
    // Some mutants are valid Yjs and were applied to the shared doc the clients still edit.
    expect(survived).toBeGreaterThan(0);
    await stillServes('payload fuzz');
    expectBoundedHeap();
  });

  it('closes every frame the protocol cannot parse with MalformedMessage', async () => {
    const broken = fc.oneof(
      // Truncated inside the declared payload of a real frame.
      fc
        .tuple(fc.constantFrom(...CORPUS.filter((f) => f.length > 3)), fc.nat())
        .map(([f, n]) => f.slice(0, 2 + (n % (f.length - 3)))),
      // Trailing bytes after a complete frame.
      fc
        .tuple(fc.constantFrom(...CORPUS), fc.uint8Array({ minLength: 1, maxLength: 8 }))
        .map(([f, extra]) => Uint8Array.from([...f, ...extra])),
      // A type the protocol does not have (2 = auth is server-to-client only).
      fc
        .tuple(
          fc.integer({ min: 4, max: 1 << 20 }).filter((t) => t !== 3),
          fc.uint8Array(),
        )
        .map(([type, rest]) => varuintFrame([type], rest)),
      fc.constant(varuintFrame([2, 0])),
      // Text frames.
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(broken, async (frame) => {
        expect(closedWith(await attack([frame]))).toBe(CloseCode.MalformedMessage);
      }),
      settings(RUNS),
    );
    await stillServes('malformed frames');
    expectBoundedHeap();
  });

  it('drops a reader’s fuzzed writes, and closes only on frames it cannot parse', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzFrame, { minLength: 1, maxLength: 3 }), async (frames) => {
        const outcome = await attack(frames, 'ro');
        if (outcome !== 'open') expect(NAMED).toContain(outcome.closed);
      }),
      settings(RUNS),
    );
    await stillServes('reader fuzz');
    expectBoundedHeap();
  });

  it('refuses unauthenticated and forbidden sockets with 4401 / 4403 whatever they send', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('', 'no'),
        fc.array(fuzzFrame, { maxLength: 3 }),
        async (token, frames) => {
          const code = closedWith(await attack(frames, token));
          expect(code).toBe(token ? CloseCode.Forbidden : CloseCode.Unauthorized);
        },
      ),
      settings(RUNS / 2),
    );
    await stillServes('refused sockets');
    expectBoundedHeap();
  });

  it('closes an oversized frame with MessageTooBig', async () => {
    for (const size of [MAX_FRAME + 1, 4 * MAX_FRAME]) {
      const frame = encodeUpdate(new Uint8Array(size));
      expect(closedWith(await attack([frame]))).toBe(CloseCode.MessageTooBig);
    }
    await stillServes('oversized frames');
  });

  it('keeps memory bounded while sockets push frames before authentication has answered', async () => {
    closeGate();
    const connections = 16;
    const results = Array.from({ length: connections }, (_, i) =>
      pipelined(i % 2 === 0 ? 'gate' : 'gate-no', 4 * MiB),
    );
    // Every upgrade is now parked in authenticate, its socket full of unread frames.
    await waitFor('clients backpressured', () => pushing.every((p) => p.stalled), 15_000);
    // Nobody reads a socket whose upgrade waits in authenticate: each is stuck on a full buffer.
    expect(pushing.every((p) => p.blocked)).toBe(true);
    const held = heapUsed() - baseline;
    expect(held, `heap grew ${(held / MiB).toFixed(1)} MB`).toBeLessThan(50 * MiB);
    openGate();
    // Writers' garbage is read once they are in, and refused sockets are refused.
    const codes = await Promise.all(results);
    expect(codes).toEqual(
      codes.map((_, i) => (i % 2 === 0 ? CloseCode.MalformedMessage : CloseCode.Forbidden)),
    );
    pushing.length = 0;
    await stillServes('pipelined before auth');
    expectBoundedHeap();
  });

  it('survives random bytes where an HTTP upgrade should be, and sockets dropped mid-auth', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 256 }), async (bytes) => {
        await rawTcp(bytes);
      }),
      settings(RUNS / 5),
    );
    closeGate();
    const dropped = Array.from({ length: 20 }, () => pipelined('gate', 0, true));
    await Promise.all(dropped);
    openGate();
    await sleep(20);
    await stillServes('dropped mid-auth');
    expectBoundedHeap();
  });
});

/** Masked client frames, as RFC 6455 requires of a client. */
function maskedFrame(payload: Uint8Array, opcode = 0x2): Buffer {
  const mask = randomBytes(4);
  const n = payload.length;
  const header =
    n < 126
      ? Buffer.from([0x80 | opcode, 0x80 | n])
      : n < 0x10000
        ? Buffer.from([0x80 | opcode, 0x80 | 126, n >> 8, n & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), bigLength(n)]);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (mask[i & 3] as number);
  return Buffer.concat([header, mask, body]);
}

function bigLength(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** Raw clients still writing: `stalled` once done or stuck, `blocked` when stuck on a full socket. */
const pushing: Array<{ stalled: boolean; blocked: boolean }> = [];

/**
 * A raw TCP client that sends the upgrade request and, without waiting for
 * the 101, up to `bytes` of garbage frames (stopping when the socket pushes
 * back). Resolves with the close code the server ends with; with `drop`, it
 * hangs up while authentication is still pending and resolves at once.
 */
function pipelined(token: string, bytes: number, drop = false): Promise<number | undefined> {
  const state = { stalled: false, blocked: false };
  if (!drop) pushing.push(state);
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.on('error', () => resolve(undefined));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const code = closeCodeIn(received);
      if (code !== undefined) {
        socket.destroy();
        resolve(code);
      }
    });
    socket.on('close', () => resolve(closeCodeIn(received)));
    socket.write(
      `GET /collab/${DOC}?token=${token} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
        'Sec-WebSocket-Version: 13\r\n\r\n',
    );
    if (drop) {
      setImmediate(() => {
        socket.destroy();
        resolve(undefined);
      });
      return;
    }
    // Frames of an unknown type (0x9f…), 4 KiB each: well under the frame limit.
    const chunk = Buffer.concat(
      Array.from({ length: 16 }, () =>
        maskedFrame(Buffer.concat([Buffer.from([0x9f]), randomBytes(4095)])),
      ),
    );
    let sent = 0;
    const push = (): void => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!socket.write(chunk)) {
          // Not read by anyone until authentication answers: wait for a drain that may never come.
          const timer = setTimeout(() => {
            state.stalled = true;
            state.blocked = true;
          }, 100);
          socket.once('drain', () => {
            clearTimeout(timer);
            push();
          });
          return;
        }
      }
      state.stalled = true;
    };
    push();
  });
}

/** The close code of the first close frame after the 101 response, if it has arrived. */
function closeCodeIn(data: Buffer): number | undefined {
  let at = data.indexOf('\r\n\r\n');
  if (at < 0) return undefined;
  at += 4;
  while (at + 2 <= data.length) {
    const opcode = (data[at] as number) & 0x0f;
    let length = (data[at + 1] as number) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (start + 2 > data.length) return undefined;
      length = data.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > data.length) return undefined;
      length = Number(data.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > data.length) return undefined;
    if (opcode === 0x8) return length >= 2 ? data.readUInt16BE(start) : 1005;
    at = start + length;
  }
  return undefined;
}

/** Random bytes instead of an HTTP request: resolves when the server has answered or hung up. */
function rawTcp(bytes: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.on('data', () => socket.destroy());
    socket.write(bytes, () => socket.end());
    // An incomplete request line is legal HTTP: the server may wait for more. Hang up after a while.
    setTimeout(() => socket.destroy(), 200).unref();
  });
}
