import { describe, expect, it } from 'vitest';
import { defaultFramework, FrameworkError, focusOf, parseFramework } from './framework.ts';

describe('framework', () => {
  it('ships one theme, four focuses, twelve questions, three steps, five aspects', () => {
    expect(defaultFramework.theme.zh).toBe('监督检查中央巡视整改落实');
    expect(defaultFramework.focuses.map((f) => f.code)).toEqual(['F1', 'F2', 'F3', 'F4']);
    expect(defaultFramework.questions).toHaveLength(12);
    expect(defaultFramework.methodSteps.map((s) => s.code)).toEqual(['S1', 'S2', 'S3']);
    expect(defaultFramework.aspects).toHaveLength(5);
    expect(defaultFramework.severities.length).toBeGreaterThan(0);
    expect(focusOf(defaultFramework, 'Q3')).toBe('F1');
    expect(focusOf(defaultFramework, 'Q12')).toBe('F4');
  });

  it('never carries the spam that was injected into the source article', () => {
    expect(JSON.stringify(defaultFramework)).not.toMatch(/bat365/);
  });

  it('round-trips through JSON', () => {
    expect(parseFramework(JSON.parse(JSON.stringify(defaultFramework)))).toEqual(defaultFramework);
  });

  it('names the bad field of a malformed framework', () => {
    const bad = structuredClone(defaultFramework) as Record<string, any>;
    bad.questions[2].zh = '';
    expect(() => parseFramework(bad)).toThrow(FrameworkError);
    expect(() => parseFramework(bad)).toThrow(/questions\.2\.zh/);
  });

  it('refuses a question under an unknown focus and duplicate codes', () => {
    const orphan = structuredClone(defaultFramework) as Record<string, any>;
    orphan.questions[0].focus = 'F9';
    expect(() => parseFramework(orphan)).toThrow(/questions\.0\.focus: unknown focus F9/);
    const dup = structuredClone(defaultFramework) as Record<string, any>;
    dup.questions[1].code = 'Q1';
    expect(() => parseFramework(dup)).toThrow(/questions\.1\.code: duplicate code Q1/);
  });
});
