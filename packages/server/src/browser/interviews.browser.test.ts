/**
 * Interview records as restricted evidence, end to end against the whole
 * product: member1 records an interview, uploads the scan of the signed
 * record (a PDF), annotates a statement at step S3 and links the annotation
 * to the record; member2 (same group, not an interviewer) sees only that a
 * record is linked; unit1 (the unit's contact) and member2 get 404 on the
 * scan's URLs. Screenshots go to test-output/interviews-*.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  launchChromium,
  screenshot,
  signIn,
  startDemoServer,
} from '../testing/browser.ts';

const run = hasChromium || process.env.CI ? describe : describe.skip;

const TASK = '修订本科生导师制实施办法';
const PASSAGE = '每名导师指导学生不超过15人';

/** A one-page PDF with a line of text, its cross-reference table computed. */
function scanPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** From /work, the way a member gets there: the task's link opens its latest statement. */
async function openStatement(page: Page): Promise<void> {
  await page.goto(new URL('/work', page.url()).toString());
  await page.getByRole('link', { name: TASK }).first().click();
  await page.waitForURL(/\/review\/[0-9a-f-]{36}/);
  await expect.poll(() => page.locator('.ws-statement__text').textContent()).toContain(PASSAGE);
}

/** Drags the mouse across `text` in the statement, like a person selecting it. */
async function selectInStatement(page: Page, text: string): Promise<void> {
  const box = await page.evaluate((needle) => {
    const root = document.querySelector('.ws-statement__text');
    if (!root) return undefined;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(needle) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      const first = range.getBoundingClientRect();
      range.setStart(node, at + needle.length - 1);
      range.setEnd(node, at + needle.length);
      const last = range.getBoundingClientRect();
      return {
        x0: first.left + 1,
        y0: first.top + first.height / 2,
        x1: last.right - 1,
        y1: last.top + last.height / 2,
      };
    }
    return undefined;
  }, text);
  if (!box) throw new Error(`"${text}" is not in the statement`);
  await page.mouse.move(box.x0, box.y0);
  await page.mouse.down();
  await page.mouse.move(box.x1, box.y1, { steps: 8 });
  await page.mouse.up();
}

