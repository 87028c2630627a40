// @ts-check
/**
 * The unix socket through which postgres.js reaches the embedded PGlite: the
 * PostgreSQL wire protocol, passed to PGlite as it arrives.
 *
 * It does what `PGLiteSocketServer` (@electric-sql/pglite-socket) does, but
 * hands PGlite every complete message that arrived together in one call, and
 * answers with one socket write. The library makes one call (with its own
 * queue, lock and file sync) and one write per protocol message: a prepared
 * query from postgres.js is Bind, Execute and Sync, so three of each: nearly
 * half the CPU of a bare round trip and a fifth of a one-update commit's
 * (bench/collab-commit-cost.bench.ts). One
 * call for several messages is what PGlite's own `execProtocolRawSync` is for
 * (it loops until the input is used up, carrying on past an error to the
 * next Sync, as PostgreSQL does).
 *
 * PGlite is one backend. Connections take turns, whole batches at a time; a
 * connection keeps its turn while it is inside a transaction block or in the
 * middle of an extended-protocol exchange (its last message was not a Sync),
 * so another connection's statements never land inside its transaction or
 * between its Bind and Execute. A connection that closes while holding its
 * turn has its exchange ended (a Sync) and its transaction rolled back.
 *
 * Plain JavaScript: it runs in the embedded database's worker thread, which
 * Node starts without the TypeScript loader (see embedded-worker.mjs).
 */
import { createServer } from 'node:net';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** Message types after which a connection's exchange is complete: Sync, simple Query, Terminate. */
const ENDS_EXCHANGE = new Set([0x53, 0x51, 0x58]);
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * @typedef {{ execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<void>; isInTransaction(): boolean; exec(sql: string): Promise<unknown>; waitReady?: Promise<void> }} Backend
 * @typedef {{ socket: import('node:net').Socket; pending: Buffer | undefined; started: boolean; midExchange: boolean; closed: boolean }} Connection
 * @typedef {{ connection: Connection; bytes: Uint8Array; midExchange: boolean }} Job
 */

/** @param {Buffer} buf */
const bytesOf = (buf) => new Uint8Array(buf.buffer, buf.byteOffset, buf.length);

/**
 * Listens on `path` and serves `db` to at most `maxConnections` clients.
 * @param {Backend} db
 * @param {{ path: string; maxConnections: number; onError?: (error: unknown) => void }} options
 * @returns {Promise<{ stop(): Promise<void>; connections(): number }>}
 */
export async function servePglite(db, options) {
  await db.waitReady;
  const report =
    options.onError ?? ((error) => console.error('[rectify] embedded database:', error));
  /** @type {Set<Connection>} */
  const connections = new Set();
  /** @type {Job[]} */
  let queue = [];
  /** The connection whose turn it is while it is in a transaction or mid-exchange. */
  /** @type {Connection | undefined} */
  let owner;
  let running = false;
  /** @type {Promise<void>} */
  let idle = Promise.resolve();
  let stopping = false;

  /** @param {Connection} connection @param {Buffer} data */
  function receive(connection, data) {
    let buf = connection.pending ? Buffer.concat([connection.pending, data]) : data;
    let end = 0;
    while (!connection.started && buf.length >= 8) {
      // Before the startup message: length-prefixed requests without a type byte.
      const length = buf.readInt32BE(0);
      const code = buf.readInt32BE(4);
      if (length === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
        connection.socket.write('N'); // no encryption on a private socket
        buf = buf.subarray(8);
      } else if (length === 16 && code === CANCEL_REQUEST) {
        // PGlite has no other backend to signal: nothing to cancel.
        connection.socket.end();
        return;
      } else if (code === PROTOCOL_3 && length >= 8) {
        if (buf.length < length) break;
        connection.started = true;
        end = length;
        break;
      } else {
        connection.socket.destroy();
        return;
      }
    }
    if (connection.started && end > 0) {
      // PGlite answers the startup message on its own: it takes no more in that call.
      queue.push({ connection, bytes: bytesOf(buf.subarray(0, end)), midExchange: false });
      buf = buf.subarray(end);
      end = 0;
    }
    let type = -1;
    if (connection.started) {
      while (buf.length - end >= 5) {
        const length = 1 + buf.readInt32BE(end + 1);
        if (length < 5) {
          connection.socket.destroy();
          return;
        }
        if (buf.length - end < length) break;
        type = buf[end] ?? -1;
        end += length;
      }
    }
    connection.pending = end < buf.length ? Buffer.from(buf.subarray(end)) : undefined;
    if (end > 0) {
      queue.push({
        connection,
        bytes: bytesOf(buf.subarray(0, end)),
        midExchange: !ENDS_EXCHANGE.has(type),
      });
    }
    run();
  }

  /** Takes the next job whose turn it is, or undefined while the owner has none queued. */
  function next() {
    if (owner) {
      const i = queue.findIndex((job) => job.connection === owner);
      return i === -1 ? undefined : queue.splice(i, 1)[0];
    }
    return queue.shift();
  }

  function run() {
    if (running) return;
    running = true;
    idle = (async () => {
      try {
        for (let job = next(); job; job = next()) await execute(job);
      } finally {
        running = false;
      }
    })();
  }

  /** @param {Job} job */
  async function execute({ connection, bytes, midExchange }) {
    /** @type {Uint8Array[]} */
    const out = [];
    try {
      await db.execProtocolRawStream(bytes, {
        // A view into PGlite's memory, reused by the next call: keep a copy.
        onRawData: (data) => void out.push(data.slice()),
      });
    } catch (error) {
      // Database errors come back as protocol messages; this is PGlite itself failing.
      report(error);
      owner = undefined;
      connection.socket.destroy();
      return;
    }
    connection.midExchange = midExchange;
    owner = db.isInTransaction() || midExchange ? connection : undefined;
    if (owner === connection && connection.closed) await release(connection);
    if (out.length > 0 && !connection.closed && connection.socket.writable) {
      connection.socket.write(
        out.length === 1 ? (out[0] ?? new Uint8Array(0)) : Buffer.concat(out),
      );
    }
  }

  /**
   * A closed connection's queued work is dropped. If it held the turn, what
   * it left half done is ended so the next connection starts clean: an
   * unfinished extended-protocol exchange by a Sync (else PGlite would
   * ignore the next client's messages after an error), an open transaction
   * by a ROLLBACK.
   * @param {Connection} connection
   */
  async function release(connection) {
    if (owner !== connection) return;
    owner = undefined;
    try {
      if (connection.midExchange) await db.execProtocolRawStream(SYNC, { onRawData: () => {} });
      if (db.isInTransaction()) await db.exec('ROLLBACK');
    } catch (error) {
      report(error);
    }
  }

  /** @param {Connection} connection */
  function close(connection) {
    if (connection.closed) return;
    connection.closed = true;
    connections.delete(connection);
    queue = queue.filter((job) => job.connection !== connection);
    // While a job runs, `execute` releases it afterwards; otherwise release now.
    if (!running) {
      running = true;
      idle = release(connection).finally(() => {
        running = false;
        run();
      });
    }
  }

  const server = createServer((socket) => {
    if (stopping || connections.size >= options.maxConnections) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    /** @type {Connection} */
    const connection = {
      socket,
      pending: undefined,
      started: false,
      midExchange: false,
      closed: false,
    };
    connections.add(connection);
    socket.on('data', (data) => receive(connection, data));
    socket.on('error', () => close(connection));
    socket.on('close', () => close(connection));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.path, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });

  return {
    connections: () => connections.size,
    async stop() {
      stopping = true;
      for (const connection of connections) connection.socket.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await idle;
    },
  };
}
