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

/**
 * The administrator's screens end to end on the demo round: an account is
 * created, seated in 第一巡视组, recused from 教务处 and disabled, and the
 * audit log shows each of those changes.
 */
run('administrator screens (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'zh-CN',
    });
    page = await signIn(context, server.url, 'admin');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const userRow = () => page.locator('tbody tr', { hasText: 'member9' });
  const groupCard = (name: string) =>
    page.locator('section.adm-card', { has: page.getByRole('heading', { name, exact: true }) });

  it('creates an account with an initial password', async () => {
    await page.goto(`${server.url}/admin/users`);
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
    await expect
      .poll(() => page.locator('tbody tr', { hasText: 'member1' }).textContent())
      .toContain('组员 · 第一巡视组');
    await screenshot(page, 'admin-users');

    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('member9');
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect.poll(() => dialog.textContent()).toContain('请填写姓名。');
    await screenshot(page, 'admin-users-create-invalid');
    await dialog.getByLabel('姓名').fill('赵六');
    await dialog.getByLabel('初始密码').fill('rectify-new-9');
    await dialog.getByRole('button', { name: '创建' }).click();
    await expect.poll(() => userRow().textContent()).toContain('赵六');
    expect(await userRow().textContent()).toContain('已启用');
    expect(await page.locator('.adm-notice').textContent()).toContain('已创建账号：赵六');
  });

  it('seats the account as a member of 第一巡视组', async () => {
    await page.goto(`${server.url}/admin/rounds`);
    const card = groupCard('第一巡视组');
    await expect.poll(() => card.locator('.adm-list__row').count()).toBe(3);
    await screenshot(page, 'admin-rounds-groups');
    await card.getByLabel('人员').selectOption({ label: '赵六（member9）' });
    await card.getByLabel('角色').selectOption('member');
    await card.getByRole('button', { name: '添加' }).click();
    await expect.poll(() => card.locator('.adm-list__row').count()).toBe(4);
    expect(await card.locator('.adm-list__row', { hasText: '赵六' }).textContent()).toContain(
      '组员',
    );

    await page.getByRole('tab', { name: /单位分配/ }).click();
    await expect.poll(() => page.locator('.adm-tabs__panel tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'admin-rounds-units');
    await page.getByRole('tab', { name: /领导小组与联系人/ }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: '被巡视单位联系人' }).count())
      .toBe(1);
    await screenshot(page, 'admin-rounds-seats');
  });

  it('recuses the new member from 教务处', async () => {
    await page.getByRole('tab', { name: /回避/ }).click();
    await page.getByLabel('回避人员').selectOption({ label: '赵六（member9）' });
    await page.getByLabel('回避单位').selectOption({ label: '教务处' });
    await page.getByLabel('事由（可选）').fill('曾在该单位任职');
    await page.getByRole('button', { name: '设为回避' }).click();
    const row = page.locator('.adm-tabs__panel tbody tr', { hasText: '赵六' });
    await expect.poll(() => row.textContent()).toContain('教务处');
    expect(await row.textContent()).toContain('曾在该单位任职');
    await screenshot(page, 'admin-rounds-recusals');
  });

  it('disables the account after asking', async () => {
    await page.goto(`${server.url}/admin/users`);
    await userRow().getByRole('button', { name: '停用 赵六' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('停用 赵六（member9）？');
    await screenshot(page, 'admin-users-disable-confirm');
    await dialog.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => userRow().textContent()).toContain('已停用');
    expect(await userRow().getByRole('button', { name: '启用 赵六' }).count()).toBe(1);
    // The disabled account cannot sign in.
    const status = await page.evaluate(async () => {
      const r = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'member9', password: 'rectify-new-9' }),
      });
      return r.status;
    });
    expect(status).toBe(401);
  });

  it('shows those actions in the audit log, and the chain verifies', async () => {
    await page.goto(`${server.url}/admin/audit`);
    const rows = page.locator('.adm-audit__row');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    const text = (await page.locator('.adm-audit').textContent()) ?? '';
    for (const action of ['user.create', 'membership.create', 'recusal.create', 'user.update']) {
      expect(text).toContain(action);
    }
    expect(await rows.filter({ hasText: 'recusal.create' }).first().textContent()).toContain(
      '设置回避',
    );
    expect(await rows.filter({ hasText: 'membership.create' }).first().textContent()).toContain(
      '分配角色',
    );
    await page.getByRole('button', { name: '核验哈希链' }).click();
    await expect.poll(() => page.locator('.adm-verify--ok').textContent()).toContain('哈希链完整');
    await screenshot(page, 'admin-audit');

    // Only the administrator's user changes: the filters reach the server.
    await page.getByLabel('操作代码').fill('user.*');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await expect
      .poll(async () => (await rows.allTextContents()).every((r) => r.includes('user.')))
      .toBe(true);
    const update = rows.filter({ hasText: 'user.update' }).first();
    await update.getByRole('button', { name: '展开' }).click();
    const seq = await update.getAttribute('data-seq');
    expect(await page.locator(`#adm-audit-${seq}`).textContent()).toContain('active: true → false');
    await screenshot(page, 'admin-audit-filtered');

    // A narrow window keeps every control reachable.
    await page.setViewportSize({ width: 640, height: 900 });
    await page.goto(`${server.url}/admin/rounds`);
    await expect.poll(() => page.locator('section.adm-card').count()).toBe(4);
    await screenshot(page, 'admin-rounds-narrow');
  });
});
