// @ts-check
/**
 * The embedded database's own thread: PGlite (PostgreSQL compiled to WASM) and
 * the socket postgres.js connects to (pglite-bridge.mjs). Started by `startEmbeddedPostgres`
 * (embedded.ts) with `{ dataDir?, socketPath, maxConnections }` as workerData.
 * Query execution, its file writes and its garbage stay off the thread that
 * relays live edits and answers HTTP.
 *
 * Plain JavaScript: a worker thread is started by Node itself, without the
 * TypeScript loader of the parent (tsx or vitest).
 *
 * Messages: posts `{ ready: true }` once listening or `{ failed: message }`;
 * on `'stop'` closes the socket server and the database and lets the thread
 * end (the parent waits for its exit).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { servePglite } from './pglite-bridge.mjs';

/** @type {{ dataDir?: string; socketPath: string; maxConnections: number }} */
const options = workerData;
const port = parentPort;
if (!port) throw new Error('embedded-worker.mjs runs as a worker thread');

try {
  const db = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const server = await servePglite(db, {
    path: options.socketPath,
    maxConnections: options.maxConnections,
  });
  port.on('message', async (message) => {
    if (message !== 'stop') return;
    await server.stop();
    await db.close();
    port.close();
  });
  port.postMessage({ ready: true });
} catch (e) {
  port.postMessage({ failed: e instanceof Error ? e.message : String(e) });
  port.close();
}
