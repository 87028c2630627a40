import * as Y from 'yjs';

/**
 * Folds a doc's stored pieces (snapshot first, then updates) into one update,
 * by applying them to a fresh doc and encoding its state: unlike
 * `Y.mergeUpdates` this garbage-collects deleted content, so a snapshot is as
 * small as the doc. Updates still waiting for a missing dependency are kept
 * (Yjs encodes pending structs too). Imports nothing but yjs, so the merge
 * thread (`merge-worker.mjs`) loads it alone.
 */
export function mergeYjsUpdates(updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
