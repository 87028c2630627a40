import { MemoryDocStore } from '@rectify/store';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeBusMessage, encodeBusMessage, InProcessBusHub } from './bus.ts';
import { Harness, sleep, waitFor } from './test-helpers.ts';
import { mergeYjsUpdates } from './yjs-merge.ts';

const h = new Harness();
afterEach(() => h.cleanup());

const DOC = 'minutes.bus';

/** One store (one database) that counts appends, shared by every node of a test. */
function sharedStore() {
  const store = new MemoryDocStore({ merge: mergeYjsUpdates });
  const counted = {
    appends: 0,
    load: (name: string) => store.load(name),
    append: (name: string, update: Uint8Array) => {
      counted.appends++;
      return store.append(name, update);
    },
    compact: (name: string) => store.compact(name),
  };
  return counted;
}

/** Two nodes (collab servers) on one store and one in-process hub. */
async function twoNodes() {
  const hub = new InProcessBusHub();
  const store = sharedStore();
  const a = await h.start({ store, bus: hub.bus() });
  const b = await h.start({ store, bus: hub.bus() });
  return { hub, store, a, b };
}

describe('the in-process bus between two nodes', () => {
  it('makes clients on different nodes converge, each update stored once', async () => {
    const { store, a, b } = await twoNodes();
    const [ca, cb] = [h.client(a.base, DOC), h.client(b.base, DOC)];
    await Promise.all([h.synced(ca), h.synced(cb)]);
    ca.insert('你好 ');
    await waitFor('b hears a', () => cb.text() === '你好 ');
    cb.insert('world');
    await waitFor('a hears b', () => ca.text() === '你好 world');
    await sleep(50);
    // Each update was appended by the node its client is on; the other only relayed it.
    expect(store.appends).toBe(2);
    const stored = new Y.Doc();
    for (const u of await store.load(DOC)) Y.applyUpdate(stored, u);
    expect(stored.getText('t').toString()).toBe('你好 world');
  });

  it('relays presence to the other node and removes it when the client leaves', async () => {
    const { a, b } = await twoNodes();
    const [ca, cb] = [h.client(a.base, DOC), h.client(b.base, DOC)];
    await Promise.all([h.synced(ca), h.synced(cb)]);
    ca.provider.awareness.setLocalStateField('user', { name: '张三' });
    const id = ca.doc.clientID;
    await waitFor(
      'presence on b',
      () => cb.provider.awareness.getStates().get(id)?.user?.name === '张三',
    );
    ca.provider.disconnect();
    await waitFor('presence gone on b', () => !cb.provider.awareness.getStates().has(id));
    expect(cb.provider.awareness.getStates().has(cb.doc.clientID)).toBe(true);
  });

  it('shows a node that opens the doc late the presence of clients on the other node', async () => {
    const { a, b } = await twoNodes();
    const ca = h.client(a.base, DOC);
    await h.synced(ca);
    ca.provider.awareness.setLocalStateField('user', { name: '李四' });
    await sleep(30);
    const cb = h.client(b.base, DOC);
    await h.synced(cb);
    await waitFor(
      'presence asked for on open',
      () => cb.provider.awareness.getStates().get(ca.doc.clientID)?.user?.name === '李四',
      2000,
    );
    expect(cb.provider.awareness.getStates().size).toBe(2);
  });

  it('catches up from the store on resync what the bus never carried', async () => {
    const { hub, store, a, b } = await twoNodes();
    const [ca, cb] = [h.client(a.base, DOC), h.client(b.base, DOC)];
    await Promise.all([h.synced(ca), h.synced(cb)]);
    ca.insert('seen ');
    await waitFor('b hears a', () => cb.text() === 'seen ');
    // A third node commits an update while (say) Redis was down: stored, never published.
    const other = new Y.Doc();
    for (const u of await store.load(DOC)) Y.applyUpdate(other, u);
    const before = Y.encodeStateVector(other);
    other.getText('t').insert(other.getText('t').length, 'missed');
    await store.append(DOC, Y.encodeStateAsUpdate(other, before));
    await sleep(50);
    expect(ca.text()).toBe('seen ');
    const appends = store.appends;
    // It comes back and announces it.
    hub.bus().publish(DOC, { kind: 'resync' });
    await waitFor('a caught up', () => ca.text() === 'seen missed');
    await waitFor('b caught up', () => cb.text() === 'seen missed');
    await sleep(50);
    expect(store.appends).toBe(appends); // reloaded, not stored again
  });

  it('closes a document’s sockets on every node when what it allows changed, and they come back', async () => {
    const { a, b } = await twoNodes();
    const other = h.client(a.base, 'minutes.other');
    const [ca, cb] = [h.client(a.base, DOC), h.client(b.base, DOC)];
    await Promise.all([h.synced(ca), h.synced(cb), h.synced(other)]);
    const closes: Array<{ who: string; code: number }> = [];
    for (const [who, c] of [
      ['a', ca],
      ['b', cb],
      ['other', other],
    ] as const) {
      c.provider.on('connection-close', (e) => {
        if (e) closes.push({ who, code: e.code });
      });
    }
    expect(a.collab.reconnectDoc(DOC)).toBe(1);
    await waitFor('both sockets of the doc closed', () => closes.length >= 2);
    await sleep(50);
    expect(closes.sort((x, y) => x.who.localeCompare(y.who))).toEqual([
      { who: 'a', code: 4503 },
      { who: 'b', code: 4503 },
    ]);
    // 4503 is not final: the stock client reconnects (and meets the policy again).
    await waitFor('a back', () => ca.provider.wsconnected && ca.provider.synced);
    await waitFor('b back', () => cb.provider.wsconnected && cb.provider.synced);
    ca.insert('again');
    await waitFor('b hears a after reconnecting', () => cb.text() === 'again');
  });

  it('never hands a node its own events, and tells every other node of a revocation', async () => {
    const hub = new InProcessBusHub();
    const [one, two, three] = [hub.bus(), hub.bus(), hub.bus()];
    const heard: string[] = [];
    one.onAccessRevoked((e) => heard.push(`one:${e.userId}`));
    two.onAccessRevoked((e, replayed) => heard.push(`two:${e.userId}:${replayed}`));
    three.onAccessRevoked((e) => heard.push(`three:${e.userId}`));
    const docEvents: string[] = [];
    await one.subscribe(DOC, (e) => docEvents.push(`one:${e.kind}`));
    const off = await two.subscribe(DOC, (e) => docEvents.push(`two:${e.kind}`));
    one.publishAccessRevoked({ userId: 'u1' });
    one.publish(DOC, { kind: 'awareness-query' });
    await sleep(5);
    off();
    three.publish(DOC, { kind: 'resync' });
    await sleep(5);
    expect(heard.sort()).toEqual(['three:u1', 'two:u1:false']);
    expect(docEvents).toEqual(['two:awareness-query', 'one:resync']);
    await one.close();
    two.publish(DOC, { kind: 'resync' });
    await sleep(5);
    expect(docEvents).toHaveLength(2);
  });
});

describe('the bus wire format', () => {
  it('round-trips every event with its sender, and rejects bytes that are not one', () => {
    const update = new Uint8Array([1, 2, 3]);
    for (const event of [
      { kind: 'update', update },
      { kind: 'awareness', update },
      { kind: 'awareness-query' },
      { kind: 'resync' },
      { kind: 'reconnect' },
      { kind: 'revoked', userId: '0b6f…' },
    ] as const) {
      expect(decodeBusMessage(encodeBusMessage('node-1', event))).toEqual({
        node: 'node-1',
        event,
      });
    }
    expect(decodeBusMessage(new Uint8Array([200]))).toBeUndefined();
    expect(decodeBusMessage(encodeBusMessage('n', { kind: 'resync' }).slice(0, 1))).toBeUndefined();
  });
});
