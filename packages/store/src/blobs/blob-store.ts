import type { Readable } from 'node:stream';

/** What `put` learned while streaming: the content address and whether this call stored it. */
export interface PutResult {
  /** sha256 of the bytes, 64 lowercase hex: the blob's name everywhere. */
  hash: string;
  size: number;
  /** False when a blob with this hash was already stored (deduplicated; nothing new written). */
  created: boolean;
}

export interface PutOptions {
  /**
   * Declared length (e.g. Content-Length). Checked against the bytes actually
   * received: a mismatch fails with `bad_request` and stores nothing, so a
   * truncated upload never becomes a blob.
   */
  size?: number;
  /**
   * Upper bound on the body. Exceeding it aborts with `payload_too_large` as soon
   * as the limit is crossed (not after reading everything) and leaves nothing behind.
   */
  maxBytes?: number;
}

/** A request body as handed to `put`: a Node stream or any async source of chunks. */
export type BlobBody = Readable | AsyncIterable<Uint8Array>;

/**
 * Content-addressed storage for evidence files. Blobs are immutable and named
 * by their sha256, so the same file uploaded twice is stored once and a
 * reference in the database can never point at changed bytes.
 *
 * Every method validates the hash (64 lowercase hex) and fails with
 * `bad_request` otherwise: a hash is the only thing that becomes a path or an
 * object key, so no caller-supplied string can escape the store.
 *
 * Implementations pass the shared suite in `blob-store.contract.ts`.
 */
export interface BlobStore {
  /**
   * Streams the body in, hashing while streaming; memory stays bounded whatever
   * the size. The body is consumed (and destroyed on failure). Nothing is
   * visible under the hash until every byte is durably stored.
   */
  put(body: BlobBody, opts?: PutOptions): Promise<PutResult>;
  /** The blob's bytes as a stream. Fails with `not_found` before any byte if missing. */
  get(hash: string): Promise<Readable>;
  /** The stored size, or undefined when missing (cheaper than opening the blob). */
  stat(hash: string): Promise<{ size: number } | undefined>;
  has(hash: string): Promise<boolean>;
  /** Removes the blob. Idempotent: deleting a missing blob is not an error. */
  delete(hash: string): Promise<void>;
  /** Reachability probe for /api/health: resolves when the store can be used, throws otherwise. */
  ping(): Promise<void>;
  /** Every stored hash, in no particular order, streamed (for backup and garbage collection). */
  list(): AsyncIterable<string>;
}
