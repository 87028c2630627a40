import { CloseCode, encodeSavedAck } from '@rectify/domain';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { type LiveDoc, openLiveDoc } from './live-doc.ts';

/**
 * A WebSocket the test plays the server on: it records what the provider
 * sends and lets the test answer with real y-websocket frames.
 */
class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = 'arraybuffer';
  sent: Uint8Array[] = [];
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((e: { code: number; reason: string }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: ArrayBuffer | Uint8Array) {
    this.sent.push(new Uint8Array(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: Uint8Array) {
    this.onmessage?.({ data: frame.slice().buffer });
  }
  serverClose(code: number) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

const server = new Y.Doc();

function syncFrames(client: Y.Doc): Uint8Array[] {
  const step2 = encoding.createEncoder();
  encoding.writeVarUint(step2, 0);
  syncProtocol.writeSyncStep2(step2, server, Y.encodeStateVector(client));
  const step1 = encoding.createEncoder();
  encoding.writeVarUint(step1, 0);
  syncProtocol.writeSyncStep1(step1, server);
  return [encoding.toUint8Array(step2), encoding.toUint8Array(step1)];
}

let live: LiveDoc | undefined;
afterEach(() => {
  live?.destroy();
  live = undefined;
  FakeSocket.all = [];
});

function open(): { live: LiveDoc; socket: FakeSocket } {
  live = openLiveDoc({
    name: 'review.sv1',
    user: { id: 'u1', name: '张三', color: '#2f6db5' },
    wsBase: 'ws://test',
    persist: false,
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
  });
  const socket = FakeSocket.all.at(-1)!;
  return { live, socket };
}

describe('a live review document', () => {
  it('connects to /collab/<doc> asking for saved acks', () => {
    const { socket } = open();
    expect(socket.url).toBe('ws://test/collab/review.sv1?acks=1');
  });

  it('is saved only once the server has acknowledged what this client wrote', () => {
    const { live: doc, socket } = open();
    expect(doc.save()).toBe('offline');
    expect(doc.tried()).toBe(false);
    socket.open();
    for (const frame of syncFrames(doc.doc)) socket.receive(frame);
    expect(doc.synced()).toBe(true);
    expect(doc.tried()).toBe(true);
    // Our answer to the server's sync step 1 is a write frame: not saved until acked.
    expect(doc.save()).toBe('saving');
    socket.receive(encodeSavedAck({ writes: 1, clocks: new Map() }));
    expect(doc.save()).toBe('saved');

    doc.doc.getText('t').insert(0, '疑点');
    expect(doc.save()).toBe('saving');
    const clock = Y.getState(doc.doc.store, doc.doc.clientID);
    // An ack for the frame count alone is not enough while our clock is ahead.
    socket.receive(encodeSavedAck({ writes: 2, clocks: new Map([[doc.doc.clientID, clock - 1]]) }));
    expect(doc.save()).toBe('saving');
    socket.receive(encodeSavedAck({ writes: 2, clocks: new Map([[doc.doc.clientID, clock]]) }));
    expect(doc.save()).toBe('saved');

    socket.serverClose(1006);
    expect(doc.save()).toBe('offline');
    expect(doc.connection()).toBe('disconnected');
    expect(doc.ended()).toBeUndefined();
  });

  it('ends for good on 4403 and says why', () => {
    const { live: doc, socket } = open();
    socket.open();
    socket.serverClose(CloseCode.Forbidden);
    expect(doc.ended()).toBe('forbidden');
  });

  it('turns read-only when the server says so', () => {
    const { live: doc, socket } = open();
    socket.open();
    const auth = encoding.createEncoder();
    encoding.writeVarUint(auth, 2);
    encoding.writeVarUint(auth, 0);
    encoding.writeVarString(auth, 'read-only');
    socket.receive(encoding.toUint8Array(auth));
    expect(doc.serverReadOnly()).toBe(true);
    expect(doc.ended()).toBeUndefined();
  });

  it('tells who is here, once per person, me first', () => {
    const { live: doc } = open();
    expect(doc.users()).toEqual([{ id: 'u1', name: '张三', color: '#2f6db5' }]);
  });
});
