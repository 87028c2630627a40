import type { Sql } from '@rectify/store';
import ExcelJS from 'exceljs';
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

/** How many pixels of a canvas are painted: a chart that drew something has some. */
const paintedPixels = (canvas: HTMLCanvasElement) => {
  const ctx = canvas.getContext('2d');
  if (!ctx || canvas.width === 0 || canvas.height === 0) return 0;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
  return n;
};

/** Two annotations on 教务处's submitted statement (Q3 and Q6), as the collab projection writes them. */
async function seedAnnotations(sql: Sql) {
  const [at] = await sql<
    { roundId: string; unitId: string; groupId: string; taskId: string; versionId: string }[]
  >`
    SELECT s.round_id, s.unit_id, ua.group_id, s.task_id, sv.id AS version_id
    FROM statement_versions sv
    JOIN statements s ON s.id = sv.statement_id
    JOIN units u ON u.id = s.unit_id
    JOIN unit_assignments ua ON ua.unit_id = s.unit_id AND ua.round_id = s.round_id
    WHERE u.name = '教务处'
    LIMIT 1`;
  if (!at) throw new Error('the demo data has no statement of 教务处');
  const [member] = await sql<{ id: string }[]>`SELECT id FROM users WHERE username = 'member1'`;
  for (const [id, q, quote] of [
    ['chart-ann-1', 'Q3', '已全面完成本科生导师制改革'],
    ['chart-ann-2', 'Q6', '制度已修订印发'],
  ] as const) {
    await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, task_id, group_id,
                statement_version_id, step, quote, body_text, author_id)
              VALUES (${id}, ${`review.${at.versionId}`}, ${at.roundId}, ${at.unitId}, ${at.taskId},
                ${at.groupId}, ${at.versionId}, 'S2', ${quote}, '佐证不足', ${member!.id})`;
    await sql`INSERT INTO annotation_questions (annotation_id, question, round_id, unit_id)
              VALUES (${id}, ${q}, ${at.roundId}, ${at.unitId})`;
  }
}

run('findings charts and XLSX exports (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startDemoServer();
    await seedAnnotations(server.db.sql);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws the group progress chart on the overview page', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await signIn(context, server.url, 'leader1');
    await page.goto(`${server.url}/`);
    const canvas = page.locator('.fnd-chart canvas').first();
    await canvas.waitFor();
    expect(await canvas.getAttribute('aria-label')).toMatch(/^各巡视组陈述审阅进度：/);
    await expect.poll(() => canvas.evaluate(paintedPixels)).toBeGreaterThan(100);
    // Week by week, from the timestamps already stored: a line per group.
    const weekly = page.locator('section[aria-label="各组审阅进度（按周）"] canvas');
    await weekly.waitFor();
    expect(await weekly.getAttribute('aria-label')).toMatch(/^各组审阅进度（按周）/);
    await expect.poll(() => weekly.evaluate(paintedPixels)).toBeGreaterThan(100);
    await screenshot(page, 'overview-progress-chart');
    await context.close();
  });

  it('draws the findings charts and offers findings and annotations as XLSX downloads', async () => {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await signIn(context, server.url, 'member1');
    await page.goto(`${server.url}/findings`);
    const link = page.getByRole('link', { name: '导出发现问题 XLSX' });
    await link.waitFor();
    // The roll-up counts the seeded annotations per focus: the charts draw them.
    const focusChart = page.getByRole('img', { name: /^各重点领域的发现问题与批注：/ });
    await focusChart.waitFor();
    await expect.poll(() => focusChart.evaluate(paintedPixels)).toBeGreaterThan(100);
    await screenshot(page, 'findings-exports-and-charts');
    const [annotationsFile] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出批注 XLSX' }).click(),
    ]);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.readFile((await annotationsFile.path())!);
    const quotes = sheet.worksheets[0]!.getColumn(4).values.slice(3);
    expect(quotes).toEqual(['已全面完成本科生导师制改革', '制度已修订印发']);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/发现问题清单\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    expect(wb.worksheets[0]!.getRow(2).getCell(2).value).toBe('发现问题');
    expect(annotationsFile.suggestedFilename()).toMatch(/批注清单\.xlsx$/);
    await context.close();
  });
});
