/**
 * The ack-based save tracker, from `@rectify/collab/client` (browser-safe:
 * it imports only `@rectify/domain` and yjs). The editor reaches for it only
 * through this file, so moving it is a one-line change here.
 */
export {
  type SaveState as LiveSaveState,
  type SaveTracker,
  trackSaves,
} from '@rectify/collab/client';
