import { Worker } from 'node:worker_threads';
import { type CollabLog, consoleLog } from './log.ts';
import { mergeYjsUpdates } from './merge-updates.ts';

const WORKER = new URL('./merge-worker.mjs', import.meta.url);

/** The merge itself failed (bad pieces): the same would happen on this thread. */
class MergeFailed extends Error {
  override name = 'MergeFailed';
}

interface Waiting {
  resolve(merged: Uint8Array): void;
  reject(error: Error): void;
}

/**
 * Folds a doc's pieces into one snapshot on a worker thread
 * (`merge-worker.mjs`), so compacting a big document never holds up the event
 * loop that relays live edits. Started on the first merge; it does not keep
 * the process alive while idle. If the thread cannot run (it failed to
 * start, or died), merges fall back to this thread and the failure is
 * logged; the next merge tries a new thread.
 */
export class MergeThread {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly log: CollabLog = consoleLog) {}

  /** Same result as `mergeYjsUpdates(pieces)`; the pieces are copied (not moved) to the thread. */
  readonly merge = (pieces: Uint8Array[]): Promise<Uint8Array> => {
    if (this.closed) return Promise.resolve(mergeYjsUpdates(pieces));
    const worker = this.started();
    const id = this.nextId++;
    const answer = new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
    });
    if (this.waiting.size === 1) worker.ref(); // work in flight keeps the process up
    // One buffer, moved rather than cloned: hundreds of small arrays cost far
    // more to clone one by one than to copy once here.
    const ends = new Uint32Array(pieces.length);
    let length = 0;
    for (const [i, piece] of pieces.entries()) {
      length += piece.byteLength;
      ends[i] = length;
    }
    const joined = new Uint8Array(length);
    let at = 0;
    for (const piece of pieces) {
      joined.set(piece, at);
      at += piece.byteLength;
    }
    worker.postMessage({ id, joined, ends }, [joined.buffer, ends.buffer]);
    return answer.catch((error: unknown) => {
      if (error instanceof MergeFailed) throw error;
      this.log('warn', 'merge thread unavailable; merging on the event loop', { error });
      return mergeYjsUpdates(pieces);
    });
  };

  /** Whether a worker thread is running now (for tests and diagnostics). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Ends the thread; later merges run on this thread. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER);
    worker.unref();
    worker.on('message', (message: { id: number; merged?: Uint8Array; error?: string }) => {
      const waiting = this.waiting.get(message.id);
      if (!waiting) return;
      this.waiting.delete(message.id);
      if (this.waiting.size === 0) worker.unref();
      if (message.merged) waiting.resolve(message.merged);
      else waiting.reject(new MergeFailed(message.error ?? 'merge failed'));
    });
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      const waiting = [...this.waiting.values()];
      this.waiting.clear();
      for (const w of waiting) w.reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`merge thread exited with ${code}`)));
    this.worker = worker;
    return worker;
  }
}

let shared: MergeThread | undefined;

/** The process's one merge thread. */
export function sharedMergeThread(): MergeThread {
  shared ??= new MergeThread();
  return shared;
}
