import type { DocStore } from './doc-store.ts';

/**
 * Keeps every doc's update log in process memory: the default when no store
 * is given, and the reference the Postgres store is tested against. Documents
 * live only as long as the process.
 */
export class MemoryDocStore implements DocStore {
  private readonly logs = new Map<string, Uint8Array[]>();

  async load(docName: string): Promise<Uint8Array[]> {
    return (this.logs.get(docName) ?? []).map((update) => update.slice());
  }

  async append(docName: string, update: Uint8Array): Promise<void> {
    // Copy: the caller may reuse or slice the buffer it handed us.
    const log = this.logs.get(docName);
    if (log) log.push(update.slice());
    else this.logs.set(docName, [update.slice()]);
  }

  /** Names of the docs that have at least one update; for tests and diagnostics. */
  docNames(): string[] {
    return [...this.logs.keys()];
  }
}
