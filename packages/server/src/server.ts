import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { DEFAULT_AUTH } from '@rectify/api';
import { createCollabServer } from '@rectify/collab';
import { AppError } from '@rectify/domain';
import {
  type BlobStore,
  createBlobStore,
  type Database,
  migrate,
  openDatabase,
  parseS3Endpoint,
  resolveSession,
  tokenFrom,
} from '@rectify/store';
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
  const app = createHttpApp({ sql: db.sql, blobs, version: VERSION, clock, auth });

  const collab = createCollabServer({
    // Live documents need a signed-in user; per-document access joins in the
    // live-annotation work, through the one policy.
    authenticate: async (req) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const token = tokenFrom({
        authorization: req.headers.authorization,
        cookie: req.headers.cookie,
        query: url.searchParams.get('token'),
      });
      const session = token ? await resolveSession(db.sql, token, clock(), auth) : undefined;
      if (!session) throw new AppError('unauthenticated', 'Please sign in.');
      return { userId: session.userId, readOnly: false };
    },
  });

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
