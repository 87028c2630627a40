import { defaultFramework } from '@rectify/domain';
import { describe, expect, it } from 'vitest';
import {
  codesOf,
  moveItem,
  newCode,
  nextWordCode,
  removedQuestions,
  retireInstead,
  sameFramework,
} from './framework-draft.ts';

const fw = () => structuredClone(defaultFramework);

describe('framework draft helpers', () => {
  it('numbers a new question one past the highest code, never reusing a deleted one', () => {
    const draft = fw();
    expect(newCode(draft, 'questions')).toBe('Q13');
    draft.questions = draft.questions.filter((q) => q.code !== 'Q12');
    draft.questions.push({ code: 'Q20', focus: 'F1', zh: '新', en: 'New' });
    expect(newCode(draft, 'questions')).toBe('Q21');
    expect(newCode(draft, 'focuses')).toBe('F5');
    expect(newCode(draft, 'methodSteps')).toBe('S4');
  });

  it('gives word codes that are not taken, in the task kinds’ alphabet', () => {
    expect(nextWordCode([{ code: 'a' }], 'custom')).toBe('custom');
    expect(nextWordCode([{ code: 'custom' }, { code: 'custom_b' }], 'custom')).toBe('custom_c');
    expect(newCode(fw(), 'severities')).toMatch(/^level/);
  });

  it('moves an item up and down, clamping at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 9)).toEqual(['a', 'b', 'c']);
  });

  it('lists the questions a draft deletes', () => {
    const draft = fw();
    draft.questions = draft.questions.filter((q) => q.code !== 'Q3' && q.code !== 'Q5');
    expect(removedQuestions(fw(), draft)).toEqual(['Q3', 'Q5']);
  });

  it('puts deleted questions back where they were, retired', () => {
    const draft = fw();
    draft.questions = draft.questions.filter((q) => q.code !== 'Q3');
    const fixed = retireInstead(fw(), draft, ['Q3']);
    expect(fixed.questions.map((q) => q.code).slice(0, 4)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(fixed.questions[2]?.retired).toBe(true);
    expect(fixed.questions[2]?.zh).toBe(fw().questions[2]?.zh);
    // The draft passed in is left alone.
    expect(draft.questions).toHaveLength(11);
  });

  it('treats key order and retired:false as no change', () => {
    const a = fw();
    const b = Object.fromEntries(Object.entries(fw()).reverse()) as ReturnType<typeof fw>;
    b.questions = a.questions.map((q) => ({ ...q, retired: false }));
    expect(sameFramework(a, b)).toBe(true);
    b.questions[0]!.zh = '改了';
    expect(sameFramework(a, b)).toBe(false);
  });

  it('collects every code across the lists', () => {
    const codes = codesOf(fw());
    for (const code of ['F1', 'Q12', 'S1', 'A1']) expect(codes.has(code)).toBe(true);
  });
});
