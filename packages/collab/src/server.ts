import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  CloseCode,
  closeCodeFor,
  type DocRef,
  docName,
  isAppError,
  parseDocName,
  SAVED_ACK_PARAM,
} from '@rectify/domain';
import { type DocStore, MemoryDocStore } from '@rectify/store';
import { WebSocketServer } from 'ws';
import type { CollabBus } from './bus.ts';
import { CollabSocket } from './collab-socket.ts';
import { docNameFromUrl } from './collab-url.ts';
import { type CollabIdentity, Connection } from './connection.ts';
import { type CollabLog, consoleLog } from './log.ts';
import type { CaptureProjection } from './projection.ts';
import type { BroadcastTiming } from './room.ts';
import { type RoomLease, Rooms } from './rooms.ts';
import { WriteBatch } from './write-batch.ts';
import { mergeYjsUpdates } from './yjs-merge.ts';

/**
 * Decides, before the upgrade, who may open a doc and whether they may write.
 * Refuse by throwing an `AppError` (`unauthenticated`, `forbidden`,
 * `not_found`): the socket is upgraded and closed with the matching
 * `CloseCode`, which the stock client treats as final, where a bare HTTP 401
 * would have it retry forever. Any other error closes with `Unavailable`.
 */
export type Authenticate = (
  req: IncomingMessage,
  docName: string,
  ref: DocRef,
) => Promise<CollabIdentity>;

export interface CollabServerOptions {
  /** Defaults to letting everyone write, for tests and local tries only: `server` must pass one. */
  readonly authenticate?: Authenticate;
  /**
   * Defaults to a `MemoryDocStore`: docs then live only as long as the
   * process. Production passes a `PgDocStore` (see `createPgDocStore`).
   */
  readonly store?: DocStore;
  /** When peers get an update: as it is applied (default) or after its commit; acks always follow the commit. */
  readonly broadcast?: BroadcastTiming;
  /** What each update hands the store for its SQL projection (default: review docs' touched annotations). */
  readonly capture?: CaptureProjection;
  /**
   * The other server nodes on the same store (`createRedisBus`); without one
   * this process is alone. The caller owns it: close it after `close()`.
   */
  readonly bus?: CollabBus;
  /** Backoff between attempts to store an update while the store fails (default 100 ms doubling to 5 s). */
  readonly retryDelayMs?: { readonly min: number; readonly max: number };
  /** How long `close()` waits for updates the store has not taken yet (default 10 s). */
  readonly flushTimeoutMs?: number;
  /**
   * Largest frame accepted (bytes, default 16 MiB). Bounds memory per frame;
   * it must exceed the biggest sync step 2 a client sends after working offline.
   */
  readonly maxFrameBytes?: number;
  /** URL prefix whose upgrades are ours (default `/collab`). */
  readonly path?: string;
  /** Ping period; a socket that misses one pong is terminated (default 30 s). */
  readonly pingIntervalMs?: number;
  /** Outgoing bytes a socket may have queued before it is closed to resync (default 16 MiB). */
  readonly maxBufferedBytes?: number;
  /** How long `close()` waits for clients to answer the close handshake (default 1 s). */
  readonly closeGraceMs?: number;
  readonly log?: CollabLog;
}

export interface CollabServer {
  /**
   * For the HTTP server's `upgrade` event. Returns `false`, touching nothing,
   * when the URL is not under the collab path so the caller can route or
   * destroy the socket; returns `true` when it took the socket.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * Closes the live sockets that match, e.g. when a user's access is revoked
   * (default code `Forbidden`). Returns how many it closed.
   */
  disconnect(match: { docName?: string; userId?: string }, code?: CloseCode): number;
  /**
   * What a document allows changed for everyone on it (a report issued):
   * closes its sockets here and, through the bus, on every other node, with
   * `Unavailable`, so clients reconnect and meet the policy again.
   */
  reconnectDoc(docName: string): number;
  /** Rooms open or opening in this process. */
  docs(): number;
  /**
   * Closes every socket with 1001 (clients reconnect elsewhere), flushes,
   * destroys and compacts rooms, and drains the store: call it before
   * closing the database.
   */
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

const allowEveryone: Authenticate = async () => ({ userId: 'anonymous', readOnly: false });

/**
 * The live-collaboration server: the stock y-websocket protocol on
 * `/collab/<docName>`, one room per doc, attached to an existing HTTP server
 * (`noServer`) so the API and collab share one port.
 */
export function createCollabServer(options: CollabServerOptions = {}): CollabServer {
  const log = options.log ?? consoleLog;
  const authenticate = options.authenticate ?? allowEveryone;
  const prefix = options.path ?? '/collab';
  const closeGraceMs = options.closeGraceMs ?? 1000;
  const connectionOptions = {
    log,
    maxBufferedBytes: options.maxBufferedBytes ?? 16 * MiB,
    batch: new WriteBatch(),
  };
  const store = options.store ?? new MemoryDocStore({ merge: mergeYjsUpdates });
  const rooms = new Rooms(store, {
    log,
    broadcast: options.broadcast,
    capture: options.capture,
    bus: options.bus,
    retryDelayMs: options.retryDelayMs,
    flushTimeoutMs: options.flushTimeoutMs,
  });
  const connections = new Set<Connection>();
  const pending = new Set<Duplex>();
  const wss = new WebSocketServer<typeof CollabSocket>({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: options.maxFrameBytes ?? 16 * MiB,
    WebSocket: CollabSocket,
  });
  let closing: Promise<void> | undefined;

  const keepAlive = setInterval(() => {
    for (const connection of connections) connection.heartbeat();
  }, options.pingIntervalMs ?? 30_000);
  keepAlive.unref();

  /** Resolves with the websocket, or `undefined` if the socket died before the handshake finished. */
  function upgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
  ): Promise<CollabSocket | undefined> {
    if (socket.destroyed || closing) {
      socket.destroy();
      return Promise.resolve(undefined);
    }
    return new Promise((resolve) => {
      const gone = (): void => resolve(undefined);
      socket.once('close', gone);
      wss.handleUpgrade(req, socket, head, (ws) => {
        socket.off('close', gone);
        resolve(ws);
      });
    });
  }

