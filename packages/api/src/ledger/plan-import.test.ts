import { defaultFramework } from '@rectify/domain';
import { describe, expect, it } from 'vitest';
import { detectHeader } from './detect-header.ts';
import { planImport, taskKey } from './plan-import.ts';
import { readSheet } from './read-sheet.ts';
import {
  KNOWN_UNITS,
  P1,
  P2,
  P3,
  realisticGb18030Csv,
  realisticXlsx,
  twoBadRowsXlsx,
} from './testing.ts';

const ctx = { units: KNOWN_UNITS, taskKinds: defaultFramework.taskKinds };

async function planOf(bytes: Uint8Array, name: string) {
  const { rows } = await readSheet(bytes, name);
  return planImport(rows, detectHeader(rows).mapping, ctx);
}

/** A one-level ledger: header on row 1, data below. */
function plan(
  rows: string[][],
  header = ['问题', '整改任务', '整改措施', '牵头单位', '协办单位', '完成时限'],
) {
  const grid = [header, ...rows].map((r) => [...r, ...Array(header.length - r.length).fill('')]);
  return planImport(grid, detectHeader(grid).mapping, ctx);
}

describe('planImport: the realistic XLSX ledger', () => {
  it('reads problems, tasks, measures, units and deadlines field by field', async () => {
    const p = await planOf(await realisticXlsx(), 'ledger.xlsx');
    expect(p.errors).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.dataRows).toBe(6);
    expect(p.problems).toEqual([
      { title: P1, ordinal: 1, row: 4 },
      { title: P2, ordinal: 2, row: 8 },
    ]);
    expect(p.tasks).toEqual([
      {
        sourceKey: taskKey(P1, '健全党委理论学习中心组学习制度'),
        problem: P1,
        ordinal: 1,
        title: '健全党委理论学习中心组学习制度',
        row: 4,
        measures: [
          {
            row: 4,
            content: '修订中心组学习规则，建立学习督查通报机制',
            lead: '党委宣传部',
            coUnits: ['党委组织部'],
            kind: 'completed',
            deadline: '2023-06-30',
            deadlineText: '2023年6月底前',
          },
        ],
      },
      {
        sourceKey: taskKey(P1, '推进党的创新理论进课堂'),
        problem: P1,
        ordinal: 2,
        title: '推进党的创新理论进课堂',
        row: 5,
        measures: [
          {
            row: 5,
            content: '完善思政课程与课程思政协同机制',
            lead: '教务处',
            coUnits: ['研究生院', '学生工作部'],
            kind: 'long_term',
            deadline: null,
            deadlineText: '长期坚持',
          },
        ],
      },
      {
        sourceKey: taskKey(P1, '加强基层党组织理论学习'),
        problem: P1,
        ordinal: 3,
        title: '加强基层党组织理论学习',
        row: 6,
        measures: [
          {
            row: 6,
            content: '建立院系党委学习情况季度报告制度',
            lead: '党委组织部',
            coUnits: [],
            kind: 'completed',
            deadline: '2023-03-31',
            deadlineText: '2023-03-31',
          },
        ],
      },
      {
        sourceKey: taskKey(P2, '完善教师评价制度'),
        problem: P2,
        ordinal: 1,
        title: '完善教师评价制度',
        row: 8,
        measures: [
          {
            row: 8,
            content: '修订教师职称评审办法',
            lead: '人事处',
            coUnits: ['教务处', '科学技术研究院'],
            kind: 'rules',
            deadline: '2023-06-30',
            deadlineText: '2023.6',
          },
          {
            row: 9,
            content: '建立师德失范行为通报制度',
            lead: '人事处',
            coUnits: ['党委宣传部', '国有资产管理处'],
            kind: 'rules',
            deadline: '2023-09-30',
            deadlineText: '2023/9/30',
          },
        ],
      },
      {
        sourceKey: taskKey(P2, '加强实践育人'),
        problem: P2,
        ordinal: 2,
        title: '加强实践育人',
        row: 10,
        measures: [
          {
            row: 10,
            content: '建设校外实践教育基地',
            lead: '学生工作部',
            coUnits: ['教务处', '国有资产管理处'],
            kind: 'supplementary',
            deadline: '2023-12-31',
            deadlineText: '２０２３年１２月３１日',
          },
        ],
      },
    ]);
    expect(p.units.existing).toEqual([
      '党委宣传部',
      '党委组织部',
      '教务处',
      '研究生院',
      '学生工作部',
      '人事处',
      '科学技术研究院',
    ]);
    expect(p.units.proposed).toEqual([{ name: '国有资产管理处', rows: [9, 10] }]);
  });
});