run('interview records as restricted evidence (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  async function as(name: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    contexts.push(context);
    const page = await signIn(context, server.url, name);
    page.on('pageerror', (e) => pageErrors.push(`${name}: ${e.message}`));
    return page;
  }

  it('member1 records an interview, uploads the signed scan, links an S3 annotation to it; unit1 gets 404 on the scan', async () => {
    const page = await as('member1');

    // 1. The record.
    await page.goto(`${server.url}/interviews?new=1`);
    const form = page.locator('.iv-form');
    await form.getByLabel('被巡视单位').selectOption({ label: '教务处' });
    await form.getByLabel('谈话日期').fill('2025-04-08');
    await form.getByLabel('谈话地点').fill('行政楼 302 会议室');
    await form.getByLabel('谈话对象姓名').fill('赵六');
    await form.getByLabel('谈话对象职务').fill('教务处副处长');
    await form.getByRole('checkbox', { name: new RegExp(TASK) }).check();
    await form.getByRole('button', { name: '创建记录' }).click();
    await page.waitForURL((u) => u.searchParams.has('interview'));
    const interviewId = new URL(page.url()).searchParams.get('interview')!;

    // 2. The scan, through the drop zone's file picker, with its progress.
    const files = page.locator('.iv-files');
    await files.waitFor();
    expect(await files.textContent()).toContain('还没有附件');
    await files.locator('input[type="file"]').setInputFiles({
      name: '谈话记录（签字）.pdf',
      mimeType: 'application/pdf',
      buffer: scanPdf('Signed interview record 2025-04-08'),
    });
    const row = files.locator('.file-row', { hasText: '谈话记录（签字）.pdf' });
    await row.locator('a[download]').waitFor();
    const href = (await row.locator('a[download]').getAttribute('href'))!;
    expect(href).toMatch(/^\/api\/evidence\/[0-9a-f-]{36}\/download$/);
    const evidenceId = href.split('/')[3]!;
    // A mismatched file is refused with the server's words.
    await files.locator('input[type="file"]').setInputFiles({
      name: '伪装.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('this is not a pdf at all'),
    });
    await files.locator('.file-row--failed').waitFor();
    expect(await files.locator('.file-row--failed [role="alert"]').textContent()).not.toBe('');
    await files.getByRole('button', { name: '移除 伪装.pdf' }).click();
    // Opened inline: pdf.js draws the page.
    await row.getByRole('button', { name: '谈话记录（签字）.pdf', exact: true }).click();
    await files.locator('.iv-files__preview canvas').waitFor({ timeout: 20_000 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'interviews-attachment-member1');

    // 3. An S3 annotation in the review workspace, linked to the record.
    await openStatement(page);
    await selectInStatement(page, PASSAGE);
    await page.keyboard.press('Control+m');
    const card = page.locator('.ws-card', { hasText: PASSAGE });
    await expect.poll(() => card.count()).toBe(1);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('ws-card')))
      .toBe(true);
    await page.keyboard.press('Alt+3');
    await card.getByRole('button', { name: '关联谈话记录' }).click();
    const choice = card.locator('.ws-ivlink__choice').first();
    await choice.waitFor();
    expect(await choice.textContent()).toContain('涉及本任务');
    expect(await card.textContent()).not.toContain('赵六');
    await screenshot(page, 'interviews-link-picker-member1');
    await choice.click();
    const link = card.locator('a.ws-ivlink__open');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/interviews?interview=${interviewId}`);
    expect(await link.textContent()).toContain('谈话人：');
    expect(await card.textContent()).not.toContain('赵六');
    await expect
      .poll(() => page.locator('output.save-state').textContent(), { timeout: 10_000 })
      .toContain('已保存');
    await screenshot(page, 'interviews-link-member1');
    // The projection knows the link: what a finding shows is built from it.
    const reviewUrl = page.url();

    // The link opens the record.
    await link.click();
    await page.waitForURL((u) => u.searchParams.get('interview') === interviewId);
    await page.locator('.iv-detail').waitFor();

    // 4. member2, same group but not an interviewer: the card says only that a record is linked.
    const other = await as('member2');
    await other.goto(reviewUrl);
    const otherCard = other.locator('.ws-card', { hasText: PASSAGE });
    await otherCard.locator('.ws-ivlink__hidden').waitFor({ timeout: 15_000 });
    expect(await otherCard.textContent()).toContain('已关联谈话记录（无权查看）');
    expect(await otherCard.locator('a.ws-ivlink__open').count()).toBe(0);
    expect(await otherCard.textContent()).not.toContain('赵六');
    await screenshot(other, 'interviews-link-hidden-member2');

    // 5. The scan's URLs: 200 for the interviewer, 404 for the unit's contact and member2.
    const unit = await as('unit1');
    const statuses: Record<string, Record<string, number>> = {};
    for (const [who, p] of [
      ['member1', page],
      ['member2', other],
      ['unit1', unit],
    ] as const) {
      statuses[who] = {};
      for (const path of ['download', 'raw', 'preview', 'pages/1/text']) {
        const res = await p.request.get(`${server.url}/api/evidence/${evidenceId}/${path}`);
        statuses[who]![path] = res.status();
      }
    }
    expect(statuses).toEqual({
      member1: { download: 200, raw: 200, preview: 200, 'pages/1/text': 200 },
      member2: { download: 404, raw: 404, preview: 404, 'pages/1/text': 404 },
      unit1: { download: 404, raw: 404, preview: 404, 'pages/1/text': 404 },
    });
    expect(pageErrors).toEqual([]);
  });
});
