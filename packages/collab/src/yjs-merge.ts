import {
  createAnnotationProjector,
  createReportProjector,
  PgDocStore,
  type PgDocStoreOptions,
  type Sql,
  textProjectors,
} from '@rectify/store';
import { sharedMergeThread } from './merge-thread.ts';

export { mergeYjsUpdates } from './merge-updates.ts';

/**
 * The production store: the Postgres log, compacted with the Yjs merge, and
 * review docs' annotations projected into `annotations`, and the text of
 * minutes, interview records and finding descriptions into their rows, and
 * report drafts' texts into `reports.content`, in
 * the transaction that stores their updates (unless `projectors` says otherwise).
 * Compaction folds a doc on the process's merge thread (`merge-thread.ts`).
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
    merge: sharedMergeThread().merge,
  });
}
