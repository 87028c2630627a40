import { setImmediate as tick } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { connectTo, describeEachDatabase } from '../testing/databases.ts';
import { describeDocStoreContract, flatten, joinMerge, piece } from './doc-store.contract.ts';
import type { CommittedUpdate } from './doc-store.ts';
import { PgDocStore } from './pg-doc-store.ts';

let n = 0;
const doc = (label: string): string => `review.pg-${label}-${process.pid}-${n++}`;

describeEachDatabase('PgDocStore', (db) => {
  describeDocStoreContract(
    'PgDocStore',
    async ({ merge }) => new PgDocStore({ sql: db().sql, merge }),
  );

  it('groups appends that arrive while a commit is in flight', async () => {
    // One connection, kept busy, so the first commit is surely in flight while the rest arrive.
    const sql = db().kind === 'pglite' ? db().sql : connectTo(db(), 1);
    const batches: Array<readonly CommittedUpdate[]> = [];
    const store = new PgDocStore({ sql, onCommit: (b) => batches.push(b) });
    const names = [doc('g1'), doc('g2'), doc('g3')];
    // A transaction holds the pool's one connection (nothing awaits the pool inside it).
    const busy = sql.begin(async (tx) => {
      await tx`SELECT 1`;
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    const appends: Array<Promise<number>> = [];
    for (let i = 0; i < 150; i++) {
      appends.push(store.append(names[i % 3] as string, piece(`g${i}`)));
      await tick(); // writers arrive in separate macrotasks
    }
    await Promise.all([busy, ...appends]);
    expect(batches.map((b) => b.length)).toEqual([1, 149]);
    expect(new Set(batches[1]?.map((u) => u.docName)).size).toBe(3);
    for (const [d, name] of names.entries()) {
      const expected = Array.from({ length: 50 }, (_, k) => `g${k * 3 + d}`);
      expect(flatten(await store.load(name))).toEqual(expected);
    }
    if (sql !== db().sql) await sql.end();
  });

  it('runs the append function on one generic plan, not planned afresh per commit', async () => {
    // Its array arguments keep PostgreSQL's plan cache on custom plans, so
    // without this setting every commit re-plans the numbering statement
    // (about half of a one-update commit on PGlite; bench/collab-commit-cost).
    const [fn] = await db().sql<{ proconfig: string[] | null }[]>`
      SELECT proconfig FROM pg_proc WHERE proname = 'rectify_append_doc_updates'`;
    expect(fn?.proconfig).toContain('plan_cache_mode=force_generic_plan');
    // And the generic plan numbers a batch spanning docs as the custom one did.
    const store = new PgDocStore({ sql: db().sql });
    const [a, b] = [doc('plan-a'), doc('plan-b')];
    const seqs = await Promise.all(
      [a, b, a, a, b].map((name, i) => store.append(name, piece(`p${i}`))),
    );
    expect(seqs).toEqual([1, 1, 2, 3, 2]);
  });

  it('splits a batch into transactions of at most maxBatchUpdates', async () => {
    const sizes: number[] = [];
    const store = new PgDocStore({
      sql: db().sql,
      maxBatchUpdates: 40,
      onCommit: (b) => sizes.push(b.length),
    });
    const name = doc('split');
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.append(name, piece(`s${i}`))));
    expect(sizes).toEqual([40, 40, 20]);
    expect(flatten(await store.load(name))).toEqual(Array.from({ length: 100 }, (_, i) => `s${i}`));
  });

  it('fails only the bad update of a batch', async () => {
    const store = new PgDocStore({ sql: db().sql });
    const good = doc('good');
    const results = await Promise.allSettled([
      store.append(good, piece('1')),
      store.append('review.bad\u0000name', piece('x')), // PostgreSQL text cannot hold NUL
      store.append(good, piece('2')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(flatten(await store.load(good))).toEqual(['1', '2']);
  });

  it('compacts in the background once the tail passes compactAfter', async () => {
    const store = new PgDocStore({ sql: db().sql, merge: joinMerge, compactAfter: 10 });
    const name = doc('auto');
    const labels = Array.from({ length: 35 }, (_, i) => `a${i}`);
    for (const label of labels) await store.append(name, piece(label));
    await store.drain();
    const loaded = await store.load(name);
    expect(loaded.length).toBeLessThanOrEqual(11);
    expect(flatten(loaded)).toEqual(labels);
  });

  it('rejects appends when the database is gone, without hanging', async () => {
    const sql = connectTo(db(), 1);
    await sql.end();
    const store = new PgDocStore({ sql });
    await expect(store.append(doc('gone'), piece('x'))).rejects.toThrow();
  });

  it('gives two processes on one database distinct, gapless seqs per doc', async () => {
    if (db().kind === 'pglite') return; // one process owns a PGlite directory
    const other = connectTo(db());
    try {
      const stores = [
        new PgDocStore({ sql: db().sql, merge: joinMerge, compactAfter: 25 }),
        new PgDocStore({ sql: other, merge: joinMerge, compactAfter: 25 }),
      ];
      const names = [doc('two-a'), doc('two-b')];
      const work: Array<Promise<number>> = [];
      for (let i = 0; i < 200; i++) {
        const store = stores[i % 2] as PgDocStore;
        work.push(store.append(names[(i >> 1) % 2] as string, piece(`p${i}`)));
        if (i % 10 === 0) await tick();
      }
      await Promise.all(work);
      await Promise.all(stores.map((s) => s.drain()));
      for (const name of names) {
        const [row] = await db().sql<{ n: number; max: string | null }[]>`
          SELECT count(*)::int AS n, max(seq)::text AS max FROM (
            SELECT seq FROM doc_updates WHERE doc_name = ${name}
            UNION ALL SELECT upto_seq FROM doc_snapshots WHERE doc_name = ${name}) s`;
        expect(row?.max).toBe('100');
        expect((await stores[0]?.load(name))?.length).toBeLessThanOrEqual(26);
        expect(flatten((await stores[1]?.load(name)) ?? []).sort()).toHaveLength(100);
      }
    } finally {
      await other.end();
    }
  });
});
