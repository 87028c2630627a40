import type { DocStore } from '@rectify/store';
import type { CollabLog } from './log.ts';

export interface DurableWritesOptions {
  readonly log: CollabLog;
  /** Wait between attempts while the store fails (default 100 ms, doubling to 5 s). */
  readonly retryDelayMs?: { readonly min: number; readonly max: number };
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
 */
export class DurableWrites {
  private chain: Promise<void> = Promise.resolve();
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
    const stored = this.storeDurably(update, projection);
    stored.catch(() => {}); // reported by the chain, in order
    this.after(async () => {
      await stored;
      this.unsavedCount--;
      committed();
    });
  }

  /** Runs `step` after everything queued so far; a step that throws is logged and the chain goes on. */
  after(step: () => void | Promise<void>): void {
    this.chain = this.chain.then(step).catch((error: unknown) => {
      if (!this.closed)
        this.options.log('error', 'write step failed', { docName: this.docName, error });
    });
  }

  /** Resolves once everything queued so far has run. */
  flush(): Promise<void> {
    return this.chain;
  }

  /** Stops retrying: what is still unsaved is dropped, and its steps never run. */
  close(): void {
    this.closed = true;
    for (const wake of [...this.wakers]) wake();
  }

  private async storeDurably(update: Uint8Array, projection: unknown): Promise<void> {
    const options = projection === undefined ? undefined : { projection };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.store.append(this.docName, update, options);
        if (this.failing) {
          this.failing = false;
          this.options.log('warn', 'store append works again', { docName: this.docName });
        }
        return;
      } catch (error) {
        if (this.closed) throw error;
        if (!this.failing) {
          this.failing = true;
          this.options.log('error', 'store append failed; holding updates and retrying', {
            docName: this.docName,
            error,
          });
        }
        await this.pause(this.retryDelay(attempt));
        if (this.closed) throw new Error('closed before the update was stored');
      }
    }
  }

  private retryDelay(attempt: number): number {
    const { min, max } = this.options.retryDelayMs ?? { min: 100, max: 5000 };
    return Math.min(max, min * 2 ** Math.min(attempt, 20));
  }

  /** A timer that `close` cuts short, so a dead room does not linger in retries. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }
}
