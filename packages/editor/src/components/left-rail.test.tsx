import type { Role } from '@rectify/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../test/render.tsx';
import { LeftRail } from './left-rail.tsx';

const INSPECTOR = ['工作台', '覆盖情况', '发现问题', '组长例会', '反馈报告', '谈话记录'];
const UNIT = ['整改任务', '反馈意见', '整改落实'];
/** Administrators also read the inspectors' shared views; these are theirs alone. */
const ADMIN_VIEWS = ['覆盖情况', '发现问题', '组长例会', '反馈报告'];
const ADMIN = ['轮次设置', '问题框架', '用户账号', '台账导入', '审计日志'];

function railLabels(roles: Role[]) {
  const view = renderApp(() => <LeftRail roles={new Set(roles)} />);
  const labels = [...view.container.querySelectorAll('.rail__text')].map((el) => el.textContent);
  return { labels, ...view };
}

describe('left rail', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('shows a unit contact their unit entries and no inspector entries', () => {
    const { labels, dispose } = railLabels(['unit_contact']);
    cleanup = dispose;
    expect(labels).toEqual(UNIT);
    for (const label of [...INSPECTOR, ...ADMIN, '总览']) expect(labels).not.toContain(label);
  });

  it.each<Role>(['member', 'leader'])(
    'shows a %s the inspector entries and no unit ones',
    (role) => {
      const { labels, dispose } = railLabels([role]);
      cleanup = dispose;
      expect(labels).toEqual(['总览', ...INSPECTOR]);
      for (const label of [...UNIT, ...ADMIN]) expect(labels).not.toContain(label);
    },
  );

  it('shows an administrator the admin entries', () => {
    const { labels, dispose } = railLabels(['admin']);
    cleanup = dispose;
    expect(labels).toEqual(['总览', ...ADMIN_VIEWS, ...ADMIN]);
  });

  it('marks leadership views read-only', () => {
    const { labels, container, dispose } = railLabels(['leadership']);
    cleanup = dispose;
    expect(labels).toEqual(['总览', '覆盖情况', '发现问题', '组长例会', '反馈报告']);
    expect(container.querySelectorAll('.rail__badge')).toHaveLength(4);
  });

  it('marks the current page', () => {
    window.history.replaceState(null, '', '/coverage');
    const { container, dispose } = railLabels(['member']);
    cleanup = dispose;
    const current = container.querySelector('[aria-current="page"]');
    expect(current?.textContent).toBe('覆盖情况');
    window.history.replaceState(null, '', '/');
  });
});
