import type { IncomingMessage } from 'node:http';
import {
  CloseCode,
  createAnnotation,
  docName,
  paragraphsToRichText,
  readAnnotations,
  seedReviewDoc,
  statementOf,
  statementPlainText,
} from '@rectify/domain';
import { MemoryDocStore } from '@rectify/store';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { MessageType, READ_ONLY_REASON } from './protocol.ts';
import type { Authenticate } from './server.ts';
import { type CloseInfo, Harness, nextClose, waitFor } from './test-helpers.ts';
import { mergeYjsUpdates } from './yjs-merge.ts';

const h = new Harness();
afterEach(() => h.cleanup());

const DOC = docName('review', '0b5c3f4e-8a51-4c8e-9d7a-3e0f2b9c1a77');
const STATEMENT = ['我处已完成《本科生导师制实施办法》修订。', '每名导师指导学生不超过15人。'];

/** `?token=ro` reads only; anything else writes. */
const byToken: Authenticate = async (req: IncomingMessage) => {
  const token = new URL(req.url ?? '', 'http://x').searchParams.get('token') ?? 'w';
  return { userId: token, readOnly: token === 'ro' };
};

/** A store holding the server's seed of the statement, as `seedingStore` leaves it. */
async function seededStore(): Promise<MemoryDocStore> {
  const store = new MemoryDocStore({ merge: mergeYjsUpdates });
  const seed = new Y.Doc();
  seed.clientID = 1;
  seedReviewDoc(seed, paragraphsToRichText(STATEMENT), 'v1');
  await store.append(DOC, Y.encodeStateAsUpdate(seed));
  return store;
}

async function storedDoc(store: MemoryDocStore): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of await store.load(DOC)) Y.applyUpdate(doc, u);
  return doc;
}

/** A raw socket recording every frame from the first (listening before it opens). */
async function recording(url: string): Promise<{ ws: WebSocket; frames: Uint8Array[] }> {
  const frames: Uint8Array[] = [];
  const ws = new WebSocket(url);
  ws.on('error', () => {});
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  await new Promise<void>((resolve) => ws.once('open', () => resolve()));
  return { ws, frames };
}

describe('a review document over the stock y-websocket protocol', () => {
  it('closes a socket that edits the statement with 4403, storing and relaying nothing of it', async () => {
    const store = await seededStore();
    const { base } = await h.start({ store, authenticate: byToken });
    const tamperer = h.client(base, DOC);
    const honest = h.client(base, DOC);
    await Promise.all([h.synced(tamperer), h.synced(honest)]);
    await waitFor('statement', () => statementPlainText(statementOf(tamperer.doc)).length > 0);
    const closed = new Promise<CloseInfo>((resolve) => {
      tamperer.provider.on('closed', (event) => resolve(event));
    });
    const text = (statementOf(tamperer.doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, '（已篡改）');
    const event = await closed;
    expect(event.code).toBe(CloseCode.Forbidden);
    expect(event.reason).toMatch(/read-only/);
    // The honest client still works, and neither it nor the store has the edit.
    createAnnotation(honest.doc, { id: 'a1', start: 0, end: 2, authorId: 'u', authorName: '张三' });
    let stored = await storedDoc(store);
    for (let i = 0; i < 200 && readAnnotations(stored).length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      stored = await storedDoc(store);
    }
    expect(statementPlainText(statementOf(stored))).toBe(STATEMENT.join('\n'));
    expect(readAnnotations(stored).map((a) => a.id)).toEqual(['a1']);
    expect(statementPlainText(statementOf(honest.doc))).toBe(STATEMENT.join('\n'));
  });

  it('tells a read-only socket so with a y-protocols permission-denied "read-only" frame', async () => {
    const store = await seededStore();
    const { base } = await h.start({ store, authenticate: byToken });
    const { ws: reader, frames: readerFrames } = await recording(`${base}/collab/${DOC}?token=ro`);
    const { ws: writer, frames: writerFrames } = await recording(`${base}/collab/${DOC}?token=w`);
    await waitFor('notice', () => readerFrames.some((f) => f[0] === MessageType.Auth));
    const notice = readerFrames.find((f) => f[0] === MessageType.Auth)!;
    const decoder = decoding.createDecoder(notice);
    expect(decoding.readVarUint(decoder)).toBe(MessageType.Auth);
    expect(decoding.readVarUint(decoder)).toBe(0); // permission denied
    expect(decoding.readVarString(decoder)).toBe(READ_ONLY_REASON);
    expect(decoding.hasContent(decoder)).toBe(false);
    // A writer is told nothing of the kind.
    await waitFor('writer sync step 1', () => writerFrames.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(writerFrames.some((f) => f[0] === MessageType.Auth)).toBe(false);
    writer.close();
    const closing = nextClose(reader);
    reader.close();
    await closing;
  });

  it('keeps a stock read-only client connected after the notice, and drops its edits', async () => {
    const store = await seededStore();
    const { base } = await h.start({ store, authenticate: byToken });
    const reader = h.client(base, DOC, { token: 'ro' });
    await h.synced(reader);
    createAnnotation(reader.doc, { id: 'ro1', start: 0, end: 2, authorId: 'r', authorName: 'R' });
    await new Promise((r) => setTimeout(r, 200));
    expect(reader.provider.wsconnected).toBe(true);
    expect(readAnnotations(await storedDoc(store))).toEqual([]);
  });
});
