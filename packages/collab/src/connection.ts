import type { Duplex } from 'node:stream';
import { CloseCode, closeCodeFor, isAppError } from '@rectify/domain';
import * as wsModule from 'ws';
import { type RawData, WebSocket } from 'ws';
import type { CollabLog } from './log.ts';
import { decodeMessage, malformed } from './protocol.ts';
import type { Peer } from './room.ts';
import type { RoomLease } from './rooms.ts';
import type { WriteBatch } from './write-batch.ts';

/** Who is on the other end, as `authenticate` decided at connect time. */
export interface CollabIdentity {
  readonly userId: string;
  readonly readOnly: boolean;
}

export interface ConnectionOptions {
  readonly log: CollabLog;
  /** A client this far behind is closed (and reconnects) instead of buffering without bound. */
  readonly maxBufferedBytes: number;
  /** Frames sent in one turn of the event loop leave together (see `write-batch.ts`). */
  readonly batch?: WriteBatch;
}

/**
 * `ws`'s frame builder (exported by `ws`, left out of its type definitions):
 * the header of an unmasked, unfragmented binary message, and the payload.
 */
const { Sender } = wsModule as unknown as {
  Sender: {
    frame(
      data: Buffer,
      options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean },
    ): Buffer[];
  };
};

/** Above this, a frame is sent through `ws` as usual rather than copied into one message. */
const PREFRAMED_MAX_BYTES = 64 * 1024;

/**
 * The websocket message of the frame most recently sent, built once: a room
 * hands the same frame to each of its peers in turn, and server frames are
 * not masked, so every socket gets the same bytes (no per-message deflate on
 * this server). One buffer per broadcast instead of a header, a view and
 * two socket writes per recipient. Keyed by identity: no sender changes a
 * frame once handed over (a corked `ws.send` would send the changed bytes too).
 */
let lastFrame: Uint8Array | undefined;
let lastMessage: Buffer | undefined;

function messageOf(frame: Uint8Array): Buffer {
  if (frame !== lastFrame || !lastMessage) {
    const data = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
    const parts = Sender.frame(data, {
      fin: true,
      opcode: 2,
      mask: false,
      readOnly: false,
      rsv1: false,
    });
    lastMessage = Buffer.concat(parts);
    lastFrame = frame;
  }
  return lastMessage;
}

/** Close reasons are capped at 123 bytes by RFC 6455; `ws` throws past that. */
function closeReason(text: string): string {
  let reason = text;
  while (Buffer.byteLength(reason) > 123) reason = reason.slice(0, -1);
  return reason;
}

/**
 * One upgraded websocket joined to one room: the transport half of a peer.
 * Every frame is decoded here and any failure closes this socket only, with
 * the close code of the error, so one bad client never reaches the process.
 */
export class Connection implements Peer {
  readonly userId: string;
  readonly readOnly: boolean;
  readonly acks: boolean;
  /** Resolves once the socket is closed and the connection has left its room. */
  readonly closed: Promise<void>;
  /** No extension negotiated: `ws` queues nothing of its own, so we may write around it. */
  private readonly plain: boolean;
  private alive = true;
  private closing = false;
  private markClosed: () => void = () => {};

  constructor(
    private readonly socket: WebSocket,
    readonly docName: string,
    identity: CollabIdentity,
    private readonly lease: RoomLease,
    private readonly options: ConnectionOptions,
    /** The client asked for "saved" acks (`?acks=1`). */
    acks = false,
    /** The upgraded TCP socket under `socket`, corked by the write batch. */
    private readonly transport?: Duplex,
  ) {
    this.userId = identity.userId;
    this.readOnly = identity.readOnly;
    // Fixed at the handshake; `ws` rebuilds the string on every read.
    this.plain = socket.extensions === '';
    this.acks = acks;
    this.closed = new Promise((resolve) => {
      this.markClosed = resolve;
    });
  }

  /** Wires the socket and joins the room; the room sends the first sync step. */
  start(): void {
    this.socket.binaryType = 'arraybuffer';
    this.socket.on('message', this.onMessage);
    this.socket.on('pong', () => {
      this.alive = true;
    });
    this.socket.on('error', (error) => {
      this.options.log('warn', 'socket error', { ...this.fields(), error });
    });
    this.socket.once('close', () => {
      this.closing = true;
      this.lease.room.leave(this);
      this.lease.release();
      this.markClosed();
    });
    this.lease.room.join(this);
  }

  send(frame: Uint8Array, sent?: () => void): void {
    if (this.closing || this.socket.readyState !== WebSocket.OPEN) return;
    if (this.socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.options.log('warn', 'closing a socket that cannot keep up', this.fields());
      this.close(CloseCode.Unavailable, 'too far behind');
      return;
    }
    const transport = this.transport;
    if (transport) this.options.batch?.hold(transport);
    const done = sent && ((error?: Error | null) => !error && sent());
    // Straight onto the upgraded socket, which `ws` itself writes to (see `plain`): order is kept.
    if (transport && this.plain && frame.byteLength <= PREFRAMED_MAX_BYTES) {
      transport.write(messageOf(frame), done);
    } else {
      this.socket.send(frame, done);
    }
  }

  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.socket.close(code, closeReason(reason));
  }

  /** For the keep-alive loop: a socket that missed the last pong is dead, however open it looks. */
  heartbeat(): void {
    if (!this.alive) {
      this.terminate();
      return;
    }
    this.alive = false;
    if (this.socket.readyState === WebSocket.OPEN) this.socket.ping();
  }

  terminate(): void {
    this.closing = true;
    this.socket.terminate();
  }

  private readonly onMessage = (data: RawData, isBinary: boolean): void => {
    if (this.closing) return;
    this.alive = true;
    try {
      if (!isBinary || !(data instanceof ArrayBuffer)) throw malformed('expected a binary frame');
      this.lease.room.receive(this, decodeMessage(new Uint8Array(data)));
    } catch (error) {
      this.fail(error);
    }
  };

  private fail(error: unknown): void {
    const known = isAppError(error);
    const code = known ? closeCodeFor(error.code) : CloseCode.Unavailable;
    this.options.log(known ? 'warn' : 'error', 'closing a socket after a bad frame', {
      ...this.fields(),
      code,
      error,
    });
    this.close(code, known ? error.message : 'internal error');
  }

  private fields(): Record<string, unknown> {
    return { docName: this.docName, userId: this.userId };
  }
}
