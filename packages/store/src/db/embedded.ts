import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { servePglite } from './pglite-bridge.mjs';

export interface EmbeddedPostgres {
  /** Unix socket path postgres.js connects to. */
  socketPath: string;
  stop(): Promise<void>;
}

/** `worker`: a thread of its own (the default); `inline`: on the caller's event loop. */
export type EmbeddedThread = 'worker' | 'inline';

const WORKER = new URL('./embedded-worker.mjs', import.meta.url);

/**
 * Runs PGlite (PostgreSQL compiled to WASM) on a thread of its own in this
 * process (`embedded-worker.mjs`) and exposes it on a private unix socket, so
 * the same postgres.js code path serves embedded and server deployments, and
 * query execution never holds up the event loop that relays live edits. PGlite
 * is one backend: `maxConnections` must cover the pool, and a second
 * connection waits while a transaction is open.
 *
 * @param dataDir where the cluster lives; undefined keeps it in memory (tests).
 */
export async function startEmbeddedPostgres(opts: {
  dataDir?: string;
  maxConnections: number;
  thread?: EmbeddedThread;
}): Promise<EmbeddedPostgres> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  // A private 0700 directory: only this OS user can reach the socket.
  const dir = mkdtempSync(join(tmpdir(), 'rectify-pg-'));
  const socketPath = join(dir, '.s.PGSQL.5432');
  if (opts.thread === 'inline') return startInline(opts, dir, socketPath);
  const worker = new Worker(WORKER, {
    workerData: { dataDir: opts.dataDir, socketPath, maxConnections: opts.maxConnections },
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (message: { ready?: true; failed?: string }) => {
        if (message.ready) resolve();
        else reject(new Error(`the embedded database did not start: ${message.failed}`));
      });
      worker.once('error', reject);
      worker.once('exit', (code) =>
        reject(new Error(`the embedded database stopped while starting (exit ${code})`)),
      );
    });
  } catch (e) {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  let stopped: Promise<void> | undefined;
  // Past the start, a failing thread leaves the server without its database
  // (health says so, edits wait unsaved in the clients): say why in the log.
  worker.on('error', (error) => {
    console.error('[rectify] the embedded database thread failed:', error);
  });
  worker.on('exit', (code) => {
    if (!stopped) console.error(`[rectify] the embedded database thread ended (exit ${code})`);
  });
  return {
    socketPath,
    stop() {
      stopped ??= (async () => {
        worker.postMessage('stop');
        await exited;
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

async function startInline(
  opts: { dataDir?: string; maxConnections: number },
  dir: string,
  socketPath: string,
): Promise<EmbeddedPostgres> {
  const db = await PGlite.create(opts.dataDir ? { dataDir: opts.dataDir } : {});
  const server = await servePglite(db, { path: socketPath, maxConnections: opts.maxConnections });
  let stopped: Promise<void> | undefined;
  return {
    socketPath,
    stop() {
      stopped ??= (async () => {
        await server.stop();
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}