describe('planImport: the GB18030 CSV ledger', () => {
  it('continues merged problems and tasks from the row above and keeps multi-line cells', async () => {
    const p = await planOf(realisticGb18030Csv(), '台账.csv');
    expect(p.errors).toEqual([]);
    expect(p.problems).toEqual([{ title: P3, ordinal: 1, row: 4 }]);
    expect(p.tasks.map(({ sourceKey, measures, ...t }) => t)).toEqual([
      { problem: P3, ordinal: 1, title: '优化干部选拔任用机制', row: 4 },
      { problem: P3, ordinal: 2, title: '加强年轻干部培养', row: 7 },
    ]);
    expect(p.tasks[0]!.measures).toEqual([
      {
        row: 4,
        content: '修订《干部选拔任用工作实施办法》，落实"凡提四必"',
        lead: '党委组织部',
        coUnits: ['人事处', '党委办公室（校长办公室）'],
        kind: 'completed',
        deadline: '2023-12-31',
        deadlineText: '2023年底前',
      },
      {
        row: 5,
        content: '开展干部档案专项审核,\n建立审核台账',
        lead: '党委组织部',
        coUnits: [],
        kind: 'completed',
        deadline: '2023-03-31',
        deadlineText: '2023年3月31日',
      },
    ]);
    expect(p.tasks[1]!.measures).toEqual([
      {
        row: 7,
        content: '实施年轻干部“墩苗”计划',
        lead: '党委组织部',
        coUnits: ['人事处', '教务处'],
        kind: 'long_term',
        deadline: null,
        deadlineText: '持续推进',
      },
    ]);
    expect(p.units).toEqual({
      existing: ['党委组织部', '人事处', '党委办公室（校长办公室）', '教务处'],
      proposed: [],
    });
  });
});

describe('planImport: bad rows', () => {
  it('names every bad row with its spreadsheet row number and field', async () => {
    const p = await planOf(await twoBadRowsXlsx(), 'bad.xlsx');
    expect(p.errors).toEqual([
      { row: 5, field: 'lead', code: 'lead_missing', message: expect.any(String) },
      {
        row: 7,
        field: 'deadline',
        code: 'deadline_unreadable',
        message: expect.stringContaining('尽快完成'),
      },
    ]);
    // The good rows are still read, so the preview can show them.
    expect(p.tasks.map((t) => t.title)).toEqual(['任务一', '任务二', '任务四']);
  });

  it('refuses an unknown kind, listing the kinds of the round', () => {
    const p = plan(
      [['p', 't', '', '教务处', '', '', '急办']],
      ['问题', '整改任务', '整改措施', '牵头单位', '协办单位', '完成时限', '任务类型'],
    );
    expect(p.errors).toEqual([
      {
        row: 2,
        field: 'kind',
        code: 'kind_unknown',
        message: expect.stringContaining('长期坚持'),
      },
    ]);
  });

  it('refuses a row without a problem, and a measure row without any task above it', () => {
    const p = plan([
      ['', '任务', '', '教务处'],
      ['p', '', '措施', '教务处'],
    ]);
    expect(p.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'problem', 'problem_missing'],
      [3, 'task', 'task_missing'],
    ]);
  });

  it('refuses a sentence in the unit column rather than proposing it as a unit', () => {
    const long =
      '由分管校领导牵头，组织相关职能部门会同各学院共同研究制定具体落实方案并报党委常委会审定';
    const p = plan([['p', 't', '', long]]);
    expect(p.errors.map((e) => e.code)).toEqual(['unit_name_too_long']);
    expect(p.units.proposed).toEqual([]);
  });

  it('still proposes the unknown units of bad rows so one preview shows all', () => {
    const p = plan([['p', 't', '', '新设处', '', '尽快']]);
    expect(p.errors.map((e) => e.row)).toEqual([2]);
    expect(p.units.proposed).toEqual([{ name: '新设处', rows: [2] }]);
  });

  it('reports a mapping without task or lead column instead of reading rows', () => {
    const p = planImport(
      [
        ['问题', '备注'],
        ['p', 'x'],
      ],
      { headerRow: 1, columns: { problem: 0 } },
      ctx,
    );
    expect(p.errors.map((e) => e.code)).toEqual(['mapping_no_task', 'mapping_no_lead']);
    expect(p.tasks).toEqual([]);
  });

  it('reports a mapped column outside the sheet', () => {
    const p = planImport(
      [['任务', '牵头单位']],
      { headerRow: 1, columns: { task: 0, lead: 9 } },
      ctx,
    );
    expect(p.errors).toEqual([
      {
        row: 1,
        field: 'lead',
        code: 'mapping_out_of_range',
        message: expect.stringContaining('J'),
      },
    ]);
  });

  it('reports a ledger with no task rows', () => {
    expect(plan([]).errors.map((e) => e.code)).toEqual(['no_tasks']);
  });
});

