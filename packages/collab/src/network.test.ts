/**
 * Convergence over a real, unreliable network, in the style of yjs
 * `tests/testHelper.js`: a seeded PRNG drives stock y-websocket clients
 * (WebsocketProvider in Node) through random edits of one review document,
 * random disconnects, crashes and reconnects in random order, and random
 * per-frame delays both ways (so frames of one socket overtake each other).
 * At the end every client, a fresh client and a client loading the stored
 * log must hold the same document. `NETWORK_SEEDS=1,2,3` replays seeds.
 */
import {
  ANNOTATION,
  addReply,
  annotationsOf,
  createAnnotation,
  deleteAnnotation,
  fragmentText,
  notesOf,
  paragraphsToRichText,
  readAnnotations,
  seedReviewDoc,
  setStatus,
  setStep,
  statementOf,
  statementRuns,
  toggleQuestion,
} from '@rectify/domain';
import { MemoryDocStore } from '@rectify/store';
import * as prng from 'lib0/prng';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Harness, sleep, waitFor } from './test-helpers.ts';
import { mergeYjsUpdates } from './yjs-merge.ts';

const h = new Harness();
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) {
    p.destroy();
    p.doc.destroy();
  }
  await h.cleanup();
});

type Gen = prng.PRNG;
const SEEDS = (process.env.NETWORK_SEEDS ?? '1,2,3,4,5,6,7,8').split(',').map(Number);
const STEPS = 500;

const onMessage = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage');

/**
 * A `ws` socket that holds each frame, in and out, for a random 0–`maxLagMs`
 * (0 = no lag), so frames arrive out of order. What it still holds when the
 * socket closes is lost, as on a real network; Yjs must resync on reconnect.
 */
/** Frames that arrived after a frame sent later on the same socket, all sockets together. */
const overtaken = { count: 0 };

function laggySocket(gen: Gen, maxLagMs: number): typeof WebSocket {
  const lag = (run: () => void): void => {
    if (maxLagMs === 0) run();
    else setTimeout(run, prng.int32(gen, 0, maxLagMs));
  };
  /** Numbers frames per direction and counts those that arrive after a later one. */
  const sequence = () => {
    let sent = 0;
    let highest = 0;
    return (deliver: () => void) => {
      const n = ++sent;
      lag(() => {
        if (n < highest) overtaken.count++;
        highest = Math.max(highest, n);
        deliver();
      });
    };
  };
  const send = WebSocket.prototype.send as (this: WebSocket, data: Uint8Array) => void;
  class Laggy extends WebSocket {
    readonly outgoing = sequence();
    readonly incoming = sequence();
  }
  Object.defineProperty(Laggy.prototype, 'send', {
    value(this: Laggy, data: Uint8Array) {
      this.outgoing(() => {
        if (this.readyState === WebSocket.OPEN) send.call(this, data);
      });
    },
  });
  Object.defineProperty(Laggy.prototype, 'onmessage', {
    get(this: Laggy) {
      return onMessage?.get?.call(this);
    },
    set(this: Laggy, handler: ((event: unknown) => void) | null) {
      const delayed =
        handler && ((event: unknown) => this.incoming(() => handler.call(this, event)));
      onMessage?.set?.call(this, delayed);
    },
  });
  return Laggy;
}

function client(base: string, name: string, socket: typeof WebSocket): WebsocketProvider {
  const provider = new WebsocketProvider(`${base}/collab`, name, new Y.Doc(), {
    WebSocketPolyfill: socket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 100,
  });
  providers.push(provider);
  return provider;
}

/** JSON with object keys sorted: a Y.Map lists its keys in the order they arrived. */
function stable(value: unknown): unknown {
  if (value instanceof Uint8Array) return [...value];
  if (Array.isArray(value)) return value.map(stable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, stable((value as Record<string, unknown>)[k])]),
  );
}

/** Everything a review doc holds, read through its named roots (a fresh doc knows no others). */
function snapshot(doc: Y.Doc): string {
  const annotations = annotationsOf(doc);
  const body = (id: string) => annotations.get(id)?.get(ANNOTATION.body);
  return JSON.stringify(
    stable({
      stateVector: [...Y.encodeStateVector(doc)],
      pending: doc.store.pendingStructs !== null || doc.store.pendingDs !== null,
      text: doc.getText('t').toDelta(),
      map: doc.getMap('m').toJSON(),
      statement: statementOf(doc).toString(),
      notes: notesOf(doc).toString(),
      annotations: readAnnotations(doc).sort((a, b) => a.id.localeCompare(b.id)),
      bodies: [...annotations.keys()].sort().map((id) => String(body(id))),
    }),
  );
}

const STATEMENT = [
  '本学期完成本科生导师制实施办法修订，覆盖全部学院。',
  '建立导师考核机制，考核结果与评优挂钩。',
  'Twelve workshops were held; attendance records are attached as evidence.',
];

