import { CloseCode, decodeSavedAck, SAVED_ACK_MESSAGE_TYPE, type SavedAck } from '@rectify/domain';
import { type DocStore, MemoryDocStore } from '@rectify/store';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type ClientMessage, decodeMessage } from './protocol.ts';
import { type Peer, Room, type RoomOptions } from './room.ts';
import { type LogEntry, waitFor } from './test-helpers.ts';

const logs: LogEntry[] = [];
const options: RoomOptions = {
  log: (level, message, fields) => logs.push({ level, message, fields }),
  retryDelayMs: { min: 1, max: 5 },
};

/** Records what the room sends it, decoded with the same wire format; acks apart. */
class FakePeer implements Peer {
  readonly received: ClientMessage[] = [];
  readonly acked: SavedAck[] = [];
  /** Auth frames (type 2): the read-only notice. */
  readonly notices: Uint8Array[] = [];
  closed: { code: number; reason: string } | undefined;
  constructor(
    readonly userId = 'u',
    readonly readOnly = false,
    readonly acks = false,
  ) {}
  send(frame: Uint8Array, sent?: () => void): void {
    sent?.();
    if (frame[0] === SAVED_ACK_MESSAGE_TYPE) this.acked.push(decodeSavedAck(frame));
    else if (frame[0] === 2) this.notices.push(frame);
    else this.received.push(decodeMessage(frame));
  }
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }
  kinds(): string[] {
    return this.received.map((m) => m.kind);
  }
  clear(): void {
    this.received.length = 0;
  }
}

function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

const textOf = (update: Uint8Array): string => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
};

const rooms: Room[] = [];
const awarenesses: Awareness[] = [];
afterEach(() => {
  for (const room of rooms.splice(0)) room.destroy();
  for (const awareness of awarenesses.splice(0)) awareness.destroy();
  logs.length = 0;
});

async function open(store: DocStore = new MemoryDocStore(), extra: Partial<RoomOptions> = {}) {
  const room = await Room.open('review.r1', store, { ...options, ...extra });
  rooms.push(room);
  return room;
}

/** A memory store whose appends wait for `release()`, and fail `failures` times first. */
class GatedStore extends MemoryDocStore {
  failures = 0;
  attempts = 0;
  private gate: Promise<void> | undefined;
  private open: () => void = () => {};
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.open = resolve;
    });
  }
  release(): void {
    this.open();
    this.gate = undefined;
  }
  override async append(docName: string, update: Uint8Array): Promise<number> {
    this.attempts++;
    await this.gate;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('database down');
    }
    return super.append(docName, update);
  }
}

/** A client doc whose updates we can hand to the room one by one. */
function writer(clientId: number): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  return { doc, updates };
}

/** A client's awareness; each `setLocalState` bumps its clock, as a real client's does. */
function clientAwareness(clientId: number): Awareness {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new Awareness(doc);
  awarenesses.push(awareness);
  return awareness;
}

function presence(clientId: number, state: Record<string, unknown> | null): Uint8Array {
  const awareness = clientAwareness(clientId);
  awareness.setLocalState(state);
  return encodeAwarenessUpdate(awareness, [clientId]);
}

