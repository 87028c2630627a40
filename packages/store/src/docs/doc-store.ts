import type { TransactionSql } from '../db/client.ts';

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
  append(docName: string, update: Uint8Array, options?: AppendOptions): Promise<number>;
  /**
   * Folds the snapshot and the updates after it into a new snapshot, if the
   * store was given a `MergeUpdates`. Safe while appends to the same doc go on
   * (in this or another process): only updates it read are folded.
   */
  compact?(docName: string): Promise<void>;
  /** Resolves once queued appends and background compactions are done: call it before closing the database. */
  drain?(): Promise<void>;
}

export interface AppendOptions {
  /**
   * What the doc's projector (see `DocProjector`) needs to keep its SQL read
   * model in step, captured when the update was applied (for a review doc:
   * the annotations it touched). Stores without a projector ignore it.
   */
  readonly projection?: unknown;
}

/**
 * Keeps a SQL read model of one kind of doc in step with its log: called
 * inside the very transaction that commits the doc's updates, so SQL and the
 * log never disagree about what is stored.
 */
export interface DocProjector {
  /**
   * Writes the projection. `projections` are those of the doc's updates in
   * this transaction, in append order. A failure is reported and rolled back
   * to a savepoint: it never keeps an update from being stored.
   */
  project(tx: TransactionSql, docName: string, projections: readonly unknown[]): Promise<void>;
  /** After the transaction committed. */
  committed?(docName: string, projections: readonly unknown[]): void;
}

/**
 * Folds a list of updates (a snapshot first, maybe) into one update that
 * yields the same document. Collab passes a Yjs implementation, which runs
 * on a thread of its own (so it answers with a promise).
 */
export type MergeUpdates = (updates: Uint8Array[]) => Uint8Array | Promise<Uint8Array>;

/** One update as committed, for `onCommit` hooks (projections, fan-out, measurements). */
export interface CommittedUpdate {
  readonly docName: string;
  readonly seq: number;
  readonly update: Uint8Array;
}

/** Called once per committed transaction with everything it stored, in append order. */
export type OnCommit = (batch: readonly CommittedUpdate[]) => void;
