import { AppError } from '@rectify/domain';

const HASH = /^[0-9a-f]{64}$/;

/** True for a sha256 hex digest as the store names blobs (lowercase only: one name per blob). */
export const isBlobHash = (value: string): boolean => HASH.test(value);

/**
 * Rejects anything but a blob hash before it reaches a path or an object key;
 * this check is what keeps `../../etc/passwd` out of the filesystem.
 */
export function assertBlobHash(value: string): void {
  if (!isBlobHash(value)) {
    throw new AppError('bad_request', 'blob hash must be 64 lowercase hex characters');
  }
}
