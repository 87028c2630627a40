import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobStoreContract } from './blob-store.contract.ts';
import { createBlobStore } from './create-blob-store.ts';
import { DiskBlobStore } from './disk-blob-store.ts';
import { generatedBody } from './generated-body.ts';

const freshRoot = () => mkdtemp(join(tmpdir(), 'rectify-blobs-'));

blobStoreContract('DiskBlobStore', async () => {
  const root = await freshRoot();
  const store = await createBlobStore({ kind: 'disk', root });
  return {
    store,
    tmpDir: join(root, 'tmp'),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
});

/** Every regular file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe('DiskBlobStore on disk', () => {
  let root: string;
  let store: DiskBlobStore;

  beforeEach(async () => {
    root = await freshRoot();
    store = new DiskBlobStore(root);
    await store.ensureDirs();
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('lays blobs out as ab/cd/<hash>', async () => {
    const { hash } = await store.put(generatedBody(1000, 'layout'));
    expect(await filesUnder(root)).toEqual([join(hash.slice(0, 2), hash.slice(2, 4), hash)]);
  });

  it('leaves no file under any name, final or temp, when the write dies midway', async () => {
    const whole = 4 * 1024 * 1024;
    async function* dyingUpload() {
      let sent = 0;
      for await (const chunk of generatedBody(whole, 'crash')) {
        if (sent >= whole / 2) throw new Error('client vanished');
        sent += chunk.length;
        yield chunk;
      }
    }
    await expect(store.put(dyingUpload())).rejects.toThrow('client vanished');
    expect(await filesUnder(root)).toEqual([]);
    const fullHash = createHash('sha256');
    for await (const chunk of generatedBody(whole, 'crash')) fullHash.update(chunk);
    expect(await store.has(fullHash.digest('hex'))).toBe(false);
  });

  it('never lists a temp file a crashed process left behind as a blob', async () => {
    await writeFile(join(root, 'tmp', `${'e'.repeat(64)}`), 'half written');
    await store.put(generatedBody(10, 'real'));
    const listed: string[] = [];
    for await (const hash of store.list()) listed.push(hash);
    expect(listed).toHaveLength(1);
    expect(await store.has('e'.repeat(64))).toBe(false);
  });

  it('ping fails when the root directory is gone', async () => {
    await rm(root, { recursive: true, force: true });
    await expect(store.ping()).rejects.toThrow();
  });
});
