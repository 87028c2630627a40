/**
 * Where a live document's updates outlive the process. The collab server
 * appends every update and acknowledges or broadcasts it only once `append`
 * resolves; it loads the doc when a room opens. Updates are opaque bytes here:
 * the store never parses Yjs, and folding a log into a snapshot goes through a
 * `MergeUpdates` that collab hands in (so `@rectify/store` needs no yjs).
 */
export interface DocStore {
  /**
   * The doc's stored state as a list of updates whose application in order
   * rebuilds it: the snapshot (if any) first, then every update appended
   * after it, in append order. `[]` for a doc never written.
   */
  load(docName: string): Promise<Uint8Array[]>;
  /**
   * Resolves with the update's seq (increasing per doc) once it is committed,
   * i.e. would survive a crash of this process. A rejection means it may or
   * may not be stored: retrying is safe because Yjs updates are idempotent.
   */
  append(docName: string, update: Uint8Array): Promise<number>;
  /**
   * Folds the snapshot and the updates after it into a new snapshot, if the
   * store was given a `MergeUpdates`. Safe while appends to the same doc go on
   * (in this or another process): only updates it read are folded.
   */
  compact?(docName: string): Promise<void>;
  /** Resolves once queued appends and background compactions are done: call it before closing the database. */
  drain?(): Promise<void>;
}

/**
 * Folds a list of updates (a snapshot first, maybe) into one update that
 * yields the same document. Collab passes a Yjs implementation.
 */
export type MergeUpdates = (updates: Uint8Array[]) => Uint8Array;

/** One update as committed, for `onCommit` hooks (projections, fan-out, measurements). */
export interface CommittedUpdate {
  readonly docName: string;
  readonly seq: number;
  readonly update: Uint8Array;
}

/** Called once per committed transaction with everything it stored, in append order. */
export type OnCommit = (batch: readonly CommittedUpdate[]) => void;
