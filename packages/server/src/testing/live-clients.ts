import { docName } from '@rectify/domain';
import type { Sql } from '@rectify/store';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** Signs a demo account in over the API; its bearer token. */
export async function login(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'rectify-demo' }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: HTTP ${r.status}`);
  return ((await r.json()) as { token: string }).token;
}

/** The review doc of a demo statement that 第一巡视组 (member1, member2) may annotate. */
export async function demoReviewDoc(sql: Sql): Promise<string> {
  const [v] = await sql<{ id: string }[]>`
    SELECT v.id FROM statement_versions v JOIN statements s ON s.id = v.statement_id
    JOIN tasks t ON t.id = s.task_id WHERE t.title = '修订本科生导师制实施办法'`;
  if (!v) throw new Error('demo data has no such statement');
  return docName('review', v.id);
}

export interface LiveClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Close codes the server ended connections with, in order. */
  readonly closes: number[];
  destroy(): void;
}

/** A stock y-websocket client of the server at `url` (http or ws, no `/collab`). */
export function liveClient(
  url: string,
  name: string,
  token: string,
  params: Record<string, string> = {},
): LiveClient {
  const doc = new Y.Doc();
  const closes: number[] = [];
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/collab`, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, ...params },
    disableBc: true,
    maxBackoffTime: 250,
  });
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `check` holds; fails naming `what`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
