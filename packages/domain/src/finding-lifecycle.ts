import type { FindingState } from './models.ts';
import type { Action } from './policy/types.ts';

/**
 * One step of a finding's life: from where, to where, and the policy action
 * that allows it. Back steps exist where a group changes its mind before the
 * finding leaves the inspectors; once issued, a finding only moves forward
 * with the unit's rectification (and may be reopened if a closure was wrong).
 */
export interface FindingTransition {
  from: FindingState;
  to: FindingState;
  action: Action;
}

export const FINDING_TRANSITIONS: readonly FindingTransition[] = [
  { from: 'draft', to: 'confirmed', action: 'confirm' },
  { from: 'confirmed', to: 'draft', action: 'confirm' },
  { from: 'confirmed', to: 'approved', action: 'approve' },
  { from: 'approved', to: 'confirmed', action: 'approve' },
  // 'issued' is reached only by issuing the unit's report, never by hand.
  { from: 'issued', to: 'rectifying', action: 'review' },
  { from: 'rectifying', to: 'closed', action: 'review' },
  { from: 'closed', to: 'rectifying', action: 'review' },
];

/** The transition from one state to another, or undefined where there is none. */
export function findingTransition(
  from: FindingState,
  to: FindingState,
): FindingTransition | undefined {
  return FINDING_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** Where a finding in this state may go next (before asking the policy). */
export function nextFindingStates(from: FindingState): FindingState[] {
  return FINDING_TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}

/** Findings whose content is frozen: they have left the inspectors. */
export function isFindingFrozen(state: FindingState): boolean {
  return state === 'issued' || state === 'rectifying' || state === 'closed';
}
