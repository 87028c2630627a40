import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { DEFAULT_AUTH, extractPendingEvidenceText } from '@rectify/api';
import {
  type CollabBus,
  createCollabServer,
  createInProcessBus,
  createPgDocStore,
  createRedisBus,
} from '@rectify/collab';
import { CloseCode } from '@rectify/domain';
import {
  type BlobStore,
  createBlobStore,
  type Database,
  migrate,
  openDatabase,
  parseS3Endpoint,
} from '@rectify/store';
import { collabAuthenticator, seedingStore } from './collab-access.ts';
import type { Config } from './config.ts';
import { createHttpApp } from './http-app.ts';
import { seedDemo } from './seed/seed-demo.ts';

export const VERSION: string = JSON.parse(
  readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'),
).version;

export interface RunningServer {
  url: string;
  port: number;
  seeded: boolean;
  db: Database;
  blobs: BlobStore;
  close(): Promise<void>;
}

export async function openBlobStore(config: Config): Promise<BlobStore> {
  if (config.s3) {
    const ep = parseS3Endpoint(config.s3.endpoint);
    return createBlobStore({
      kind: 's3',
      ...ep,
      bucket: config.s3.bucket,
      accessKey: config.s3.accessKey,
      secretKey: config.s3.secretKey,
      tmpDir: join(config.dataDir, 'tmp'),
    });
  }
  return createBlobStore({ kind: 'disk', root: join(config.dataDir, 'blobs') });
}

/**
 * The fan-out between app nodes: Redis when `REDIS_URL` is set, else the
 * in-process bus (one node). Waits a few seconds for Redis so a normal start
 * serves with fan-out live; a Redis that is down does not keep the node from
 * serving its own clients (it catches up when Redis is back).
 */
async function openBus(config: Config, log: (line: string) => void): Promise<CollabBus> {
  if (!config.redisUrl) return createInProcessBus();
  const bus = createRedisBus({ url: config.redisUrl });
  let timer: NodeJS.Timeout | undefined;
  const up = await Promise.race([
    bus.ready().then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 5000);
    }),
  ]);
  clearTimeout(timer);
  log(
    up
      ? 'fan-out across nodes through Redis'
      : 'Redis not reachable yet: serving alone until it is',
  );
  return bus;
}

/**
 * Starts the whole product on one port: migrations, demo data on first run
 * (demo mode only), the API, the live-collaboration endpoint and the UI.
 */
export async function startServer(
  config: Config,
  opts: {
    clock?: () => Date;
    log?: (line: string) => void;
    /** An already open database (tests pass an in-memory PGlite); closed with the server. */
    database?: Database;
  } = {},
): Promise<RunningServer> {
  const log = opts.log ?? (() => {});
  const clock = opts.clock ?? (() => new Date());
  const db =
    opts.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.poolSize,
      embeddedThread: config.pgliteThread,
    }));
  let blobs: BlobStore;
  try {
    const m = await migrate(db.sql);
    if (m.applied.length) log(`applied migrations: ${m.applied.join(', ')}`);
    blobs = await openBlobStore(config);
  } catch (e) {
    await db.close();
    throw e;
  }
  const seeded = config.demo ? await seedDemo(db.sql, blobs) : false;
  const auth = { ...DEFAULT_AUTH, ...config.session };
  const bus = await openBus(config, log);
  const store = createPgDocStore(db.sql, {
    onError: (e: unknown) => log(`doc store: ${e instanceof Error ? e.message : String(e)}`),
  });
  const collab = createCollabServer({
    authenticate: collabAuthenticator({
      sql: db.sql,
      clock,
      session: auth,
      publicUrl: config.publicUrl,
    }),
    // New versions' review docs carry over the open annotations of the previous version.
    store: seedingStore(store, db.sql, {
      onCarry: (r) =>
        log(`carried ${r.carried} annotation(s) into ${r.docName}, ${r.orphans} orphaned`),
    }),
    bus,
  });
  // Revocations made on other nodes close the sockets held here. A replayed
  // one (read back after a Redis outage) may be stale, so it closes with a
  // code the client retries on, and authentication decides afresh.
  bus.onAccessRevoked(({ userId }, replayed) => {
    collab.disconnect({ userId }, replayed ? CloseCode.Unavailable : CloseCode.Forbidden);
  });
  const app = createHttpApp({
    sql: db.sql,
    blobs,
    version: VERSION,
    clock,
    auth,
    publicUrl: config.publicUrl,
    maxUploadBytes: config.maxUploadBytes,
    // A disabled user, a removed membership or a recusal closes their live sockets at once.
    // On every node: here at once, on the others through the bus.
    onAccessRevoked: ({ userId }) => {
      collab.disconnect({ userId });
      bus.publishAccessRevoked({ userId });
    },
    // An issued report's live texts turn read-only for everyone editing them, on every node.
    onDocAccessChanged: (name) => {
      collab.reconnectDoc(name);
    },
  });
  // Demo files (and any upload interrupted by a restart) get their text extracted in the background.
  void extractPendingEvidenceText(db.sql, blobs).catch((e: unknown) =>
    log(`text extraction: ${e instanceof Error ? e.message : String(e)}`),
  );

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  server.on('upgrade', (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  let closing: Promise<void> | undefined;
  return {
    url: config.publicUrl ?? `http://${host}:${port}`,
    port,
    seeded,
    db,
    blobs,
    close() {
      closing ??= (async () => {
        await collab.close();
        await bus.close();
        await store.drain?.();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Idle keep-alive sockets would hold close() open.
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await db.close();
      })();
      return closing;
    },
  };
}
