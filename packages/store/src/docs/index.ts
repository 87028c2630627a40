export type { CommittedUpdate, DocStore, MergeUpdates, OnCommit } from './doc-store.ts';
export { MemoryDocStore, type MemoryDocStoreOptions } from './memory-doc-store.ts';
export { PgDocStore, type PgDocStoreOptions } from './pg-doc-store.ts';
