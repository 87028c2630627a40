import postgres from 'postgres';
import type { Sql, TransactionSql } from '../db/client.ts';
import type { AppendOptions, DocProjector, DocStore, MergeUpdates, OnCommit } from './doc-store.ts';
import { GroupCommit } from './group-commit.ts';

export interface PgDocStoreOptions {
  readonly sql: Sql;
  /** How to fold a snapshot and updates into one (collab passes a Yjs merge). Without it nothing is compacted. */
  readonly merge?: MergeUpdates;
  /** Compact a doc in the background once more than this many updates follow its snapshot (default 500). */
  readonly compactAfter?: number;
  /** Most updates in one transaction (default 1000). */
  readonly maxBatchUpdates?: number;
  /** Most update bytes in one transaction (default 8 MiB). */
  readonly maxBatchBytes?: number;
  readonly onCommit?: OnCommit;
  /**
   * SQL read models kept in step with the log, by doc kind (the part of the
   * doc name before the first dot, e.g. `review`): each runs inside the
   * transaction that commits that kind's updates (see `DocProjector`).
   */
  readonly projectors?: Readonly<Record<string, DocProjector>>;
  /**
   * Where failures off the append path go (default `console.warn`): a
   * background compaction (the next trigger tries again) or a throwing
   * `onCommit` (which never fails the committed appends).
   */
  readonly onError?: (error: unknown, context: { docName?: string; during: string }) => void;
}

interface Pending {
  readonly docName: string;
  readonly bytes: Buffer;
  readonly projection?: unknown;
}

interface StoredLog {
  /** The last seq folded into `snapshot`, 0 without one. */
  readonly upto: number;
  readonly snapshot: Buffer | undefined;
  readonly updates: ReadonlyArray<{ readonly seq: number; readonly bytes: Buffer }>;
}

interface LogRow {
  part: number;
  seq: string;
  bytes: Buffer;
}

/** A copy as a plain Uint8Array: callers get bytes they own, and `toEqual` compares like with like. */
const own = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

const bytea = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

/**
 * The live-document log in PostgreSQL (or embedded PGlite): `doc_updates`
 * rows, folded now and then into one `doc_snapshots` row per doc.
 *
 * Appends are group-committed: while one transaction is in flight, later
 * appends (any doc) queue and go together in the next, so a single PGlite
 * connection keeps up with many writers. Each transaction is one statement,
 * `rectify_append_doc_updates` (migration 0002), which numbers each doc's
 * rows under a per-doc advisory lock: two server processes on one database
 * never take the same seq. `append` resolves only after the commit.
 *
 * Without projections no method opens a transaction with `sql.begin`: on
 * PGlite's one connection that would stall every writer. A batch carrying
 * projections (see `projectors`) is one short transaction: the append, then
 * one statement per projected doc, each behind a savepoint so a projection
 * that fails is reported and never keeps the updates from being stored.
 */
export class PgDocStore implements DocStore {
  private readonly sql: Sql;
  private readonly commits: GroupCommit<Pending, number>;
  private readonly compactAfter: number;
  /** The snapshot seq last seen per doc, to tell when the tail has grown past `compactAfter`. */
  private readonly known = new Map<string, number>();
  private readonly compacting = new Map<string, Promise<void>>();
  /** Background compactions run one at a time, behind this chain. */
  private background: Promise<void> = Promise.resolve();

  constructor(private readonly options: PgDocStoreOptions) {
    this.sql = options.sql;
    this.compactAfter = options.compactAfter ?? 500;
    this.commits = new GroupCommit((batch) => this.commitBatch(batch), {
      maxItems: options.maxBatchUpdates,
      maxBytes: options.maxBatchBytes,
      sizeOf: (pending) => pending.bytes.length,
      isolate: (error) => error instanceof postgres.PostgresError,
    });
  }

  async load(docName: string): Promise<Uint8Array[]> {
    const log = await this.readLog(docName);
    this.known.set(docName, log.upto);
    const updates = log.updates.map((u) => own(u.bytes));
    return log.snapshot ? [own(log.snapshot), ...updates] : updates;
  }

  append(docName: string, update: Uint8Array, options: AppendOptions = {}): Promise<number> {
    // Buffer.from copies: the caller may reuse its buffer before the commit.
    const { projection } = options;
    const projected = projection !== undefined && this.projectorFor(docName) !== undefined;
    return this.commits.submit({
      docName,
      bytes: Buffer.from(update),
      ...(projected ? { projection } : {}),
    });
  }

  /** Runs after any compaction of the doc already under way, so it folds what was appended before the call. */
  compact(docName: string): Promise<void> {
    const before = this.compacting.get(docName) ?? Promise.resolve();
    const run = before.catch(() => {}).then(() => this.compactNow(docName));
    this.compacting.set(docName, run);
    const forget = (): void => {
      if (this.compacting.get(docName) === run) this.compacting.delete(docName);
    };
    run.then(forget, forget);
    return run;
  }

  async drain(): Promise<void> {
    await this.commits.idle();
    let seen: Promise<void> | undefined;
    while (seen !== this.background) {
      seen = this.background;
      await seen;
    }
    await Promise.allSettled([...this.compacting.values()]);
  }

  private projectorFor(docName: string): DocProjector | undefined {
    const dot = docName.indexOf('.');
    return dot > 0 ? this.options.projectors?.[docName.slice(0, dot)] : undefined;
  }

