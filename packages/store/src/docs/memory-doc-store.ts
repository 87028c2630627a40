import type { DocStore, MergeUpdates, OnCommit } from './doc-store.ts';

export interface MemoryDocStoreOptions {
  /** Without it `compact` does nothing, as in `PgDocStore`. */
  readonly merge?: MergeUpdates;
  readonly onCommit?: OnCommit;
}

interface MemoryLog {
  snapshot: Uint8Array | undefined;
  updates: Array<{ seq: number; bytes: Uint8Array }>;
  lastSeq: number;
}

/**
 * Keeps every doc's log in process memory: the default when no store is
 * given, and the reference `PgDocStore` is tested against (one contract
 * suite). Documents live only as long as the process.
 */
export class MemoryDocStore implements DocStore {
  private readonly logs = new Map<string, MemoryLog>();

  constructor(private readonly options: MemoryDocStoreOptions = {}) {}

  async load(docName: string): Promise<Uint8Array[]> {
    const log = this.logs.get(docName);
    if (!log) return [];
    const updates = log.updates.map((u) => u.bytes.slice());
    return log.snapshot ? [log.snapshot.slice(), ...updates] : updates;
  }

  async append(docName: string, update: Uint8Array): Promise<number> {
    const log = this.logFor(docName);
    // Copy: the caller may reuse or slice the buffer it handed us.
    const bytes = update.slice();
    const seq = ++log.lastSeq;
    log.updates.push({ seq, bytes });
    this.options.onCommit?.([{ docName, seq, update: bytes.slice() }]);
    return seq;
  }

  async compact(docName: string): Promise<void> {
    const log = this.logs.get(docName);
    if (!log || !this.options.merge) return;
    const pieces = log.updates.map((u) => u.bytes);
    if (log.snapshot) pieces.unshift(log.snapshot);
    if (pieces.length < 2) return;
    const folded = log.updates.length;
    const before = log.snapshot;
    const merged = await this.options.merge(pieces);
    if (log.snapshot !== before) return; // another compaction finished first
    log.snapshot = merged;
    // Appends made while the merge ran stay in the tail.
    log.updates = log.updates.slice(folded);
  }

  async drain(): Promise<void> {}

  /** Names of the docs that have been written; for tests and diagnostics. */
  docNames(): string[] {
    return [...this.logs.keys()];
  }

  private logFor(docName: string): MemoryLog {
    let log = this.logs.get(docName);
    if (!log) {
      log = { snapshot: undefined, updates: [], lastSeq: 0 };
      this.logs.set(docName, log);
    }
    return log;
  }
}