/**
 * A store holding the statement as the server seeds it (clients may not write
 * the statement: the room refuses such frames), under a fixed client id.
 */
async function seededStore(name: string): Promise<MemoryDocStore> {
  const store = new MemoryDocStore({ merge: mergeYjsUpdates });
  const seed = new Y.Doc();
  seed.clientID = 1;
  seedReviewDoc(seed, paragraphsToRichText(STATEMENT), `version-of-${name}`);
  await store.append(name, Y.encodeStateAsUpdate(seed));
  seed.destroy();
  return store;
}

/** A random passage inside one paragraph, in statement plain-text offsets. */
function passage(gen: Gen, doc: Y.Doc): { start: number; end: number } | undefined {
  const runs = statementRuns(statementOf(doc)).runs.filter((r) => r.length > 1);
  if (runs.length === 0) return undefined;
  const run = prng.oneOf(gen, runs);
  const start = run.offset + prng.int32(gen, 0, run.length - 2);
  return { start, end: prng.int32(gen, start + 1, run.offset + run.length) };
}

/** Types into, or deletes from, a rich-text fragment the way y-prosemirror lays it out. */
function editRichText(gen: Gen, fragment: Y.XmlFragment): void {
  const paragraphs = fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
  if (paragraphs.length === 0 || prng.int32(gen, 0, 5) === 0) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(prng.word(gen, 1, 6))]);
    fragment.insert(prng.int32(gen, 0, fragment.length), [p]);
    return;
  }
  const text = prng.oneOf(gen, paragraphs).get(0);
  if (!(text instanceof Y.XmlText)) return;
  if (text.length > 0 && prng.int32(gen, 0, 3) === 0) {
    const at = prng.int32(gen, 0, text.length - 1);
    text.delete(at, prng.int32(gen, 1, Math.min(3, text.length - at)));
  } else {
    text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 4));
  }
}

/** One random edit by `doc`, through the review-doc helpers where there is one. */
function randomEdit(gen: Gen, doc: Y.Doc, who: number, step: number): void {
  const now = new Date(Date.UTC(2026, 10, 1) + step * 1000);
  const ids = [...annotationsOf(doc).keys()];
  const someId = ids.length > 0 ? prng.oneOf(gen, ids) : undefined;
  const roll = prng.int32(gen, 0, 99);
  if (roll < 15) {
    const text = doc.getText('t');
    if (text.length > 0 && prng.bool(gen)) {
      const at = prng.int32(gen, 0, text.length - 1);
      text.delete(at, prng.int32(gen, 1, Math.min(4, text.length - at)));
    } else {
      text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 5));
    }
  } else if (roll < 25) {
    doc.getMap('m').set(`k${prng.int32(gen, 0, 7)}`, prng.int32(gen, 0, 1000));
  } else if (roll < 35 || !someId) {
    const range = passage(gen, doc);
    if (!range) return;
    createAnnotation(doc, {
      id: `a${who}-${step}`,
      ...range,
      authorId: `user-${who}`,
      authorName: `成员${who}`,
      questions: [`Q${prng.int32(gen, 1, 12)}`],
      now,
    });
  } else if (roll < 45) {
    toggleQuestion(doc, someId, `Q${prng.int32(gen, 1, 12)}`, now);
  } else if (roll < 50) {
    setStep(doc, someId, prng.oneOf(gen, ['S1', 'S2', 'S3', null]), now);
  } else if (roll < 55) {
    setStatus(doc, someId, prng.bool(gen) ? 'resolved' : 'open', `user-${who}`, now);
  } else if (roll < 60) {
    addReply(doc, someId, {
      id: `r${who}-${step}`,
      authorId: `user-${who}`,
      authorName: `成员${who}`,
      at: now.toISOString(),
      text: prng.word(gen, 1, 8),
    });
  } else if (roll < 85) {
    const body = annotationsOf(doc).get(someId)?.get(ANNOTATION.body);
    if (body instanceof Y.XmlFragment) editRichText(gen, body);
  } else if (roll < 97) {
    editRichText(gen, notesOf(doc));
  } else {
    deleteAnnotation(doc, someId, now);
  }
}

/** One seeded run: 5 clients, random edits and network faults, then everyone must agree. */
interface RunStats {
  edits: number;
  faults: number;
  overtaken: number;
  annotations: number;
}

