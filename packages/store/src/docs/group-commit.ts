export interface GroupCommitOptions<T> {
  /** Most items in one batch (default 1000). */
  readonly maxItems?: number;
  /** Most bytes in one batch (default 8 MiB); an item larger than this goes alone. */
  readonly maxBytes?: number;
  readonly sizeOf: (item: T) => number;
  /**
   * When a batch of several fails with an error this accepts (the database
   * answered, so the data, not the connection, is at fault), each item is
   * retried alone, so one bad item never fails the others.
   */
  readonly isolate?: (error: unknown) => boolean;
}

interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the first item starts a transaction at the end of this turn
 * of the event loop; items submitted while it is in flight queue up and go
 * together in the next one. Under load each commit carries everything that
 * arrived during the previous one, so one database connection keeps up with
 * many writers without any added delay. Batches run one at a time, in
 * submission order.
 */
export class GroupCommit<T, R> {
  private readonly queue: Array<Waiting<T, R>> = [];
  private running: Promise<void> | undefined;
  private readonly maxItems: number;
  private readonly maxBytes: number;

  /** `commit` gets a batch and returns one result per item, in order, or throws for all. */
  constructor(
    private readonly commit: (batch: readonly T[]) => Promise<readonly R[]>,
    private readonly options: GroupCommitOptions<T>,
  ) {
    this.maxItems = options.maxItems ?? 1000;
    this.maxBytes = options.maxBytes ?? 8 * 1024 * 1024;
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) this.start();
    });
  }

  private start(): void {
    // At the end of this turn of the event loop (its check phase), so items
    // submitted anywhere in this turn share the first batch, and so what was
    // queued for that phase before (a collab room's relayed frames, held until
    // then) goes out before the database is woken: a database thread or
    // process woken first may take the core the relaying runs on.
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.drainQueue())
      .finally(() => {
        this.running = undefined;
        // Submitted after the last batch was taken but before this ran: nobody else drains it.
        if (this.queue.length > 0) this.start();
      });
  }

  /** Items waiting or in flight. */
  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** Resolves once nothing is queued or in flight. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drainQueue(): Promise<void> {
    while (this.queue.length > 0) await this.run(this.takeBatch());
  }

  private takeBatch(): Array<Waiting<T, R>> {
    let bytes = 0;
    let count = 0;
    for (const waiting of this.queue) {
      const size = this.options.sizeOf(waiting.item);
      if (count > 0 && (count >= this.maxItems || bytes + size > this.maxBytes)) break;
      bytes += size;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private async run(batch: Array<Waiting<T, R>>): Promise<void> {
    let results: readonly R[];
    try {
      results = await this.commit(batch.map((w) => w.item));
      if (results.length !== batch.length)
        throw new Error('commit returned the wrong number of results');
    } catch (error) {
      if (batch.length > 1 && this.options.isolate?.(error)) {
        for (const waiting of batch) await this.run([waiting]);
      } else {
        for (const waiting of batch) waiting.reject(error);
      }
      return;
    }
    for (const [i, waiting] of batch.entries()) waiting.resolve(results[i] as R);
  }
}
