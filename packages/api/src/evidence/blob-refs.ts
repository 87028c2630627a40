import type { BlobStore, Db, Sql } from '@rectify/store';

/** Advisory lock class for "a row is about to reference, or stop referencing, this blob". */
const BLOB_LOCK_CLASS = 7366;

/**
 * Serializes, per hash, the decision to delete a blob against uploads that
 * are about to reference it. Held until the transaction ends.
 */
export async function lockBlob(tx: Db, hash: string): Promise<void> {
  await tx`SELECT pg_advisory_xact_lock(${BLOB_LOCK_CLASS}, hashtext(${hash}))`;
}

async function referenced(tx: Db, hash: string): Promise<boolean> {
  const [row] = await tx<{ used: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM evidence WHERE hash = ${hash})
        OR EXISTS (SELECT 1 FROM reports WHERE blob_hash = ${hash}) AS used`;
  return row!.used;
}

/**
 * Deletes a blob no row references any more (a refused upload, deleted
 * evidence). Blobs are shared by hash, so one still referenced is kept.
 */
export async function releaseBlob(sql: Sql, blobs: BlobStore, hash: string): Promise<boolean> {
  return sql.begin(async (tx) => {
    await lockBlob(tx, hash);
    if (await referenced(tx, hash)) return false;
    await blobs.delete(hash);
    return true;
  });
}