describe('planImport: layouts', () => {
  it('keeps the first of several lead units as lead, the others as co-units, with a warning', () => {
    const p = plan([['p', 't', '', '教务处、研究生院', '研究生院、人事处']]);
    expect(p.tasks[0]!.measures[0]).toMatchObject({
      lead: '教务处',
      coUnits: ['研究生院', '人事处'],
    });
    expect(p.warnings.map((w) => [w.row, w.code])).toEqual([[2, 'lead_several']]);
  });

  it('drops the lead unit from its own co-units', () => {
    const p = plan([['p', 't', '', '教务处', '教务处、人事处']]);
    expect(p.tasks[0]!.measures[0]!.coUnits).toEqual(['人事处']);
  });

  it('matches unit names to stored ones regardless of full-width brackets and spaces', () => {
    const p = plan([['p', 't', '', '党委办公室(校长办公室)', '人 事 处']]);
    expect(p.tasks[0]!.measures[0]).toMatchObject({
      lead: '党委办公室（校长办公室）',
      coUnits: ['人事处'],
    });
    expect(p.units.proposed).toEqual([]);
  });

  it('reads a problem heading merged across the row and a kind heading for the rows below', () => {
    const p = plan([
      [
        '一、理论学习',
        '一、理论学习',
        '一、理论学习',
        '一、理论学习',
        '一、理论学习',
        '一、理论学习',
      ],
      ['', '任务甲', '', '教务处', '', '2023年6月底前'],
      [
        '二、补充整改任务',
        '二、补充整改任务',
        '二、补充整改任务',
        '二、补充整改任务',
        '二、补充整改任务',
        '二、补充整改任务',
      ],
      ['', '任务乙', '', '人事处', '', '长期坚持'],
    ]);
    expect(p.errors).toEqual([]);
    expect(p.tasks.map((t) => [t.problem, t.title, t.measures[0]!.kind])).toEqual([
      ['一、理论学习', '任务甲', 'completed'],
      ['一、理论学习', '任务乙', 'supplementary'],
    ]);
  });

  it('reads a kind heading written in the 序号 column alone, as CSV keeps a merged heading', () => {
    const p = plan(
      [
        ['', '问题一', '任务甲', '', '教务处'],
        ['二、补充整改任务'],
        ['', '', '任务乙', '', '人事处'],
      ],
      ['序号', '问题', '整改任务', '整改措施', '牵头单位'],
    );
    expect(p.errors).toEqual([]);
    expect(p.tasks.map((t) => [t.problem, t.title, t.measures[0]!.kind])).toEqual([
      ['问题一', '任务甲', 'completed'],
      ['问题一', '任务乙', 'supplementary'],
    ]);
  });

  it('reads a problem standing alone on its row above its tasks, and skips blank and bare-number rows', () => {
    const p = plan(
      [
        ['', '问题一'],
        ['1', '', '任务甲', '', '教务处'],
        [''],
        ['2'],
        ['', '问题二'],
        ['3', '', '任务乙', '', '人事处'],
      ],
      ['序号', '问题', '整改任务', '整改措施', '牵头单位'],
    );
    expect(p.errors).toEqual([]);
    expect(p.problems.map((x) => x.title)).toEqual(['问题一', '问题二']);
    expect(p.tasks.map((t) => [t.problem, t.title, t.ordinal])).toEqual([
      ['问题一', '任务甲', 1],
      ['问题二', '任务乙', 1],
    ]);
  });

  it('makes each measure a task when the ledger has no task column', () => {
    const p = plan([['p', '措施一', '教务处']], ['问题', '整改措施', '牵头单位']);
    expect(p.tasks[0]).toMatchObject({ title: '措施一', measures: [{ content: '措施一' }] });
  });

  it('gathers rows of the same task under one problem as its measures, in order', () => {
    const p = plan([
      ['p', 't', 'm1', '教务处'],
      ['p', 'u', 'm2', '教务处'],
      ['p', 't', 'm3', '人事处'],
    ]);
    expect(p.tasks.map((t) => [t.title, t.measures.map((m) => m.content)])).toEqual([
      ['t', ['m1', 'm3']],
      ['u', ['m2']],
    ]);
  });

  it('takes 长期坚持 from the deadline as the kind only when no kind column says otherwise', () => {
    const header = ['问题', '整改任务', '牵头单位', '完成时限', '任务类型'];
    const p = plan(
      [
        ['p', 'a', '教务处', '长期坚持'],
        ['p', 'b', '教务处', '长期坚持', '制度建设'],
        ['p', 'c', '教务处', '立行立改'],
      ],
      header,
    );
    expect(p.tasks.map((t) => t.measures[0]!.kind)).toEqual(['long_term', 'rules', 'completed']);
  });

  it('gives tasks a source key that ignores spacing and width but not wording', () => {
    expect(taskKey('问题 一', '任务，甲')).toBe(taskKey('问题一', '任务,甲'));
    expect(taskKey('问题一', '任务甲')).not.toBe(taskKey('问题一', '任务乙'));
    expect(taskKey('问题一', '任务甲')).not.toBe(taskKey('问题二', '任务甲'));
  });
});
