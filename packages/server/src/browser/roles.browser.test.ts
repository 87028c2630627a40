import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  launchChromium,
  screenshot,
  signIn,
  startDemoServer,
} from '../testing/browser.ts';

const run = hasChromium || process.env.CI ? describe : describe.skip;

run('each role sees only its own screens (browser)', () => {
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

  it('a unit contact sees the unit portal entries and none of the inspectors’ pages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await signIn(context, server.url, 'unit1');
    const rail = page.getByRole('navigation', { name: /主导航|导航/ });
    await expect.poll(() => rail.textContent()).toContain('整改任务');
    const text = (await rail.textContent()) ?? '';
    for (const hidden of ['覆盖情况', '发现问题', '组长例会', '谈话记录', '审计日志']) {
      expect(text).not.toContain(hidden);
    }
    await screenshot(page, 'roles-unit1');
    // The inspectors' overview API refuses the unit contact even if asked directly.
    const status = await page.evaluate(async () => {
      const rounds = (await (await fetch('/api/rounds')).json()) as Array<{ id: string }>;
      const r = await fetch(`/api/rounds/${rounds[0]!.id}/overview`);
      const o = (await r.json()) as { groups?: unknown[] };
      return { status: r.status, groups: o.groups?.length ?? 0 };
    });
    expect(status.groups).toBe(0);
    await context.close();
  });

  it('a member sees the inspectors’ pages and not the unit portal or the admin pages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await signIn(context, server.url, 'member1');
    const rail = page.getByRole('navigation', { name: /主导航|导航/ });
    await expect.poll(() => rail.textContent()).toContain('覆盖情况');
    const text = (await rail.textContent()) ?? '';
    expect(text).toContain('发现问题');
    for (const hidden of ['整改任务', '审计日志', '用户账号']) expect(text).not.toContain(hidden);
    await expect.poll(() => page.getByText('第一巡视组').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText('第二巡视组').count()).toBe(0);
    await screenshot(page, 'roles-member1');
    await context.close();
  });
});
