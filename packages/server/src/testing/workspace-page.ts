import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Moves in the review workspace the way a person does, for browser tests.
 * Opens a task's latest statement from /work and waits until `passage` shows.
 */
export async function openStatementFromWork(
  page: Page,
  task: string,
  passage: string,
): Promise<void> {
  await page.goto(new URL('/work', page.url()).toString());
  await page.getByRole('link', { name: task }).first().click();
  await page.waitForURL(/\/review\/[0-9a-f-]{36}/);
  await expect.poll(() => page.locator('.ws-statement__text').textContent()).toContain(passage);
}

/** Drags the mouse across `text` in the statement; answers what the browser selected. */
export async function selectInStatement(page: Page, text: string): Promise<string> {
  const box = await page.evaluate((needle) => {
    const root = document.querySelector('.ws-statement__text');
    if (!root) return undefined;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(needle) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const first = range.getBoundingClientRect();
      range.setStart(node, at + needle.length - 1);
      range.setEnd(node, at + needle.length);
      const last = range.getBoundingClientRect();
      return {
        x0: first.left + 1,
        y0: first.top + first.height / 2,
        x1: last.right - 1,
        y1: last.top + last.height / 2,
      };
    }
    return undefined;
  }, text);
  if (!box) throw new Error(`"${text}" is not in the statement`);
  await page.mouse.move(box.x0, box.y0);
  await page.mouse.down();
  await page.mouse.move(box.x1, box.y1, { steps: 8 });
  await page.mouse.up();
  return page.evaluate(() => window.getSelection()?.toString() ?? '');
}
