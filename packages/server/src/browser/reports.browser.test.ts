import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  launchChromium,
  SCREENSHOT_DIR,
  screenshot,
  signIn,
  startDemoServer,
} from '../testing/browser.ts';

const run = hasChromium || process.env.CI ? describe : describe.skip;

const LATE = '导师制改革落实不到位';
const OTHER = '实践教学基地管理不规范';
const OPENING =
  '根据校党委巡视工作统一部署，2026年3月2日至4月10日，校党委第一巡视组对教务处开展了中央巡视整改落实情况专项巡视。现将巡视情况反馈如下。';

/** A JSON call from inside the signed-in page: same origin, session cookie. */
async function api(page: Page, method: string, path: string, body?: unknown) {
  const res = await page.evaluate(
    async ([m, p, b]) => {
      const r = await fetch(p as string, {
        method: m as string,
        headers: b === undefined ? {} : { 'content-type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: r.status, text: await r.text() };
    },
    [method, path, body] as const,
  );
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
  return JSON.parse(res.text);
}

/** Screenshots from the top of the page, where the sticky bars belong. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

run('feedback report and rectification follow-up (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let leader: Page;
  let unit: Page;
  let member: Page;
  let roundId: string;
  let lateId: string;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    const viewport = { width: 1440, height: 900 };
    leader = await signIn(await browser.newContext({ viewport }), server.url, 'leader1');
    unit = await signIn(
      await browser.newContext({ viewport, acceptDownloads: true }),
      server.url,
      'unit1',
    );
    member = await signIn(await browser.newContext({ viewport }), server.url, 'member1');

    // Two approved findings of 教务处, as the findings screens would leave them.
    const rounds: Array<{ id: string; state: string }> = await api(leader, 'GET', '/api/rounds');
    roundId = rounds.find((r) => r.state === 'active')!.id;
    const rows: Array<{ unit: { id: string; name: string } | null }> = await api(
      leader,
      'GET',
      `/api/rounds/${roundId}/reports`,
    );
    const unitId = rows.find((r) => r.unit?.name === '教务处')!.unit!.id;
    const create = async (title: string, deadline: string, facts: string, aspect: string) => {
      const f = await api(leader, 'POST', `/api/rounds/${roundId}/findings`, {
        unitId,
        title,
        questions: ['Q3'],
        aspect,
        requirement: '限期整改到位，建立长效机制',
        deadline,
      });
      await server.db.sql`UPDATE findings SET description_text = ${facts} WHERE id = ${f.id}`;
      for (const to of ['confirmed', 'approved']) {
        await api(leader, 'POST', `/api/findings/${f.id}/transitions`, { to, comment: '' });
      }
      return f.id as string;
    };
    lateId = await create(
      LATE,
      '2026-01-15',
      '抽查12个学院，5个学院未建立导师工作台账，导师指导记录缺失。',
      'A2',
    );
    await create(OTHER, '2099-12-31', '3个实践教学基地协议已过期，未及时续签。', 'A1');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 90_000);

  it('leader1 drafts 教务处’s report, edits the opening and issues it', async () => {
    await leader.goto(`${server.url}/reports`);
    const row = leader.locator('.rp-list__row', { hasText: '教务处' });
    await row.waitFor();
    await row.getByRole('button', { name: /起草/ }).click();
    await leader.locator('.rp-sheet h2.rp-title').waitFor();
    expect(await leader.locator('.rp-sheet h2.rp-title').textContent()).toContain('关于对教务处');
    await expect.poll(() => leader.locator('.rp-sheet .rp-problem').count()).toBeGreaterThan(1);

    // The opening is co-edited live: typed, stored as it is typed, and the preview follows.
    const opening = leader.locator('.rp-live__field[data-field="opening"] .ProseMirror');
    await opening.waitFor();
    await expect.poll(() => opening.textContent()).toContain('根据校党委统一部署');
    await opening.click();
    await leader.keyboard.press('ControlOrMeta+a');
    await leader.keyboard.insertText(OPENING);
    await expect
      .poll(() => leader.locator('.rp-sheet').first().textContent(), { timeout: 15_000 })
      .toContain(OPENING);
    const signature = leader.getByLabel('落款');
    await signature.fill('校党委巡视工作领导小组第一巡视组');
    await signature.press('Tab');
    await expect.poll(() => leader.locator('.rp-form__status').textContent()).toBe('已保存');
    await shot(leader, 'reports-leader1-draft');
    await leader.locator('.rp-live').scrollIntoViewIfNeeded();
    await leader
      .locator('.rp-view__side')
      .screenshot({ path: join(SCREENSHOT_DIR, 'reports-leader1-live-texts.png') });

    await leader.getByRole('button', { name: '签发', exact: true }).click();
    const dialog = leader.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('签发不可撤销');
    await screenshot(leader, 'reports-leader1-issue-dialog');
    await dialog.getByRole('button', { name: '确认签发' }).click();
    await leader.locator('.rp-sha').waitFor();
    expect(await leader.locator('.rp-sha').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await leader.locator('.rp-live__field').count()).toBe(0);
    await shot(leader, 'reports-leader1-issued');
  }, 90_000);

  it('unit1 reads the issued report on /feedback and downloads the very file that was issued', async () => {
    await unit.goto(`${server.url}/feedback`);
    await unit.locator('.fb-report').waitFor();
    const sha = (await unit.locator('.fb-head .rp-sha').textContent())!;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(await unit.locator('.fb-table tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await unit.locator('.fb-table').textContent()).toContain(LATE);
    expect(await unit.locator('.rp-sheet').first().textContent()).toContain(OPENING);
    await shot(unit, 'reports-unit1-feedback');

    const [download] = await Promise.all([
      unit.waitForEvent('download'),
      unit.getByRole('link', { name: '下载正式文件（DOCX）' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/反馈意见\.docx$/);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha);
  }, 90_000);

  it('unit1 answers on /follow-up with evidence; member1 returns it with a comment', async () => {
    await unit.goto(`${server.url}/follow-up`);
    const card = unit.locator('.fu-card', { hasText: LATE });
    await card.waitFor();
    expect(await card.getAttribute('class')).toContain('fu-card--overdue');
    expect(await card.locator('.fu-deadline').textContent()).toContain('已逾期');
    await card.getByLabel(/^整改措施/).fill('修订《本科生导师制实施办法》，召开专题会议部署');
    await card.getByLabel('整改进展').fill('办法已印发，正在组织导师培训');
    await card.locator('input[type=file]').setInputFiles({
      name: '导师培训通知.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('关于开展2026年本科生导师培训的通知\n培训时间：3月20日\n'),
    });
    await card.locator('.file-row__name', { hasText: '导师培训通知.txt' }).waitFor();
    await card.getByRole('button', { name: '报送巡视组审核' }).click();
    await expect.poll(() => card.locator('.fu-status').textContent()).toBe('待审核');
    await shot(unit, 'reports-unit1-follow-up-answered');

    await member.goto(`${server.url}/reports?tab=follow-up`);
    const review = member.locator('.fu-card', { hasText: LATE });
    await review.waitFor();
    expect(await review.locator('.fu-files').textContent()).toContain('导师培训通知.txt');
    await review.getByLabel('审核意见').fill('佐证材料不足，请补充导师培训签到表和考核记录');
    await review.getByRole('button', { name: '退回补充' }).click();
    await expect.poll(() => member.locator('.fu-notice').textContent()).toBe(`已退回：${LATE}`);
  }, 90_000);

  it('unit1 answers again, and member1 accepts: the finding is closed (销号)', async () => {
    await unit.reload();
    const card = unit.locator('.fu-card', { hasText: LATE });
    await card.waitFor();
    expect(await card.locator('.fu-status').textContent()).toBe('已退回');
    expect(await card.locator('.fu-comment__text').textContent()).toBe(
      '佐证材料不足，请补充导师培训签到表和考核记录',
    );
    // The form starts from the last answer, its evidence included.
    await card.locator('.fu-form .file-row__name', { hasText: '导师培训通知.txt' }).waitFor();
    await card.getByLabel('整改进展').fill('培训已完成，126名导师全部参训并通过考核');
    await card.locator('input[type=file]').setInputFiles({
      name: '培训签到表.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('导师培训签到表：126人\n'),
    });
    await card.locator('.file-row__name', { hasText: '培训签到表.txt' }).waitFor();
    await card.getByRole('button', { name: '报送巡视组审核' }).click();
    await expect.poll(() => card.locator('.fu-status').textContent()).toBe('待审核');

    await member.reload();
    const review = member.locator('.fu-card', { hasText: LATE });
    await review.waitFor();
    await shot(member, 'reports-member1-review');
    await review.getByRole('button', { name: '整改到位，销号' }).click();
    await expect.poll(() => member.locator('.fu-notice').textContent()).toBe(`已销号：${LATE}`);
    const [f] = await server.db.sql<{ state: string }[]>`
      SELECT state FROM findings WHERE id = ${lateId}`;
    expect(f!.state).toBe('closed');

    await unit.reload();
    const closed = unit.locator('.fu-card', { hasText: LATE });
    await closed.waitFor();
    expect(await closed.locator('.fu-status').textContent()).toBe('已销号');
    expect(await closed.locator('.fu-answer').count()).toBe(2);
    expect(await closed.locator('form').count()).toBe(0);
    await shot(unit, 'reports-unit1-follow-up-closed');
  }, 90_000);
});
