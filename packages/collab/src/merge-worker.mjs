// @ts-check
/**
 * The merge thread: folds stored pieces of a doc into one snapshot
 * (`mergeYjsUpdates` in merge-updates.ts) away from the event loop that relays
 * live edits; a big document takes tens to hundreds of milliseconds to fold.
 * Started by `MergeThread` (merge-thread.ts).
 *
 * Plain JavaScript, since Node starts a worker without its parent's TypeScript
 * loader; it registers tsx and loads the one TypeScript module it needs.
 *
 * Receives `{ id, pieces }`; answers `{ id, merged }` (its buffer transferred)
 * or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
/** @type {{ mergeYjsUpdates(updates: Uint8Array[]): Uint8Array }} */
const { mergeYjsUpdates } = await import('./merge-updates.ts');

const port = parentPort;
if (!port) throw new Error('merge-worker.mjs runs as a worker thread');
port.on('message', (/** @type {{ id: number; pieces: Uint8Array[] }} */ message) => {
  try {
    const merged = mergeYjsUpdates(message.pieces);
    port.postMessage({ id: message.id, merged }, [merged.buffer]);
  } catch (e) {
    port.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) });
  }
});
