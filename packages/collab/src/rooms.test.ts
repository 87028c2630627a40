import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from './doc-store.ts';
import { MemoryDocStore } from './memory-doc-store.ts';
import { Rooms } from './rooms.ts';
import { waitFor } from './test-helpers.ts';

const silent = (): void => {};

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
  override async append(docName: string, update: Uint8Array): Promise<void> {
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
      append: async () => {},
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

  it('opens a fresh room from the store after the old one failed', async () => {
    const memory = new MemoryDocStore();
    let broken = false;
    const store: DocStore = {
      load: (name) => memory.load(name),
      append: async (name, update) => {
        if (broken) throw new Error('db down');
        await memory.append(name, update);
      },
    };
    const rooms = new Rooms(store, silent);
    const old = await rooms.acquire('review.x');
    old.room.doc.getText('t').insert(0, 'saved');
    await old.room.flush();
    broken = true;
    old.room.doc.getText('t').insert(0, 'lost ');
    await old.room.flush();
    expect(old.room.failed).toBe(true);

    broken = false;
    const fresh = await rooms.acquire('review.x');
    expect(fresh.room).not.toBe(old.room);
    expect(fresh.room.doc.getText('t').toString()).toBe('saved');
    old.release();
    fresh.release();
    await waitFor('rooms to close', () => rooms.size === 0);
  });
});
