import { PDFDocument, StandardFonts } from 'pdf-lib';
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

/** A task 教务处 (unit1's unit) co-handles, which the demo data leaves without a statement. */
const TASK = '优化学科布局';
const FILE_NAME = '实践育人工作材料.pdf';
const PAGE_TWO_MARKER = 'Page two: practice teaching bases signed in 2023';
const STATEMENT = '我处已与12家企业共建实践教学基地，2023年累计安排学生实践4300人次。';

/**
 * Three A4 pages with a line of text each (Helvetica: pdf-lib's standard fonts
 * have no Chinese) and enough filler for the upload to take visible time once
 * the network is throttled.
 */
async function makeEvidencePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const lines = [
    'Page one: summary of practice teaching in 2023',
    PAGE_TWO_MARKER,
    'Page three: student feedback survey',
  ];
  for (const line of lines) {
    const page = pdf.addPage([595, 842]);
    page.drawText(line, { x: 56, y: 780, size: 16, font });
    for (let i = 0; i < 30; i++) {
      page.drawText(`${i + 1}. Record of visit and agreement details`, {
        x: 56,
        y: 740 - i * 20,
        size: 11,
        font,
      });
    }
  }
  // Uncompressed, random filler: keeps the file a few hundred KB so progress can be seen.
  const filler = new Uint8Array(400 * 1024);
  for (let i = 0; i < filler.length; i++) filler[i] = (i * 2654435761) >>> 24;
  pdf.setSubject(Buffer.from(filler).toString('base64'));
  pdf.setCreationDate(new Date('2024-05-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2024-05-01T00:00:00Z'));
  return Buffer.from(await pdf.save());
}

/** Slows the page's uploads so the progress bar is on screen long enough to be seen. */
async function throttleUploads(page: Page, bytesPerSecond: number | null) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond ?? -1,
  });
  // Detaching would end the emulation: the session lives as long as the page.
}

run('a statement with PDF evidence, from the unit portal to the review workspace (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let pdf: Buffer;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    pdf = await makeEvidencePdf();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('unit1 writes a statement, uploads a PDF with progress and submits; member1 reads page 2 beside it', async () => {
    // unit1: the portal.
    const unitContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const unit = await signIn(unitContext, server.url, 'unit1');
    await unit.goto(`${server.url}/tasks`);
    await unit.getByRole('link', { name: TASK }).click();
    await unit.waitForURL(/\/tasks\/[^/]+/);

    const editor = unit.locator('.statement-editor__host .ProseMirror');
    await editor.waitFor();
    await editor.click();
    await unit.keyboard.type(STATEMENT);
    await expect.poll(() => editor.textContent()).toContain('4300人次');

    await throttleUploads(unit, 96 * 1024);
    // Record every progress value the bar shows, from before the upload starts.
    // (A string: the server's TypeScript has no DOM types.)
    await unit.evaluate(`{
      const seen = (window.progressSeen = []);
      new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[role=progressbar]')) {
          seen.push(bar.getAttribute('aria-valuenow') ?? '');
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    }`);
    await unit
      .locator('.drop-zone input[type=file]')
      .setInputFiles({ name: FILE_NAME, mimeType: 'application/pdf', buffer: pdf });
    const bar = unit.getByRole('progressbar', { name: new RegExp(FILE_NAME) });
    await bar.waitFor({ state: 'visible' });
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')))
      .toBeGreaterThan(0);
    await expect
      .poll(() => unit.locator('.file-row__meta').first().textContent())
      .toMatch(/已上传 \d+%|正在检查文件/);
    await screenshot(unit, 'evidence-1-unit1-uploading');

    // Done: the bar goes away and the file is listed among the uploaded evidence.
    await bar.waitFor({ state: 'detached', timeout: 60_000 });
    await throttleUploads(unit, null);
    const uploaded = unit.getByRole('list', { name: '已上传的材料' });
    await expect.poll(() => uploaded.textContent()).toContain(FILE_NAME);
    const seen = (await unit.evaluate('window.progressSeen')) as string[];
    const values = seen.map(Number).filter((n) => Number.isFinite(n));
    expect(values.some((n) => n > 0 && n < 100)).toBe(true);

    const submit = unit.getByRole('button', { name: /^提交第\d+版$/ });
    const version = /第(\d+)版/.exec((await submit.textContent()) ?? '')?.[1];
    expect(version).toBe('1');
    await submit.click();
    const dialog = unit.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认提交' }).click();
    await expect
      .poll(() => unit.getByText('已提交第1版，巡视组现在可以看到这一版。').count())
      .toBe(1);
    // A full-page shot of a scrolled page draws the sticky top bar mid-page.
    await unit.evaluate('window.scrollTo(0, 0)');
    await screenshot(unit, 'evidence-2-unit1-submitted');
    await unitContext.close();

    // member1: the workbench, then the review workspace for that version.
    const memberContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const member = await signIn(memberContext, server.url, 'member1');
    await member.goto(`${server.url}/work`);
    await member.getByRole('link', { name: TASK }).click();
    await member.waitForURL(/\/review\/[^/?]+/);

    const statement = member.locator('.ws-statement');
    await expect
      .poll(() => statement.first().textContent(), { timeout: 20_000 })
      .toContain('4300人次');
    const viewer = member.locator('.ws-viewer');
    await viewer.getByRole('button', { name: new RegExp(FILE_NAME) }).click();
    const pager = viewer.getByRole('navigation', { name: '翻页' });
    await expect.poll(() => pager.textContent(), { timeout: 20_000 }).toMatch(/1\s*\/\s*3/);
    await pager.getByRole('button', { name: '下一页' }).click();
    await expect.poll(() => pager.textContent()).toMatch(/2\s*\/\s*3/);
    // pdf.js drew page 2: its canvas, and its text layer carries page 2's words.
    await expect
      .poll(() => viewer.locator('.textLayer').last().textContent(), { timeout: 20_000 })
      .toContain('practice teaching bases');
    expect(await viewer.locator('canvas.ws-pdf__canvas').count()).toBeGreaterThan(0);
    expect(new URL(member.url()).searchParams.get('page')).toBe('2');
    // Beside it: the statement and the viewer side by side, both on screen.
    const left = await statement.first().boundingBox();
    const right = await viewer.boundingBox();
    expect(left && right && left.x + left.width <= right.x).toBe(true);
    expect(right && right.x + right.width <= 1440).toBe(true);
    await screenshot(member, 'evidence-3-member1-page2');

    // The same place opens from a link, as an annotation would point at it.
    await member.goto(member.url());
    await expect.poll(() => pager.textContent(), { timeout: 20_000 }).toMatch(/2\s*\/\s*3/);
    await expect
      .poll(() => viewer.locator('.textLayer').last().textContent(), { timeout: 20_000 })
      .toContain('practice teaching bases');
    await memberContext.close();
  }, 180_000);
});
