import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type DatabaseKind } from '@rectify/store/testing';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../config.ts';
import { type RunningServer, startServer } from '../server.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Screenshots are kept as test output here (git-ignored). */
export const SCREENSHOT_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../test-output',
);

/** Debian's Chromium, never a downloaded browser; flags that keep it off the closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The whole product on an in-memory PGlite with demo data, on a random port. */
export async function startDemoServer(
  kind: DatabaseKind = 'pglite',
): Promise<RunningServer & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rectify-e2e-'));
  const handle = await createTestDatabase(kind);
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', DEMO: '1' });
  const server = await startServer(config, {
    database: { sql: handle.sql, kind, close: () => handle.drop() },
  });
  return {
    ...server,
    dataDir,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(
  context: BrowserContext,
  baseUrl: string,
  username: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/用户名/).fill(username);
  await page.getByLabel(/密码/).fill('rectify-demo');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/**
 * Moves the caret of a focused Tiptap editor to the end of its text with
 * Ctrl+End, and waits until the editor itself holds it there. Pressing a key
 * right after a click races ProseMirror's focus handling: on a loaded machine
 * the editor reads the click's selection late and, ~20 ms after focus, puts its
 * own older selection back into the page; keys pressed meanwhile act there.
 */
export async function caretToEnd(page: Page, editor: Locator): Promise<void> {
  const atEnd = () =>
    editor.evaluate((el) => {
      const state = (el as HTMLElement & { editor?: { state: any } }).editor?.state;
      if (!state) return false;
      const end = state.doc.content.size - 1; // inside the last block, after its text
      return state.selection.empty && state.selection.head === end;
    });
  await expect
    .poll(async () => {
      if (await atEnd()) return true;
      await page.keyboard.press('Control+End');
      return atEnd();
    })
    .toBe(true);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
