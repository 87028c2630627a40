import { readFile } from 'node:fs/promises';
import mammoth from 'mammoth';
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

/** `YYYY-MM-DD`, `days` from today in the browser's (and this process's) time zone. */
function day(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const saveState = (page: Page) => page.locator('.top-bar .save-state');

/**
 * A screenshot of the whole page taken in one viewport as tall as the page,
 * so the sticky top bar and rail are not stitched into the middle of it.
 */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1440, height: 960 };
  // A string, evaluated in the page: this package is compiled without the DOM's types.
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await screenshot(page, name);
  await page.setViewportSize(size);
}

const VIEWPORT = { width: 1440, height: 960 };

run('the leaders’ weekly meeting (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let meetingUrl: string;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a leader schedules a meeting, writes the minutes live, records a decision and an action item, and exports the minutes', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const page = await signIn(context, server.url, 'leader1');
    await page.goto(`${server.url}/meetings`);
    await expect.poll(() => page.getByText('还没有召开过组长例会').count()).toBe(1);
    await shoot(page, 'meetings-empty');

    await page.getByRole('button', { name: '安排例会' }).click();
    await page.getByLabel('会议日期').fill(day(0));
    // The leaders and the leadership group come ticked; take a member along too.
    await expect.poll(() => page.getByLabel('王组长').isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel('领导小组成员').isChecked()).toBe(true);
    await page.getByLabel('张三').check();
    await shoot(page, 'meetings-new');
    await page.getByRole('button', { name: '创建并生成议程' }).click();
    await page.waitForURL((u) => u.searchParams.has('id'));
    meetingUrl = page.url();

    // The generated agenda: one row a group, and the empty cells of the round.
    await expect.poll(() => page.locator('.mt-progress tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.mt-progress tbody tr').first().textContent()).toContain(
      '第一巡视组',
    );
    expect(await page.locator('.mt-head__facts').textContent()).toContain('张三');

    // Minutes, typed into the live document; the top bar follows the server's acknowledgement.
    const minutes = page.locator('.mt-minutes .ProseMirror');
    await expect.poll(() => minutes.getAttribute('contenteditable')).toBe('true');
    await minutes.click();
    await page.getByRole('button', { name: '小标题' }).click();
    await page.keyboard.type('一、工作进展');
    await page.keyboard.press('Enter');
    await page.keyboard.type('会议听取了第一巡视组工作汇报，审阅进度符合预期。');
    await expect.poll(() => saveState(page).textContent(), { timeout: 10_000 }).toBe('已保存');

    await page.getByLabel('决定内容').fill('下周集中审阅研究生院材料');
    await page.getByRole('button', { name: '添加决定' }).click();
    await expect
      .poll(() => page.locator('.mt-decisions__text').allTextContents())
      .toEqual(['下周集中审阅研究生院材料']);

    const add = page.locator('form.mt-add--item');
    await add.getByLabel('事项').fill('约谈教务处负责人');
    await add.locator('select').selectOption({ label: '张三' });
    await add.getByLabel('截止日期').fill(day(7));
    await add.getByRole('button', { name: '添加事项' }).click();
    await expect.poll(() => page.locator('.mt-item').count()).toBe(1);
    await add.getByLabel('事项').fill('补充调阅培养方案修订记录');
    await add.locator('select').selectOption({ label: '王组长' });
    await add.getByLabel('截止日期').fill(day(-1));
    await add.getByRole('button', { name: '添加事项' }).click();
    await expect.poll(() => page.locator('.mt-item').count()).toBe(2);
    // Due yesterday and not done: highlighted as overdue.
    await expect
      .poll(() => page.locator('.mt-item--overdue').textContent())
      .toContain('补充调阅培养方案修订记录');
    expect(await saveState(page).textContent()).toBe('已保存');
    await shoot(page, 'meetings-leader');

    // The DOCX carries the live minutes, the decision and the action items.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出 Word' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = await readFile(await download.path());
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    for (const expected of [
      '组长例会纪要',
      '一、工作进展',
      '会议听取了第一巡视组工作汇报，审阅进度符合预期。',
      '下周集中审阅研究生院材料',
      '约谈教务处负责人',
      '补充调阅培养方案修订记录',
    ]) {
      expect(value).toContain(expected);
    }

    // Printed: no rail, no bar, no controls; the record on the page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.rail').isVisible()).toBe(false);
    expect(await page.locator('.top-bar').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '添加决定' }).isVisible()).toBe(false);
    expect(await page.locator('.mt-minutes .ProseMirror').textContent()).toContain(
      '会议听取了第一巡视组工作汇报',
    );
    // About A4's printable width at 96 dpi (210 mm less the @page margins).
    await page.setViewportSize({ width: 672, height: 1000 });
    await shoot(page, 'meetings-print');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(VIEWPORT);

    // The leadership group reads along live, and cannot change anything.
    const readerContext = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const reader = await signIn(readerContext, server.url, 'leadership');
    await reader.goto(meetingUrl);
    const readMinutes = reader.locator('.mt-minutes .ProseMirror');
    await expect.poll(() => readMinutes.textContent()).toContain('会议听取了第一巡视组工作汇报');
    expect(await readMinutes.getAttribute('contenteditable')).toBe('false');
    expect(await reader.locator('.mt-head__badge').textContent()).toContain('只读');
    expect(await reader.getByRole('button', { name: '添加决定' }).count()).toBe(0);
    expect(await reader.getByRole('button', { name: '重新生成议程' }).count()).toBe(0);
    expect(await reader.locator('.mt-item input[type="checkbox"]:disabled').count()).toBe(2);

    // The schema keeps an empty paragraph after the text: type into it.
    await minutes.locator('p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type('领导小组实时看到这一句。');
    await expect.poll(() => readMinutes.textContent()).toContain('领导小组实时看到这一句。');
    await expect.poll(() => saveState(page).textContent(), { timeout: 10_000 }).toBe('已保存');
    await shoot(reader, 'meetings-leadership');
    // A narrow window still works: one column.
    await page.setViewportSize({ width: 760, height: 1000 });
    await shoot(page, 'meetings-narrow');
    await page.setViewportSize(VIEWPORT);

    // Past meetings stay listed and readable.
    await reader.goto(`${server.url}/meetings`);
    await expect.poll(() => reader.locator('.mt-row').count()).toBe(1);
    await shoot(reader, 'meetings-list');
    expect(await reader.getByRole('button', { name: '安排例会' }).count()).toBe(0);
    await readerContext.close();
    await context.close();
  }, 120_000);

  it('a member is told the meeting is for leaders, and the API hides it', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
    const page = await signIn(context, server.url, 'member1');
    await page.goto(meetingUrl);
    await expect.poll(() => page.getByText('找不到这次例会').count()).toBe(1);
    await page.goto(`${server.url}/meetings`);
    await expect.poll(() => page.getByText('组长例会仅面向各组组长和领导小组').count()).toBe(1);
    await context.close();
  });
});
