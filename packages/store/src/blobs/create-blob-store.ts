import type { BlobStore } from './blob-store.ts';
import { DiskBlobStore } from './disk-blob-store.ts';
import { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.ts';

export interface DiskBlobStoreConfig {
  kind: 'disk';
  /** e.g. `${DATA_DIR}/blobs`; temp files go to `<root>/tmp`. */
  root: string;
}

/** Connection and spool settings; see S3BlobStoreOptions. */
export type S3BlobStoreConfig = { kind: 's3' } & S3BlobStoreOptions;

export type BlobStoreConfig = DiskBlobStoreConfig | S3BlobStoreConfig;

/**
 * Builds the configured store and prepares it (directories or bucket), so a
 * misconfigured store fails at boot rather than on the first upload.
 */
export async function createBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  if (config.kind === 'disk') {
    const store = new DiskBlobStore(config.root);
    await store.ensureDirs();
    return store;
  }
  const store = new S3BlobStore(config);
  await store.ensureBucket();
  return store;
}

/**
 * Splits `S3_ENDPOINT` (e.g. `http://127.0.0.1:9000`) into what the minio
 * client wants. Only scheme, host and port are allowed: a path or credentials
 * in the URL would be silently ignored by minio, so they are rejected here.
 */
export function parseS3Endpoint(value: string): {
  endPoint: string;
  port: number;
  useSSL: boolean;
} {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`S3_ENDPOINT must be a URL like http://127.0.0.1:9000, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`S3_ENDPOINT must use http or https, got "${url.protocol}"`);
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new Error(
      `S3_ENDPOINT must be scheme://host[:port] only (no path, query or credentials), got "${value}"`,
    );
  }
  const useSSL = url.protocol === 'https:';
  return {
    // URL keeps IPv6 brackets; minio wants the bare address.
    endPoint: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : useSSL ? 443 : 80,
    useSSL,
  };
}
