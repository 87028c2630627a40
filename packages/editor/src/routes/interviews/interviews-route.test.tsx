import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Interview } from '../../components/interviews/interviews-api.ts';
import { SaveIndicator } from '../../components/save-indicator.tsx';
import type { MeResponse } from '../../lib/contracts.ts';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SaveStateProvider } from '../../lib/save-state.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { me, ROUND } from '../../test/fixtures.ts';
import { json, mockFetch, renderApp, type } from '../../test/render.tsx';
import { InterviewsRoute } from './interviews-route.tsx';
import { fakeLive, interview, PEOPLE, recordDoc, TASKS, UNITS } from './test-data.ts';

const MEMBER = me([{ role: 'member', groupId: 'g1', unitId: null }]);

function renderInterviews(path: string, live = fakeLive(recordDoc()), who: MeResponse = MEMBER) {
  window.history.replaceState(null, '', path);
  const view = renderApp(() => (
    <SessionProvider me={who}>
      <RoundProvider>
        <SaveStateProvider>
          <SaveIndicator />
          <InterviewsRoute openLive={live.open} />
        </SaveStateProvider>
      </RoundProvider>
    </SessionProvider>
  ));
  return { ...view, live };
}

const here = () => `${window.location.pathname}${window.location.search}`;
const base = (list: Interview[]) => ({
  'GET /api/rounds': () => json(200, [ROUND]),
  'GET /api/rounds/r1/interviews': () => json(200, list),
  'GET /api/rounds/r1/units': () => json(200, UNITS),
  'GET /api/rounds/r1/interviews/people': () => json(200, PEOPLE),
  'GET /api/rounds/r1/units/unit-jwc/tasks': () => json(200, TASKS),
});

