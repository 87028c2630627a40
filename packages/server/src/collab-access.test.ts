import {
  createAnnotation,
  docName,
  readAnnotations,
  statementOf,
  statementPlainText,
} from '@rectify/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startDemoServer } from './testing/browser.ts';

async function token(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'rectify-demo' }),
  });
  return ((await r.json()) as { token: string }).token;
}

function connect(url: string, name: string, tok: string) {
  const doc = new Y.Doc();
  const closes: number[] = [];
  const provider = new WebsocketProvider(`${url.replace('http', 'ws')}/collab`, name, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: { token: tok },
    disableBc: true,
  });
  provider.on('connection-close', (e) => {
    if (e) closes.push(e.code);
  });
  return { doc, provider, closes };
}

const until = async (f: () => boolean, ms = 8000) => {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('live review documents through the one policy', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let reviewDoc: string;
  beforeAll(async () => {
    server = await startDemoServer();
    const [v] = await server.db.sql<{ id: string }[]>`
      SELECT v.id FROM statement_versions v JOIN statements s ON s.id = v.statement_id
      JOIN tasks t ON t.id = s.task_id WHERE t.title = '修订本科生导师制实施办法'`;
    reviewDoc = docName('review', v!.id);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('seeds the statement for a member of the unit’s group, and stores their annotations', async () => {
    const a = connect(server.url, reviewDoc, await token(server.url, 'member1'));
    try {
      await until(() => a.provider.synced);
      await until(() => statementPlainText(statementOf(a.doc)).length > 0);
      expect(statementPlainText(statementOf(a.doc))).toContain('本科生导师制实施办法');
      createAnnotation(a.doc, {
        id: 'ann-1',
        start: 0,
        end: 4,
        authorId: 'm1',
        authorName: '张三',
        questions: ['Q3'],
      });
      await until(() => a.provider.wsconnected);
    } finally {
      // Let the update reach the server before leaving.
      await new Promise((r) => setTimeout(r, 500));
      a.provider.destroy();
    }
    const b = connect(server.url, reviewDoc, await token(server.url, 'member2'));
    try {
      await until(() => readAnnotations(b.doc).length === 1);
      expect(readAnnotations(b.doc)[0]!.questions).toEqual(['Q3']);
      // Seeded exactly once, however many times the room opened.
      expect(statementPlainText(statementOf(b.doc)).match(/本科生导师制实施办法/g)).toHaveLength(1);
    } finally {
      b.provider.destroy();
    }
  });

  it('refuses a unit contact with 4403 and an anonymous socket with 4401', async () => {
    const contact = connect(server.url, reviewDoc, await token(server.url, 'unit1'));
    const anon = connect(server.url, reviewDoc, 'not-a-token');
    try {
      await until(() => contact.closes.length > 0 && anon.closes.length > 0);
      expect(contact.closes[0]).toBe(4403);
      expect(anon.closes[0]).toBe(4401);
    } finally {
      contact.provider.destroy();
      anon.provider.destroy();
    }
  });

  it('never stores what the read-only leadership group types', async () => {
    // Rows after the newest one now: the room the last test left may still be
    // compacting (which folds rows away), but it never adds any.
    const [before] = await server.db.sql<{ seq: string | null }[]>`
      SELECT greatest(
        (SELECT max(seq) FROM doc_updates WHERE doc_name = ${reviewDoc}),
        (SELECT upto_seq FROM doc_snapshots WHERE doc_name = ${reviewDoc}))::text AS seq`;
    const l = connect(server.url, reviewDoc, await token(server.url, 'leadership'));
    try {
      await until(() => l.provider.synced);
      createAnnotation(l.doc, { id: 'sneaky', start: 0, end: 2, authorId: 'x', authorName: 'x' });
      await new Promise((r) => setTimeout(r, 700));
    } finally {
      l.provider.destroy();
    }
    const [added] = await server.db.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM doc_updates
      WHERE doc_name = ${reviewDoc} AND seq > ${before?.seq ?? '0'}::bigint`;
    expect(added!.n).toBe(0);
    const m = connect(server.url, reviewDoc, await token(server.url, 'member1'));
    try {
      await until(() => m.provider.synced);
      expect(readAnnotations(m.doc).map((a) => a.id)).not.toContain('sneaky');
    } finally {
      m.provider.destroy();
    }
  });
});
