/**
 * Where a live document's updates outlive the process. The collab server
 * appends every update before it broadcasts it, and loads all of them when a
 * room opens. Snapshots and compaction are the implementation's business: the
 * Postgres store (in `@rectify/store`, later) may return one merged snapshot
 * plus the tail of the log, as long as applying them yields the same doc.
 */
export interface DocStore {
  /** Every update of the doc, in append order; `[]` for a doc never written. */
  load(docName: string): Promise<Uint8Array[]>;
  /**
   * Resolves once the update would survive a restart. A rejection makes the
   * room close all its sockets so clients resync against the store.
   */
  append(docName: string, update: Uint8Array): Promise<void>;
}
