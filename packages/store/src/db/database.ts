import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { connect, type Sql } from './client.ts';
import { type EmbeddedPostgres, type EmbeddedThread, startEmbeddedPostgres } from './embedded.ts';

export interface Database {
  sql: Sql;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Set: that server. Unset: embedded PGlite in `dataDir/pg`. */
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  /** Embedded PGlite on a thread of its own (default) or on this event loop. */
  embeddedThread?: EmbeddedThread;
}

/**
 * Opens the one database of this process. Embedded PGlite takes a lock file
 * in the data directory, since two processes on one PGlite directory would
 * corrupt it; a stale lock (dead pid) is taken over.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  const poolSize = opts.poolSize ?? 10;
  if (opts.databaseUrl) {
    const sql = connect({ url: opts.databaseUrl, max: poolSize });
    return { sql, kind: 'postgres', close: () => sql.end({ timeout: 5 }) };
  }
  const pgDir = join(opts.dataDir, 'pg');
  mkdirSync(opts.dataDir, { recursive: true });
  const releaseLock = takeDataDirLock(opts.dataDir);
  let embedded: EmbeddedPostgres;
  try {
    embedded = await startEmbeddedPostgres({
      dataDir: pgDir,
      maxConnections: 8,
      thread: opts.embeddedThread,
    });
  } catch (e) {
    releaseLock();
    throw e;
  }
  // One connection: PGlite is a single backend. More would only take turns in
  // the bridge (pglite-bridge.mjs), each waiting out the others' transactions,
  // while one connection pipelines its queries.
  const sql = connect({ path: embedded.socketPath, max: 1 });
  return {
    sql,
    kind: 'pglite',
    async close() {
      await sql.end({ timeout: 5 });
      await embedded.stop();
      releaseLock();
    },
  };
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

function takeDataDirLock(dataDir: string): () => void {
  const lock = join(dataDir, 'rectify.lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DataDirLockedError(
        `DATA_DIR ${dataDir} is in use by another Rectify process (pid ${pid}). Stop it first, or use another DATA_DIR.`,
      );
    }
    rmSync(lock, { force: true });
  }
  const fd = openSync(lock, 'wx');
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return () => rmSync(lock, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
