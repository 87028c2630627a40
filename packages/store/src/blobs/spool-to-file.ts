import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobBody, PutOptions } from './blob-store.ts';
import { HashingMeter, rejectUpfront } from './hashing-meter.ts';

/** A fully written, fsynced temp file and what its bytes hash to. The caller owns (and removes) it. */
export interface SpooledFile {
  path: string;
  hash: string;
  size: number;
}

/**
 * Streams a body into a fresh file in `dir`, hashing on the way, then fsyncs
 * it. Used by both stores: the disk store links the file into place, the S3
 * store uploads it with a known size and hash (s3rver and minio's putObject
 * cannot stream a body of unknown size; see s3-blob-store.ts).
 *
 * On any failure (the source errors, `maxBytes` or the declared size is
 * broken) the temp file is removed before the error propagates, so aborted
 * uploads leave nothing behind. Only a process crash can leave a file in `dir`,
 * and it is never under a hash name.
 */
export async function spoolToFile(
  body: BlobBody,
  dir: string,
  opts: PutOptions = {},
): Promise<SpooledFile> {
  rejectUpfront(body, opts);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${randomUUID()}.part`);
  const meter = new HashingMeter(opts);
  try {
    // `flush: true` fsyncs before close, and the pipeline settles only after
    // close: the bytes are durable before anyone can see them under a hash
    // (a crash after the link/upload must not expose a blob still in page cache).
    await pipeline(body, meter, createWriteStream(path, { flags: 'wx', flush: true }));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, hash: meter.digest(), size: meter.bytes };
}
