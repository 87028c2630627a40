import { describe, expect, it } from 'vitest';
import {
  FINDING_TRANSITIONS,
  findingTransition,
  isFindingFrozen,
  nextFindingStates,
} from './finding-lifecycle.ts';
import { FINDING_STATES } from './models.ts';

describe('finding lifecycle', () => {
  it('moves a draft forward only through confirmation, then approval by the leader', () => {
    expect(nextFindingStates('draft')).toEqual(['confirmed']);
    expect(findingTransition('confirmed', 'approved')?.action).toBe('approve');
    expect(findingTransition('draft', 'approved')).toBeUndefined();
  });

  it('never lets anyone set a finding to issued by hand', () => {
    expect(FINDING_TRANSITIONS.some((t) => t.to === 'issued')).toBe(false);
  });

  it('lets an issued finding go only forward to rectifying, and a closed one be reopened', () => {
    expect(nextFindingStates('issued')).toEqual(['rectifying']);
    expect(nextFindingStates('closed')).toEqual(['rectifying']);
  });

  it('freezes exactly the findings that have left the inspectors', () => {
    expect(FINDING_STATES.filter(isFindingFrozen)).toEqual(['issued', 'rectifying', 'closed']);
  });
});
