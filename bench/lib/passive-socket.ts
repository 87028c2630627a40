/**
 * A passive collab connection for benches that need many sockets on a
 * document without the load generator paying a Yjs client for each: a raw
 * WebSocket (RFC 6455) over `net` that sends a client's opening frames (see
 * `openingFrames`), answers pings, and otherwise only counts the frames the
 * server sends, walking frame headers in whatever chunks the kernel hands
 * over instead of decoding each message. To the server it is an ordinary
 * client that holds an empty doc and never types.
 *
 * Reads go into one shared buffer (`onread`), so `pause` stops reading at
 * the kernel: what the server sends meanwhile waits in the socket's receive
 * queue and is read later in one go (batched reads, for a generator that
 * would otherwise pay a wake-up per frame).
 *
 * With `onMessage` it is also a lean transport for a client that does
 * decode (`BenchClient` with `raw: true`): each data frame's payload is
 * handed over whole, and `send` writes frames.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

const OP_CONTINUATION = 0x0;
const OP_TEXT = 0x1;
const OP_BINARY = 0x2;
const OP_CLOSE = 0x8;
const OP_PING = 0x9;
const OP_PONG = 0xa;

/** Every socket reads into this; whatever outlives a read is copied out of it. */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

/**
 * One masked client frame (clients must mask, RFC 6455 §5.3). The key is
 * all zeros, which servers accept like any other: masking exists against
 * proxy cache poisoning by browser scripts, not an issue for a bench, and a
 * random key per frame would cost the generator a syscall and a pass.
 */
function clientFrame(payload: Uint8Array, opcode = OP_BINARY): Buffer {
  const len = payload.length;
  const head = len < 126 ? 2 : len < 65_536 ? 4 : 10;
  const out = Buffer.alloc(head + 4 + len);
  out[0] = 0x80 | opcode;
  if (len < 126) out[1] = 0x80 | len;
  else if (len < 65_536) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(len, 2);
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(len), 2);
  }
  out.set(payload, head + 4); // under a zero key the masked payload is the payload
  return out;
}

export interface PassiveSocketOptions {
  /** Resolve `ready` after this many messages from the server (default 2: it has taken us in). */
  readonly readyAfter?: number;
  /** Once upgraded, before the opening frames go out. */
  readonly onOpen?: () => void;
  /**
   * Every data message's payload, valid during the call only; without it
   * payloads are skipped unread.
   */
  readonly onMessage?: (payload: Buffer) => void;
}

export class PassiveSocket {
  /** Complete data messages received. */
  frames = 0;
  /** Resolves once the server has sent `readyAfter` messages (it has taken us in). */
  readonly ready: Promise<void>;
  private readonly socket: Socket;
  private markReady: () => void = () => {};
  private failReady: (error: Error) => void = () => {};
  /** The HTTP response to the upgrade, until its blank line. */
  private handshake: Buffer | undefined = Buffer.alloc(0);
  /** Bytes of a frame header split across reads. */
  private rest: Buffer | undefined;
  /** Payload bytes of the current frame still to come. */
  private skip = 0;
  private opcode = 0;
  private fin = true;
  /** A ping's payload (echoed in the pong) or, with `onMessage`, a data frame's. */
  private control: Buffer[] | undefined;
  private closed = false;
  private readonly readyAfter: number;

  constructor(
    url: string,
    private readonly opening: readonly Uint8Array[],
    private readonly options: PassiveSocketOptions = {},
  ) {
    this.readyAfter = options.readyAfter ?? 2;
    this.ready = new Promise((resolve, reject) => {
      this.markReady = resolve;
      this.failReady = reject;
    });
    this.ready.catch(() => {}); // a socket nobody waits on may close unready
    const u = new URL(url);
    const port = Number(u.port);
    this.socket = connect({
      host: u.hostname,
      port,
      onread: {
        buffer: READ_BUFFER,
        callback: (n: number, buf: Uint8Array) => {
          this.onBytes(Buffer.from(buf.buffer, buf.byteOffset, n));
          return true;
        },
      },
    });
    const socket = this.socket;
    socket.setNoDelay(true);
    socket.on('error', (error) => this.failReady(error));
    socket.on('close', () => {
      this.closed = true;
      this.failReady(new Error('closed before ready'));
    });
    socket.on('connect', () => {
      socket.write(
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: Upgrade\r\n` +
          `Upgrade: websocket\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      );
    });
  }

  /** False once the server (or we) closed the socket. */
  get open(): boolean {
    return !this.closed;
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  send(payload: Uint8Array): void {
    if (!this.closed) this.socket.write(clientFrame(payload));
  }

  /** Stops reading: what the server sends waits in the kernel until `resume`. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  private onBytes(chunk: Buffer): void {
    if (!this.handshake) {
      this.read(chunk);
      return;
    }
    const head = Buffer.concat([this.handshake, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end < 0) {
      this.handshake = head;
      return;
    }
    this.handshake = undefined;
    const status = head.subarray(0, head.indexOf('\r\n')).toString();
    if (!/^HTTP\/1\.1 101 /.test(status)) {
      this.failReady(new Error(`no upgrade: ${status}`));
      this.close();
      return;
    }
    this.options.onOpen?.();
    for (const f of this.opening) this.socket.write(clientFrame(f));
    if (head.length > end + 4) this.read(head.subarray(end + 4));
  }

  private read(input: Buffer): void {
    let buf = input;
    if (this.rest) {
      buf = Buffer.concat([this.rest, input]);
      this.rest = undefined;
    }
    let i = 0;
    while (i < buf.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, buf.length - i);
        const part = buf.subarray(i, i + n);
        // A whole payload is used before this read returns; a partial one is
        // copied, since the read buffer is reused by the next read of any socket.
        const whole = n === this.skip && this.control?.length === 0;
        this.control?.push(whole ? part : Buffer.from(part));
        i += n;
        this.skip -= n;
        if (this.skip === 0) this.endFrame();
        continue;
      }
      const left = buf.length - i;
      if (left < 2) break;
      const b0 = buf[i] as number;
      let len = (buf[i + 1] as number) & 0x7f;
      let head = 2;
      if (len === 126) {
        if (left < 4) break;
        len = buf.readUInt16BE(i + 2);
        head = 4;
      } else if (len === 127) {
        if (left < 10) break;
        len = Number(buf.readBigUInt64BE(i + 2));
        head = 10;
      }
      i += head; // server frames are never masked
      this.opcode = b0 & 0x0f;
      this.fin = (b0 & 0x80) !== 0;
      if (this.opcode !== OP_CONTINUATION) {
        this.control =
          this.opcode === OP_PING || (this.options.onMessage && this.opcode !== OP_CLOSE)
            ? []
            : undefined;
      }
      this.skip = len;
      if (len === 0) this.endFrame();
    }
    if (i < buf.length) this.rest = Buffer.from(buf.subarray(i));
  }

  private endFrame(): void {
    const op = this.opcode;
    if (op === OP_PING) {
      this.socket.write(clientFrame(Buffer.concat(this.control ?? []), OP_PONG));
    } else if (op === OP_CLOSE) {
      this.close();
    } else if (op === OP_BINARY || op === OP_TEXT || op === OP_CONTINUATION) {
      if (!this.fin) return; // a fragment: keep collecting into `control`
      if (++this.frames === this.readyAfter) this.markReady();
      const parts = this.control;
      if (parts && this.options.onMessage) {
        this.control = undefined;
        this.options.onMessage(parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts));
      }
    }
    this.control = undefined;
  }
}
