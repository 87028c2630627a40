import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MY_TASKS } from '../../lib/portal/testing.ts';
import { ROUND } from '../../test/fixtures.ts';
import { json, mockFetch } from '../../test/render.tsx';
import { renderPortal } from './test-harness.tsx';

describe('/tasks (unit portal)', () => {
  let cleanup = () => {};
  beforeEach(() => {
    localStorage.clear();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('groups the unit’s tasks by problem, each with kind, deadline and status', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/my-tasks': () => json(200, MY_TASKS),
    });
    const view = renderPortal('/tasks');
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelectorAll('.task-row')).toHaveLength(4));

    const groups = [...view.container.querySelectorAll('.task-group')];
    expect(groups.map((g) => g.querySelector('.task-group__label')?.textContent)).toEqual([
      '问题一',
      '问题二',
    ]);
    expect(groups[1]?.querySelector('.task-group__name')?.textContent).toBe(
      '落实立德树人根本任务存在差距',
    );
    const rows = [...(groups[1]?.querySelectorAll('.task-row') ?? [])].map((row) => ({
      title: row.querySelector('.task-row__title')?.textContent,
      kind: row.querySelector('.kind-tag')?.textContent,
      deadline: row.querySelector('.task-row__deadline')?.textContent,
      status: row.querySelector('.status-chip')?.textContent,
    }));
    expect(rows).toEqual([
      {
        title: '修订本科生导师制实施办法',
        kind: '制度建设',
        deadline: '时限：2023年6月底前',
        status: '已提交第2版',
      },
      {
        title: '推进本科培养方案修订',
        kind: '集中整改期已完成',
        deadline: '时限：2023年7月底前',
        status: '草稿',
      },
      {
        title: '强化实践育人',
        kind: '补充整改任务',
        deadline: '时限：2024年6月底前',
        status: '未填写',
      },
    ]);
    expect(groups[0]?.querySelector('.status-chip')?.textContent).toBe('未填写');
    expect(groups[0]?.querySelector('.kind-tag')?.textContent).toBe('长期坚持');
    expect(view.container.querySelector('.task-row')?.getAttribute('href')).toBe(
      '/tasks/t11?unit=unit-jwc',
    );
  });

  it('walks the rows with the arrow keys, across problems', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/my-tasks': () => json(200, MY_TASKS),
    });
    const view = renderPortal('/tasks');
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelectorAll('.task-row')).toHaveLength(4));
    const rows = [...view.container.querySelectorAll<HTMLAnchorElement>('.task-row')];
    rows[0]?.focus();
    const press = (key: string) =>
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    press('ArrowDown');
    expect(document.activeElement).toBe(rows[1]);
    press('End');
    expect(document.activeElement).toBe(rows[3]);
    press('ArrowUp');
    expect(document.activeElement).toBe(rows[2]);
    press('Home');
    expect(document.activeElement).toBe(rows[0]);
  });

  it('says what happens next when the unit has no tasks yet', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/my-tasks': () =>
        json(200, [{ roundId: 'r1', unit: { id: 'unit-jwc', name: '教务处' }, problems: [] }]),
    });
    const view = renderPortal('/tasks');
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.textContent).toContain('本单位还没有整改任务'));
    expect(view.container.textContent).toContain('巡视办导入整改台账后');
  });

  it('offers a retry when the tasks cannot be loaded', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/my-tasks': () =>
        json(503, { error: { code: 'unavailable', message: 'down' } }),
    });
    const view = renderPortal('/tasks');
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.textContent).toContain('无法加载整改任务'));
    expect(view.container.querySelector('[role="alert"] button')?.textContent).toBe('重试');
  });
});
