import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { AppError } from '@rectify/domain';
import type { BlobBody, PutOptions } from './blob-store.ts';

/**
 * A pass-through that hashes and counts bytes on their way to storage, so the
 * content address is known the moment the last byte is written, without a
 * second read. It enforces `maxBytes` on the chunk that crosses the limit (an
 * oversized upload is cut off, not read to the end) and, at the end, that the
 * body was exactly the declared `size`.
 */
export class HashingMeter extends Transform {
  private readonly hash = createHash('sha256');
  private readonly opts: PutOptions;
  bytes = 0;

  constructor(opts: PutOptions = {}) {
    super();
    this.opts = opts;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    const { maxBytes, size } = this.opts;
    if (maxBytes !== undefined && this.bytes > maxBytes) {
      done(tooLarge(maxBytes));
      return;
    }
    if (size !== undefined && this.bytes > size) {
      done(sizeMismatch(size));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    const { size } = this.opts;
    done(size !== undefined && this.bytes !== size ? sizeMismatch(size) : null);
  }

  /** The sha256 hex of everything that passed; call once, after the pipeline finished. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', `blob exceeds the limit of ${maxBytes} bytes`, { maxBytes });

const sizeMismatch = (size: number) =>
  new AppError('bad_request', `body length differs from the declared size of ${size} bytes`);

/**
 * Fails fast when the declared size already breaks the limit, before reading a
 * byte. The body is destroyed so the sender (e.g. an HTTP request) is not left
 * waiting for someone to read it.
 */
export function rejectUpfront(body: BlobBody, opts: PutOptions): void {
  const { size, maxBytes } = opts;
  if (size !== undefined && (!Number.isSafeInteger(size) || size < 0)) {
    discard(body);
    throw new AppError('bad_request', 'declared size must be a non-negative integer');
  }
  if (size !== undefined && maxBytes !== undefined && size > maxBytes) {
    discard(body);
    throw tooLarge(maxBytes);
  }
}

function discard(body: BlobBody): void {
  if (body instanceof Readable) {
    body.destroy();
  } else {
    // Ends a generator source; a failure to end it changes nothing for the caller.
    const iterator = body[Symbol.asyncIterator]();
    Promise.resolve(iterator.return?.()).catch(() => undefined);
  }
}
