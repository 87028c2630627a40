/**
 * The bench's Yjs client: the y-websocket sync protocol over `ws`, with
 * Hocuspocus's framing when the target speaks it. The same code for every
 * server, so client cost is equal and only the server differs.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  decodeSavedAckBody,
  SAVED_ACK_MESSAGE_TYPE,
} from '../../packages/domain/src/collab-ack.ts';
import type { Target } from './collab-peers.ts';
import { PassiveSocket } from './passive-socket.ts';

const SYNC = 0;
const HP_AUTH = 2;
const HP_SYNC_REPLY = 4;
const HP_SYNC_STATUS = 8;
const REMOTE = Symbol('remote');

/** Where a client of `target` connects for `docName`; ours with `?acks=1` when asked. */
export function clientUrl(target: Target, docName: string, acks: boolean): string {
  if (target.protocol === 'hocuspocus') return `${target.base}/`;
  return `${target.base}/collab/${docName}${acks && target.ours ? '?acks=1' : ''}`;
}

function frame(hp: boolean, docName: string, type: number): encoding.Encoder {
  const e = encoding.createEncoder();
  if (hp) encoding.writeVarString(e, docName);
  encoding.writeVarUint(e, type);
  return e;
}

/**
 * What a client that holds nothing sends on open: for Hocuspocus the token
 * handshake (the server allows everyone by default), then sync step 1 with an
 * empty state vector.
 */
export function openingFrames(target: Target, docName: string): Uint8Array[] {
  const hp = target.protocol === 'hocuspocus';
  const frames: Uint8Array[] = [];
  if (hp) {
    const auth = frame(true, docName, HP_AUTH);
    encoding.writeVarUint(auth, 0); // Token
    encoding.writeVarString(auth, '');
    frames.push(encoding.toUint8Array(auth));
  }
  const step1 = frame(hp, docName, SYNC);
  const empty = new Y.Doc();
  syncProtocol.writeSyncStep1(step1, empty);
  empty.destroy();
  frames.push(encoding.toUint8Array(step1));
  return frames;
}

/** How a `BenchClient` is built; every field is optional. */
export interface BenchClientOptions {
  /** Ours: the clock its edits are durable up to. Hocuspocus: `undefined`, one per update applied. */
  readonly onAck?: (clock: number | undefined) => void;
  /** False: a writer that skips remote updates (see the class comment). Default true. */
  readonly apply?: boolean;
  /** True: over a `PassiveSocket` instead of `ws`, so `pause`/`resume` can batch its reads. */
  readonly raw?: boolean;
  /**
   * With `apply: false`: every remote update (and sync step 2) as it came,
   * valid during the call only, for a reader that identifies updates without
   * applying them (`Y.parseUpdateMeta`).
   */
  readonly onUpdate?: (update: Uint8Array) => void;
}

/**
 * A Y.Doc kept in sync with one document. Local updates go out at once;
 * remote ones are applied with origin REMOTE (so `event.transaction.origin`
 * is set for them). `onAck` gets our durable acks (clock) or Hocuspocus's
 * SyncStatus (`undefined`, one per update applied).
 *
 * With `apply: false` the client only writes: it answers the server's sync
 * step 1 and reads acks, but skips every remote update, so a load generator
 * can run many writers without paying a Yjs apply per update for each.
 * Its own updates stay valid because each writer sets only its own key.
 */
export class BenchClient {
  readonly doc = new Y.Doc();
  readonly map = this.doc.getMap<number>('m');
  synced = false;
  /** Frames received from the server, of any kind. */
  messages = 0;
  private readonly ws: WebSocket | undefined;
  private readonly raw: PassiveSocket | undefined;
  private readonly hp: boolean;
  private readonly apply: boolean;
  private readonly onAck: (clock: number | undefined) => void;
  private readonly onUpdate: ((update: Uint8Array) => void) | undefined;

