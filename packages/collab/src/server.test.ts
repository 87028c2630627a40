import type { IncomingMessage } from 'node:http';
import { AppError, CloseCode } from '@rectify/domain';
import { MemoryDocStore } from '@rectify/store';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { type ClientMessage, decodeMessage, encodeSyncStep1, encodeUpdate } from './protocol.ts';
import type { Authenticate } from './server.ts';
import { type CloseInfo, Harness, nextClose, sleep, waitFor } from './test-helpers.ts';
import { mergeYjsUpdates } from './yjs-merge.ts';

const h = new Harness();
afterEach(() => h.cleanup());

const DOC = 'review.abc';

/** `?token=ro` reads, `?token=no` is refused, no token is unauthenticated, anything else writes. */
const byToken: Authenticate = async (req: IncomingMessage) => {
  const token = new URL(req.url ?? '', 'http://x').searchParams.get('token');
  if (!token) throw new AppError('unauthenticated', 'token required');
  if (token === 'no') throw new AppError('forbidden', 'not a member');
  return { userId: token, readOnly: token === 'ro' };
};

function closedWith(client: ReturnType<Harness['client']>): Promise<CloseInfo> {
  return new Promise((resolve) => {
    client.provider.on('closed', (event) => resolve(event));
  });
}

describe('collab server with stock y-websocket clients', () => {
  it('makes two clients converge on a text edit', async () => {
    const { base } = await h.start();
    const [a, b] = [h.client(base, DOC), h.client(base, DOC)];
    await Promise.all([h.synced(a), h.synced(b)]);
    a.insert('hello ');
    b.insert('world');
    await waitFor('convergence', () => a.text() === b.text() && a.text().length === 11);
    expect(a.text()).toMatch(/hello |world/);
  });

  it('converges five clients making seeded random concurrent edits', async () => {
    const { base } = await h.start();
    const clients = Array.from({ length: 5 }, () => h.client(base, DOC));
    await Promise.all(clients.map((c) => h.synced(c)));
    let seed = 1;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 20; round++) {
      for (const c of clients) {
        const text = c.doc.getText('t');
        if (text.length > 0 && next(3) === 0) text.delete(next(text.length), 1);
        else text.insert(next(text.length + 1), String.fromCharCode(97 + next(26)));
      }
      if (round % 5 === 0) await sleep(5); // let some rounds interleave with delivery
    }
    const late = h.client(base, DOC);
    await waitFor('all equal', () => clients.every((c) => c.text() === late.text()));
    expect(late.text().length).toBeGreaterThan(0);
  });

  it('relays updates of every websocket header size intact to every client, in order of sending', async () => {
    const { base } = await h.start();
    const [a, b, c] = [h.client(base, DOC), h.client(base, DOC), h.client(base, DOC)];
    await Promise.all([a, b, c].map((x) => h.synced(x)));
    const closes: unknown[] = [];
    for (const x of [b, c]) x.provider.on('connection-close', (e: unknown) => closes.push(e));
    // 7-bit, 16-bit and 64-bit payload lengths; the largest goes through `ws` itself,
    // between frames written as prebuilt messages.
    const sizes = [1, 100, 125, 126, 200, 65_000, 66_000, 70_000, 3, 300];
    for (const [i, size] of sizes.entries()) a.insert(String.fromCharCode(97 + i).repeat(size));
    const total = sizes.reduce((n, size) => n + size, 0);
    await waitFor(
      'all sizes relayed',
      () => b.text().length === total && c.text().length === total,
    );
    expect(b.text()).toBe(a.text());
    expect(c.text()).toBe(a.text());
    expect(closes).toEqual([]);
  });

  it('gives a late joiner the existing state', async () => {
    const { base } = await h.start();
    const a = h.client(base, DOC);
    await h.synced(a);
    a.insert('already here');
    const b = h.client(base, DOC);
    await waitFor('late joiner state', () => b.text() === 'already here');
  });

  it('relays awareness, and removes it when its socket dies', async () => {
    const { base } = await h.start();
    const [a, b] = [h.client(base, DOC), h.client(base, DOC)];
    await Promise.all([h.synced(a), h.synced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: 'alice' });
    const aId = a.doc.clientID;
    await waitFor(
      'alice at b',
      () => b.provider.awareness.getStates().get(aId)?.user?.name === 'alice',
    );

    // A crash, not a goodbye: the stock client's clean disconnect would remove
    // its own state, which would not prove the server cleans up.
    a.provider.shouldConnect = false;
    (a.provider.ws as unknown as WebSocket).terminate();
    await waitFor('alice gone at b', () => !b.provider.awareness.getStates().has(aId));
  });

  it('closes a socket that sends garbage, while the others keep syncing', async () => {
    const { base } = await h.start();
    const [a, b] = [h.client(base, DOC), h.client(base, DOC)];
    await Promise.all([h.synced(a), h.synced(b)]);

    const garbage: Array<Uint8Array | string> = [
      Uint8Array.from([0x9f, 0x13, 0x77, 0x00, 0xfe, 0x42, 0x8c, 0x31]), // unknown type
      Uint8Array.from([0, 2, 200, 1, 2, 3]), // update shorter than it claims
      encodeUpdate(Uint8Array.from([1, 2, 3, 4, 5])), // well framed, not a Yjs update
      'sync please', // a text frame
    ];
    for (const frame of garbage) {
      const raw = await h.raw(`${base}/collab/${DOC}`);
      const closed = nextClose(raw);
      raw.send(frame);
      expect((await closed).code).toBe(CloseCode.MalformedMessage);
    }

    a.insert('still fine');
    await waitFor('b to get the edit', () => b.text() === 'still fine');
    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    expect(h.logs.some((l) => l.message.includes('bad frame'))).toBe(true);
  });

  it('refuses an update with a zero-length struct (MalformedMessage) and stores nothing of it', async () => {
    const store = new MemoryDocStore();
    const { base } = await h.start({ store });
    const name = 'finding.zero';
    const raw = await h.raw(`${base}/collab/${name}`);
    const closed = nextClose(raw);
    // Found by bench/collab-fuzz.ts: a sync update whose list item ends in a zero-length GC
    // struct. Yjs applies it; stored and compacted, the doc could never be loaded again.
    raw.send(Buffer.from('00021a010348000701017403086c6973744974656d0700480006000000', 'hex'));
    expect((await closed).code).toBe(CloseCode.MalformedMessage);
    expect(await store.load(name)).toEqual([]);
    const a = h.client(base, name);
    const b = h.client(base, name);
    await Promise.all([h.synced(a), h.synced(b)]);
    a.insert('still fine');
    await waitFor('b to get the edit', () => b.text() === 'still fine');
  });

  it('closes a socket whose frame exceeds maxFrameBytes with MessageTooBig', async () => {
    const { base } = await h.start({ maxFrameBytes: 1024 });
    const a = h.client(base, DOC);
    await h.synced(a);
    const raw = await h.raw(`${base}/collab/${DOC}`);
    const closed = nextClose(raw);
    raw.send(new Uint8Array(4096));
    expect((await closed).code).toBe(CloseCode.MessageTooBig);

    const b = h.client(base, DOC);
    a.insert('small');
    await waitFor('b to get the edit', () => b.text() === 'small');
  });

  it('refuses an invalid doc name with NotFound, and the stock client stops retrying', async () => {
    const { base } = await h.start();
    for (const name of ['nope', 'review.', 'memo.abc', 'review.a/b', '']) {
      const raw = await h.raw(`${base}/collab/${name}`);
      expect((await nextClose(raw)).code).toBe(CloseCode.NotFound);
    }
    const c = h.client(base, 'review.bad id');
    expect((await closedWith(c)).code).toBe(CloseCode.NotFound);
    expect(c.provider.shouldConnect).toBe(false);
  });

  it('declines upgrades outside /collab so the HTTP server can route them', async () => {
    const { base, collab } = await h.start();
    await expect(h.raw(`${base}/api/rounds`)).rejects.toThrow('HTTP 404');
    expect(h.declined).toBe(1);
    expect(collab.docs()).toBe(0);
  });

  it('maps refusals from authenticate to close codes', async () => {
    const { base, collab } = await h.start({ authenticate: byToken });
    const none = await h.raw(`${base}/collab/${DOC}`);
    expect((await nextClose(none)).code).toBe(CloseCode.Unauthorized);
    const refused = await h.raw(`${base}/collab/${DOC}?token=no`);
    expect((await nextClose(refused)).code).toBe(CloseCode.Forbidden);
    expect(collab.docs()).toBe(0);
  });

  it('never lets a read-only socket’s edits reach the others', async () => {
    const store = new MemoryDocStore();
    const { base } = await h.start({ authenticate: byToken, store });
    const writer = h.client(base, DOC, { token: 'alice' });
    const reader = h.client(base, DOC, { token: 'ro' });
    await Promise.all([h.synced(writer), h.synced(reader)]);

    reader.insert('evil');
    // Frames of one socket are handled in order: once the reader's presence
    // reaches the writer, the server has handled (and dropped) its edit.
    reader.provider.awareness.setLocalStateField('marker', 1);
    const readerId = reader.doc.clientID;
    await waitFor(
      'reader presence',
      () => writer.provider.awareness.getStates().get(readerId)?.marker === 1,
    );
    writer.insert('good');
    await waitFor('reader to get the writer’s edit', () => reader.text().includes('good'));

    const late = h.client(base, DOC, { token: 'carol' });
    await waitFor('late joiner', () => late.text() === 'good');
    expect(writer.text()).toBe('good');
    await sleep(50);
    expect(writer.text()).toBe('good');
    expect(h.logs.some((l) => l.message.includes('read-only'))).toBe(true);
  });

  it('destroys the room when everyone leaves, and reloads it from the store', async () => {
    const store = new MemoryDocStore();
    const { base, collab } = await h.start({ store });
    const [a, b] = [h.client(base, DOC), h.client(base, DOC)];
    await Promise.all([h.synced(a), h.synced(b)]);
    a.insert('persisted');
    await waitFor('b to get the edit', () => b.text() === 'persisted');
    expect(collab.docs()).toBe(1);

    a.provider.destroy();
    b.provider.destroy();
    await waitFor('room destroyed', () => collab.docs() === 0);

    const c = h.client(base, DOC);
    await waitFor('reloaded state', () => c.text() === 'persisted');
    expect(collab.docs()).toBe(1);
  });

  it('sends a client opening a closed, compacted doc the snapshot at once, then greets it once built', async () => {
    const store = new MemoryDocStore({ merge: mergeYjsUpdates });
    const { base, collab } = await h.start({ store });
    const a = h.client(base, DOC);
    await h.synced(a);
    a.insert('persisted');
    const pieces = async () => (await store.load(DOC)).length;
    for (let i = 0; i < 250 && (await pieces()) === 0; i++) await sleep(20);
    a.provider.destroy();
    await waitFor('room closed', () => collab.docs() === 0);
    for (let i = 0; i < 250 && (await pieces()) !== 1; i++) await sleep(20);
    expect(await pieces()).toBe(1); // compacted to one snapshot

    // Listening before 'open': the snapshot follows the upgrade response at once.
    const raw = new WebSocket(`${base}/collab/${DOC}`);
    const frames: ClientMessage[] = [];
    raw.on('message', (data: Buffer) => frames.push(decodeMessage(new Uint8Array(data))));
    await new Promise((resolve) => raw.once('open', resolve));
    await waitFor('snapshot, then our sync step 1', () => frames.length >= 2);
    expect(frames.slice(0, 2).map((f) => f.kind)).toEqual(['sync-step-2', 'sync-step-1']);
    const client = new Y.Doc();
    const snapshot = frames[0];
    if (snapshot?.kind === 'sync-step-2') Y.applyUpdate(client, snapshot.update);
    expect(client.getText('t').toString()).toBe('persisted');

    // Its own (empty) sync step 1 is answered with nothing it was already sent.
    raw.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor('answer', () => frames.length >= 3);
    const answer = frames[2];
    expect(answer?.kind).toBe('sync-step-2');
    if (answer?.kind === 'sync-step-2') {
      const alone = new Y.Doc();
      Y.applyUpdate(alone, answer.update);
      expect(alone.getText('t').toString()).toBe('');
    }
    raw.terminate();
  });

  it('closes the live sockets of a revoked user', async () => {
    const { base, collab } = await h.start({ authenticate: byToken });
    const [alice, bob] = [
      h.client(base, DOC, { token: 'alice' }),
      h.client(base, DOC, { token: 'bob' }),
    ];
    await Promise.all([h.synced(alice), h.synced(bob)]);
    const closed = closedWith(bob);
    expect(collab.disconnect({ userId: 'bob' })).toBe(1);
    expect((await closed).code).toBe(CloseCode.Forbidden);
    alice.insert('still here');
    await sleep(20);
    expect(alice.provider.wsconnected).toBe(true);
  });

  it('terminates a socket that stops answering pings', async () => {
    const { base, collab } = await h.start({ pingIntervalMs: 30 });
    const raw = await h.raw(`${base}/collab/${DOC}`, { autoPong: false });
    const closed = nextClose(raw);
    expect(collab.docs()).toBe(1);
    expect((await closed).code).toBe(1006);
    await waitFor('room destroyed', () => collab.docs() === 0);
  });

  it('keeps a quiet socket that answers pings', async () => {
    const { base } = await h.start({ pingIntervalMs: 30 });
    const raw = await h.raw(`${base}/collab/${DOC}`);
    await sleep(200);
    expect(raw.readyState).toBe(WebSocket.OPEN);
  });

  it('closes clients with 1001 on shutdown, so they reconnect elsewhere', async () => {
    const { base, collab } = await h.start();
    const a = h.client(base, DOC);
    await h.synced(a);
    const raw = await h.raw(`${base}/collab/${DOC}`);
    const closed = nextClose(raw);
    await collab.close();
    expect((await closed).code).toBe(1001);
    expect(collab.docs()).toBe(0);
  });
});
