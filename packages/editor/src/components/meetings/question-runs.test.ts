import { describe, expect, it } from 'vitest';
import { questionRuns } from './question-runs.ts';

describe('questionRuns', () => {
  it('folds consecutive questions into one run and keeps lone ones apart', () => {
    expect(questionRuns(['Q1', 'Q2', 'Q3', 'Q5', 'Q7', 'Q8'])).toEqual(['Q1–Q3', 'Q5', 'Q7–Q8']);
  });

  it('orders by number, not by text, so Q10 follows Q9', () => {
    expect(questionRuns(['Q10', 'Q9', 'Q12', 'Q11', 'Q2'])).toEqual(['Q2', 'Q9–Q12']);
  });

  it('shows a unit with every question empty as one run', () => {
    const all = Array.from({ length: 12 }, (_, i) => `Q${i + 1}`);
    expect(questionRuns(all)).toEqual(['Q1–Q12']);
  });

  it('keeps codes that are not question numbers, and ignores duplicates', () => {
    expect(questionRuns(['Q3', 'Q3', 'X1'])).toEqual(['Q3', 'X1']);
    expect(questionRuns([])).toEqual([]);
  });
});
