import { describe, expect, it } from 'vitest';
import { detectHeader, matchField, withOverride } from './detect-header.ts';
import { readSheet } from './read-sheet.ts';
import { realisticGb18030Csv, realisticXlsx } from './testing.ts';

describe('matchField', () => {
  it.each([
    ['问题', 'problem'],
    ['存在问题', 'problem'],
    ['巡视反馈问题', 'problem'],
    ['整改任务', 'task'],
    ['任务', 'task'],
    ['整改措施', 'measure'],
    ['措施', 'measure'],
    ['牵头单位', 'lead'],
    ['责任单位', 'lead'],
    ['协办单位', 'co'],
    ['配合单位', 'co'],
    ['完成时限', 'deadline'],
    ['整改时限', 'deadline'],
    ['时限', 'deadline'],
    ['任务类型', 'kind'],
    ['类型', 'kind'],
    ['序号', 'number'],
  ])('reads the header %s as %s', (label, field) => {
    expect(matchField(label)?.field).toBe(field);
  });

  it('ignores notes in brackets, stars, spaces, line breaks and full-width forms', () => {
    expect(matchField('完成时限（时间节点）')?.field).toBe('deadline');
    expect(matchField('* 牵头\n单位')?.field).toBe('lead');
    expect(matchField('序　号')?.field).toBe('number');
  });

  it('reads a name with a short prefix, but never a long title that contains one', () => {
    expect(matchField('整改完成时限')?.field).toBe('deadline');
    expect(matchField('XX大学中央巡视整改任务落实情况一览表')).toBeNull();
    expect(matchField('备注')).toBeNull();
  });

  it('ranks 牵头单位 above 责任单位 for the lead column', () => {
    expect(matchField('牵头单位')!.score).toBeGreaterThan(matchField('责任单位')!.score);
  });
});

describe('detectHeader', () => {
  it('skips the title row and reads a two-level header merged in the workbook', async () => {
    const { rows } = await readSheet(await realisticXlsx(), 'x.xlsx');
    const d = detectHeader(rows);
    expect(d.firstRow).toBe(2);
    expect(d.lastRow).toBe(3);
    expect(d.mapping).toEqual({
      headerRow: 3,
      columns: { number: 0, problem: 1, task: 2, measure: 3, lead: 4, co: 5, deadline: 6, kind: 7 },
    });
    expect(d.columns[4]).toEqual({
      index: 4,
      letter: 'E',
      label: '责任单位/牵头单位',
      field: 'lead',
    });
    expect(d.columns[5]).toEqual({
      index: 5,
      letter: 'F',
      label: '责任单位/协办单位',
      field: 'co',
    });
    expect(d.columns[1]).toEqual({
      index: 1,
      letter: 'B',
      label: '巡视反馈问题',
      field: 'problem',
    });
  });

  it('reads a two-level header from CSV, where merged cells are empty below and beside', async () => {
    const { rows } = await readSheet(realisticGb18030Csv(), 'x.csv');
    const d = detectHeader(rows);
    expect([d.firstRow, d.lastRow]).toEqual([2, 3]);
    expect(d.mapping.columns).toEqual({
      number: 0,
      problem: 1,
      task: 2,
      measure: 3,
      lead: 4,
      co: 5,
      deadline: 6,
    });
    expect(d.columns.map((c) => c.label)).toEqual([
      '序号',
      '存在问题',
      '整改任务',
      '整改措施',
      '责任单位/牵头单位',
      '配合单位',
      '整改时限',
    ]);
  });

  it('reads a one-level header on the first row, leaving unknown columns unmapped', () => {
    const d = detectHeader([
      ['问题', '任务', '责任单位', '备注'],
      ['p', 't', '教务处', 'n'],
    ]);
    expect([d.firstRow, d.lastRow]).toEqual([1, 1]);
    expect(d.mapping).toEqual({ headerRow: 1, columns: { problem: 0, task: 1, lead: 2 } });
    expect(d.columns[3]!.field).toBeNull();
  });

  it('takes the first of two columns with the same meaning, and 牵头单位 over 责任单位', () => {
    const d = detectHeader([['问题', '责任单位', '牵头单位', '任务', '任务']]);
    expect(d.mapping.columns).toEqual({ problem: 0, lead: 2, task: 3 });
  });

  it('does not take a data row for a second header level', () => {
    const d = detectHeader([
      ['问题', '任务', '牵头单位', '完成时限'],
      ['p', 't', '教务处', '长期坚持'],
    ]);
    expect(d.lastRow).toBe(1);
  });

  it('reports no header when no row names two fields', () => {
    const d = detectHeader([
      ['甲', '乙'],
      ['丙', '丁'],
    ]);
    expect(d.mapping).toEqual({ headerRow: 0, columns: {} });
    expect(d.columns.map((c) => c.letter)).toEqual(['A', 'B']);
  });
});

describe('withOverride', () => {
  it('uses the person’s columns and header row where given, else the detected ones', () => {
    const detected = { headerRow: 3, columns: { task: 1, lead: 2 } };
    expect(withOverride(detected)).toEqual(detected);
    expect(withOverride(detected, { columns: { task: 0, lead: 4 } })).toEqual({
      headerRow: 3,
      columns: { task: 0, lead: 4 },
    });
    expect(withOverride(detected, { headerRow: 5 })).toEqual({
      headerRow: 5,
      columns: detected.columns,
    });
  });
});
