import { type DocStore, MemoryDocStore } from '@rectify/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { type Client, Harness, sleep, waitFor } from '../test-helpers.ts';
import { type SaveState, trackSaves } from './save-tracker.ts';

const h = new Harness();
afterEach(() => h.cleanup());

const DOC = 'review.acks';

function tracked(
  base: string,
): Client & { tracker: ReturnType<typeof trackSaves>; seen: SaveState[] } {
  const client = h.client(base, DOC, { acks: '1' });
  const tracker = trackSaves(client.provider);
  const seen: SaveState[] = [];
  tracker.on((state) => seen.push(state));
  return { ...client, tracker, seen };
}

/** A memory store that fails while `down` is set, counting the refusals. */
class FlakyStore extends MemoryDocStore implements DocStore {
  down = false;
  refused = 0;
  override async append(docName: string, update: Uint8Array): Promise<number> {
    if (this.down) {
      this.refused++;
      throw new Error('database down');
    }
    return super.append(docName, update);
  }
}

describe('trackSaves with a stock WebsocketProvider', () => {
  it('goes saving → saved for an insertion and for a pure deletion', async () => {
    const { base } = await h.start();
    const a = tracked(base);
    expect(a.tracker.state()).toBe('offline');
    await waitFor('saved after sync', () => a.tracker.state() === 'saved');

    a.insert('hello');
    expect(a.tracker.state()).toBe('saving');
    await waitFor('insert saved', () => a.tracker.state() === 'saved');
    expect(a.tracker.savedClock()).toBe(Y.getState(a.doc.store, a.doc.clientID));

    const clock = Y.getState(a.doc.store, a.doc.clientID);
    a.doc.getText('t').delete(0, 2);
    expect(Y.getState(a.doc.store, a.doc.clientID)).toBe(clock); // the case clocks cannot see
    expect(a.tracker.state()).toBe('saving');
    await waitFor('delete saved', () => a.tracker.state() === 'saved');
    expect(a.seen).toEqual(['saving', 'saved', 'saving', 'saved', 'saving', 'saved']);
  });

  it('sends acks only to clients that asked, so stock clients log nothing', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { base } = await h.start();
      const plain = h.client(base, DOC);
      const a = tracked(base);
      await Promise.all([h.synced(plain), h.synced(a)]);
      plain.insert('x');
      a.insert('y');
      await waitFor(
        'both edits everywhere',
        () => plain.text().length === 2 && a.text().length === 2,
      );
      await waitFor('a saved', () => a.tracker.state() === 'saved');
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it('holds the ack while the store fails, keeps the socket, and saves once it recovers', async () => {
    const store = new FlakyStore();
    const { base } = await h.start({ store, retryDelayMs: { min: 5, max: 20 } });
    const a = tracked(base);
    const b = h.client(base, DOC);
    await Promise.all([h.synced(b), waitFor('a saved', () => a.tracker.state() === 'saved')]);

    store.down = true;
    a.insert('precious');
    await waitFor('a few refusals', () => store.refused >= 3);
    // Relayed as applied: b has it while a still shows "saving".
    await waitFor('b sees it before it is stored', () => b.text() === 'precious');
    expect(a.tracker.state()).toBe('saving');
    expect(a.provider.wsconnected).toBe(true);

    store.down = false;
    await waitFor('saved after recovery', () => a.tracker.state() === 'saved');
    const copy = new Y.Doc();
    for (const u of await store.load(DOC)) Y.applyUpdate(copy, u);
    expect(copy.getText('t').toString()).toBe('precious');
    expect(h.logs.some((l) => l.message.includes('holding updates and retrying'))).toBe(true);
  });

  it('is offline without a socket, and saving until what was done offline is acked', async () => {
    const { base } = await h.start();
    const a = tracked(base);
    await waitFor('saved', () => a.tracker.state() === 'saved');
    a.provider.disconnect();
    expect(a.tracker.state()).toBe('offline');
    a.insert('offline edit');
    a.doc.getText('t').delete(0, 3);
    expect(a.tracker.state()).toBe('offline');
    a.provider.connect();
    await waitFor('saved again', () => a.tracker.state() === 'saved');
    const fresh = h.client(base, DOC);
    await waitFor('stored', () => fresh.text() === 'line edit');
  });

  it('stops listening on destroy, and swallows the acks still coming', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { base } = await h.start();
      const a = tracked(base);
      await waitFor('saved', () => a.tracker.state() === 'saved');
      a.tracker.destroy();
      a.insert('q');
      await sleep(30);
      expect(a.seen.at(-1)).toBe('saved');
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});
