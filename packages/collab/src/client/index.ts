/**
 * `@rectify/collab/client`: what the browser editor (and Node tests) use next
 * to a stock y-websocket provider. Imports only `@rectify/domain` and yjs,
 * never the server.
 */
export { type SaveState, type SaveTracker, trackSaves } from './save-tracker.ts';
