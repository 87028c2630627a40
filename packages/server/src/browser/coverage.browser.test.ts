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

type Plan = Array<{
  unit: string;
  questions: string[];
  status: 'open' | 'resolved';
  author: 'member1' | 'member2' | 'leader1';
  quote: string;
  body: string;
}>;

/** Annotations across group 1's statements, written as the collab projection writes them. */
const PLAN: Plan = [
  {
    unit: '教务处',
    questions: ['Q3'],
    status: 'open',
    author: 'member1',
    quote: '经校长办公会审议通过后印发施行',
    body: '只见印发文件，未见落实记录。',
  },
  {
    unit: '教务处',
    questions: ['Q3', 'Q6'],
    status: 'open',
    author: 'member2',
    quote: '覆盖全部本科专业',
    body: '抽查名单与表述不符，需核实。',
  },
  {
    unit: '教务处',
    questions: ['Q3'],
    status: 'resolved',
    author: 'leader1',
    quote: '教务处每学期开展一次抽查',
    body: '已补充抽查记录。',
  },
  {
    unit: '教务处',
    questions: ['Q2'],
    status: 'open',
    author: 'member1',
    quote: '推动导师制由“有”向“优”转变',
    body: '表态多于举措。',
  },
  {
    unit: '教务处',
    questions: ['Q8'],
    status: 'resolved',
    author: 'member2',
    quote: '会同人事处完善导师考核结果运用',
    body: '协同已有会议纪要佐证。',
  },
  {
    unit: '教务处',
    questions: ['Q5'],
    status: 'open',
    author: 'member1',
    quote: '纳入教师年度考核',
    body: '长效机制是否运行，需看考核结果。',
  },
  {
    unit: '研究生院',
    questions: ['Q1'],
    status: 'open',
    author: 'member2',
    quote: '研究生',
    body: '主体责任表述笼统。',
  },
  {
    unit: '研究生院',
    questions: ['Q5'],
    status: 'resolved',
    author: 'member1',
    quote: '研究生',
    body: '补充材料后可认定。',
  },
];

