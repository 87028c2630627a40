import type { DocStore } from '@rectify/store';
import type { CollabLog } from './log.ts';

export interface DurableWritesOptions {
  readonly log: CollabLog;
  /** Wait between attempts while the store fails (default 100 ms, doubling to 5 s). */
  readonly retryDelayMs?: { readonly min: number; readonly max: number };
}

/** One queued step: it runs once it is `ready` and every step before it has run. */
interface Step {
  ready: boolean;
  /** Its update was dropped (closed before it was stored): the step is skipped. */
  dropped: boolean;
  readonly run: () => void;
}

/**
 * One room's road to the store. Each update is appended at once (so the
 * store can group-commit it with other writers'), but what follows a commit
 * (broadcast, acks) runs strictly in the order updates were queued, so work
 * queued after update N never runs before N and everything before it is
 * committed.
 *
 * A failed append is retried with backoff for as long as this lives: the
 * update stays in memory and nothing behind it runs. Retrying is safe since
 * Yjs updates are idempotent (an append that did commit before its reply was
 * lost is merely stored twice).
 *
 * The order is kept by a plain queue, not a promise chain: each update costs
 * one store call and one small record, which matters on the relay thread,
 * where every object that outlives a commit is copied by the next scavenge.
 */
export class DurableWrites {
  private readonly queue: Step[] = [];
  /** Index of the first step not yet run; the run part is cut off now and then. */
  private head = 0;
  private draining = false;
  private unsavedCount = 0;
  private failing = false;
  private closed = false;
  private readonly wakers = new Set<() => void>();

  constructor(
    private readonly docName: string,
    private readonly store: DocStore,
    private readonly options: DurableWritesOptions,
  ) {}

  /** Updates handed in but not yet committed. */
  get unsaved(): number {
    return this.unsavedCount;
  }

  /**
   * Starts storing `update`; `committed` runs once it and every earlier update
   * are stored. `projection` rides along to the store's projector.
   */
  write(update: Uint8Array, committed: () => void, projection?: unknown): void {
    this.unsavedCount++;
    const step: Step = {
      ready: false,
      dropped: false,
      run: () => {
        this.unsavedCount--;
        committed();
      },
    };
    this.queue.push(step);
    const options = projection === undefined ? undefined : { projection };
    const stored = (): void => {
      if (this.failing) {
        this.failing = false;
        this.options.log('warn', 'store append works again', { docName: this.docName });
      }
      step.ready = true;
      this.drain();
    };
    const attempt = (n: number): void => {
      this.store.append(this.docName, update, options).then(stored, (error: unknown) => {
        if (this.closed) return this.drop(step);
        if (!this.failing) {
          this.failing = true;
          this.options.log('error', 'store append failed; holding updates and retrying', {
            docName: this.docName,
            error,
          });
        }
        this.pause(this.retryDelay(n), () => (this.closed ? this.drop(step) : attempt(n + 1)));
      });
    };
    attempt(0);
  }

  /**
   * Runs `step` after everything queued so far: at once if nothing is
   * pending. A step that throws is logged and the queue goes on.
   */
  after(step: () => void): void {
    this.queue.push({ ready: true, dropped: false, run: step });
    this.drain();
  }

  /** Resolves once everything queued so far has run (or been dropped by `close`). */
  flush(): Promise<void> {
    return new Promise((resolve) => this.after(resolve));
  }

  /** Stops retrying: what is still unsaved is dropped, and its steps never run. */
  close(): void {
    this.closed = true;
    for (const wake of [...this.wakers]) wake();
  }

  private drop(step: Step): void {
    step.dropped = true;
    step.ready = true;
    this.drain();
  }

  private drain(): void {
    // A step may queue more (an ack after a write): the outer loop runs it.
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.head < this.queue.length) {
        const step = this.queue[this.head] as Step;
        if (!step.ready) break;
        this.head++;
        if (step.dropped) continue;
        try {
          step.run();
        } catch (error) {
          if (!this.closed)
            this.options.log('error', 'write step failed', { docName: this.docName, error });
        }
      }
    } finally {
      this.draining = false;
      this.compactQueue();
    }
  }

  /** Forgets the steps already run, once they are most of the array. */
  private compactQueue(): void {
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }

  private retryDelay(attempt: number): number {
    const { min, max } = this.options.retryDelayMs ?? { min: 100, max: 5000 };
    return Math.min(max, min * 2 ** Math.min(attempt, 20));
  }

  /** A timer that `close` cuts short, so a dead room does not linger in retries. */
  private pause(ms: number, then: () => void): void {
    const wake = (): void => {
      clearTimeout(timer);
      this.wakers.delete(wake);
      then();
    };
    const timer = setTimeout(wake, ms);
    this.wakers.add(wake);
  }
}
