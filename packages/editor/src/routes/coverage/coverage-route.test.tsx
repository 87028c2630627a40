import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeResponse } from '../../lib/contracts.ts';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { ROUND } from '../../test/fixtures.ts';
import { json, mockFetch, renderApp } from '../../test/render.tsx';
import { CoverageRoute } from './coverage-route.tsx';
import { cellDetail, coverage, LEADERSHIP, MEMBER } from './test-data.ts';

function renderCoverage(path: string, who: MeResponse, lang?: 'zh-CN' | 'en') {
  window.history.replaceState(null, '', path);
  return renderApp(
    () => (
      <SessionProvider me={who}>
        <RoundProvider>
          <CoverageRoute />
        </RoundProvider>
      </SessionProvider>
    ),
    { lang },
  );
}

const text = (el: Element | null | undefined) => el?.textContent?.trim();
const click = (el: Element | null | undefined) =>
  (el as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 }));
const key = (el: Element, k: string) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
const cellAt = (root: HTMLElement, row: number, col: number) =>
  root.querySelector<HTMLButtonElement>(`.cov-cell[data-row="${row}"][data-col="${col}"]`)!;

describe('/coverage', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('draws units as rows and the twelve questions under their four focuses, wording in the title', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () => json(200, coverage()),
    });
    const view = renderCoverage('/coverage', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.cov-matrix')).not.toBeNull());

    const focusHeads = [...view.container.querySelectorAll('.cov-focus')];
    expect(
      focusHeads.map((h) => [text(h.querySelector('.cov-focus__code')), h.getAttribute('colspan')]),
    ).toEqual([
      ['F1', '3'],
      ['F2', '3'],
      ['F3', '3'],
      ['F4', '3'],
    ]);
    const qHeads = [...view.container.querySelectorAll('.cov-q')];
    expect(qHeads.map((h) => text(h.querySelector('.cov-q__code')))).toEqual([
      'Q1',
      'Q2',
      'Q3',
      'Q4',
      'Q5',
      'Q6',
      'Q7',
      'Q8',
      'Q9',
      'Q10',
      'Q11',
      'Q12',
    ]);
    expect(qHeads[2]!.getAttribute('title')).toBe('是否存在“纸面整改”“落而不实”情况');
    expect([...view.container.querySelectorAll('.cov-unit__name')].map(text)).toEqual([
      '教务处',
      '研究生院',
    ]);
    expect(text(view.container.querySelector('.cov-group-name'))).toBe('第一巡视组');
    // No group picker for a member: the server offers one group only.
    expect(view.container.querySelector('.cov-group-picker')).toBeNull();
  });

  it('shows counts as text, shades cells by count, and marks gaps', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () => json(200, coverage()),
    });
    const view = renderCoverage('/coverage', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.cov-cell')).not.toBeNull());

    const q3 = cellAt(view.container, 0, 2);
    expect(text(q3.querySelector('.cov-cell__open'))).toBe('2');
    expect(text(q3.querySelector('.cov-cell__resolved'))).toBe('1');
    expect(q3.getAttribute('aria-label')).toBe(
      '教务处 · Q3：未解决 2，已解决 1，批注人：张三、李四',
    );
    expect(q3.className).toContain('cov-heat-3');

    const q6 = cellAt(view.container, 0, 5);
    expect(q6.querySelector('.cov-cell__open')).toBeNull();
    expect(q6.classList.contains('cov-cell--settled')).toBe(true);

    const gap = cellAt(view.container, 1, 2);
    expect(gap.classList.contains('cov-cell--gap')).toBe(true);
    expect(gap.getAttribute('aria-label')).toBe('研究生院 · Q3：空缺，尚无批注');
    expect(view.container.querySelectorAll('.cov-cell--gap')).toHaveLength(22);

    const stats = [...view.container.querySelectorAll('.cov-stat')].map((s) =>
      text(s.querySelector('.cov-stat__num')),
    );
    expect(stats).toEqual(['8%', '2', '2', '22']);
    expect([...view.container.querySelectorAll('.cov-foot__cell')].slice(0, 3).map(text)).toEqual([
      '0/2',
      '0/2',
      '1/2',
    ]);
  });

  it('opens a cell’s annotations beside the matrix, each linking into the review workspace', async () => {
    const fetchMock = mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () => json(200, coverage()),
      'GET /api/rounds/r1/coverage/cell': () => json(200, cellDetail()),
    });
    const view = renderCoverage('/coverage', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.cov-cell')).not.toBeNull());

    click(cellAt(view.container, 0, 2));
    await vi.waitFor(() =>
      expect(view.container.querySelectorAll('.cov-trail__item')).toHaveLength(2),
    );
    expect(window.location.search).toBe('?unit=u-jwc&q=Q3');
    const cellCall = fetchMock.mock.calls.map((c) => String(c[0])).find((u) => u.includes('/cell'));
    expect(cellCall).toBe('/api/rounds/r1/coverage/cell?unitId=u-jwc&question=Q3');

    const panel = view.container.querySelector('.cov-panel')!;
    expect(text(panel.querySelector('.cov-panel__eyebrow'))).toBe('教务处');
    expect(text(panel.querySelector('.cov-panel__counts'))).toBe('未解决 2 · 已解决 1');
    const [first, second] = [...panel.querySelectorAll('.cov-trail__item')];
    expect(text(first!.querySelector('.cov-trail__quote'))).toBe('已全面完成本科生导师制改革');
    expect(text(first!.querySelector('.cov-status'))).toBe('未解决');
    expect(text(first!.querySelector('.cov-trail__where'))).toBe('完善本科生导师制 · 第 1 版');
    expect(first!.querySelector('.cov-trail__open')!.getAttribute('href')).toBe('/review/v1');
    expect(first!.querySelector('.cov-trail__evidence')!.getAttribute('href')).toBe(
      '/review/v1?evidence=e1&page=2',
    );
    expect(text(first!.querySelector('.cov-trail__evidence'))).toBe('导师制实施办法.pdf 第 2 页');
    expect(second!.classList.contains('cov-trail__item--resolved')).toBe(true);
    expect([...second!.querySelectorAll('.cov-tag')].map(text)).toEqual(['Q3', 'Q5']);
    expect(cellAt(view.container, 0, 2).getAttribute('aria-expanded')).toBe('true');

    click(panel.querySelector('.cov-panel__close'));
    await vi.waitFor(() => expect(view.container.querySelector('.cov-panel')).toBeNull());
    expect(window.location.search).toBe('');
  });

  it('makes a cell a finding for the unit’s group, linking the cell’s annotations, and opens it', async () => {
    const fetchMock = mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () => json(200, coverage()),
      'GET /api/rounds/r1/coverage/cell': () => json(200, cellDetail()),
      'POST /api/rounds/r1/findings': () => json(201, { id: 'f-new' }),
    });
    const view = renderCoverage('/coverage?unit=u-jwc&q=Q3', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelector('.cov-panel__create')).not.toBeNull(),
    );
    const create = view.container.querySelector<HTMLButtonElement>('.cov-panel__create')!;
    expect(text(create)).toBe('生成发现问题');
    click(create);
    await vi.waitFor(() => expect(window.location.pathname).toBe('/findings'));
    expect(window.location.search).toBe('?finding=f-new');
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    const body = JSON.parse(String(post?.[1]?.body));
    expect(body).toMatchObject({ unitId: 'u-jwc', questions: ['Q3'], cell: { question: 'Q3' } });
    expect(body.title).toMatch(/^Q3 /);
  });

  it('offers no finding to readers', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () => json(200, coverage()),
      'GET /api/rounds/r1/coverage/cell': () => json(200, cellDetail()),
    });
    const view = renderCoverage('/coverage?unit=u-jwc&q=Q3', LEADERSHIP);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelectorAll('.cov-trail__item')).toHaveLength(2),
    );
    expect(view.container.querySelector('.cov-panel__create')).toBeNull();
  });

  it('tells a gap’s panel what to do next', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () => json(200, coverage()),
      'GET /api/rounds/r1/coverage/cell': () => json(200, { ...cellDetail(), annotations: [] }),
    });
    const view = renderCoverage('/coverage?unit=u-yjs&q=Q1', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelector('.cov-panel__empty')).not.toBeNull(),
    );
    expect(text(view.container.querySelector('.cov-panel__empty'))).toContain(
      '研究生院的陈述还没有对照 Q1 检查',
    );
  });

  it('moves between cells with arrow keys, keeping one cell in the tab order, and closes with Escape', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () => json(200, coverage()),
      'GET /api/rounds/r1/coverage/cell': () => json(200, cellDetail()),
    });
    const view = renderCoverage('/coverage?unit=u-jwc&q=Q3', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.cov-panel')).not.toBeNull());

    const start = cellAt(view.container, 0, 0);
    expect(start.tabIndex).toBe(0);
    expect(view.container.querySelectorAll('.cov-cell[tabindex="0"]')).toHaveLength(1);
    start.focus();
    key(start, 'ArrowRight');
    expect(document.activeElement).toBe(cellAt(view.container, 0, 1));
    key(document.activeElement!, 'ArrowDown');
    expect(document.activeElement).toBe(cellAt(view.container, 1, 1));
    key(document.activeElement!, 'End');
    expect(document.activeElement).toBe(cellAt(view.container, 1, 11));
    expect(cellAt(view.container, 1, 11).tabIndex).toBe(0);
    expect(start.tabIndex).toBe(-1);

    key(document.activeElement!, 'Escape');
    await vi.waitFor(() => expect(view.container.querySelector('.cov-panel')).toBeNull());
  });

  it('lets the leadership group pick a group, read-only', async () => {
    const fetchMock = mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () =>
        json(
          200,
          coverage({
            groups: [
              { id: 'g1', name: '第一巡视组' },
              { id: 'g2', name: '第二巡视组' },
            ],
          }),
        ),
    });
    const view = renderCoverage('/coverage', LEADERSHIP);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.cov-select')).not.toBeNull());
    expect(text(view.container.querySelector('.badge'))).toBe('只读');
    const select = view.container.querySelector<HTMLSelectElement>('.cov-select')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['第一巡视组', '第二巡视组']);
    // No nudge to the workbench for readers, even if nothing is annotated.
    expect(view.container.querySelector('.cov-notice a')).toBeNull();

    select.value = 'g2';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() =>
      expect(fetchMock.mock.calls.map((c) => String(c[0]))).toContain(
        '/api/rounds/r1/coverage?groupId=g2',
      ),
    );
    expect(window.location.search).toBe('?group=g2');
  });

  it('says so when the group has no units, and when nothing is annotated yet', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () => json(200, coverage({ units: [] })),
    });
    const view = renderCoverage('/coverage', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.state--empty')).not.toBeNull());
    expect(text(view.container.querySelector('.state__title'))).toBe(
      '第一巡视组还没有分配被巡视单位',
    );
    cleanup();

    const empty = coverage();
    for (const u of empty.units)
      for (const c of u.cells) Object.assign(c, { open: 0, resolved: 0 });
    empty.totals = { open: 0, resolved: 0, cells: 24, covered: 0, gaps: 24 };
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () => json(200, empty),
    });
    const again = renderCoverage('/coverage', MEMBER);
    cleanup = again.dispose;
    await vi.waitFor(() => expect(again.container.querySelector('.cov-notice')).not.toBeNull());
    expect(again.container.querySelector('.cov-notice a')!.getAttribute('href')).toBe('/work');
    expect(again.container.querySelectorAll('.cov-cell--gap')).toHaveLength(24);
  });

  it('shows an error with a retry when the server refuses', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () =>
        json(404, { error: { code: 'not_found', message: 'Not found.' } }),
    });
    const view = renderCoverage('/coverage', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.state--error')).not.toBeNull());
    expect(text(view.container.querySelector('.state__title'))).toBe('无法加载覆盖情况');
    expect(view.container.querySelector('.state--error button')).not.toBeNull();
  });

  it('speaks English when asked', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/coverage': () => json(200, coverage()),
    });
    const view = renderCoverage('/coverage', MEMBER, 'en');
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.cov-cell')).not.toBeNull());
    expect(text(view.container.querySelector('.page-header__title'))).toBe('Coverage');
    expect(cellAt(view.container, 1, 0).getAttribute('aria-label')).toBe(
      '研究生院 · Q1: gap, no annotations yet',
    );
  });
});