describe('/interviews', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists records by date with unit and interviewers, never the interviewee, under the confidentiality notice', async () => {
    mockFetch(
      base([
        interview(),
        interview({
          id: 'iv2',
          heldOn: '2025-04-10',
          unit: { id: 'unit-yjs', name: '研究生院' },
          interviewers: [{ id: 'u1', displayName: '张三' }],
          interviewee: { name: '钱七', post: '研究生院院长' },
        }),
      ]),
    );
    const view = renderInterviews('/interviews');
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelectorAll('.iv-row')).toHaveLength(2));
    const c = view.container;
    expect(c.querySelector('.iv-notice')?.textContent).toContain('谈话记录属于严格保密材料');
    const rows = [...c.querySelectorAll('.iv-row')].map((r) => ({
      unit: r.querySelector('.iv-row__unit')?.textContent,
      by: r.querySelector('.iv-row__by')?.textContent,
      href: r.getAttribute('href'),
    }));
    expect(rows).toEqual([
      { unit: '研究生院', by: '谈话人：张三', href: '/interviews?interview=iv2' },
      { unit: '教务处', by: '谈话人：张三、李四', href: '/interviews?interview=iv1' },
    ]);
    expect(c.querySelector('.iv-layout__list')?.textContent).not.toMatch(/赵六|钱七/);
    expect(c.querySelector('.iv-pick__title')?.textContent).toBe('选择左侧的一份记录查看详情');
  });

  it('opens a record with its details and the co-edited text; the top bar follows its saves', async () => {
    mockFetch({ ...base([interview()]), 'GET /api/interviews/iv1': () => json(200, interview()) });
    const live = fakeLive(recordDoc('谈话对象称导师制已全面落实。'));
    const view = renderInterviews('/interviews?interview=iv1', live);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.iv-detail')).not.toBeNull());
    const c = view.container;
    expect(c.querySelector('.iv-detail__title')?.textContent).toMatch(/^教务处 · 2025/);
    expect(c.querySelector('.iv-facts__name')?.textContent).toBe('赵六');
    expect(c.querySelector('.iv-facts__post')?.textContent).toBe('教务处副处长');
    expect(c.querySelector('.iv-tasks')?.textContent).toBe('修订本科生导师制实施办法');
    expect(c.querySelector('.iv-row[aria-current="true"]')?.getAttribute('href')).toBe(
      '/interviews?interview=iv1',
    );
    expect(live.opened).toEqual(['interview.iv1']);
    await vi.waitFor(() =>
      expect(c.querySelector('.live-text__field .ProseMirror')?.textContent).toBe(
        '谈话对象称导师制已全面落实。',
      ),
    );
    expect(c.querySelector('.live-text__field .ProseMirror')?.getAttribute('contenteditable')).toBe(
      'true',
    );
    live.setSave('saving');
    await vi.waitFor(() => expect(c.querySelector('.save-state')?.textContent).toContain('保存中'));
    live.setSave('saved');
    await vi.waitFor(() => expect(c.querySelector('.save-state')?.textContent).toContain('已保存'));
  });

  it('says a record is not there when the server will not show it', async () => {
    mockFetch({
      ...base([]),
      'GET /api/interviews/iv9': () =>
        json(404, { error: { code: 'not_found', message: 'Not found' } }),
    });
    const view = renderInterviews('/interviews?interview=iv9');
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelector('.iv-layout__main .state__title')?.textContent).toBe(
        '这份记录不存在，或你无权查看',
      ),
    );
  });

  it('records a new interview: the group’s units, co-interviewers and the unit’s tasks', async () => {
    const created = interview({ id: 'iv-new', recordDoc: 'interview.iv-new' });
    let posted: Record<string, unknown> | undefined;
    mockFetch({
      ...base([]),
      'POST /api/rounds/r1/interviews': (init) => {
        posted = JSON.parse(String(init?.body));
        return json(201, created);
      },
      'GET /api/interviews/iv-new': () => json(200, created),
    });
    const view = renderInterviews('/interviews');
    cleanup = view.dispose;
    const c = view.container;
    await vi.waitFor(() =>
      expect(c.querySelector('.state__title')?.textContent).toBe('还没有谈话记录'),
    );
    const newButton = [...c.querySelectorAll('button')].find(
      (b) => b.textContent === '新建谈话记录',
    );
    newButton!.click();
    expect(here()).toBe('/interviews?new=1');
    const select = await vi.waitFor(() => {
      const el = c.querySelector<HTMLSelectElement>('.iv-form select');
      expect(el?.options.length).toBe(3);
      return el!;
    });
    // Only the units of the member's own group.
    expect([...select.options].map((o) => o.textContent)).toEqual([
      '请选择单位',
      '教务处',
      '研究生院',
    ]);
    select.value = 'unit-jwc';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(c.querySelectorAll('.iv-check')).toHaveLength(5));
    const checks = [...c.querySelectorAll<HTMLLabelElement>('.iv-check')];
    const me = checks[0]!.querySelector('input')!;
    expect(checks[0]!.textContent).toBe('张三（我）');
    expect(me.checked).toBe(true);
    expect(me.disabled).toBe(true);
    checks[1]!.querySelector('input')!.click(); // 李四
    checks[4]!.querySelector('input')!.click(); // 推进本科培养方案修订

    const inputs = [...c.querySelectorAll<HTMLInputElement>('.iv-form input.input')];
    const byLabel = (text: string) =>
      inputs.find((i) => i.closest('label')?.querySelector('.field__label')?.textContent === text)!;
    type(byLabel('谈话日期'), '2025-04-12');
    type(byLabel('谈话地点'), '教务处会议室');
    const submit = c.querySelector<HTMLButtonElement>('.iv-form button[type="submit"]')!;
    submit.click();
    expect(c.querySelector('.iv-form .form-problem')?.textContent).toBe('请填写谈话对象姓名。');
    type(byLabel('谈话对象姓名'), '孙八');
    type(byLabel('谈话对象职务'), '教学办主任');
    submit.click();
    await vi.waitFor(() => expect(here()).toBe('/interviews?interview=iv-new'));
    expect(posted).toEqual({
      unitId: 'unit-jwc',
      heldOn: '2025-04-12',
      place: '教务处会议室',
      intervieweeName: '孙八',
      intervieweePost: '教学办主任',
      interviewerIds: ['u2'],
      taskIds: ['t12'],
    });
    await vi.waitFor(() => expect(c.querySelector('.iv-detail')).not.toBeNull());
    expect(c.querySelectorAll('.iv-row')).toHaveLength(1);
  });

  it('changes a record’s details and refuses to leave it without interviewers', async () => {
    let patched: Record<string, unknown> | undefined;
    mockFetch({
      ...base([interview()]),
      'GET /api/interviews/iv1': () => json(200, interview()),
      'PATCH /api/interviews/iv1': (init) => {
        patched = JSON.parse(String(init?.body));
        return json(200, interview({ place: '图书馆 201' }));
      },
    });
    const view = renderInterviews('/interviews?interview=iv1');
    cleanup = view.dispose;
    const c = view.container;
    await vi.waitFor(() => expect(c.querySelector('.iv-detail')).not.toBeNull());
    [...c.querySelectorAll('button')].find((b) => b.textContent === '编辑信息')!.click();
    await vi.waitFor(() => expect(c.querySelectorAll('.iv-check')).toHaveLength(5));
    const people = [...c.querySelectorAll<HTMLInputElement>('.iv-check input')].slice(0, 2);
    for (const p of people) p.click();
    c.querySelector<HTMLButtonElement>('.iv-form button[type="submit"]')!.click();
    expect(c.querySelector('.iv-form .form-problem')?.textContent).toBe('至少需要一名谈话人。');
    people[0]!.click();
    const place = [...c.querySelectorAll<HTMLInputElement>('.iv-form input.input')].find(
      (i) => i.value === '行政楼 302 会议室',
    )!;
    type(place, '图书馆 201');
    c.querySelector<HTMLButtonElement>('.iv-form button[type="submit"]')!.click();
    await vi.waitFor(() => expect(c.querySelector('.iv-detail')).not.toBeNull());
    expect(patched).toMatchObject({
      place: '图书馆 201',
      interviewerIds: ['u1'],
      taskIds: ['t11'],
    });
    expect(c.querySelector('.iv-facts')?.textContent).toContain('图书馆 201');
  });
});
