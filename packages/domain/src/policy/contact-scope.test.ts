import { describe, expect, it } from 'vitest';
import { decide } from './policy.ts';
import { ACTIONS, type PolicyActor, type Resource } from './types.ts';

/**
 * The unit contact's seat names one unit in one round. The matrix in
 * policy.test.ts covers another unit's contact; these cover the seat's other
 * edges, for the three kinds of unit material.
 */
const contactOf = (roundId: string, unitId: string | null): PolicyActor => ({
  userId: 'unit1',
  isAdmin: false,
  memberships: [{ roundId, role: 'unit_contact', groupId: null, unitId }],
  recusals: [],
});
const material = (roundId: string, unitId: string, groupId: string | null = 'g1') =>
  (['task', 'statement', 'evidence'] as const).map(
    (kind): Resource => ({ kind, round: { id: roundId, state: 'active' }, unitId, groupId }),
  );
const hiddenForEveryAction = (actor: PolicyActor, resource: Resource) =>
  ACTIONS.map((action) => {
    const d = decide(actor, action, resource);
    return { kind: resource.kind, action, hidden: !d.allow && d.hide };
  });

describe('a unit contact’s seat reaches its own unit in its own round only', () => {
  it('hides the same unit’s tasks, statements and evidence in another round', () => {
    for (const res of material('round-2', 'unit-a')) {
      for (const cell of hiddenForEveryAction(contactOf('round-1', 'unit-a'), res)) {
        expect(cell).toEqual({ ...cell, hidden: true });
      }
    }
  });

  it('hides another unit’s material inspected by the same group, and by no group yet', () => {
    for (const groupId of ['g1', null]) {
      for (const res of material('round-1', 'unit-b', groupId)) {
        for (const cell of hiddenForEveryAction(contactOf('round-1', 'unit-a'), res)) {
          expect(cell).toEqual({ ...cell, hidden: true });
        }
      }
    }
  });

  it('gives a contact seat without a unit nothing', () => {
    for (const res of material('round-1', 'unit-a')) {
      for (const cell of hiddenForEveryAction(contactOf('round-1', null), res)) {
        expect(cell).toEqual({ ...cell, hidden: true });
      }
    }
  });

  it('still reads and writes its own statements and evidence (the control)', () => {
    const own = contactOf('round-1', 'unit-a');
    const [task, statement, evidence] = material('round-1', 'unit-a');
    expect(decide(own, 'read', task!).allow).toBe(true);
    expect(decide(own, 'write', task!).allow).toBe(false);
    expect(decide(own, 'write', statement!).allow).toBe(true);
    expect(decide(own, 'write', evidence!).allow).toBe(true);
  });
});
