import { describe, expect, it } from 'vitest';
import {
  aspectChart,
  chartSummary,
  focusChart,
  isEmptyChart,
  progressChart,
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
});