  /** Each doc's projections in the batch, in append order. */
  private projectionsOf(batch: readonly Pending[]): Map<string, unknown[]> {
    const byDoc = new Map<string, unknown[]>();
    for (const p of batch) {
      if (p.projection === undefined) continue;
      const list = byDoc.get(p.docName) ?? [];
      list.push(p.projection);
      byDoc.set(p.docName, list);
    }
    return byDoc;
  }

  private appendRows(db: Sql | TransactionSql, batch: readonly Pending[]) {
    const names = batch.map((p) => p.docName);
    const updates = db.array(
      batch.map((p) => p.bytes),
      17, // bytea
    );
    return db<{ inputOrd: number; newSeq: string }[]>`
      SELECT input_ord, new_seq FROM rectify_append_doc_updates(${names}::text[], ${updates})`;
  }

  private async commitBatch(batch: readonly Pending[]): Promise<number[]> {
    const projections = this.projectionsOf(batch);
    const rows =
      projections.size === 0
        ? await this.appendRows(this.sql, batch)
        : await this.sql.begin(async (tx) => {
            const appended = await this.appendRows(tx, batch);
            for (const [docName, list] of projections) await this.project(tx, docName, list);
            return appended;
          });
    const seqs = rows.map((row) => Number(row.newSeq));
    for (const [docName, list] of projections) {
      try {
        this.projectorFor(docName)?.committed?.(docName, list);
      } catch (error) {
        this.report(error, { docName, during: 'projection bookkeeping' });
      }
    }
    try {
      this.options.onCommit?.(
        batch.map((p, i) => ({ docName: p.docName, seq: seqs[i] ?? 0, update: own(p.bytes) })),
      );
    } catch (error) {
      this.report(error, { during: 'onCommit' });
    }
    this.maybeCompact(batch, seqs);
    return seqs;
  }

  /** Queues a background compaction for each doc whose tail grew past `compactAfter`. */
  private maybeCompact(batch: readonly Pending[], seqs: readonly number[]): void {
    if (!this.options.merge) return;
    const last = new Map<string, number>();
    for (const [i, p] of batch.entries()) {
      last.set(p.docName, Math.max(last.get(p.docName) ?? 0, seqs[i] ?? 0));
    }
    for (const [docName, seq] of last) {
      if (seq - (this.known.get(docName) ?? 0) <= this.compactAfter) continue;
      // Claim it now so the next batches do not queue it again meanwhile.
      this.known.set(docName, seq);
      this.background = this.background.then(() =>
        this.compact(docName).catch((error: unknown) => {
          this.known.delete(docName);
          this.report(error, { docName, during: 'background compaction' });
        }),
      );
    }
  }

  /**
   * Reads snapshot and tail in one statement (one consistent view), merges
   * outside any transaction, then writes the snapshot and deletes what it
   * folded in one statement that only applies if nobody compacted meanwhile.
   * Updates appended after the read have higher seqs and are left alone.
   */
  private async compactNow(docName: string): Promise<void> {
    const merge = this.options.merge;
    if (!merge) return;
    const log = await this.readLog(docName);
    this.known.set(docName, log.upto);
    const last = log.updates.at(-1);
    const pieces = log.updates.map((u) => own(u.bytes));
    if (log.snapshot) pieces.unshift(own(log.snapshot));
    if (!last || pieces.length < 2) return;
    const merged = bytea(await merge(pieces));
    const [result] = await this.sql<{ written: number }[]>`
      WITH snapshot AS (
        INSERT INTO doc_snapshots AS s (doc_name, upto_seq, bytes)
        VALUES (${docName}, ${last.seq}, ${merged})
        ON CONFLICT (doc_name) DO UPDATE
          SET upto_seq = excluded.upto_seq, bytes = excluded.bytes, created_at = now()
          WHERE s.upto_seq = ${log.upto}
        RETURNING s.upto_seq
      ), folded AS (
        DELETE FROM doc_updates u
        WHERE u.doc_name = ${docName} AND u.seq <= (SELECT upto_seq FROM snapshot)
      )
      SELECT count(*)::int AS written FROM snapshot`;
    if (result?.written) this.known.set(docName, last.seq);
  }

  /** One doc's projection, behind a savepoint: a failure is reported, and the append still commits. */
  private async project(tx: TransactionSql, docName: string, list: unknown[]): Promise<void> {
    const projector = this.projectorFor(docName);
    if (!projector) return;
    try {
      await tx.savepoint((sp) => projector.project(sp, docName, list));
    } catch (error) {
      // A dead connection fails the COMMIT after this anyway, and the append is retried.
      this.report(error, { docName, during: 'projection' });
    }
  }

  private report(error: unknown, context: { docName?: string; during: string }): void {
    if (this.options.onError) this.options.onError(error, context);
    else console.warn(`[store] ${context.during} failed`, { ...context, error });
  }

  private async readLog(docName: string): Promise<StoredLog> {
    const rows = await this.sql<LogRow[]>`
      SELECT 0 AS part, s.upto_seq AS seq, s.bytes FROM doc_snapshots s
      WHERE s.doc_name = ${docName}
      UNION ALL
      SELECT 1, u.seq, u.bytes FROM doc_updates u
      WHERE u.doc_name = ${docName}
        AND u.seq > coalesce((SELECT upto_seq FROM doc_snapshots WHERE doc_name = ${docName}), 0)
      ORDER BY 1, 2`;
    const head = rows[0]?.part === 0 ? rows[0] : undefined;
    return {
      upto: head ? Number(head.seq) : 0,
      snapshot: head?.bytes,
      updates: rows
        .filter((r) => r.part === 1)
        .map((r) => ({ seq: Number(r.seq), bytes: r.bytes })),
    };
  }
}
