import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CollabLog } from './log.ts';
import { type CollabServer, type CollabServerOptions, createCollabServer } from './server.ts';

/** Polls until `check` holds; fails with `what` so a timeout says which step hung. */
export async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

export interface LogEntry {
  level: string;
  message: string;
  fields: Record<string, unknown> | undefined;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text: () => string;
  insert: (s: string) => void;
}

export interface CloseInfo {
  code: number;
  reason: string;
}

/**
 * One real HTTP server on port 0 with collab attached the way `server` will
 * attach it, plus stock clients; `cleanup()` (in afterEach) tears all of it
 * down so vitest exits.
 */
export class Harness {
  readonly logs: LogEntry[] = [];
  /** Upgrades `handleUpgrade` declined (not under /collab). */
  declined = 0;
  private readonly cleanups: Array<() => Promise<void> | void> = [];

  readonly log: CollabLog = (level, message, fields) => {
    this.logs.push({ level, message, fields });
  };

  async start(
    options: CollabServerOptions = {},
  ): Promise<{ collab: CollabServer; http: Server; base: string }> {
    const collab = createCollabServer({ log: this.log, ...options });
    const http = createServer((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    http.on('upgrade', (req, socket, head) => {
      if (collab.handleUpgrade(req, socket, head)) return;
      this.declined++;
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as AddressInfo;
    this.cleanups.push(async () => {
      await collab.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    });
    return { collab, http, base: `ws://127.0.0.1:${port}` };
  }

  /** A stock y-websocket client. BroadcastChannel is off: in one process it would sync clients without the server. */
  client(base: string, docName: string, params: Record<string, string> = {}): Client {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${base}/collab`, docName, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params,
      maxBackoffTime: 200,
    });
    this.cleanups.push(() => {
      provider.destroy();
      doc.destroy();
    });
    const text = doc.getText('t');
    return {
      doc,
      provider,
      text: () => text.toString(),
      insert: (s) => text.insert(text.length, s),
    };
  }

  async synced(client: Client): Promise<void> {
    await waitFor('client sync', () => client.provider.synced);
  }

  /** A raw `ws` socket, for sending what no stock client would. */
  async raw(url: string, options: { autoPong?: boolean } = {}): Promise<WebSocket> {
    const ws = new WebSocket(url, options);
    ws.on('error', () => {});
    this.cleanups.push(() => ws.terminate());
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return ws;
  }

  async cleanup(): Promise<void> {
    for (const fn of this.cleanups.splice(0).reverse()) await fn();
    this.logs.length = 0;
    this.declined = 0;
  }
}

export function nextClose(ws: WebSocket): Promise<CloseInfo> {
  return new Promise((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
}
