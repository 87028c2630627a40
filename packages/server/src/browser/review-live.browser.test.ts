import {
  createAnnotation,
  docName,
  readAnnotations,
  statementOf,
  statementPlainText,
} from '@rectify/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  hasChromium,
  launchChromium,
  screenshot,
  signIn,
  startDemoServer,
} from '../testing/browser.ts';

const run = hasChromium || process.env.CI ? describe : describe.skip;

/**
 * The statement is read-only on the server: a client that writes it is cut
 * off. This checks the real editor never does (its Tiptap binding writes back
 * whatever it would normalise), and that a read-only socket shows 只读.
 */
run('the live review workspace against the read-only statement (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let versionId: string;
  let statement: string;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    const [v] = await server.db.sql<{ id: string; bodyText: string }[]>`
      SELECT v.id, v.body_text FROM statement_versions v JOIN statements s ON s.id = v.statement_id
      JOIN tasks t ON t.id = s.task_id WHERE t.title = '修订本科生导师制实施办法'`;
    versionId = v!.id;
    statement = v!.bodyText;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('member1 works in the workspace without ever writing the statement; a live annotation shows up', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await signIn(context, server.url, 'member1');
    await page.goto(`${server.url}/review/${versionId}`);
    await expect
      .poll(() => page.locator('.ws-statement').first().textContent(), { timeout: 20_000 })
      .toContain('本科生导师制实施办法');

    // Another member annotates through a stock client; the page shows it live.
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'member2', password: 'rectify-demo' }),
    });
    const { token } = (await login.json()) as { token: string };
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(
      `${server.url.replace('http', 'ws')}/collab`,
      docName('review', versionId),
      doc,
      { WebSocketPolyfill: WebSocket as never, params: { token }, disableBc: true },
    );
    try {
      const until = async (f: () => boolean) => {
        for (let i = 0; i < 400 && !f(); i++) await new Promise((r) => setTimeout(r, 25));
      };
      await until(() => provider.synced && statementOf(doc).length > 0);
      const text = statementPlainText(statementOf(doc));
      const start = text.indexOf('每名导师指导学生不超过15人');
      createAnnotation(doc, {
        id: 'browser-live-1',
        start,
        end: start + 14,
        authorId: 'm2',
        authorName: '李四',
        questions: ['Q3'],
      });
      await expect
        .poll(() => page.locator('.ws-annotations, .ws-col').allTextContents(), { timeout: 10_000 })
        .toEqual(expect.arrayContaining([expect.stringContaining('每名导师指导学生不超过15人')]));
      await page.waitForTimeout(1500);
      await screenshot(page, 'review-live-1-member1');
      // Never cut off as a statement writer, and the stored statement is the submission.
      expect(await page.getByText('无权访问').count()).toBe(0);
      expect(provider.wsconnected).toBe(true);
    } finally {
      provider.destroy();
    }
    const stored = new Y.Doc();
    const [row] = await server.db.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM doc_updates WHERE doc_name = ${docName('review', versionId)}`;
    expect(row!.n).toBeGreaterThan(0);
    const fresh = new WebsocketProvider(
      `${server.url.replace('http', 'ws')}/collab`,
      docName('review', versionId),
      stored,
      { WebSocketPolyfill: WebSocket as never, params: { token }, disableBc: true },
    );
    try {
      for (let i = 0; i < 400 && !fresh.synced; i++) await new Promise((r) => setTimeout(r, 25));
      expect(statementPlainText(statementOf(stored))).toBe(statement);
      expect(readAnnotations(stored).map((a) => a.id)).toContain('browser-live-1');
    } finally {
      fresh.destroy();
    }
    await context.close();
  });

  it('leadership sees the workspace marked 只读, never cut off', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await signIn(context, server.url, 'leadership');
    await page.goto(`${server.url}/review/${versionId}`);
    await expect
      .poll(() => page.locator('.ws-readonly').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.ws-statement').first().textContent(), { timeout: 20_000 })
      .toContain('本科生导师制实施办法');
    expect(await page.getByText('无权访问').count()).toBe(0);
    await screenshot(page, 'review-live-2-leadership-readonly');
    await context.close();
  });
});
