import { randomBytes } from 'node:crypto';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { trackSaves } from './client/save-tracker.ts';
import { Harness, waitFor } from './test-helpers.ts';
import { createPgDocStore } from './yjs-merge.ts';

const h = new Harness();
afterEach(() => h.cleanup());

const docName = (): string => `review.pg-${randomBytes(6).toString('hex')}`;

/** Seeded edits by three clients that see each other's work, deletions included. */
function edits(seed: number, rounds: number, onUpdate: (update: Uint8Array) => void): Y.Doc[] {
  let s = seed;
  const next = (n: number): number => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  const docs = [1, 2, 3].map((id) => {
    const doc = new Y.Doc();
    doc.clientID = id;
    return doc;
  });
  for (const doc of docs) {
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'peer') return;
      onUpdate(update);
      for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, 'peer');
    });
  }
  for (let r = 0; r < rounds; r++) {
    const text = (docs[next(3)] as Y.Doc).getText('t');
    if (text.length > 3 && next(3) === 0) text.delete(next(text.length - 2), 2);
    else text.insert(next(text.length + 1), String.fromCharCode(97 + next(26)));
  }
  return docs;
}

function rebuild(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

describeEachDatabase('collab on PgDocStore', (db) => {
  it('loads the same doc after a Yjs compaction, from one smaller piece', async () => {
    const store = createPgDocStore(db().sql, { compactAfter: 100_000 });
    const name = docName();
    const pending: Array<Promise<number>> = [];
    const [source] = edits(7, 300, (u) => pending.push(store.append(name, u)));
    await Promise.all(pending);

    const before = await store.load(name);
    await store.compact(name);
    const after = await store.load(name);
    expect(after).toHaveLength(1);
    expect(rebuild(after).getText('t').toString()).toBe(source?.getText('t').toString());
    expect(Y.encodeStateVector(rebuild(after))).toEqual(Y.encodeStateVector(rebuild(before)));
    const size = (list: Uint8Array[]): number => list.reduce((n, u) => n + u.length, 0);
    expect(size(after)).toBeLessThan(size(before));
  });

  it('loses no update appended while compactions run', async () => {
    const store = createPgDocStore(db().sql, { compactAfter: 20 });
    const name = docName();
    const work: Array<Promise<unknown>> = [];
    let n = 0;
    const [source] = edits(11, 400, (u) => {
      work.push(store.append(name, u));
      if (++n % 50 === 0) work.push(store.compact(name));
    });
    await Promise.all(work);
    await store.drain();
    const loaded = await store.load(name);
    expect(loaded.length).toBeLessThanOrEqual(22);
    expect(rebuild(loaded).getText('t').toString()).toBe(source?.getText('t').toString());
  });

  it('gives stock clients back what was acked after the server restarts', async () => {
    const name = docName();
    const first = await h.start({ store: createPgDocStore(db().sql) });
    const a = h.client(first.base, name, { acks: '1' });
    const tracker = trackSaves(a.provider);
    await h.synced(a);
    for (const word of ['durable ', 'before ', 'saved']) a.insert(word);
    a.doc.getText('t').delete(0, 8);
    await waitFor('saved', () => tracker.state() === 'saved');
    a.provider.destroy();
    await first.collab.close();
    expect(await createPgDocStore(db().sql).load(name)).toHaveLength(1); // compacted on unload

    const second = await h.start({ store: createPgDocStore(db().sql) });
    const fresh = h.client(second.base, name);
    await waitFor('restored', () => fresh.text() === 'before saved');
  });
});
