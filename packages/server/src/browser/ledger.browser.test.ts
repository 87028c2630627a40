import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  launchChromium,
  screenshot,
  signIn,
  startDemoServer,
} from '../testing/browser.ts';

const run = hasChromium || process.env.CI ? describe : describe.skip;

const HEADER = ['序号', '巡视反馈问题', '整改任务', '整改措施', '牵头单位', '协办单位', '完成时限'];
const PROBLEM = '校园安全管理责任落实不到位';

/** A UTF-8 CSV (with BOM, as Excel writes it) under a title row. */
function csv(rows: string[][]): Buffer {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const lines = [['校园安全整改任务台账'], HEADER, ...rows].map((r) => r.map(quote).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const GOOD = csv([
  [
    '1',
    PROBLEM,
    '健全实验室安全责任体系',
    '修订实验室安全管理办法',
    '后勤保障处',
    '国有资产管理处、校园安全中心',
    '2024年6月底前',
  ],
  ['2', PROBLEM, '开展安全隐患排查', '每季度开展一次全校安全检查', '校园安全中心', '', '长期坚持'],
]);
// Under the title (row 1) and header (row 2): row 3 has no lead unit, row 4's deadline is no date.
const BAD = csv([
  [
    '1',
    PROBLEM,
    '健全实验室安全责任体系',
    '修订实验室安全管理办法',
    '',
    '国有资产管理处',
    '2024年6月底前',
  ],
  ['2', PROBLEM, '开展安全隐患排查', '每季度开展一次全校安全检查', '后勤保障处', '', '下半年再说'],
]);

/** Full-page shots of a scrolled page draw the sticky bars mid-page. */
async function shoot(page: Page, name: string) {
  await page.evaluate('window.scrollTo(0, 0)');
  await screenshot(page, name);
}

async function choose(page: Page, name: string, bytes: Buffer) {
  await page
    .locator('input[type=file]')
    .first()
    .setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
}

run('ledger import screen against the real server (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('admin previews, sees bad rows, confirms a new unit, imports, re-imports unchanged and exports', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await signIn(context, server.url, 'admin');
    await page.goto(`${server.url}/admin/import`);
    await page.getByRole('heading', { name: '台账导入' }).waitFor();
    await shoot(page, 'ledger-0-empty');

    // Two bad rows: both named, import disabled.
    await choose(page, '台账-有错.csv', BAD);
    const issues = page.locator('.ledger-issues--error .ledger-issue');
    await expect.poll(() => issues.count()).toBe(2);
    expect(await issues.locator('.ledger-issue__row').allTextContents()).toEqual([
      '第 3 行',
      '第 4 行',
    ]);
    const apply = page.getByRole('button', { name: '导入台账' });
    expect(await apply.isDisabled()).toBe(true);
    await shoot(page, 'ledger-1-bad-rows');

    // A good ledger naming a unit that does not exist yet.
    await choose(page, '台账.csv', GOOD);
    await expect.poll(() => issues.count()).toBe(0);
    await expect.poll(() => page.locator('.ledger-measure').count()).toBe(2);
    expect(await page.locator('.ledger-unit__name').allTextContents()).toEqual(['校园安全中心']);
    expect(await apply.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: '校园安全中心' }).check();
    await expect.poll(() => apply.isDisabled()).toBe(false);
    await shoot(page, 'ledger-2-preview');

    await apply.click();
    await page.getByRole('heading', { name: '台账已导入' }).waitFor();
    expect(await page.locator('[data-count=created]').textContent()).toBe('2');
    await expect.poll(() => page.locator('.ledger-done').textContent()).toContain('校园安全中心');
    await shoot(page, 'ledger-3-done');

    // The same ledger again: every task unchanged, nothing to create.
    await page.getByRole('button', { name: '再导入一个文件' }).click();
    await choose(page, '台账.csv', GOOD);
    await expect
      .poll(() => page.locator('.ledger-apply__text').textContent())
      .toBe('台账与系统中的一致，导入不会改变任何内容。');
    expect(await page.locator('.ledger-unit').count()).toBe(0);
    expect(await page.locator('.ledger-counts [data-count=unchanged]').textContent()).toBe('2');

    // Export.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出台账 XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = await download.path();
    expect(path).toBeTruthy();
    await context.close();
  }, 120_000);
});