describe('Room', () => {
  it('loads the stored log before anyone joins', async () => {
    const store = new MemoryDocStore();
    await store.append('review.r1', edit('stored'));
    const room = await open(store);
    expect(room.doc.getText('t').toString()).toBe('stored');
  });

  it('greets a peer with sync step 1 and answers its sync step 1 with the diff', async () => {
    const room = await open();
    Y.applyUpdate(room.doc, edit('hello'));
    const peer = new FakePeer();
    room.join(peer);
    expect(peer.kinds()).toEqual(['sync-step-1']);

    room.receive(peer, { kind: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) });
    const reply = peer.received[1];
    expect(reply?.kind).toBe('sync-step-2');
    if (reply?.kind === 'sync-step-2') expect(textOf(reply.update)).toBe('hello');
  });

  it('appends a write, then broadcasts it to the others only', async () => {
    const store = new MemoryDocStore();
    const room = await open(store);
    const [a, b] = [new FakePeer('a'), new FakePeer('b')];
    room.join(a);
    room.join(b);
    a.clear();
    b.clear();

    room.receive(a, { kind: 'update', update: edit('hi') });
    expect(room.doc.getText('t').toString()).toBe('hi');
    await room.flush();
    expect(await store.load('review.r1')).toHaveLength(1);
    expect(b.kinds()).toEqual(['update']);
    expect(a.kinds()).toEqual([]);
  });

  it('never applies, stores or relays a read-only peer’s writes', async () => {
    const store = new MemoryDocStore();
    const room = await open(store);
    const [reader, writer] = [new FakePeer('r', true), new FakePeer('w')];
    room.join(reader);
    room.join(writer);
    writer.clear();

    room.receive(reader, { kind: 'update', update: edit('evil') });
    room.receive(reader, { kind: 'sync-step-2', update: edit('evil') });
    await room.flush();
    expect(room.doc.getText('t').toString()).toBe('');
    expect(await store.load('review.r1')).toEqual([]);
    expect(writer.received).toEqual([]);
    expect(reader.closed).toBeUndefined();
  });

  it.each([
    ['update', { kind: 'update', update: Uint8Array.from([1, 2, 3, 4, 5]) }],
    ['sync step 1', { kind: 'sync-step-1', stateVector: Uint8Array.from([5, 1]) }],
    ['awareness', { kind: 'awareness', update: Uint8Array.from([1, 1, 1, 3, 0x7b]) }],
  ] as const)('refuses a bad %s payload as bad_request', async (_name, message) => {
    const room = await open();
    const peer = new FakePeer();
    room.join(peer);
    expect(() => room.receive(peer, message)).toThrowError(
      expect.objectContaining({ code: 'bad_request' }),
    );
    expect(room.doc.getText('t').toString()).toBe('');
  });

  it('relays presence to everyone, the sender included, and clears it when its peer leaves', async () => {
    const room = await open();
    const [a, b] = [new FakePeer('a'), new FakePeer('b')];
    room.join(a);
    room.join(b);
    room.receive(a, { kind: 'awareness', update: presence(11, { name: 'alice' }) });
    expect(room.awareness.getStates().get(11)).toEqual({ name: 'alice' });
    expect(a.kinds()).toContain('awareness');
    expect(b.kinds()).toContain('awareness');

    const late = new FakePeer('c');
    room.join(late);
    expect(late.kinds()).toEqual(['sync-step-1', 'awareness']);

    b.clear();
    room.leave(a);
    expect(room.awareness.getStates().has(11)).toBe(false);
    expect(b.kinds()).toEqual(['awareness']);
  });

  it('keeps a reconnected client’s presence when its old socket closes later', async () => {
    const room = await open();
    const [old, fresh] = [new FakePeer('a'), new FakePeer('a')];
    room.join(old);
    room.receive(old, { kind: 'awareness', update: presence(11, { v: 1 }) });
    room.join(fresh);
    const renewed = clientAwareness(11);
    renewed.setLocalState({ v: 1 });
    renewed.setLocalState({ v: 2 }); // a higher clock than the first message
    room.receive(fresh, {
      kind: 'awareness',
      update: encodeAwarenessUpdate(renewed, [11]),
    });

    room.leave(old);
    expect(room.awareness.getStates().get(11)).toEqual({ v: 2 });
  });

  it('keeps the room up while the store fails, then stores, relays and acks in order', async () => {
    const store = new GatedStore();
    store.failures = 3;
    const room = await open(store);
    const [a, b] = [new FakePeer('a', false, true), new FakePeer('b')];
    room.join(a);
    room.join(b);
    b.clear();
    const w = writer(7);
    w.doc.getText('t').insert(0, 'one');
    w.doc.getText('t').insert(3, ' two');
    for (const update of w.updates) room.receive(a, { kind: 'update', update });

    await room.flush();
    expect(store.attempts).toBeGreaterThan(3);
    expect(a.closed).toBeUndefined();
    expect(b.closed).toBeUndefined();
    expect(room.unsaved).toBe(0);
    const copy = new Y.Doc();
    for (const u of await store.load('review.r1')) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString()).toBe('one two');
    expect(b.kinds()).toEqual(['update', 'update']);
    expect(a.acked.map((ack) => ack.writes)).toEqual([1, 2]);
    expect(a.acked.at(-1)?.clocks).toEqual(new Map([[7, 7]]));
    expect(logs.map((l) => l.message)).toContain(
      'store append failed; holding updates and retrying',
    );
  });

  it('acks a frame only after its update is committed, with the stored clock', async () => {
    const store = new GatedStore();
    const room = await open(store);
    const [a, plain] = [new FakePeer('a', false, true), new FakePeer('p')];
    room.join(a);
    room.join(plain);
    const w = writer(5);
    w.doc.getText('t').insert(0, 'abc');
    store.hold();
    room.receive(a, { kind: 'update', update: w.updates[0] as Uint8Array });
    await new Promise((r) => setTimeout(r, 10));
    expect(a.acked).toEqual([]);

    store.release();
    await room.flush();
    expect(a.acked).toEqual([{ writes: 1, clocks: new Map([[5, 3]]) }]);
    expect(plain.acked).toEqual([]);
  });

  it('acks a pure deletion by its frame count, since it moves no clock', async () => {
    const room = await open();
    const a = new FakePeer('a', false, true);
    room.join(a);
    const w = writer(5);
    w.doc.getText('t').insert(0, 'abc');
    w.doc.getText('t').delete(0, 1);
    for (const update of w.updates) room.receive(a, { kind: 'update', update });
    await room.flush();
    expect(a.acked).toEqual([
      { writes: 1, clocks: new Map([[5, 3]]) },
      { writes: 2, clocks: new Map() },
    ]);
    expect(room.doc.getText('t').toString()).toBe('bc');
  });

  it('never acks a clock beyond what is stored, even for a frame it cannot integrate yet', async () => {
    const room = await open();
    const a = new FakePeer('a', false, true);
    room.join(a);
    const w = writer(9);
    w.doc.getText('t').insert(0, 'ab');
    w.doc.getText('t').insert(2, 'cd');
    room.receive(a, { kind: 'update', update: w.updates[1] as Uint8Array }); // depends on the first
    await room.flush();
    expect(a.acked).toEqual([{ writes: 1, clocks: new Map([[9, 0]]) }]);
    room.receive(a, { kind: 'update', update: w.updates[0] as Uint8Array });
    await room.flush();
    expect(a.acked.at(-1)).toEqual({ writes: 2, clocks: new Map([[9, 4]]) });
  });

  it('acks a read-only peer’s dropped write without claiming its clock', async () => {
    const room = await open();
    const reader = new FakePeer('r', true, true);
    room.join(reader);
    room.receive(reader, { kind: 'update', update: edit('nope') });
    await room.flush();
    expect(reader.acked).toHaveLength(1);
    expect([...(reader.acked[0]?.clocks.values() ?? [])]).toEqual([0]);
  });

  it('relays before the commit by default, and still acks only after it', async () => {
    const store = new GatedStore();
    const room = await open(store);
    const [a, b] = [new FakePeer('a', false, true), new FakePeer('b')];
    room.join(a);
    room.join(b);
    b.clear();
    store.hold();
    room.receive(a, { kind: 'update', update: edit('fast') });
    expect(b.kinds()).toEqual(['update']);
    await new Promise((r) => setTimeout(r, 10));
    expect(a.acked).toEqual([]);
    store.release();
    await room.flush();
    expect(a.acked).toHaveLength(1);
  });

  it('relays only after the commit when asked to (after-commit)', async () => {
    const store = new GatedStore();
    const room = await open(store, { broadcast: 'after-commit' });
    const [a, b] = [new FakePeer('a', false, true), new FakePeer('b')];
    room.join(a);
    room.join(b);
    b.clear();
    store.hold();
    room.receive(a, { kind: 'update', update: edit('slow') });
    await new Promise((r) => setTimeout(r, 10));
    expect(b.kinds()).toEqual([]);
    store.release();
    await room.flush();
    expect(b.kinds()).toEqual(['update']);
    expect(a.acked).toHaveLength(1);
  });

  it('sends a peer joining an unbuilt room the stored state at once, then greets it once built', async () => {
    const store = new MemoryDocStore();
    await store.append('review.r1', edit('stored'));
    const room = await open(store);
    const peer = new FakePeer();
    room.join(peer);
    expect(peer.kinds()).toEqual(['sync-step-2']);
    const first = peer.received[0];
    if (first?.kind === 'sync-step-2') expect(textOf(first.update)).toBe('stored');

    await new Promise((r) => setImmediate(r));
    expect(peer.kinds()).toEqual(['sync-step-2', 'sync-step-1']);
    expect(room.doc.getText('t').toString()).toBe('stored');
  });

  it('answers a primed peer’s first sync step 1 with only what came after the stored state', async () => {
    const store = new MemoryDocStore();
    const w = writer(3);
    w.doc.getText('t').insert(0, 'stored');
    await store.append('review.r1', w.updates[0] as Uint8Array);
    const room = await open(store);
    const primed = new FakePeer('p');
    room.join(primed);
    await new Promise((r) => setImmediate(r));
    w.doc.getText('t').insert(6, ' later');
    const other = new FakePeer('o');
    room.join(other);
    room.receive(other, { kind: 'update', update: w.updates[1] as Uint8Array });
    primed.clear();

    // The stock client sends its (empty) sync step 1 before it has read ours.
    room.receive(primed, { kind: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) });
    const reply = primed.received[0];
    expect(reply?.kind).toBe('sync-step-2');
    if (reply?.kind !== 'sync-step-2') return;
    expect(Y.parseUpdateMeta(reply.update).from.get(3)).toBe(6);
    const client = new Y.Doc();
    Y.applyUpdate(client, w.updates[0] as Uint8Array);
    Y.applyUpdate(client, reply.update);
    expect(client.getText('t').toString()).toBe('stored later');

    // Later resyncs are answered in full.
    room.receive(primed, { kind: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) });
    const full = primed.received[1];
    if (full?.kind === 'sync-step-2') expect(textOf(full.update)).toBe('stored later');
  });

  it('holds a primed peer’s sync step 1 until the doc is built, and answers it then', async () => {
    const store = new MemoryDocStore();
    await store.append('review.r1', edit('stored'));
    const room = await open(store);
    const peer = new FakePeer();
    const sends: (() => void)[] = [];
    peer.send = (frame, sent) => {
      if (sent) sends.push(sent);
      peer.received.push(decodeMessage(frame));
    };
    room.join(peer);
    room.receive(peer, { kind: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) });
    await new Promise((r) => setTimeout(r, 5));
    expect(peer.kinds()).toEqual(['sync-step-2']);

    for (const sent of sends) sent(); // the snapshot is out: now the room builds
    await new Promise((r) => setImmediate(r));
    expect(peer.kinds()).toEqual(['sync-step-2', 'sync-step-1', 'sync-step-2']);
    const answer = peer.received[2];
    if (answer?.kind === 'sync-step-2') expect(textOf(answer.update)).toBe('');
  });

  it('refuses a primed peer’s bad sync step 1 at once, not when the doc is built', async () => {
    const store = new MemoryDocStore();
    await store.append('review.r1', edit('stored'));
    const room = await open(store);
    const peer = new FakePeer();
    peer.send = (frame) => {
      peer.received.push(decodeMessage(frame)); // never "sent": the room stays unbuilt
    };
    room.join(peer);
    expect(() =>
      room.receive(peer, { kind: 'sync-step-1', stateVector: new Uint8Array([0xff, 0xff]) }),
    ).toThrow('bad state vector');
  });

  it('closes its sockets as unavailable, and serves no one, when the stored doc cannot be built', async () => {
    const store = new MemoryDocStore();
    await store.append('review.r1', new Uint8Array([1, 2, 3])); // not a Yjs update
    const room = await open(store);
    const peer = new FakePeer();
    room.join(peer);
    await new Promise((r) => setImmediate(r));
    expect(peer.closed?.code).toBe(CloseCode.Unavailable);
    expect(logs.map((l) => l.message)).toContain('could not build a stored document');
    const late = new FakePeer();
    room.join(late);
    expect(late.closed).toBeDefined();
    expect(late.kinds()).toEqual([]);
  });

  it('builds a doc stored as several pieces before greeting, as usual', async () => {
    const store = new MemoryDocStore();
    const w = writer(4);
    w.doc.getText('t').insert(0, 'one');
    w.doc.getText('t').insert(3, ' two');
    for (const update of w.updates) await store.append('review.r1', update);
    const room = await open(store);
    const peer = new FakePeer();
    room.join(peer);
    expect(peer.kinds()).toEqual(['sync-step-1']);
    room.receive(peer, { kind: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) });
    const reply = peer.received[1];
    if (reply?.kind === 'sync-step-2') expect(textOf(reply.update)).toBe('one two');
    expect(peer.kinds()).toEqual(['sync-step-1', 'sync-step-2']);
  });

  it('never stores again what it loaded, and stores what comes after', async () => {
    const store = new MemoryDocStore();
    await store.append('review.r1', edit('stored'));
    const room = await open(store);
    const peer = new FakePeer();
    room.join(peer);
    room.receive(peer, { kind: 'update', update: edit('new') });
    await room.flush();
    expect(await store.load('review.r1')).toHaveLength(2);
  });

  it('waits for the room to be stored before it is destroyed, and gives up only when told', async () => {
    const store = new GatedStore();
    store.failures = Number.POSITIVE_INFINITY;
    const room = await open(store);
    Y.applyUpdate(room.doc, edit('held'));
    await waitFor('a few retries', () => store.attempts >= 3);
    expect(room.unsaved).toBe(1);
    room.destroy();
    await room.flush();
    const attempts = store.attempts;
    await new Promise((r) => setTimeout(r, 20));
    expect(store.attempts).toBe(attempts);
  });
});
