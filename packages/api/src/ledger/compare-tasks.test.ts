import { describe, expect, it } from 'vitest';
import { compareTasks } from './compare-tasks.ts';
import type { StoredTask } from './ledger-store.ts';
import { type LedgerPlan, type PlannedTask, taskKey } from './plan-import.ts';

const measure = {
  row: 2,
  content: '措施',
  lead: '教务处',
  coUnits: ['研究生院', '人事处'],
  kind: 'completed',
  deadline: '2023-06-30',
  deadlineText: '2023年6月底前',
};

function planned(title: string, over: Partial<PlannedTask> = {}): PlannedTask {
  return {
    sourceKey: taskKey('问题', title),
    problem: '问题',
    ordinal: 1,
    title,
    row: 2,
    measures: [measure],
    ...over,
  };
}

function stored(title: string, over: Partial<StoredTask> = {}): StoredTask {
  const { row, ...m } = measure;
  return {
    id: `id-${title}`,
    sourceKey: taskKey('问题', title),
    problemId: 'p',
    problemTitle: '问题',
    problemOrdinal: 1,
    ordinal: 1,
    title,
    measures: [{ ...m, ordinal: 1, coUnits: ['人事处', '研究生院'] }],
    ...over,
  };
}

const planOf = (tasks: PlannedTask[]) => ({ tasks }) as LedgerPlan;

describe('compareTasks', () => {
  it('finds a task unchanged whatever the order of its co-units', () => {
    const r = compareTasks(planOf([planned('甲')]), [stored('甲')]);
    expect(r.statuses).toEqual([{ status: 'unchanged', id: 'id-甲' }]);
    expect(r.counts).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('finds a task updated when its ordinal or any measure field differs', () => {
    const moved = compareTasks(planOf([planned('甲', { ordinal: 2 })]), [stored('甲')]);
    expect(moved.statuses[0]!.status).toBe('updated');
    const redated = compareTasks(
      planOf([planned('甲', { measures: [{ ...measure, deadline: '2023-09-30' }] })]),
      [stored('甲')],
    );
    expect(redated.counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
  });

  it('takes over a task with another source key by problem and title, as an update', () => {
    const r = compareTasks(planOf([planned('甲')]), [stored('甲', { sourceKey: '1.1' })]);
    expect(r.statuses).toEqual([{ status: 'updated', id: 'id-甲' }]);
  });

  it('counts new tasks and lists stored tasks the ledger no longer has', () => {
    const r = compareTasks(planOf([planned('乙')]), [stored('甲')]);
    expect(r.statuses).toEqual([{ status: 'new', id: undefined }]);
    expect(r.absent).toEqual([{ sourceKey: taskKey('问题', '甲'), problem: '问题', title: '甲' }]);
  });
});
