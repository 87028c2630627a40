import { AppError } from '@rectify/domain';
import type { BlobStore } from '@rectify/store';

/** The first `max` bytes of a blob (fewer when it is shorter); the rest is never read. */
export async function readPrefix(blobs: BlobStore, hash: string, max: number): Promise<Buffer> {
  const stream = await blobs.get(hash);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      chunks.push(b);
      size += b.length;
      if (size >= max) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, size).subarray(0, max);
}

/**
 * A whole blob in memory, for the parsers that need one (pdf.js, mammoth,
 * exceljs). Callers check the size first; `max` is the backstop.
 */
export async function readWhole(blobs: BlobStore, hash: string, max: number): Promise<Buffer> {
  const stream = await blobs.get(hash);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      size += b.length;
      if (size > max) throw new AppError('payload_too_large', `file larger than ${max} bytes`);
      chunks.push(b);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, size);
}