async function seedAnnotations(sql: Sql) {
  const versions = await sql<
    { unitName: string; roundId: string; unitId: string; taskId: string; versionId: string }[]
  >`
    SELECT DISTINCT ON (u.name) u.name AS unit_name, s.round_id, s.unit_id, s.task_id,
      sv.id AS version_id
    FROM statement_versions sv
    JOIN statements s ON s.id = sv.statement_id
    JOIN units u ON u.id = s.unit_id
    ORDER BY u.name,
      (SELECT count(*) FROM statement_version_evidence e WHERE e.statement_version_id = sv.id) DESC,
      sv.id`;
  const users = await sql<{ username: string; id: string }[]>`SELECT username, id FROM users`;
  const userId = (name: string) => users.find((u) => u.username === name)!.id;
  let n = 0;
  for (const a of PLAN) {
    const at = versions.find((v) => v.unitName === a.unit);
    if (!at) continue;
    const id = `e2e-cov-${++n}`;
    await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, task_id,
                statement_version_id, step, status, quote, body_text, author_id)
              VALUES (${id}, ${`review.${at.versionId}`}, ${at.roundId}, ${at.unitId}, ${at.taskId},
                ${at.versionId}, 'S1', ${a.status}, ${a.quote}, ${a.body}, ${userId(a.author)})`;
    for (const q of a.questions) {
      await sql`INSERT INTO annotation_questions (annotation_id, question, round_id, unit_id)
                VALUES (${id}, ${q}, ${at.roundId}, ${at.unitId})`;
    }
  }
  return versions;
}

/** Screenshots from the top of the page, where the sticky bars belong. */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

run('coverage heatmap (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startDemoServer();
    const versions = await seedAnnotations(server.db.sql);
    if (!versions.some((v) => v.unitName === '教务处')) {
      throw new Error('the demo data has no statement of 教务处');
    }
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('member1 sees group 1’s matrix, with counts, gaps, and the annotations behind a cell', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await signIn(context, server.url, 'member1');
    await page.goto(`${server.url}/coverage`);
    const table = page.getByRole('table', { name: '第一巡视组：单位 × 问题覆盖矩阵' });
    await table.waitFor();
    expect(await page.locator('.cov-unit__name').allTextContents()).toEqual(
      expect.arrayContaining(['教务处', '研究生院', '学生工作部']),
    );
    expect(await page.locator('.cov-q__code').allTextContents()).toHaveLength(12);
    expect(await page.locator('.cov-focus').count()).toBe(4);

    const q3 = page.getByRole('button', { name: /^教务处 · Q3：未解决 2，已解决 1/ });
    expect(await q3.getAttribute('aria-label')).toContain('批注人：');
    // Every cell of 学生工作部's row (no statement annotated) is a gap.
    const gaps = page.getByRole('button', { name: /^学生工作部 · Q\d+：空缺/ });
    expect(await gaps.count()).toBe(12);
    await shot(page, 'coverage-member1-matrix');

    await q3.click();
    const panel = page.getByRole('complementary', { name: '单元格批注' });
    await expect.poll(() => panel.locator('.cov-trail__item').count()).toBe(3);
    expect(await panel.locator('.cov-trail__open').first().getAttribute('href')).toMatch(
      /^\/review\/[0-9a-f-]{36}$/,
    );
    await shot(page, 'coverage-member1-cell');

    // The keyboard does the same: move to Q2, open it with Enter.
    await q3.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await expect.poll(() => panel.locator('.cov-panel__code').textContent()).toBe('Q2');
    await expect.poll(() => panel.locator('.cov-trail__item').count()).toBe(1);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    // Focus stays on the cell, so the keyboard user carries on from there.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /^教务处 · Q2/,
    );

    // Following a link opens the review workspace of that statement.
    await q3.click();
    await panel.locator('.cov-trail__open').first().click();
    await page.waitForURL(/\/review\/[0-9a-f-]{36}$/);
    await context.close();
  }, 90_000);

  it('member1 makes a cell a finding from the matrix: its annotations come with it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await signIn(context, server.url, 'member1');
    await page.goto(`${server.url}/coverage`);
    await page.getByRole('button', { name: /^教务处 · Q3：未解决 2，已解决 1/ }).click();
    const panel = page.getByRole('complementary', { name: '单元格批注' });
    await expect.poll(() => panel.locator('.cov-trail__item').count()).toBe(3);
    await panel.getByRole('button', { name: '生成发现问题' }).click();
    await page.waitForURL(/\/findings\?finding=[0-9a-f-]{36}$/);
    const title = page.locator('.fnd-panel__title');
    await title.waitFor();
    expect(await title.textContent()).toMatch(/^Q3 /);
    await expect.poll(() => page.locator('.fnd-trail__item').count()).toBe(3);
    await shot(page, 'coverage-member1-cell-finding');
    await context.close();
  }, 90_000);

  it('the leadership group switches between groups, read-only', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await signIn(context, server.url, 'leadership');
    await page.goto(`${server.url}/coverage`);
    const picker = page.getByRole('combobox', { name: '巡视组' });
    await picker.waitFor();
    await page.getByRole('table', { name: /第一巡视组/ }).waitFor();
    await picker.selectOption({ label: '第二巡视组' });
    await page.getByRole('table', { name: /第二巡视组/ }).waitFor();
    expect(await page.locator('.cov-unit__name').allTextContents()).toEqual(
      expect.arrayContaining(['党委组织部']),
    );
    await shot(page, 'coverage-leadership-group2');
    await context.close();
  });

  it('a unit contact has no coverage to see', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await signIn(context, server.url, 'unit1');
    const res = await page.request.get(`${server.url}/api/rounds/${await roundId()}/coverage`);
    expect(res.status()).toBe(404);
    await context.close();
  });

  async function roundId(): Promise<string> {
    const [r] = await server.db.sql<{ id: string }[]>`SELECT id FROM rounds LIMIT 1`;
    return r!.id;
  }
});
