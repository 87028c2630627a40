import {
  createAnnotationProjector,
  createReportProjector,
  type MergeUpdates,
  PgDocStore,
  type PgDocStoreOptions,
  type Sql,
  textProjectors,
} from '@rectify/store';
import * as Y from 'yjs';

/**
 * Folds a doc's stored pieces (snapshot first, then updates) into one update
 * for `DocStore.compact`, by applying them to a fresh doc and encoding its
 * state: unlike `Y.mergeUpdates` this garbage-collects deleted content, so a
 * snapshot is as small as the doc. Updates still waiting for a missing
 * dependency are kept (Yjs encodes pending structs too).
 */
export const mergeYjsUpdates: MergeUpdates = (updates) => {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
};

/**
 * The production store: the Postgres log, compacted with the Yjs merge, and
 * review docs' annotations projected into `annotations`, and the text of
 * minutes, interview records and finding descriptions into their rows, and
 * report drafts' texts into `reports.content`, in
 * the transaction that stores their updates (unless `projectors` says otherwise).
 */
export function createPgDocStore(
  sql: Sql,
  options: Omit<PgDocStoreOptions, 'sql' | 'merge'> = {},
): PgDocStore {
  return new PgDocStore({
    projectors: {
      review: createAnnotationProjector(),
      report: createReportProjector(),
      ...textProjectors(),
    },
    ...options,
    sql,
    merge: mergeYjsUpdates,
  });
}
