import { type DocStore, MemoryDocStore } from '@rectify/store';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Rooms } from './rooms.ts';
import { waitFor } from './test-helpers.ts';
import { mergeYjsUpdates } from './yjs-merge.ts';

const silent = { log: (): void => {}, retryDelayMs: { min: 1, max: 5 } };

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A memory store that counts loads and can hold appends until told to go on. */
class GatedStore extends MemoryDocStore {
  loads = 0;
  gate: Promise<void> = Promise.resolve();
  override async load(docName: string): Promise<Uint8Array[]> {
    this.loads++;
    return super.load(docName);
  }
  override async append(docName: string, update: Uint8Array): Promise<number> {
    await this.gate;
    return super.append(docName, update);
  }
}

describe('Rooms', () => {
  it('loads a doc once however many sockets arrive together', async () => {
    const store = new GatedStore();
    const rooms = new Rooms(store, silent);
    const [a, b] = await Promise.all([rooms.acquire('review.x'), rooms.acquire('review.x')]);
    expect(a.room).toBe(b.room);
    expect(store.loads).toBe(1);
    expect(rooms.size).toBe(1);
    a.release();
    b.release();
    await waitFor('room to close', () => rooms.size === 0);
  });

  it('destroys a room only after its last lease, and only once its writes are stored', async () => {
    const store = new GatedStore();
    const hold = deferred();
    store.gate = hold.promise;
    const rooms = new Rooms(store, silent);
    const a = await rooms.acquire('review.x');
    const b = await rooms.acquire('review.x');
    a.room.doc.getText('t').insert(0, 'keep me');

    a.release();
    a.release(); // idempotent
    b.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(rooms.size).toBe(1); // still flushing

    hold.resolve();
    await waitFor('room to close', () => rooms.size === 0);
    const copy = new Y.Doc();
    for (const u of await store.load('review.x')) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString()).toBe('keep me');
  });

  it('keeps the room when someone joins while it is flushing', async () => {
    const store = new GatedStore();
    const hold = deferred();
    store.gate = hold.promise;
    const rooms = new Rooms(store, silent);
    const first = await rooms.acquire('review.x');
    first.room.doc.getText('t').insert(0, 'x');
    first.release();
    const second = await rooms.acquire('review.x');
    hold.resolve();
    await second.room.flush();
    await new Promise((r) => setTimeout(r, 10));
    expect(second.room).toBe(first.room);
    expect(rooms.size).toBe(1);
    expect(second.room.doc.getText('t').toString()).toBe('x');
    second.release();
    await waitFor('room to close', () => rooms.size === 0);
  });

  it('forgets a doc that failed to load, so the next socket tries again', async () => {
    let fail = true;
    const store: DocStore = {
      load: async () => {
        if (fail) throw new Error('db down');
        return [];
      },
      append: async () => 1,
    };
    const rooms = new Rooms(store, silent);
    await expect(rooms.acquire('review.x')).rejects.toThrow('db down');
    expect(rooms.size).toBe(0);
    fail = false;
    const lease = await rooms.acquire('review.x');
    expect(rooms.size).toBe(1);
    lease.release();
    await waitFor('room to close', () => rooms.size === 0);
  });

  it('keeps a room whose updates the store has not taken, and hands it to the next socket', async () => {
    const memory = new MemoryDocStore();
    let down = true;
    const store: DocStore = {
      load: (name) => memory.load(name),
      append: async (name, update) => {
        if (down) throw new Error('db down');
        return memory.append(name, update);
      },
    };
    const rooms = new Rooms(store, silent);
    const first = await rooms.acquire('review.x');
    first.room.doc.getText('t').insert(0, 'kept');
    first.release();
    await new Promise((r) => setTimeout(r, 30));
    expect(rooms.size).toBe(1);

    const again = await rooms.acquire('review.x');
    expect(again.room).toBe(first.room);
    down = false;
    await again.room.flush();
    again.release();
    await waitFor('room to close', () => rooms.size === 0);
    const copy = new Y.Doc();
    for (const u of await memory.load('review.x')) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString()).toBe('kept');
  });

  it('compacts the doc when its room closes', async () => {
    const store = new MemoryDocStore({ merge: mergeYjsUpdates });
    const rooms = new Rooms(store, silent);
    const lease = await rooms.acquire('review.x');
    for (const c of 'abcde') lease.room.doc.getText('t').insert(0, c);
    await lease.room.flush();
    expect(await store.load('review.x')).toHaveLength(5);
    lease.release();
    let loaded = await store.load('review.x');
    for (let i = 0; i < 100 && loaded.length > 1; i++) {
      await new Promise((r) => setTimeout(r, 5));
      loaded = await store.load('review.x');
    }
    expect(loaded).toHaveLength(1);
    expect(rooms.size).toBe(0);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, loaded[0] as Uint8Array);
    expect(copy.getText('t').toString()).toBe('edcba');
  });

  it('gives up on unsaved updates at shutdown only after flushTimeoutMs, and says so', async () => {
    const messages: string[] = [];
    const store: DocStore = {
      load: async () => [],
      append: async () => {
        throw new Error('db down');
      },
    };
    const rooms = new Rooms(store, {
      ...silent,
      flushTimeoutMs: 50,
      log: (_level, message) => messages.push(message),
    });
    const lease = await rooms.acquire('review.x');
    lease.room.doc.getText('t').insert(0, 'lost');
    const started = Date.now();
    await rooms.closeAll();
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(messages).toContain('closing a room whose updates the store never took');
    expect(rooms.size).toBe(0);
  });
});
