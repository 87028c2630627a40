import { constants } from 'node:fs';
import { access, link, mkdir, open, opendir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '@rectify/domain';
import { assertBlobHash, isBlobHash } from './blob-hash.ts';
import type { BlobBody, BlobStore, PutOptions, PutResult } from './blob-store.ts';
import { spoolToFile } from './spool-to-file.ts';

/**
 * Blobs as files under `root`, content-addressed as `ab/cd/<hash>` so no
 * directory grows past 65,536 entries per level.
 *
 * Writes go to `<root>/tmp/` (same filesystem, so the final step is a
 * metadata-only link) and are fsynced first: a crash leaves at worst a stray
 * `tmp/*.part` file, never a half blob under a hash name. The final step is
 * `link()`, not `rename()`, because link fails with EEXIST when the hash is
 * already stored, which makes `created` exact even for concurrent uploads of
 * the same file.
 */
export class DiskBlobStore implements BlobStore {
  readonly root: string;
  /** Where in-flight uploads live; anything in here is not a blob. */
  readonly tmpDir: string;

  constructor(root: string) {
    this.root = root;
    this.tmpDir = join(root, 'tmp');
  }

  /** Creates the root and temp directory; the factory calls it once at boot. */
  async ensureDirs(): Promise<void> {
    await mkdir(this.tmpDir, { recursive: true });
  }

  async put(body: BlobBody, opts: PutOptions = {}): Promise<PutResult> {
    const spooled = await spoolToFile(body, this.tmpDir, opts);
    try {
      const target = this.pathOf(spooled.hash);
      await mkdir(dirname(target), { recursive: true });
      const created = await linkUnlessExists(spooled.path, target);
      if (created) await fsyncDir(dirname(target));
      return { hash: spooled.hash, size: spooled.size, created };
    } finally {
      await rm(spooled.path, { force: true });
    }
  }

  async get(hash: string): Promise<Readable> {
    // Opening first turns a missing blob into a clean rejection instead of an
    // error event on a stream the caller may already have piped into a response.
    const handle = await open(this.pathOf(hash), 'r').catch(notFoundAs(hash));
    return handle.createReadStream();
  }

  async stat(hash: string): Promise<{ size: number } | undefined> {
    try {
      const info = await stat(this.pathOf(hash));
      return { size: info.size };
    } catch (error) {
      if (isEnoent(error)) return undefined;
      throw error;
    }
  }

  async has(hash: string): Promise<boolean> {
    return (await this.stat(hash)) !== undefined;
  }

  async delete(hash: string): Promise<void> {
    await rm(this.pathOf(hash), { force: true });
  }

  async ping(): Promise<void> {
    await access(this.tmpDir, constants.W_OK);
  }

  async *list(): AsyncIterable<string> {
    for await (const level1 of await opendir(this.root)) {
      // Only two-hex-digit directories hold blobs; `tmp` and strays are skipped.
      if (!level1.isDirectory() || !/^[0-9a-f]{2}$/.test(level1.name)) continue;
      for await (const level2 of await opendir(join(this.root, level1.name))) {
        if (!level2.isDirectory()) continue;
        for await (const file of await opendir(join(this.root, level1.name, level2.name))) {
          if (file.isFile() && isBlobHash(file.name)) yield file.name;
        }
      }
    }
  }

  /** The only place a hash becomes a path, hence the validation here. */
  private pathOf(hash: string): string {
    assertBlobHash(hash);
    return join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }
}

async function linkUnlessExists(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Persists the new directory entry. Some filesystems refuse fsync on a
 * directory; the blob's bytes are already durable then, so this is best effort.
 */
async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort, see above
  }
}

const isEnoent = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

const notFoundAs =
  (hash: string) =>
  (error: unknown): never => {
    if (isEnoent(error)) throw new AppError('not_found', `blob ${hash} not found`);
    throw error;
  };