  constructor(
    target: Target,
    private readonly docName: string,
    options: BenchClientOptions = {},
  ) {
    this.hp = target.protocol === 'hocuspocus';
    this.apply = options.apply ?? true;
    this.onAck = options.onAck ?? (() => {});
    this.onUpdate = options.onUpdate;
    const url = clientUrl(target, docName, true);
    if (options.raw) {
      this.raw = new PassiveSocket(url, [], {
        readyAfter: Number.POSITIVE_INFINITY,
        onOpen: () => this.opened(),
        // A payload is a view of a shared read buffer: copied when Yjs applies it.
        onMessage: (payload) => this.received(this.apply ? new Uint8Array(payload) : payload),
      });
    } else {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      this.ws = ws;
      ws.binaryType = 'arraybuffer';
      ws.on('error', (e) => console.error(`client error: ${e.message}`));
      ws.on('open', () => this.opened());
      ws.on('message', (data: ArrayBuffer) => this.received(new Uint8Array(data)));
    }
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE || !this.isOpen()) return;
      this.send(SYNC, (e) => syncProtocol.writeUpdate(e, update));
    });
  }

  /** Raw clients only: stop / go on reading (the bytes wait in the kernel meanwhile). */
  pause(): void {
    this.raw?.pause();
  }

  resume(): void {
    this.raw?.resume();
  }

  close(): void {
    this.ws?.terminate();
    this.raw?.close();
    this.doc.destroy();
  }

  private isOpen(): boolean {
    return this.ws ? this.ws.readyState === WebSocket.OPEN : (this.raw?.open ?? false);
  }

  private opened(): void {
    if (this.hp)
      this.send(HP_AUTH, (e) => {
        encoding.writeVarUint(e, 0); // Token
        encoding.writeVarString(e, '');
      });
    else this.sendStep1();
  }

  private received(data: Uint8Array): void {
    this.messages++;
    const hp = this.hp;
    const decoder = decoding.createDecoder(data);
    if (hp && decoding.readVarString(decoder) !== this.docName) return;
    const type = decoding.readVarUint(decoder);
    if (type === SYNC || (hp && type === HP_SYNC_REPLY)) {
      const reply = frame(hp, this.docName, SYNC);
      if (!this.apply) {
        const step = decoding.readVarUint(decoder);
        if (step === syncProtocol.messageYjsSyncStep2) this.synced = true;
        if (step !== syncProtocol.messageYjsSyncStep1) {
          this.onUpdate?.(decoding.readVarUint8Array(decoder));
          return;
        }
        syncProtocol.readSyncStep1(decoder, reply, this.doc);
        this.sendBytes(encoding.toUint8Array(reply));
        return;
      }
      const before = encoding.length(reply);
      const step = syncProtocol.readSyncMessage(decoder, reply, this.doc, REMOTE);
      if (step === syncProtocol.messageYjsSyncStep2) this.synced = true;
      if (encoding.length(reply) > before) this.sendBytes(encoding.toUint8Array(reply));
    } else if (hp && type === HP_AUTH) {
      this.sendStep1(); // authenticated (the server allows everyone by default)
    } else if (hp && type === HP_SYNC_STATUS) {
      this.onAck(undefined);
    } else if (!hp && type === SAVED_ACK_MESSAGE_TYPE) {
      const clock = decodeSavedAckBody(decoder.arr.subarray(decoder.pos)).clocks.get(
        this.doc.clientID,
      );
      if (clock !== undefined) this.onAck(clock);
    }
  }

  private sendBytes(bytes: Uint8Array): void {
    if (this.ws) this.ws.send(bytes);
    else this.raw?.send(bytes);
  }

  private send(type: number, body: (e: encoding.Encoder) => void): void {
    const e = frame(this.hp, this.docName, type);
    body(e);
    this.sendBytes(encoding.toUint8Array(e));
  }

  private sendStep1(): void {
    this.send(SYNC, (e) => syncProtocol.writeSyncStep1(e, this.doc));
  }
}
