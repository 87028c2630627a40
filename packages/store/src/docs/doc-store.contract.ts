import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DocStore, MergeUpdates } from './doc-store.ts';

const text = new TextEncoder();
const bytesText = new TextDecoder();

/** A test update: opaque bytes spelling `label`. */
export const piece = (label: string): Uint8Array => text.encode(label);

/**
 * A merge for opaque test updates: joins them with `|`. Flattening what
 * `load` returns then gives back every update ever appended, in order,
 * however much was folded, so "nothing lost, nothing doubled" is one `toEqual`.
 */
export const joinMerge: MergeUpdates = (updates) =>
  piece(updates.map((u) => bytesText.decode(u)).join('|'));

export const flatten = (loaded: Uint8Array[]): string[] =>
  loaded.flatMap((u) => bytesText.decode(u).split('|'));

function compactor(store: DocStore): (docName: string) => Promise<void> {
  const { compact } = store;
  if (!compact) throw new Error('this store cannot compact');
  return (docName) => compact.call(store, docName);
}

/**
 * The behaviour every `DocStore` must share, run once per implementation (as
 * Hono's `common.case.test.ts` does for routers): `MemoryDocStore` and
 * `PgDocStore` on PGlite and PostgreSQL. Updates are opaque here; collab runs
 * the Yjs-specific checks. `create` gets the merge to compact with.
 */
export function describeDocStoreContract(
  name: string,
  create: (options: { merge: MergeUpdates }) => Promise<DocStore>,
): void {
  const run = randomBytes(4).toString('hex');
  let n = 0;
  const doc = (label: string): string => `review.${label}-${run}-${n++}`;
  const open = (): Promise<DocStore> => create({ merge: joinMerge });

  describe(`DocStore contract: ${name}`, () => {
    it('loads nothing for a doc never written', async () => {
      const store = await open();
      expect(await store.load(doc('never'))).toEqual([]);
    });

    it('returns appended updates in order, with increasing seqs', async () => {
      const store = await open();
      const name = doc('order');
      const updates = ['a', 'b', 'c'].map(piece);
      const seqs: number[] = [];
      for (const update of updates) seqs.push(await store.append(name, update));
      expect(await store.load(name)).toEqual(updates);
      expect(seqs[0]).toBeGreaterThanOrEqual(1);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(3);
    });

    it('keeps docs apart', async () => {
      const store = await open();
      const [one, two] = [doc('one'), doc('two')];
      await store.append(one, piece('one'));
      expect(await store.load(two)).toEqual([]);
      expect(await store.load(one)).toEqual([piece('one')]);
    });

    it('is not affected by the caller mutating a buffer after append', async () => {
      const store = await open();
      const name = doc('copy');
      const update = piece('xyz');
      const pending = store.append(name, update);
      update.fill(0);
      await pending;
      expect(await store.load(name)).toEqual([piece('xyz')]);
    });

    it('stores concurrent appends to many docs, each doc in append order', async () => {
      const store = await open();
      const names = Array.from({ length: 8 }, (_, i) => doc(`many${i}`));
      const appends: Array<Promise<number>> = [];
      for (let i = 0; i < 200; i++) {
        const name = names[i % names.length] as string;
        appends.push(store.append(name, piece(`u${i}`)));
      }
      const seqs = await Promise.all(appends);
      for (const [d, name] of names.entries()) {
        const mine = seqs.filter((_, i) => i % names.length === d);
        expect(mine).toEqual([...mine].sort((x, y) => x - y));
        const expected = Array.from({ length: 25 }, (_, k) => `u${k * names.length + d}`);
        expect(flatten(await store.load(name))).toEqual(expected);
      }
    });

    it('compacts into one snapshot that loads the same, and appends carry on after it', async () => {
      const store = await open();
      const compact = compactor(store);
      const name = doc('compact');
      const before: number[] = [];
      for (const label of ['a', 'b', 'c']) before.push(await store.append(name, piece(label)));
      await compact(name);
      expect(await store.load(name)).toHaveLength(1);
      expect(flatten(await store.load(name))).toEqual(['a', 'b', 'c']);

      const after = await store.append(name, piece('d'));
      expect(after).toBeGreaterThan(Math.max(...before));
      expect(await store.load(name)).toHaveLength(2);
      await compact(name);
      expect(await store.load(name)).toHaveLength(1);
      expect(flatten(await store.load(name))).toEqual(['a', 'b', 'c', 'd']);
    });

    it('leaves a doc with nothing to fold as it is', async () => {
      const store = await open();
      const compact = compactor(store);
      const [empty, single] = [doc('empty'), doc('single')];
      await compact(empty);
      expect(await store.load(empty)).toEqual([]);
      await store.append(single, piece('only'));
      await compact(single);
      expect(await store.load(single)).toEqual([piece('only')]);
    });

    it('loses no append made while a compaction runs', async () => {
      const store = await open();
      const compact = compactor(store);
      const name = doc('race');
      const labels = Array.from({ length: 120 }, (_, i) => `r${i}`);
      for (const label of labels.slice(0, 40)) await store.append(name, piece(label));
      const work: Array<Promise<unknown>> = [];
      for (const [i, label] of labels.slice(40).entries()) {
        work.push(store.append(name, piece(label)));
        if (i % 20 === 0) work.push(compact(name));
      }
      await Promise.all(work);
      expect(flatten(await store.load(name))).toEqual(labels);
      await compact(name);
      expect(flatten(await store.load(name))).toEqual(labels);
    });

    it('loses no append made while a merge on another thread is still running', async () => {
      // The merge answers later, as the Yjs merge on its worker thread does.
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const slowMerge: MergeUpdates = async (updates) => {
        await gate;
        return joinMerge(updates);
      };
      const store = await create({ merge: slowMerge });
      const compact = compactor(store);
      const name = doc('slow-merge');
      const labels = Array.from({ length: 30 }, (_, i) => `s${i}`);
      for (const label of labels.slice(0, 10)) await store.append(name, piece(label));
      const compacting = compact(name);
      const second = compact(name); // at once or after the first, as the store schedules it
      for (const label of labels.slice(10)) await store.append(name, piece(label));
      release();
      await Promise.all([compacting, second]);
      expect(flatten(await store.load(name))).toEqual(labels);
    });
  });
}
