import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobStoreContract } from './blob-store.contract.ts';
import { createBlobStore, type S3BlobStoreConfig } from './create-blob-store.ts';
import { generatedBody } from './generated-body.ts';
import { S3BlobStore } from './s3-blob-store.ts';

/**
 * Runs the contract against s3rver (a local S3 look-alike) over plain HTTP, a
 * fresh bucket per test. See s3-blob-store.ts for what this does and does not cover.
 */
let server: S3rver;
let workDir: string;
let port: number;
let buckets = 0;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'rectify-s3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: join(workDir, 's3'),
  });
  ({ port } = await server.run());
});

afterAll(async () => {
  await server.close();
  await rm(workDir, { recursive: true, force: true });
});

const configFor = (bucket: string, tmpDir: string): S3BlobStoreConfig => ({
  kind: 's3',
  endPoint: '127.0.0.1',
  port,
  useSSL: false,
  bucket,
  // s3rver's built-in credentials
  accessKey: 'S3RVER',
  secretKey: 'S3RVER',
  tmpDir,
});

blobStoreContract('S3BlobStore', async () => {
  const tmpDir = await mkdtemp(join(workDir, 'spool-'));
  const store = await createBlobStore(configFor(`contract-${++buckets}`, tmpDir));
  return { store, tmpDir, dispose: () => rm(tmpDir, { recursive: true, force: true }) };
});

describe('S3BlobStore against s3rver', () => {
  it('creates its bucket when missing and accepts it existing on the next boot', async () => {
    const tmpDir = join(workDir, 'boot');
    const config = configFor('boot-twice', tmpDir);
    const first = await createBlobStore(config);
    await expect(first.ping()).resolves.toBeUndefined();
    const second = await createBlobStore(config);
    await expect(second.ping()).resolves.toBeUndefined();
  });

  it('ping fails with unavailable when the bucket is gone', async () => {
    const store = new S3BlobStore(configFor('never-made', workDir));
    await expect(store.ping()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('ping fails when the server cannot be reached', async () => {
    const store = new S3BlobStore({ ...configFor('any', workDir), port: await closedPort() });
    await expect(store.ping()).rejects.toThrow();
  });

  it('fails a put the server answers with 503, without hanging or leaving a spool file', async () => {
    // minio would retry with the consumed body stream and hang; see the constructor.
    const busy = createHttpServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.statusCode = req.method === 'HEAD' ? 404 : 503;
        res.end(req.method === 'HEAD' ? undefined : '<Error><Code>SlowDown</Code></Error>');
      });
    });
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const tmpDir = await mkdtemp(join(workDir, 'busy-'));
    const { port: busyPort } = busy.address() as AddressInfo;
    const store = new S3BlobStore({ ...configFor('busy', tmpDir), port: busyPort });
    try {
      await expect(store.put(generatedBody(3 * 1024 * 1024, 'busy'))).rejects.toThrow(/503/);
      expect(await readdir(tmpDir)).toEqual([]);
    } finally {
      busy.close();
    }
  });
});

/** A port nothing listens on: bind one, then let it go. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
