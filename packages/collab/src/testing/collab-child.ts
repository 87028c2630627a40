/**
 * A collab server alone in its process, on the production path (openDatabase,
 * migrations, PgDocStore, createCollabServer), for what needs another
 * process: the kill test (SIGKILL it mid-write) and the ack bench (its CPU
 * apart from the clients'). Start it with `forkCollabChild` (collab-process.ts).
 *
 * Env: `COLLAB_DATABASE_URL` (a PostgreSQL server) or `COLLAB_DATA_DIR`
 * (embedded PGlite on disk, owned by this process: after a kill the next
 * child opens the same directory) or `COLLAB_STORE=memory` (no database at
 * all: a bench diagnostic of what the store costs; it keeps nothing);
 * `COLLAB_BROADCAST` (`before-commit`, the default, or `after-commit`);
 * `COLLAB_PGLITE_THREAD` (`worker`, the default, or `inline`); and
 * `COLLAB_DB_LOAD_SQL` with `COLLAB_DB_LOAD_EVERY_MS`: other work on the same
 * database meanwhile (a heavy screen's query, run on a timer). Reports
 * `{ port }` over IPC once listening; answers `stats` with
 * `{ stats: { commits, updates } }` (how well appends group); exits cleanly
 * on `close`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryDocStore, migrate, type OnCommit, openDatabase } from '@rectify/store';
import type { BroadcastTiming } from '../room.ts';
import { createCollabServer } from '../server.ts';
import { createPgDocStore } from '../yjs-merge.ts';

const broadcast = (process.env.COLLAB_BROADCAST ?? 'before-commit') as BroadcastTiming;
const databaseUrl = process.env.COLLAB_DATABASE_URL || undefined;
const dataDir = process.env.COLLAB_DATA_DIR;
const inMemory = process.env.COLLAB_STORE === 'memory';
if (!databaseUrl && !dataDir && !inMemory) {
  throw new Error('set COLLAB_DATABASE_URL, COLLAB_DATA_DIR or COLLAB_STORE=memory');
}
if (broadcast !== 'after-commit' && broadcast !== 'before-commit') {
  throw new Error(`COLLAB_BROADCAST must be after-commit or before-commit, not ${broadcast}`);
}

const embeddedThread = process.env.COLLAB_PGLITE_THREAD === 'inline' ? 'inline' : 'worker';
const db = inMemory
  ? undefined
  : await openDatabase({ databaseUrl, dataDir: dataDir ?? '', poolSize: 4, embeddedThread });
if (db) await migrate(db.sql);
const stats = { commits: 0, updates: 0 };
const onCommit: OnCommit = (batch) => {
  stats.commits++;
  stats.updates += batch.length;
};
const store = db ? createPgDocStore(db.sql, { onCommit }) : new MemoryDocStore({ onCommit });
const collab = createCollabServer({ store, broadcast });
const loadSql = process.env.COLLAB_DB_LOAD_SQL;
const loadTimer =
  loadSql && db
    ? setInterval(
        () => void db.sql.unsafe(loadSql).catch(() => {}),
        Number(process.env.COLLAB_DB_LOAD_EVERY_MS ?? 1000),
      )
    : undefined;
const http = createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
http.on('upgrade', (req, socket, head) => {
  if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
});
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
process.send?.({ port: (http.address() as AddressInfo).port });

process.on('message', async (message) => {
  if (message === 'stats') process.send?.({ stats });
  if (message !== 'close') return;
  clearInterval(loadTimer);
  await collab.close();
  http.closeAllConnections();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  await db?.close();
  process.exit(0);
});
