import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, renderApp } from '../../test/render.tsx';
import type { Rollup } from './findings-api.ts';
import { FindingsCharts } from './findings-charts.tsx';
import { GroupProgressChart } from './group-progress-chart.tsx';
import { type WeeklyProgress, WeeklyProgressChart } from './weekly-progress-chart.tsx';

const text = (el: Element | null | undefined) => el?.textContent?.trim();
const tableOf = (figure: Element) =>
  [...figure.querySelectorAll('table tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((c) => text(c)),
  );

const ROLLUP: Rollup = {
  units: [],
  groups: [],
  focuses: [
    { code: 'F1', zh: '抓落实', en: 'Implementation', findings: 2, annotations: 5 },
    { code: 'F2', zh: '抓长远', en: 'Long term', findings: 0, annotations: 1 },
  ],
  aspects: [{ code: 'A1', zh: '政治站位', en: 'Political stance', findings: 2 }],
  suggestions: [],
};

describe('charts', () => {
  let cleanup = () => {};
  afterEach(() => {
    cleanup();
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('gives the findings charts a labelled image and a table of the same numbers', () => {
    const view = renderApp(() => <FindingsCharts rollup={ROLLUP} />);
    cleanup = view.dispose;
    const figures = [...view.container.querySelectorAll('figure')];
    expect(figures.map((f) => text(f.querySelector('figcaption')))).toEqual([
      '各重点领域的发现问题与批注',
      '各问题方面的发现问题',
    ]);
    expect(figures[0]!.querySelector('canvas')!.getAttribute('role')).toBe('img');
    expect(figures[0]!.querySelector('canvas')!.getAttribute('aria-label')).toBe(
      '各重点领域的发现问题与批注：F1 抓落实 发现问题 2，批注 5；F2 抓长远 发现问题 0，批注 1',
    );
    expect(tableOf(figures[0]!)).toEqual([
      ['', '发现问题', '批注'],
      ['F1 抓落实', '2', '5'],
      ['F2 抓长远', '0', '1'],
    ]);
    expect(tableOf(figures[1]!)).toEqual([
      ['', '发现问题'],
      ['政治站位', '2'],
    ]);
  });

  it('leaves out the aspect chart while no finding has an aspect', () => {
    const view = renderApp(() => (
      <FindingsCharts
        rollup={{ ...ROLLUP, aspects: ROLLUP.aspects.map((a) => ({ ...a, findings: 0 })) }}
      />
    ));
    cleanup = view.dispose;
    expect([...view.container.querySelectorAll('figcaption')].map((f) => text(f))).toEqual([
      '各重点领域的发现问题与批注',
    ]);
  });

  it('shows no charts while there is nothing to count', () => {
    const empty: Rollup = {
      ...ROLLUP,
      focuses: ROLLUP.focuses.map((f) => ({ ...f, findings: 0, annotations: 0 })),
      aspects: [],
    };
    const view = renderApp(() => <FindingsCharts rollup={empty} />);
    cleanup = view.dispose;
    expect(view.container.querySelector('figure')).toBeNull();
  });

  it('describes each group’s review progress in words, in English too', () => {
    const view = renderApp(
      () => (
        <GroupProgressChart
          groups={[
            {
              id: 'g1',
              name: '第一巡视组',
              units: 3,
              statementsSubmitted: 8,
              statementsReviewed: 3,
              annotations: 0,
              findings: {} as never,
            },
          ]}
        />
      ),
      { lang: 'en' },
    );
    cleanup = view.dispose;
    expect(view.container.querySelector('canvas')!.getAttribute('aria-label')).toBe(
      'Statement review progress by group: 第一巡视组 — Reviewed 3, Not yet reviewed 5',
    );
    expect(tableOf(view.container.querySelector('figure')!)).toEqual([
      ['', 'Reviewed', 'Not yet reviewed'],
      ['第一巡视组', '3', '5'],
    ]);
    expect(text(view.container.querySelector('.fnd-chart__note'))).toBe(
      'Current state: statements reviewed out of those submitted.',
    );
  });

  const WEEKLY: WeeklyProgress = {
    weeks: ['2026-03-02', '2026-03-09', '2026-03-16'],
    groups: [
      {
        id: 'g1',
        name: '第一巡视组',
        submitted: [2, 2, 3],
        reviewed: [0, 1, 2],
        annotations: [0, 1, 2],
        findings: [0, 1, 1],
      },
    ],
  };

  it('draws each group’s progress week by week, with the numbers in words and in a table', async () => {
    const fetchMock = mockFetch({
      'GET /api/rounds/r1/progress/weekly': () => json(200, WEEKLY),
    });
    const view = renderApp(() => <WeeklyProgressChart roundId="r1" />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('canvas')).not.toBeNull());
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const figure = view.container.querySelector('figure')!;
    expect(text(figure.querySelector('figcaption'))).toBe('各组审阅进度（按周）');
    expect(figure.querySelector('canvas')!.getAttribute('aria-label')).toBe(
      '各组审阅进度（按周）：3月2日至3月16日；第一巡视组 已审阅 0 → 2；第一巡视组 已提交 2 → 3',
    );
    expect(tableOf(figure)).toEqual([
      ['', '第一巡视组 已审阅', '第一巡视组 已提交'],
      ['3月2日', '0', '2'],
      ['3月9日', '1', '2'],
      ['3月16日', '2', '3'],
    ]);
  });

  it('speaks English too', async () => {
    mockFetch({ 'GET /api/rounds/r1/progress/weekly': () => json(200, WEEKLY) });
    const view = renderApp(() => <WeeklyProgressChart roundId="r1" />, { lang: 'en' });
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('canvas')).not.toBeNull());
    expect(view.container.querySelector('canvas')!.getAttribute('aria-label')).toBe(
      'Review progress by week: Mar 2 to Mar 16; 第一巡视组: reviewed 0 → 2; 第一巡视组: submitted 2 → 3',
    );
  });

  it('says there is nothing to chart yet when no week has any work', async () => {
    mockFetch({
      'GET /api/rounds/r1/progress/weekly': () =>
        json(200, {
          weeks: [],
          groups: [
            { ...WEEKLY.groups[0], submitted: [], reviewed: [], annotations: [], findings: [] },
          ],
        }),
    });
    const view = renderApp(() => <WeeklyProgressChart roundId="r1" />);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(text(view.container.querySelector('.fnd-chart__empty'))).toBe(
        '还没有可按周统计的进度：单位提交陈述、巡视组开始批注后，这里逐周显示。',
      ),
    );
    expect(view.container.querySelector('canvas')).toBeNull();
  });

  it('offers a retry when the weekly numbers fail to load, and draws them once they come', async () => {
    let fail = true;
    mockFetch({
      'GET /api/rounds/r1/progress/weekly': () =>
        fail ? json(500, { error: { code: 'internal', message: 'x' } }) : json(200, WEEKLY),
    });
    const view = renderApp(() => <WeeklyProgressChart roundId="r1" />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.textContent).toContain('无法加载按周进度。'));
    fail = false;
    view.container.querySelector<HTMLButtonElement>('.fnd-chart__empty button')!.click();
    await vi.waitFor(() => expect(view.container.querySelector('canvas')).not.toBeNull());
    expect(view.container.textContent).not.toContain('无法加载按周进度。');
  });
});
