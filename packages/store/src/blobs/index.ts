export { assertBlobHash, isBlobHash } from './blob-hash.ts';
export type { BlobBody, BlobStore, PutOptions, PutResult } from './blob-store.ts';
export {
  type BlobStoreConfig,
  createBlobStore,
  type DiskBlobStoreConfig,
  parseS3Endpoint,
  type S3BlobStoreConfig,
} from './create-blob-store.ts';
export { DiskBlobStore } from './disk-blob-store.ts';
export { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.ts';
