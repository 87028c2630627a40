import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** Unix socket path postgres.js connects to. */
  socketPath: string;
  stop(): Promise<void>;
}

/**
 * Runs PGlite (PostgreSQL compiled to WASM) in this process and exposes it on
 * a private unix socket, so the same postgres.js code path serves embedded
 * and server deployments. PGlite is one backend: `maxConnections` must cover
 * the pool, and a second connection waits while a transaction is open.
 *
 * @param dataDir where the cluster lives; undefined keeps it in memory (tests).
 */
export async function startEmbeddedPostgres(opts: {
  dataDir?: string;
  maxConnections: number;
}): Promise<EmbeddedPostgres> {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const db = await PGlite.create(opts.dataDir ? { dataDir: opts.dataDir } : {});
  // A private 0700 directory: only this OS user can reach the socket.
  const dir = mkdtempSync(join(tmpdir(), 'rectify-pg-'));
  const socketPath = join(dir, '.s.PGSQL.5432');
  const server = new PGLiteSocketServer({
    db,
    path: socketPath,
    maxConnections: opts.maxConnections,
  });
  await server.start();
  let stopped = false;
  return {
    socketPath,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
