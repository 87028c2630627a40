export {
  type AnnotationProjectionRow,
  createAnnotationProjector,
  type ReviewProjection,
} from './annotation-projection.ts';
export type {
  AppendOptions,
  CommittedUpdate,
  DocProjector,
  DocStore,
  MergeUpdates,
  OnCommit,
} from './doc-store.ts';
export { MemoryDocStore, type MemoryDocStoreOptions } from './memory-doc-store.ts';
export { PgDocStore, type PgDocStoreOptions } from './pg-doc-store.ts';
export { createReportProjector, type ReportProjection } from './report-projection.ts';
export {
  createTextProjector,
  TEXT_DOC_KINDS,
  type TextDocKind,
  type TextProjection,
  textProjectors,
} from './text-projection.ts';