  /** Upgrades only to close at once: the code tells the stock client not to retry. */
  async function refuse(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    code: CloseCode,
    reason: string,
  ): Promise<void> {
    const ws = await upgrade(req, socket, head);
    ws?.close(code, reason);
  }

  async function admit(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    rawName: string,
  ): Promise<void> {
    const ref = parseDocName(rawName);
    if (!ref) return refuse(req, socket, head, CloseCode.NotFound, 'unknown document');
    const name = docName(ref.kind, ref.id);

    let identity: CollabIdentity;
    try {
      identity = await authenticate(req, name, ref);
    } catch (error) {
      if (!isAppError(error)) log('error', 'authenticate failed', { docName: name, error });
      const code = isAppError(error) ? closeCodeFor(error.code) : CloseCode.Unavailable;
      const reason = isAppError(error) ? error.message : 'authentication unavailable';
      return refuse(req, socket, head, code, reason);
    }

    if (closing || socket.destroyed) return;
    let lease: RoomLease;
    try {
      lease = await rooms.acquire(name);
    } catch {
      return refuse(req, socket, head, CloseCode.Unavailable, 'document unavailable');
    }

    const ws = await upgrade(req, socket, head);
    if (!ws || closing) {
      ws?.close(1001, 'server shutting down');
      lease.release();
      return;
    }
    const acks = new URL(req.url ?? '/', 'http://localhost').searchParams.get(SAVED_ACK_PARAM);
    const connection = new Connection(
      ws,
      name,
      identity,
      lease,
      connectionOptions,
      acks === '1',
      socket,
    );
    connections.add(connection);
    void connection.closed.then(() => connections.delete(connection));
    connection.start();
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const rawName = docNameFromUrl(req.url ?? '', prefix);
    if (rawName === undefined) return false;
    // Until `ws` owns the socket nobody listens for its errors, and an
    // unhandled 'error' (a reset during authenticate) would end the process.
    const ignore = (): void => {};
    socket.on('error', ignore);
    pending.add(socket);
    admit(req, socket, head, rawName)
      .catch((error: unknown) => {
        log('error', 'upgrade failed', { url: req.url, error });
        socket.destroy();
      })
      .finally(() => {
        pending.delete(socket);
        socket.off('error', ignore);
      });
    return true;
  }

  function disconnect(
    match: { docName?: string; userId?: string },
    code: CloseCode = CloseCode.Forbidden,
  ): number {
    let count = 0;
    for (const connection of connections) {
      if (match.docName !== undefined && connection.docName !== match.docName) continue;
      if (match.userId !== undefined && connection.userId !== match.userId) continue;
      connection.close(code, 'access revoked');
      count++;
    }
    return count;
  }

  async function shutDown(): Promise<void> {
    clearInterval(keepAlive);
    for (const socket of pending) socket.destroy();
    for (const connection of connections) connection.close(1001, 'server shutting down');
    const all = Promise.all([...connections].map((c) => c.closed));
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, closeGraceMs);
    });
    await Promise.race([all, grace]);
    clearTimeout(timer);
    for (const connection of connections) connection.terminate();
    await all;
    await rooms.closeAll();
    await store.drain?.();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }

  return {
    handleUpgrade,
    disconnect,
    reconnectDoc: (docName) => {
      options.bus?.publish(docName, { kind: 'reconnect' });
      return disconnect({ docName }, CloseCode.Unavailable);
    },
    docs: () => rooms.size,
    close: () => {
      closing ??= shutDown();
      return closing;
    },
  };
}
