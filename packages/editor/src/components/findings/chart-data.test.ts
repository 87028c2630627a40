import { describe, expect, it } from 'vitest';
import {
  aspectChart,
  chartSummary,
  focusChart,
  isEmptyChart,
  progressChart,
  trendSummary,
  weekLabel,
  weeklyChart,
} from './chart-data.ts';

const names = { findings: '发现问题', annotations: '批注' };
const fmt = (n: number) => String(n);

describe('chart data', () => {
  it('shapes findings and annotations per focus in framework order, with the focus names', () => {
    const data = focusChart(
      {
        focuses: [
          { code: 'F1', zh: '抓落实', en: 'F1: Implementation', findings: 2, annotations: 7 },
          { code: 'F2', zh: '抓长远', en: 'F2: Long term', findings: 0, annotations: 3 },
        ],
      },
      'zh-CN',
      names,
    );
    expect(data).toEqual({
      labels: ['F1 抓落实', 'F2 抓长远'],
      series: [
        { label: '发现问题', values: [2, 0], tone: 'accent' },
        { label: '批注', values: [7, 3], tone: 'muted' },
      ],
    });
    expect(
      focusChart(
        {
          focuses: [
            {
              code: 'F1',
              zh: '抓落实',
              en: 'Implementation: the rest',
              findings: 0,
              annotations: 0,
            },
          ],
        },
        'en',
        names,
      ).labels,
    ).toEqual(['F1 Implementation']);
  });

  it('shapes findings per aspect', () => {
    const data = aspectChart(
      {
        aspects: [
          { code: 'A1', zh: '政治站位', en: 'Political stance', findings: 1 },
          { code: 'A2', zh: '工作落实', en: 'Delivery', findings: 4 },
        ],
      },
      'zh-CN',
      names,
    );
    expect(data.labels).toEqual(['政治站位', '工作落实']);
    expect(data.series).toEqual([{ label: '发现问题', values: [1, 4], tone: 'accent' }]);
  });

  it('splits each group’s submitted statements into reviewed and not yet reviewed, never below zero', () => {
    const data = progressChart(
      [
        { name: '第一巡视组', statementsSubmitted: 10, statementsReviewed: 4 },
        { name: '第二巡视组', statementsSubmitted: 0, statementsReviewed: 0 },
        { name: '第三巡视组', statementsSubmitted: 2, statementsReviewed: 5 },
      ],
      { reviewed: '已审阅', pending: '待审阅' },
    );
    expect(data).toEqual({
      labels: ['第一巡视组', '第二巡视组', '第三巡视组'],
      series: [
        { label: '已审阅', values: [4, 0, 2], tone: 'accent' },
        { label: '待审阅', values: [6, 0, 0], tone: 'muted' },
      ],
    });
  });

  it('summarises a chart in one sentence per language', () => {
    const data = {
      labels: ['甲', '乙'],
      series: [
        { label: '已审阅', values: [1, 2], tone: 'accent' as const },
        { label: '待审阅', values: [3, 0], tone: 'muted' as const },
      ],
    };
    expect(chartSummary('进度', data, 'zh-CN', fmt)).toBe(
      '进度：甲 已审阅 1，待审阅 3；乙 已审阅 2，待审阅 0',
    );
    expect(chartSummary('Progress', data, 'en', fmt)).toBe(
      'Progress: 甲 — 已审阅 1, 待审阅 3; 乙 — 已审阅 2, 待审阅 0',
    );
  });

  it('knows a chart of zeros is empty', () => {
    expect(
      isEmptyChart({ labels: ['a'], series: [{ label: 'x', values: [0], tone: 'accent' }] }),
    ).toBe(true);
    expect(
      isEmptyChart({ labels: ['a'], series: [{ label: 'x', values: [1], tone: 'accent' }] }),
    ).toBe(false);
  });

  it('labels a week by its Monday, briefly, in each language', () => {
    expect(weekLabel('2026-03-02', 'zh-CN')).toBe('3月2日');
    expect(weekLabel('2026-03-02', 'en')).toBe('Mar 2');
    expect(weekLabel('not a date', 'en')).toBe('not a date');
  });

  it('draws each group’s reviewed statements as a line, with its submitted ones dashed in the same colour', () => {
    const data = weeklyChart(
      {
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
          {
            id: 'g2',
            name: '第二巡视组',
            submitted: [0, 1, 1],
            reviewed: [0, 1, 1],
            annotations: [0, 1, 0],
            findings: [0, 0, 1],
          },
        ],
      },
      'zh-CN',
      { reviewed: (g) => `${g} 已审阅`, submitted: (g) => `${g} 已提交` },
    );
    expect(data).toEqual({
      labels: ['3月2日', '3月9日', '3月16日'],
      series: [
        { label: '第一巡视组 已审阅', values: [0, 1, 2], color: 0, dashed: false },
        { label: '第一巡视组 已提交', values: [2, 2, 3], color: 0, dashed: true },
        { label: '第二巡视组 已审阅', values: [0, 1, 1], color: 1, dashed: false },
        { label: '第二巡视组 已提交', values: [0, 1, 1], color: 1, dashed: true },
      ],
    });
  });

  it('has no lines and no weeks while nothing has happened', () => {
    const data = weeklyChart(
      {
        weeks: [],
        groups: [
          { id: 'g1', name: '甲', submitted: [], reviewed: [], annotations: [], findings: [] },
        ],
      },
      'en',
      { reviewed: (g) => g, submitted: (g) => g },
    );
    expect(data.labels).toEqual([]);
    expect(data.series.map((s) => s.values)).toEqual([[], []]);
  });

  it('summarises a trend as the span of weeks and each line from first to last', () => {
    const data = {
      labels: ['3月2日', '3月16日'],
      series: [
        { label: '甲 已审阅', values: [0, 2], color: 0, dashed: false },
        { label: '甲 已提交', values: [1, 1200], color: 0, dashed: true },
      ],
    };
    const grouped = (n: number) => n.toLocaleString('en');
    expect(trendSummary('进度', data, 'zh-CN', grouped)).toBe(
      '进度：3月2日至3月16日；甲 已审阅 0 → 2；甲 已提交 1 → 1,200',
    );
    expect(trendSummary('Progress', { ...data, labels: ['Mar 2', 'Mar 16'] }, 'en', fmt)).toBe(
      'Progress: Mar 2 to Mar 16; 甲 已审阅 0 → 2; 甲 已提交 1 → 1200',
    );
    expect(
      trendSummary(
        'Progress',
        { labels: ['Mar 2'], series: [{ label: 'A', values: [3], color: 0, dashed: false }] },
        'en',
        fmt,
      ),
    ).toBe('Progress: Mar 2; A 3');
    expect(trendSummary('Progress', { labels: [], series: [] }, 'en', fmt)).toBe('Progress');
  });
});
