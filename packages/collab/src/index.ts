/**
 * The public surface of `@rectify/collab`: the live-collaboration server for
 * `server` to attach to its HTTP `upgrade` event, and the Yjs side of the
 * Postgres store. The browser-safe save tracker is `@rectify/collab/client`.
 */
export {
  type AccessRevokedEvent,
  type AccessRevokedListener,
  type CollabBus,
  createInProcessBus,
  type DocBusEvent,
  InProcessBusHub,
} from './bus.ts';
export { createRedisBus, type RedisBus, type RedisBusOptions } from './bus-redis.ts';
export type { CollabIdentity } from './connection.ts';
export type { CollabLog, CollabLogLevel } from './log.ts';
export { consoleLog } from './log.ts';
export {
  type CaptureProjection,
  captureDefaultProjection,
  captureReportProjection,
  captureReviewProjection,
  captureTextProjection,
  fullReviewProjection,
  reviewProjectionOf,
} from './projection.ts';
export { encodePermissionDenied, READ_ONLY_REASON } from './protocol.ts';
export type { BroadcastTiming } from './room.ts';
export type { Authenticate, CollabServer, CollabServerOptions } from './server.ts';
export { createCollabServer } from './server.ts';
export { assertUntouched, type WriteGuard, writeGuardFor } from './write-guard.ts';
export { createPgDocStore, mergeYjsUpdates } from './yjs-merge.ts';
