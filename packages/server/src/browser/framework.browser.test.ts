/// <reference lib="dom" />
/**
 * Rounds and the framework end to end, against the whole product: the
 * administrator creates a round as a copy of the demo round, then renames Q3
 * and adds a thirteenth question in the demo round's framework; member1's
 * earlier annotation keeps Q3's old wording, a new one takes the new wording,
 * and the tag picker offers Q13. Then the administrator closes the demo round
 * (member1's workspace becomes unavailable) and reopens it (it is back).
 * Screenshots go to test-output/framework-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  launchChromium,
  screenshot,
  signIn,
  startDemoServer,
} from '../testing/browser.ts';
import { selectInStatement } from '../testing/workspace-page.ts';

const run = hasChromium || process.env.CI ? describe : describe.skip;

const DEMO_ROUND = '十九届中央巡视整改落实情况专项巡视（演示）';
const COPY_ROUND = '2026年度整改专项巡视（复制演示轮次）';
const TASK = '修订本科生导师制实施办法';
const OLD_PASSAGE = '每名导师指导学生不超过15人';
const NEW_PASSAGE = '教务处每学期开展一次抽查';
const Q3_RENAMED = '是否存在“材料整改”“空转整改”情况';
const Q13_ZH = '是否及时向师生公开整改进展并接受监督';
const Q13_EN = 'Is rectification progress shared with staff and students in time?';

/** Annotates `passage` with Ctrl+M and tags it with the 3 key (the round's third question). */
async function annotateWithQ3(page: Page, passage: string) {
  await selectInStatement(page, passage);
  await page.keyboard.press('Control+m');
  const card = page.locator('.ws-card', { hasText: passage });
  await expect.poll(() => card.count()).toBe(1);
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.classList.contains('ws-card')))
    .toBe(true);
  await page.keyboard.press('3');
  await expect.poll(() => card.locator('.ws-chip__code').allTextContents()).toEqual(['Q3']);
  return card;
}

const saveState = (page: Page) => page.locator('output.save-state').textContent();

