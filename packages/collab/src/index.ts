/**
 * The public surface of `@rectify/collab`: the live-collaboration server for
 * `server` to attach to its HTTP `upgrade` event, and the `DocStore` seam the
 * Postgres store implements.
 */
export type { CollabIdentity } from './connection.ts';
export type { DocStore } from './doc-store.ts';
export type { CollabLog, CollabLogLevel } from './log.ts';
export { consoleLog } from './log.ts';
export { MemoryDocStore } from './memory-doc-store.ts';
export type { Authenticate, CollabServer, CollabServerOptions } from './server.ts';
export { createCollabServer } from './server.ts';
