import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caretToEnd,
  hasChromium,
  launchChromium,
  screenshot,
  signIn,
  startDemoServer,
} from '../testing/browser.ts';

const run = hasChromium || process.env.CI ? describe : describe.skip;

const VIEWPORT = { width: 1280, height: 900 };
/**
 * How long to wait for one leader to see what the other typed. It arrives in
 * milliseconds (bench/ measures fan-out); the bound is generous so a loaded CI
 * machine never fails on timing: this test pins down that it arrives at all.
 */
const LIVE_MS = 10_000;

/** `YYYY-MM-DD` today in this process's (and the browser's) time zone. */
function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function api(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any }> {
  const r = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : undefined };
}

async function login(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'rectify-demo' }),
  });
  expect(r.status).toBe(200);
  return ((await r.json()) as { token: string }).token;
}

const saveState = (page: Page) => page.locator('.top-bar .save-state');
const minutesOf = (page: Page) => page.locator('.mt-minutes .ProseMirror');

/** The minutes' paragraphs, without the other leader's caret and its name label. */
const paragraphsOf = (minutes: Locator) =>
  minutes.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.ws-caret')) caret.remove();
    return [...copy.querySelectorAll('p')].map((p) => p.textContent ?? '');
  });

/** Milliseconds until `text` shows in `minutes` (fails after LIVE_MS). */
async function timeUntilShown(minutes: Locator, text: string): Promise<number> {
  const start = Date.now();
  await expect
    .poll(() => minutes.textContent(), { timeout: LIVE_MS, interval: 20 })
    .toContain(text);
  return Date.now() - start;
}

run('two group leaders co-edit the minutes live (browser)', () => {
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let browser: Browser;
  let meetingId: string;
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    // The demo has one leader: the administrator seats a second one, of 第二巡视组.
    const admin = await login(server.url, 'admin');
    const rounds = await api(server.url, admin, 'GET', '/api/rounds');
    const roundId = rounds.json[0].id as string;
    const groups = await api(server.url, admin, 'GET', `/api/rounds/${roundId}/groups`);
    const second = (groups.json as Array<{ id: string; name: string }>).find(
      (g) => g.name === '第二巡视组',
    );
    expect(second).toBeDefined();
    const user = await api(server.url, admin, 'POST', '/api/users', {
      username: 'leader2',
      displayName: '赵组长',
      password: 'rectify-demo',
    });
    expect(user.status).toBe(201);
    const seat = await api(server.url, admin, 'POST', `/api/rounds/${roundId}/memberships`, {
      userId: user.json.id,
      role: 'leader',
      groupId: second!.id,
    });
    expect(seat.status).toBe(201);
    const meeting = await api(
      server.url,
      await login(server.url, 'leader1'),
      'POST',
      `/api/rounds/${roundId}/meetings`,
      { heldOn: today() },
    );
    expect(meeting.status).toBe(201);
    meetingId = meeting.json.id;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('leader1 and leader2 type into the same minutes; each sees the other’s words live, and both are saved', async () => {
    const contexts = await Promise.all([
      browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' }),
      browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' }),
    ]);
    try {
      const one = await signIn(contexts[0], server.url, 'leader1');
      const two = await signIn(contexts[1], server.url, 'leader2');
      await Promise.all([
        one.goto(`${server.url}/meetings?id=${meetingId}`),
        two.goto(`${server.url}/meetings?id=${meetingId}`),
      ]);
      const a = minutesOf(one);
      const b = minutesOf(two);
      await expect.poll(() => a.getAttribute('contenteditable')).toBe('true');
      await expect.poll(() => b.getAttribute('contenteditable')).toBe('true');
      // Each sees the other here (presence), before anyone types.
      await expect.poll(() => one.locator('.mt-minutes [title="赵组长"]').count()).toBe(1);
      await expect.poll(() => two.locator('.mt-minutes [title="王组长"]').count()).toBe(1);

      // leader1 writes; leader2 sees it.
      await a.click();
      await one.keyboard.type('一、第一组审阅教务处。');
      const seenByTwo = await timeUntilShown(b, '一、第一组审阅教务处。');

      // leader2 adds a paragraph after it (Ctrl+End: the end of the text); leader1 sees it.
      // Enter waits until leader2's editor holds the caret at the end (see caretToEnd).
      await b.click();
      await caretToEnd(two, b);
      await two.keyboard.press('Enter');
      await two.keyboard.type('二、第二组约谈科研处。');
      const seenByOne = await timeUntilShown(a, '二、第二组约谈科研处。');

      // Both at once: each keeps typing where their caret is, at the end of their own paragraph
      // (the other's edits move it along, as they would for a person).
      await Promise.all([one.keyboard.type('（已约谈）'), two.keyboard.type('（已通知）')]);
      // One document: both pages come to hold exactly the same paragraphs.
      const expected = ['一、第一组审阅教务处。（已约谈）', '二、第二组约谈科研处。（已通知）'];
      await expect
        .poll(() => paragraphsOf(a), { timeout: LIVE_MS, interval: 20 })
        .toEqual(expected);
      await expect
        .poll(() => paragraphsOf(b), { timeout: LIVE_MS, interval: 20 })
        .toEqual(expected);

      await expect.poll(() => saveState(one).textContent(), { timeout: 10_000 }).toBe('已保存');
      await expect.poll(() => saveState(two).textContent(), { timeout: 10_000 }).toBe('已保存');
      await screenshot(one, 'meetings-two-leaders-leader1');
      await screenshot(two, 'meetings-two-leaders-leader2');

      // The server keeps the co-edited text in the meeting's row (search, export).
      await expect
        .poll(async () => {
          const [row] = await server.db.sql<{ t: string }[]>`
            SELECT minutes_text AS t FROM meetings WHERE id = ${meetingId}`;
          return row?.t ?? '';
        })
        .toBe(expected.join('\n'));
      console.log(
        `live: leader2 saw leader1 after ${seenByTwo} ms, leader1 saw leader2 after ${seenByOne} ms`,
      );
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  }, 120_000);
});