run('rounds and the framework editor (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let admin: Page;
  let member: Page;
  let statementUrl = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    const options = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN' };
    admin = await signIn(await browser.newContext(options), server.url, 'admin');
    admin.setDefaultTimeout(8000);
    member = await signIn(await browser.newContext(options), server.url, 'member1');
    for (const [who, page] of [
      ['admin', admin],
      ['member1', member],
    ] as const) {
      page.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message}`));
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Picks a round in the top bar's round switcher. */
  async function chooseRound(page: Page, name: string) {
    await page.locator('.round-switcher__trigger').click();

    await page
      .getByRole('menuitemradio', { name: new RegExp(name.replace(/[()（）]/g, '.')) })
      .click();
    await expect.poll(() => page.locator('.round-switcher__trigger').textContent()).toContain(name);
    // The switcher's menu stays open after a choice (a radio menu); close it as a person would.
    if (await page.getByRole('menu').isVisible()) await page.keyboard.press('Escape');
  }

  it('member1 tags a passage with Q3 under the framework’s first version', async () => {
    await member.goto(`${server.url}/work`);
    await member.getByRole('link', { name: TASK }).first().click();
    await member.waitForURL(/\/review\/[0-9a-f-]{36}/);
    statementUrl = member.url();
    await expect
      .poll(() => member.locator('.ws-statement__text').textContent())
      .toContain(OLD_PASSAGE);
    const card = await annotateWithQ3(member, OLD_PASSAGE);
    await expect.poll(() => card.locator('.ws-chip__label').textContent()).toBe('纸面整改');
    await expect.poll(() => saveState(member), { timeout: 10_000 }).toContain('已保存');
  });

  it('the administrator creates a round as a copy of the demo round', async () => {
    await admin.goto(`${server.url}/admin/rounds`);
    await expect.poll(() => admin.locator('.fw-lifecycle .badge').textContent()).toBe('进行中');
    await admin.getByRole('button', { name: '新建轮次' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('轮次名称').fill(COPY_ROUND);
    await dialog.getByLabel('问题框架来源').selectOption({ label: `复制自：${DEMO_ROUND}` });
    await expect.poll(() => dialog.textContent()).toContain('复制自所选轮次');
    await screenshot(admin, 'framework-1-create-copy');
    await dialog.getByRole('button', { name: '创建轮次' }).click();
    await expect.poll(() => admin.locator('.adm-notice').textContent()).toContain(COPY_ROUND);
    // The new round is in setup, and its framework is the copy, as version 1.
    await expect.poll(() => admin.locator('.fw-lifecycle .badge').textContent()).toBe('筹备中');
    await admin.getByRole('link', { name: '问题框架' }).click();
    await expect
      .poll(() => admin.locator('textarea[aria-label="Q3 中文表述"]').inputValue())
      .toBe('是否存在“纸面整改”“落而不实”情况');
    expect(await admin.locator('.fw-bar__version').textContent()).toContain('第 1 版');
  });

  it('the administrator renames Q3 and adds Q13 in the demo round’s framework', async () => {
    await chooseRound(admin, DEMO_ROUND);
    const q3 = admin.locator('textarea[aria-label="Q3 中文表述"]');
    await expect.poll(() => q3.inputValue()).toBe('是否存在“纸面整改”“落而不实”情况');
    await q3.fill(Q3_RENAMED);
    await admin.getByRole('button', { name: '新增问题' }).click();
    const q13 = admin.locator('textarea[aria-label="Q13 中文表述"]');
    await expect.poll(() => q13.count()).toBe(1);
    // The new wording field has focus: the admin just types.
    await expect.poll(() => q13.evaluate((el) => el === document.activeElement)).toBe(true);
    await admin.keyboard.type(Q13_ZH);
    await admin.locator('textarea[aria-label="Q13 英文表述"]').fill(Q13_EN);
    await expect.poll(() => admin.locator('.fw-bar').textContent()).toContain('有未保存的修改');
    await screenshot(admin, 'framework-2-editing');
    await admin.getByRole('button', { name: '保存为第 2 版' }).click();
    await expect
      .poll(() => admin.locator('.adm-notice').textContent())
      .toContain('已保存为第 2 版');
    await expect.poll(() => admin.locator('.fw-history__item').count()).toBe(2);
    // History: version 1 still has the old wording, read-only.
    await admin.locator('.fw-history__item', { hasText: '第 1 版' }).click();
    await expect.poll(() => q3.inputValue()).toBe('是否存在“纸面整改”“落而不实”情况');
    expect(await q3.getAttribute('readonly')).not.toBeNull();
    await screenshot(admin, 'framework-3-history-v1');
    await admin.getByRole('button', { name: '返回当前版本' }).click();
    await expect.poll(() => q3.inputValue()).toBe(Q3_RENAMED);
  });

  it('member1 sees Q13 and the renamed Q3 in the tag picker, and the old annotation keeps the old wording', async () => {
    await member.goto(statementUrl);
    const old = member.locator('.ws-card', { hasText: OLD_PASSAGE });
    await expect.poll(() => old.locator('.ws-chip__label').textContent()).toBe('纸面整改');
    expect(await old.locator('.ws-chip').getAttribute('title')).toContain('第 1 版表述');

    const fresh = await annotateWithQ3(member, NEW_PASSAGE);
    await expect.poll(() => fresh.locator('.ws-chip__label').textContent()).toBe('材料整改');
    await fresh.locator('.ws-tag-toggle').click();
    const picker = fresh.locator('.ws-tags-picker');
    await expect
      .poll(() => picker.locator('.ws-tags-picker__code').allTextContents())
      .toContain('Q13');
    expect(await picker.locator('.ws-tags-picker__q', { hasText: 'Q13' }).textContent()).toContain(
      Q13_ZH,
    );
    expect(
      await picker.locator('.ws-tags-picker__q', { hasText: 'Q3' }).first().textContent(),
    ).toContain(Q3_RENAMED);
    await screenshot(member, 'framework-4-member-picker');
    await picker.locator('.ws-tags-picker__q', { hasText: 'Q13' }).scrollIntoViewIfNeeded();
    await screenshot(member, 'framework-4b-member-picker-q13');
    await picker.locator('.ws-tags-picker__q', { hasText: 'Q13' }).click();
    await expect
      .poll(() => fresh.locator('.ws-chip__code').allTextContents())
      .toEqual(['Q3', 'Q13']);
    await expect.poll(() => saveState(member), { timeout: 10_000 }).toContain('已保存');
  });

  it('closing the demo round ends member1’s access; reopening restores it', async () => {
    const versionId = statementUrl.match(/review\/([0-9a-f-]{36})/)?.[1];
    await admin.getByRole('link', { name: '轮次设置' }).click();
    await expect.poll(() => admin.locator('.fw-lifecycle .badge').textContent()).toBe('进行中');
    await admin.getByRole('button', { name: '结束轮次' }).click();
    const dialog = admin.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('失去对本轮次工作底稿的访问权限');
    await dialog.getByLabel('说明（可选）').fill('演示轮次结束，转入归档');
    await screenshot(admin, 'framework-5-close-confirm');
    await dialog.getByRole('button', { name: '结束轮次' }).click();
    await expect.poll(() => admin.locator('.fw-lifecycle .badge').textContent()).toBe('已结束');
    await screenshot(admin, 'framework-6-closed');

    // Over HTTP: the statement version is refused to member1, still readable by the administrator.
    const asMember = await member.request.get(`${server.url}/api/statement-versions/${versionId}`);
    expect([403, 404]).toContain(asMember.status());
    const asAdmin = await admin.request.get(`${server.url}/api/statement-versions/${versionId}`);
    expect(asAdmin.status()).toBe(200);

    await member.goto(statementUrl);
    await expect
      .poll(() => member.locator('.notice__title').textContent())
      .toMatch(/页面不存在|没有访问权限/);
    await screenshot(member, 'framework-7-member-closed');

    await admin.getByRole('button', { name: '重新开启' }).click();
    await expect.poll(() => dialog.textContent()).toContain('成员将恢复对本轮次的访问');
    await dialog.getByRole('button', { name: '重新开启' }).click();
    await expect.poll(() => admin.locator('.fw-lifecycle .badge').textContent()).toBe('进行中');

    await member.goto(statementUrl);
    await expect
      .poll(() => member.locator('.ws-statement__text').textContent())
      .toContain(OLD_PASSAGE);
    await expect
      .poll(() =>
        member
          .locator('.ws-card', { hasText: NEW_PASSAGE })
          .locator('.ws-chip__code')
          .allTextContents(),
      )
      .toEqual(['Q3', 'Q13']);
    await screenshot(member, 'framework-8-member-reopened');
    expect(pageErrors).toEqual([]);
  });
});
