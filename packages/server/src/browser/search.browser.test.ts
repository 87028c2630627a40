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

/** Screenshots from the top of the page, where the sticky bars belong. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

run('search and interview records (browser)', () => {
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

  it('member1 types a phrase in the top bar, picks the statement with the keyboard and lands on the highlighted passage', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = await signIn(context, server.url, 'member1');
    await page.locator('.top-bar').waitFor();

    // "/" focuses the box from anywhere on the page.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: '在本轮次中搜索' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('导师制');

    const listbox = page.getByRole('listbox', { name: '搜索结果' });
    const statement = listbox.getByRole('group', { name: /整改陈述/ }).getByRole('option');
    await statement.first().waitFor();
    expect(await statement.first().locator('mark').first().textContent()).toBe('导师制');
    expect(await statement.first().locator('.search-hit__title').textContent()).toBe(
      '修订本科生导师制实施办法',
    );
    await shot(page, 'search-dropdown-member1');

    await page.keyboard.press('ArrowDown');
    expect(await statement.first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');

    await page.waitForURL((u) => u.pathname.startsWith('/review/') && u.searchParams.has('q'));
    expect(new URL(page.url()).searchParams.get('q')).toBe('导师制');
    const hit = page.locator('.ws-statement mark.ws-search-hit');
    await hit.first().waitFor({ state: 'visible', timeout: 20_000 });
    expect(await hit.allTextContents().then((t) => t.join(''))).toBe('导师制');
    // Scrolled into view within the statement column.
    await expect
      .poll(async () => {
        const box = await hit.first().boundingBox();
        return !!box && box.y >= 0 && box.y + box.height <= 900;
      })
      .toBe(true);
    await page.waitForTimeout(1300); // the highlight's fade-in
    await screenshot(page, 'search-workspace-passage');
    await context.close();
  });

  it('the search page lists every hit with kind filters, and opens an evidence page', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = await signIn(context, server.url, 'member1');
    await page.goto(`${server.url}/search?q=${encodeURIComponent('导师制')}`);
    await page.locator('.search-result').first().waitFor();
    const all = page.locator('.search-filter[aria-current="true"]');
    expect(await all.textContent()).toMatch(/^全部\d+$/);
    await shot(page, 'search-page-member1');
    const evidence = page.locator('.search-filter', { hasText: '佐证材料' });
    if ((await evidence.locator('.search-filter__n').textContent()) !== '0') {
      await evidence.click();
      await page.waitForURL((u) => u.searchParams.get('kind') === 'evidence');
      const first = page.locator('.search-result').first();
      await expect
        .poll(() => first.getAttribute('href'))
        .toMatch(/^\/review\/[^?]+\?evidence=[^&]+/);
    }
    await context.close();
  });

  it('member1 records an interview and writes it up live', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = await signIn(context, server.url, 'member1');
    await page.goto(`${server.url}/interviews`);
    await page.getByRole('button', { name: '新建谈话记录' }).click();
    const form = page.locator('.iv-form');
    await form.getByLabel('被巡视单位').selectOption({ label: '教务处' });
    await form.getByLabel('谈话日期').fill('2025-04-08');
    await form.getByLabel('谈话地点').fill('行政楼 302 会议室');
    await form.getByLabel('谈话对象姓名').fill('赵六');
    await form.getByLabel('谈话对象职务').fill('教务处副处长');
    await form.getByRole('checkbox', { name: /修订本科生导师制实施办法/ }).check();
    await shot(page, 'interviews-member1-new');
    await form.getByRole('button', { name: '创建记录' }).click();

    await page.waitForURL((u) => u.searchParams.has('interview'));
    const detail = page.locator('.iv-detail');
    await detail.waitFor();
    expect(await detail.locator('.iv-facts__name').textContent()).toBe('赵六');
    // The list never names the interviewee.
    expect(await page.locator('.iv-list').textContent()).not.toContain('赵六');

    const text = detail.getByRole('textbox', { name: '谈话内容' });
    await text.click();
    await page.keyboard.type('问：导师制实施办法修订后，导师考核如何落实？');
    await page.keyboard.press('Enter');
    await page.keyboard.type('答：已制定考核细则，2023年秋季学期首次考核，结果尚未运用。');
    await expect
      .poll(() => page.locator('.save-state').textContent(), { timeout: 15_000 })
      .toContain('已保存');
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    await shot(page, 'interviews-member1-record');

    // Reopened, the record is still there: it was stored, not only typed.
    await page.reload();
    await expect
      .poll(() => detail.getByRole('textbox', { name: '谈话内容' }).textContent(), {
        timeout: 15_000,
      })
      .toContain('结果尚未运用');
    await context.close();
  });
});
