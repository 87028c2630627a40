import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from './doc-store.ts';

function textUpdate(doc: Y.Doc, insert: string): Uint8Array {
  let captured: Uint8Array | undefined;
  const capture = (update: Uint8Array): void => {
    captured = update;
  };
  doc.on('update', capture);
  doc.getText('t').insert(doc.getText('t').length, insert);
  doc.off('update', capture);
  if (!captured) throw new Error('no update emitted');
  return captured;
}

/**
 * The behaviour every `DocStore` must share, run once per implementation (as
 * Hono's `common.case.test.ts` does for routers). The Postgres store calls this
 * with a factory that gives it a fresh schema.
 */
export function describeDocStoreContract(name: string, create: () => Promise<DocStore>): void {
  describe(`DocStore contract: ${name}`, () => {
    it('loads nothing for a doc never written', async () => {
      const store = await create();
      expect(await store.load('review.never')).toEqual([]);
    });

    it('returns appended updates in order, and they rebuild the doc', async () => {
      const store = await create();
      const source = new Y.Doc();
      const updates = ['a', 'b', 'c'].map((s) => textUpdate(source, s));
      for (const update of updates) await store.append('review.order', update);

      const loaded = await store.load('review.order');
      expect(loaded).toEqual(updates);
      const copy = new Y.Doc();
      for (const update of loaded) Y.applyUpdate(copy, update);
      expect(copy.getText('t').toString()).toBe('abc');
    });

    it('keeps docs apart', async () => {
      const store = await create();
      const one = textUpdate(new Y.Doc(), 'one');
      await store.append('review.one', one);
      expect(await store.load('review.two')).toEqual([]);
      expect(await store.load('review.one')).toEqual([one]);
    });

    it('is not affected by the caller mutating a buffer after append', async () => {
      const store = await create();
      const update = textUpdate(new Y.Doc(), 'x');
      const original = update.slice();
      await store.append('review.copy', update);
      update.fill(0);
      expect(await store.load('review.copy')).toEqual([original]);
    });
  });
}
