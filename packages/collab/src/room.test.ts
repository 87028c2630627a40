import { CloseCode } from '@rectify/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore } from './doc-store.ts';
import { MemoryDocStore } from './memory-doc-store.ts';
import { type ClientMessage, decodeMessage } from './protocol.ts';
import { type Peer, Room } from './room.ts';

const silent = (): void => {};

/** Records what the room sends it, decoded with the same wire format. */
class FakePeer implements Peer {
  readonly received: ClientMessage[] = [];
  closed: { code: number; reason: string } | undefined;
  constructor(
    readonly userId = 'u',
    readonly readOnly = false,
  ) {}
  send(frame: Uint8Array): void {
    this.received.push(decodeMessage(frame));
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
});

async function open(store: DocStore = new MemoryDocStore()): Promise<Room> {
  const room = await Room.open('review.r1', store, silent);
  rooms.push(room);
  return room;
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

  it('closes every peer with Unavailable when the store fails, and relays nothing more', async () => {
    const store: DocStore = {
      load: async () => [],
      append: async () => {
        throw new Error('disk full');
      },
    };
    const room = await open(store);
    const [a, b] = [new FakePeer('a'), new FakePeer('b')];
    room.join(a);
    room.join(b);
    b.clear();

    room.receive(a, { kind: 'update', update: edit('lost') });
    await room.flush();
    expect(room.failed).toBe(true);
    expect(a.closed?.code).toBe(CloseCode.Unavailable);
    expect(b.closed?.code).toBe(CloseCode.Unavailable);
    expect(b.received).toEqual([]);
  });
});
