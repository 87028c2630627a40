/**
 * Shares a read among callers who ask for the same thing at the same time,
 * without ever answering one of them from a read that began before it asked:
 * a caller who arrives while a read runs waits for the next one, which starts
 * when the running one ends and serves everyone who arrived meanwhile. So at
 * most two reads per key are alive, however many callers queue, and each
 * answer is at least as fresh as its request.
 *
 * For heavy reads many people open at once (the coverage matrix in a weekly
 * meeting): under 50 concurrent identical requests the database computes the
 * answer a few times a second instead of 50 times over.
 */
export class Coalescer<T> {
  private readonly keys = new Map<string, { running: Promise<T>; next?: Promise<T> }>();

  /** Reads `key` with `read`, or joins the next read of it. `read` must depend on `key` alone. */
  run(key: string, read: () => Promise<T>): Promise<T> {
    const entry = this.keys.get(key);
    if (!entry) return this.start(key, read);
    entry.next ??= entry.running.then(
      () => this.start(key, read),
      () => this.start(key, read),
    );
    return entry.next;
  }

  /** Keys with a read running (for tests). */
  get size(): number {
    return this.keys.size;
  }

  private start(key: string, read: () => Promise<T>): Promise<T> {
    const entry: { running: Promise<T>; next?: Promise<T> } = { running: read() };
    this.keys.set(key, entry);
    const done = (): void => {
      // The next read, if callers queued for one, takes the key over in `run`'s handler.
      if (this.keys.get(key) === entry && !entry.next) this.keys.delete(key);
    };
    entry.running.then(done, done);
    return entry.running;
  }
}
