// @ts-check
/**
 * The merge thread: folds stored pieces of a doc into one snapshot
 * (`mergeYjsUpdates` in merge-updates.ts) away from the event loop that relays
 * live edits; a big document takes tens to hundreds of milliseconds to fold.
 * Started by `MergeThread` (merge-thread.ts); runs at the lowest CPU priority.
 *
 * Plain JavaScript, since Node starts a worker without its parent's TypeScript
 * loader; it registers tsx and loads the one TypeScript module it needs.
 *
 * Receives `{ id, joined, ends }` (the pieces laid end to end, and where each
 * ends); answers `{ id, merged }` (its buffer transferred)
 * or `{ id, error }`.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

// Background work: on a busy core the relaying thread goes first. Linux gives
// each thread its own nice value (/proc/thread-self names this one); elsewhere
// the thread keeps the process's priority.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
} catch {}

register();
/** @type {{ mergeYjsUpdates(updates: Uint8Array[]): Uint8Array }} */
const { mergeYjsUpdates } = await import('./merge-updates.ts');

const port = parentPort;
if (!port) throw new Error('merge-worker.mjs runs as a worker thread');
port.on(
  'message',
  (/** @type {{ id: number; joined: Uint8Array; ends: Uint32Array }} */ message) => {
    try {
      const { joined, ends } = message;
      /** @type {Uint8Array[]} */
      const pieces = [];
      let start = 0;
      for (const end of ends) {
        pieces.push(joined.subarray(start, end));
        start = end;
      }
      const merged = mergeYjsUpdates(pieces);
      port.postMessage({ id: message.id, merged }, [merged.buffer]);
    } catch (e) {
      port.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) });
    }
  },
);
