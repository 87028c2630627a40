import type { Sql } from '@rectify/store';
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
 * Annotations on 教务处's submitted statement, written as the collab
 * projection writes them: two on Q3 (one pointing at evidence page 2) and one
 * on Q6, so the findings page suggests two cells.
 */
async function seedAnnotations(sql: Sql) {
  const [at] = await sql<
    {
      roundId: string;
      unitId: string;
      groupId: string;
      taskId: string;
      versionId: string;
      evidenceId: string;
    }[]
  >`
    SELECT s.round_id, s.unit_id, ua.group_id, s.task_id, sv.id AS version_id, e.id AS evidence_id
    FROM statement_versions sv
    JOIN statements s ON s.id = sv.statement_id
    JOIN units u ON u.id = s.unit_id
    JOIN unit_assignments ua ON ua.unit_id = s.unit_id AND ua.round_id = s.round_id
    JOIN statement_version_evidence sve ON sve.statement_version_id = sv.id
    JOIN evidence e ON e.id = sve.evidence_id
    WHERE u.name = '教务处'
    ORDER BY e.original_name
    LIMIT 1`;
  if (!at) throw new Error('the demo data has no statement of 教务处 with evidence');
  const [member] = await sql<{ id: string }[]>`SELECT id FROM users WHERE username = 'member1'`;
  const annotation = async (
    id: string,
    questions: string[],
    quote: string,
    body: string,
    page: number | null,
  ) => {
    await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, task_id, group_id,
                statement_version_id, step, quote, body_text, evidence_id, evidence_page, author_id)
              VALUES (${id}, ${`review.${at.versionId}`}, ${at.roundId}, ${at.unitId}, ${at.taskId},
                ${at.groupId}, ${at.versionId}, 'S2', ${quote}, ${body},
                ${page === null ? null : at.evidenceId}, ${page}, ${member!.id})`;
    for (const q of questions) {
      await sql`INSERT INTO annotation_questions (annotation_id, question, round_id, unit_id)
                VALUES (${id}, ${q}, ${at.roundId}, ${at.unitId})`;
    }
  };
  await annotation(
    'e2e-ann-1',
    ['Q3'],
    '已全面完成本科生导师制改革',
    '佐证只有印发文件，没有落实记录。',
    2,
  );
  await annotation('e2e-ann-2', ['Q3'], '导师覆盖率达到100%', '抽查名单与表述不符。', null);
  await annotation('e2e-ann-3', ['Q6'], '制度已修订印发', '以制定制度代替整改。', null);
  return at;
}

/** Screenshots from the top of the page, where the sticky bars belong. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

async function move(page: Page, button: string, comment: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('说明（可选）').fill(comment);
  await dialog.getByRole('button', { name: '确定', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

run('findings from annotations to approval (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  const title = '导师制改革存在“纸面整改”';
  beforeAll(async () => {
    server = await startDemoServer();
    await seedAnnotations(server.db.sql);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('member1 creates a finding from a suggested cell, fills it in and confirms it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await signIn(context, server.url, 'member1');
    await page.goto(`${server.url}/findings`);
    const create = page.getByRole('button', { name: '为 教务处 的 Q3 生成发现问题' });
    await create.waitFor();
    await expect.poll(() => page.locator('.fnd-cell').count()).toBe(2);
    await shot(page, 'findings-member1-suggestions');

    await create.click();
    const panel = page.getByRole('complementary', { name: '发现问题详情' });
    await expect
      .poll(() => panel.locator('.fnd-panel__title').textContent())
      .toContain('Q3 是否存在“纸面整改”');
    // The cell's two annotations came along, with the evidence page one points at.
    await expect.poll(() => panel.locator('.fnd-trail__item').count()).toBe(2);
    const evidence = panel.locator('.fnd-trail__evidence');
    expect(await evidence.getAttribute('href')).toMatch(
      /^\/review\/[0-9a-f-]+\?evidence=.+&page=2$/,
    );
    // Q3 now has a finding; only the Q6 cell is still suggested.
    await expect.poll(() => page.locator('.fnd-cell').count()).toBe(1);

    await panel.getByLabel('标题', { exact: true }).fill(title);
    await panel
      .getByLabel('问题描述')
      .fill('表述称已全面完成改革，佐证仅有制度文件，缺少落实记录。');
    await panel.getByLabel('严重程度').selectOption('major');
    await panel.getByLabel('方面').selectOption('A2');
    await panel.getByRole('checkbox', { name: /立行立改/ }).check();
    await panel.getByLabel('整改要求').fill('限期完善导师遴选与考核机制，报送落实情况。');
    await panel.getByRole('button', { name: '保存修改' }).click();
    await expect.poll(() => panel.locator('.fnd-form__status').textContent()).toBe('已保存');
    await expect.poll(() => panel.locator('.fnd-panel__title').textContent()).toBe(title);

    await move(page, '组内确认', '小组讨论一致同意');
    await expect
      .poll(() => panel.locator('.fnd-panel__badges .fnd-state').textContent())
      .toBe('已确认');
    expect(await panel.locator('.fnd-lifecycle__wait').first().textContent()).toBe('待组长审定');
    await expect
      .poll(() => panel.locator('.fnd-history__comment').allTextContents())
      .toEqual(['小组讨论一致同意']);
    await shot(page, 'findings-member1-confirmed');

    // Approval is the leader's: the server refuses a member who asks anyway.
    const status = await page.evaluate(async (id) => {
      const r = await fetch(`/api/findings/${id}/transitions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ to: 'approved', comment: '' }),
      });
      return r.status;
    }, new URL(page.url()).searchParams.get('finding'));
    expect(status).toBe(403);
    await context.close();
  });

  it('leader1 approves it, and the history says who did what', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await signIn(context, server.url, 'leader1');
    await page.goto(`${server.url}/findings`);
    const row = page.locator('.fnd-row', { hasText: title });
    await row.waitFor();
    expect(await row.locator('.fnd-immediate').textContent()).toBe('立行立改');
    await row.click();
    const panel = page.getByRole('complementary', { name: '发现问题详情' });
    await panel.locator('.fnd-panel__title', { hasText: title }).waitFor();
    // The form shows what member1 saved.
    await expect.poll(() => panel.getByLabel('严重程度').inputValue()).toBe('major');
    expect(await panel.getByLabel('方面').inputValue()).toBe('A2');
    expect(await panel.getByRole('checkbox', { name: /立行立改/ }).isChecked()).toBe(true);
    await move(page, '组长审定', '同意');
    await expect
      .poll(() => panel.locator('.fnd-panel__badges .fnd-state').textContent())
      .toBe('已审定');
    await expect.poll(() => row.locator('.fnd-state').textContent()).toBe('已审定');
    const history = await panel.locator('.fnd-history__line').allTextContents();
    expect(history.map((h) => h.replace(/\s+/g, ' ').trim())).toEqual([
      '张三 创建草稿',
      '张三 草稿 → 已确认',
      '王组长 已确认 → 已审定',
    ]);
    await shot(page, 'findings-leader1-approved');

    // A narrow window: the finding opens above the list.
    await page.setViewportSize({ width: 820, height: 1000 });
    await shot(page, 'findings-leader1-narrow');
    await context.close();
  });

  it('leadership reads the finding without any way to change it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await signIn(context, server.url, 'leadership');
    await page.goto(`${server.url}/findings`);
    await page.locator('.fnd-row', { hasText: title }).click();
    const panel = page.getByRole('complementary', { name: '发现问题详情' });
    await panel.locator('.fnd-summary').waitFor();
    expect(await panel.locator('input, textarea, select').count()).toBe(0);
    expect(await panel.locator('.fnd-lifecycle__actions').count()).toBe(0);
    expect(await page.locator('.fnd-suggest').count()).toBe(0);
    await shot(page, 'findings-leadership-readonly');
    await context.close();
  });
});