async function runSeed(seed: number): Promise<RunStats> {
  const overtakenBefore = overtaken.count;
  const gen = prng.create(seed);
  const name = `review.network-${seed}`;
  const { base, collab } = await h.start({ store: await seededStore(name) });
  // Two clients without lag, three with up to 5, 15 and 30 ms per frame.
  const lags = [0, 0, 5, 15, 30];
  const clients = lags.map((lag, i) =>
    client(base, name, laggySocket(prng.create(seed * 10 + i), lag)),
  );
  await waitFor('statement everywhere', () =>
    clients.every((c) => statementOf(c.doc).length === STATEMENT.length),
  );

  let edits = 0;
  let faults = 0;
  for (let step = 0; step < STEPS; step++) {
    const who = prng.int32(gen, 0, clients.length - 1);
    const provider = clients[who]!;
    const roll = prng.int32(gen, 0, 99);
    if (roll < 4 && provider.shouldConnect) {
      provider.disconnect(); // goes offline and keeps editing
      faults++;
    } else if (roll < 7 && provider.ws) {
      // A crash: the socket dies without a close handshake; the provider reconnects by itself.
      (provider.ws as unknown as WebSocket).terminate();
      faults++;
    } else if (roll < 14) {
      // Offline clients come back one at a time, in random order.
      const offline = clients.filter((c) => !c.shouldConnect);
      if (offline.length > 0) prng.oneOf(gen, offline).connect();
    } else if (roll < 22) {
      await sleep(prng.int32(gen, 0, 25)); // let some delivery happen in between
    } else {
      randomEdit(gen, provider.doc, who, step);
      edits++;
    }
  }
  for (const c of clients) c.connect();

  const expected = (): string => snapshot(clients[0]!.doc);
  await waitFor(
    `seed ${seed}: all clients converge`,
    () => clients.every((c) => c.synced) && clients.every((c) => snapshot(c.doc) === expected()),
    15_000,
  );
  const final = expected();
  expect(JSON.parse(final).pending).toBe(false);

  // A fresh client gets the same document from the live room…
  const fresh = client(base, name, WebSocket);
  await waitFor(`seed ${seed}: fresh client`, () => fresh.synced && snapshot(fresh.doc) === final);

  // …and, once everyone has left and the room is gone, from the stored log.
  for (const c of [...clients, fresh]) c.disconnect();
  await waitFor(`seed ${seed}: room closed`, () => collab.docs() === 0);
  const reloaded = client(base, name, WebSocket);
  await waitFor(`seed ${seed}: reload from the store`, () => reloaded.synced);
  expect(snapshot(reloaded.doc)).toBe(final);
  return {
    edits,
    faults,
    overtaken: overtaken.count - overtakenBefore,
    annotations: annotationsOf(reloaded.doc).size,
  };
}

describe('seeded random network: five stock clients, faults and reordering', () => {
  for (const seed of SEEDS) {
    it(`converges after random edits, disconnects and reordered frames (seed ${seed})`, async () => {
      const stats = await runSeed(seed);
      // The run did what it claims: many edits, faults, frames overtaking each other.
      expect(stats.edits).toBeGreaterThan(STEPS / 2);
      expect(stats.faults).toBeGreaterThan(5);
      expect(stats.overtaken).toBeGreaterThan(0);
      expect(stats.annotations).toBeGreaterThan(0);
    });
  }
});

describe('co-editing one annotation body', () => {
  it('two stock clients typing into the same body at once converge on both texts', async () => {
    const name = 'review.body';
    const { base } = await h.start({ store: await seededStore(name) });
    const [a, b] = [client(base, name, WebSocket), client(base, name, WebSocket)];
    await waitFor('both synced', () => a.synced && b.synced);
    createAnnotation(a.doc, { id: 'ann', start: 2, end: 9, authorId: 'm1', authorName: '张三' });
    await waitFor('b sees the annotation', () => annotationsOf(b.doc).has('ann'));

    const bodyOf = (doc: Y.Doc) =>
      annotationsOf(doc).get('ann')?.get(ANNOTATION.body) as Y.XmlFragment;
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('')]);
    bodyOf(a.doc).insert(0, [p]);
    await waitFor('b sees the paragraph', () => bodyOf(b.doc).length === 1);

    // Each types at its own caret (kept as a relative position, as an editor keeps it),
    // character by character, while the other's keystrokes arrive.
    const typeInto = async (doc: Y.Doc, words: string) => {
      const text = (bodyOf(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      let at = text.length;
      for (const ch of words) {
        text.insert(at, ch);
        const caret = Y.createRelativePositionFromTypeIndex(text, at + 1, -1);
        await sleep(1);
        at = Y.createAbsolutePositionFromRelativePosition(caret, doc)?.index ?? text.length;
      }
    };
    const fromA = '材料显示考核已覆盖全部导师。';
    const fromB = 'Minutes of the 3 March meeting are missing. ';
    await Promise.all([typeInto(a.doc, fromA), typeInto(b.doc, fromB)]);

    const body = (doc: Y.Doc) => fragmentText(bodyOf(doc));
    await waitFor(
      'bodies converge',
      () => body(a.doc) === body(b.doc) && body(a.doc).length === fromA.length + fromB.length,
    );
    expect(body(a.doc)).toContain(fromA);
    expect(body(a.doc)).toContain(fromB);
    const fresh = client(base, name, WebSocket);
    await waitFor('fresh client', () => fresh.synced);
    expect(snapshot(fresh.doc)).toBe(snapshot(a.doc));
    expect(readAnnotations(fresh.doc)[0]?.bodyText).toBe(body(a.doc));
  });
});
