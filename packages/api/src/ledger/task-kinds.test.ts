import { defaultFramework } from '@rectify/domain';
import { describe, expect, it } from 'vitest';
import { kindLabel, matchKind } from './task-kinds.ts';

const kinds = defaultFramework.taskKinds;

describe('matchKind', () => {
  it.each([
    ['集中整改期已完成', 'completed'],
    ['已完成', 'completed'],
    ['长期坚持', 'long_term'],
    ['长期', 'long_term'],
    ['补充整改任务', 'supplementary'],
    ['补充', 'supplementary'],
    ['制度建设', 'rules'],
    ['rules', 'rules'],
    ['Long-term', 'long_term'],
    ['二、补充整改任务', 'supplementary'],
    ['（三）制度建设', 'rules'],
    ['补充整改任务（2023年）', 'supplementary'],
  ])('reads "%s" as %s', (cell, code) => {
    expect(matchKind(cell, kinds)).toBe(code);
  });

  it('names no kind for unknown or ambiguous text', () => {
    expect(matchKind('其他', kinds)).toBeNull();
    expect(matchKind('整改', kinds)).toBeNull();
    expect(matchKind('', kinds)).toBeNull();
  });

  it('uses the round’s own kinds', () => {
    const custom = [{ code: 'urgent', zh: '立行立改', en: 'Immediate' }];
    expect(matchKind('立行立改', custom)).toBe('urgent');
    expect(matchKind('长期坚持', custom)).toBeNull();
  });
});

describe('kindLabel', () => {
  it('is the Chinese label, or the code when the framework no longer has it', () => {
    expect(kindLabel('long_term', kinds)).toBe('长期坚持');
    expect(kindLabel('retired', kinds)).toBe('retired');
  });
});
