import { textDocBody } from '@rectify/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { SaveIndicator } from '../../components/save-indicator.tsx';
import type { MeResponse } from '../../lib/contracts.ts';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SaveStateProvider } from '../../lib/save-state.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { me, ROUND } from '../../test/fixtures.ts';
import { json, mockFetch, renderApp, type } from '../../test/render.tsx';
import { fakeLive, meeting, PEOPLE, SUMMARIES } from './meeting-fixtures.ts';
import { MeetingsRoute } from './meetings-route.tsx';

const LEADER = me([{ role: 'leader', groupId: 'g1', unitId: null }]);
const LEADERSHIP = me([{ role: 'leadership', groupId: null, unitId: null }]);
const MEMBER = me([{ role: 'member', groupId: 'g1', unitId: null }]);

function minutesDoc(text?: string) {
  const doc = new Y.Doc();
  if (text) {
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    t.insert(0, text);
    p.insert(0, [t]);
    textDocBody(doc).insert(0, [p]);
  }
  return doc;
}

function renderMeetings(
  path: string,
  who: MeResponse,
  live = fakeLive(minutesDoc(), { readOnly: who === LEADERSHIP }),
) {
  window.history.replaceState(null, '', path);
  const view = renderApp(() => (
    <SessionProvider me={who}>
      <RoundProvider>
        <SaveStateProvider>
          <SaveIndicator />
          <MeetingsRoute openLive={() => live.live} />
        </SaveStateProvider>
      </RoundProvider>
    </SessionProvider>
  ));
  return { ...view, live };
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
const button = (root: HTMLElement, label: string) =>
  [...root.querySelectorAll('button')].find((b) => text(b) === label);

describe('/meetings (leaders’ weekly meeting)', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists the round’s meetings newest first, each with its decisions and open items', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/overview': () => json(404, {}),
      'GET /api/rounds/r1/meetings': () => json(200, SUMMARIES),
    });
    const view = renderMeetings('/meetings', LEADER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelectorAll('.mt-row')).toHaveLength(2));
    const rows = [...view.container.querySelectorAll('.mt-row')];
    expect(rows.map((r) => r.getAttribute('href'))).toEqual(['/meetings?id=m2', '/meetings?id=m1']);
    expect(text(rows[0]?.querySelector('.mt-row__day'))).toBe('9');
    expect(text(rows[0]?.querySelector('.mt-row__meta'))).toBe('决定 0 项未完成事项 1 项');
    expect(text(rows[0])).toContain('最近一次');
    expect(text(rows[1])).not.toContain('最近一次');
    expect(button(view.container, '安排例会')).toBeDefined();
  });

  it('tells a member that the meeting is for leaders when the server hides it', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/meetings': () =>
        json(404, { error: { code: 'not_found', message: 'Not found.' } }),
    });
    const view = renderMeetings('/meetings', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.textContent).toContain('组长例会仅面向各组组长和领导小组'),
    );
    expect(button(view.container, '安排例会')).toBeUndefined();
  });

  it('offers the leadership group no way to schedule when there is no meeting yet', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/meetings': () => json(200, []),
    });
    const view = renderMeetings('/meetings', LEADERSHIP);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.textContent).toContain('还没有召开过组长例会'));
    expect(view.container.textContent).toContain('组长安排例会后');
    expect(button(view.container, '安排例会')).toBeUndefined();
  });

  it('schedules a meeting with its date and attendees, leaders and leadership ticked, then opens it', async () => {
    let sent: unknown;
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/meetings': () => json(200, []),
      'GET /api/rounds/r1/meetings/people': () => json(200, PEOPLE),
      'POST /api/rounds/r1/meetings': (init) => {
        sent = JSON.parse(String(init?.body));
        return json(201, meeting({ id: 'm9' }));
      },
      'GET /api/meetings/m9': () => json(200, meeting({ id: 'm9' })),
    });
    const view = renderMeetings('/meetings', LEADER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(button(view.container, '安排例会')).toBeDefined());
    button(view.container, '安排例会')?.click();
    await vi.waitFor(() =>
      expect(view.container.querySelectorAll('.mt-people input[type="checkbox"]')).toHaveLength(4),
    );
    const boxes = [...view.container.querySelectorAll<HTMLInputElement>('.mt-people input')];
    const ticked = () =>
      boxes.filter((b) => b.checked).map((b) => text(b.closest('label')?.querySelector('span')));
    await vi.waitFor(() => expect(ticked()).toEqual(['领导小组成员', '张三', '赵组长']));
    // Take 李四 along too.
    boxes[2]?.click();
    const date = view.container.querySelector<HTMLInputElement>('input[type="date"]')!;
    type(date, '2025-03-16');
    view.container.querySelector<HTMLFormElement>('form.mt-new')?.requestSubmit();
    await vi.waitFor(() => expect(window.location.search).toBe('?id=m9'));
    expect(sent).toEqual({
      heldOn: '2025-03-16',
      title: '组长例会',
      attendeeIds: ['p-lead', 'u1', 'p-l2', 'p-m1'],
    });
  });

  it('shows the generated agenda: progress per group by step, gaps, new findings, overdue items', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/meetings/m2': () => json(200, meeting()),
      'GET /api/rounds/r1/meetings/people': () => json(200, PEOPLE),
    });
    const view = renderMeetings('/meetings?id=m2', LEADER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.mt-progress')).not.toBeNull());
    const head = [...view.container.querySelectorAll('.mt-progress thead th')].map(text);
    expect(head).toEqual(['巡视组', '已审阅 / 已提交', '批注', 'S1', 'S2', 'S3', '未标', '空白格']);
    const rows = [...view.container.querySelectorAll('.mt-progress tbody tr')].map((tr) =>
      [...tr.children].map(text),
    );
    expect(rows).toEqual([
      ['第一巡视组2 家单位', '4 / 10', '7新增 3', '5', '2', '0', '0', '21'],
      ['第二巡视组1 家单位', '0 / 0', '1', '0', '0', '0', '1', '12'],
    ]);
    const gaps = [...view.container.querySelectorAll('.mt-gaps__row')].map((r) => ({
      unit: text(r.querySelector('.mt-gaps__unit')),
      qs: [...r.querySelectorAll('.mt-q')].map(text),
    }));
    expect(gaps).toEqual([
      { unit: '教务处第一巡视组', qs: ['Q2', 'Q5', 'Q12'] },
      { unit: '科研处第二巡视组', qs: ['Q1–Q2'] },
    ]);
    expect(text(view.container.querySelector('.mt-findings__row'))).toBe(
      '新增导师制落实不到位教务处第一巡视组草稿',
    );
    expect(text(view.container.querySelector('.mt-overdue__row'))).toContain('约谈教务处负责人');
    expect(text(view.container.querySelector('.mt-agenda .mt-card__meta'))).toContain(
      '统计自 2025年3月2日 例会以来',
    );
  });

  it('records decisions and action items, and ticks an item done', async () => {
    const calls: Array<{ what: string; body: unknown }> = [];
    let current = meeting();
    const answer = (what: string, next: () => void) => (init: RequestInit | undefined) => {
      calls.push({ what, body: init?.body ? JSON.parse(String(init.body)) : null });
      next();
      return json(200, current);
    };
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/meetings/m2': () => json(200, current),
      'GET /api/rounds/r1/meetings/people': () => json(200, PEOPLE),
      'POST /api/meetings/m2/decisions': answer('decision', () => {
        current = {
          ...current,
          decisions: [...current.decisions, { id: 'd2', text: '约谈研究生院', createdAt: '' }],
        };
      }),
      'DELETE /api/meetings/m2/decisions/d1': answer('remove', () => {
        current = { ...current, decisions: current.decisions.filter((d) => d.id !== 'd1') };
      }),
      'POST /api/meetings/m2/action-items': answer('item', () => {
        current = {
          ...current,
          actionItems: [
            ...current.actionItems,
            {
              id: 'ai3',
              title: '调阅会议记录',
              owner: { id: 'p-m1', displayName: '李四' },
              dueOn: '2025-03-20',
              done: false,
              doneAt: null,
              overdue: false,
            },
          ],
        };
      }),
      'PATCH /api/action-items/ai1': answer('done', () => {
        current = {
          ...current,
          actionItems: current.actionItems.map((a) =>
            a.id === 'ai1' ? { ...a, done: true, overdue: false } : a,
          ),
        };
      }),
    });
    const view = renderMeetings('/meetings?id=m2', LEADER);
    cleanup = view.dispose;
    const c = view.container;
    await vi.waitFor(() => expect(c.querySelector('.mt-decisions')).not.toBeNull());

    type(c.querySelector<HTMLInputElement>('#mt-decision-text')!, '约谈研究生院');
    c.querySelector<HTMLFormElement>('.mt-decisions form')?.requestSubmit();
    await vi.waitFor(() =>
      expect([...c.querySelectorAll('.mt-decisions__text')].map(text)).toEqual([
        '下周集中审阅研究生院材料',
        '约谈研究生院',
      ]),
    );
    c.querySelector<HTMLButtonElement>(
      '[aria-label="删除决定：下周集中审阅研究生院材料"]',
    )?.click();
    await vi.waitFor(() =>
      expect([...c.querySelectorAll('.mt-decisions__text')].map(text)).toEqual(['约谈研究生院']),
    );

    // The overdue item stands out until it is done.
    const overdue = c.querySelector('.mt-item--overdue');
    expect(text(overdue?.querySelector('.mt-item__title'))).toBe('补充调阅培养方案已逾期');
    c.querySelector<HTMLInputElement>('[aria-label="“补充调阅培养方案”已完成"]')?.click();
    await vi.waitFor(() => expect(c.querySelector('.mt-item--overdue')).toBeNull());

    await vi.waitFor(() => expect(c.querySelectorAll('.mt-add--item option')).toHaveLength(5));
    const form = c.querySelector<HTMLFormElement>('.mt-add--item')!;
    type(form.querySelector<HTMLInputElement>('input[type="text"]')!, '调阅会议记录');
    const owner = form.querySelector<HTMLSelectElement>('select')!;
    owner.value = 'p-m1';
    owner.dispatchEvent(new Event('change', { bubbles: true }));
    type(form.querySelector<HTMLInputElement>('input[type="date"]')!, '2025-03-20');
    form.requestSubmit();
    await vi.waitFor(() => expect(c.querySelectorAll('.mt-item')).toHaveLength(3));

    expect(calls).toEqual([
      { what: 'decision', body: { text: '约谈研究生院' } },
      { what: 'remove', body: null },
      { what: 'done', body: { done: true } },
      { what: 'item', body: { title: '调阅会议记录', ownerId: 'p-m1', dueOn: '2025-03-20' } },
    ]);
  });

  it('binds the minutes to the live document and shows its saves in the top bar', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/meetings/m2': () => json(200, meeting()),
      'GET /api/rounds/r1/meetings/people': () => json(200, PEOPLE),
    });
    const live = fakeLive(minutesDoc('会议听取了第一组工作汇报。'));
    const view = renderMeetings('/meetings?id=m2', LEADER, live);
    cleanup = view.dispose;
    const c = view.container;
    await vi.waitFor(() =>
      expect(text(c.querySelector('.mt-minutes .ProseMirror'))).toBe('会议听取了第一组工作汇报。'),
    );
    expect(c.querySelector('.mt-minutes .ProseMirror')?.getAttribute('contenteditable')).toBe(
      'true',
    );
    expect(c.querySelector('[role="toolbar"]')).not.toBeNull();
    await vi.waitFor(() => expect(text(c.querySelector('.save-state'))).toBe('已保存'));
    live.setSave('saving');
    await vi.waitFor(() => expect(text(c.querySelector('.save-state'))).toBe('保存中…'));
    expect(c.querySelector('.mt-head a[download]')?.getAttribute('href')).toBe(
      '/api/meetings/m2/minutes.docx',
    );
  });

  it('lets the leadership group read everything and change nothing', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/meetings/m2': () => json(200, meeting({ canEdit: false })),
    });
    const view = renderMeetings(
      '/meetings?id=m2',
      LEADERSHIP,
      fakeLive(minutesDoc('纪要正文'), { readOnly: true }),
    );
    cleanup = view.dispose;
    const c = view.container;
    await vi.waitFor(() =>
      expect(text(c.querySelector('.mt-minutes .ProseMirror'))).toBe('纪要正文'),
    );
    expect(c.querySelector('.mt-minutes .ProseMirror')?.getAttribute('contenteditable')).toBe(
      'false',
    );
    expect(text(c.querySelector('.mt-head__badge'))).toBe('只读');
    expect(c.querySelector('[role="toolbar"]')).toBeNull();
    expect(c.querySelector('.mt-add')).toBeNull();
    expect(button(c, '重新生成议程')).toBeUndefined();
    expect(c.querySelectorAll('.mt-item input[type="checkbox"]:disabled')).toHaveLength(2);
    expect(c.querySelector('.mt-item select')).toBeNull();
    expect(text(c.querySelector('.mt-item__owner'))).toBe('李四');
    // Export and print stay: reading includes taking a copy.
    expect(c.querySelector('.mt-head a[download]')).not.toBeNull();
    expect(button(c, '打印')).toBeDefined();
  });
});
