import type { Membership, PolicyActor, RoundFacts } from '@rectify/domain';
import { describe, expect, it } from 'vitest';
import { type Abilities, roundAbilities } from './abilities.ts';

const R = 'round-1';
const active: RoundFacts = { id: R, state: 'active' };
const closed: RoundFacts = { id: R, state: 'closed' };
const scope = (round: RoundFacts) => ({ round, groupIds: ['g1', 'g2'] });

const m = (role: Membership['role'], groupId: string | null = null, unitId: string | null = null) =>
  ({ roundId: R, role, groupId, unitId }) satisfies Membership;
const actor = (memberships: Membership[], isAdmin = false): PolicyActor => ({
  userId: 'u',
  isAdmin,
  memberships,
  recusals: [],
});

const none: Abilities = {
  manage: false,
  annotate: false,
  approveFindings: false,
  meetings: false,
  auditLog: false,
  unitPortal: false,
};

describe('abilities per round (asked of the policy)', () => {
  const cases: [string, PolicyActor, Abilities][] = [
    [
      'administrator',
      actor([], true),
      {
        manage: true,
        annotate: true,
        approveFindings: true,
        meetings: true,
        auditLog: true,
        unitPortal: true,
      },
    ],
    ['leadership group', actor([m('leadership')]), { ...none, meetings: true }],
    [
      'group leader',
      actor([m('leader', 'g1')]),
      { ...none, annotate: true, approveFindings: true, meetings: true },
    ],
    ['group member', actor([m('member', 'g2')]), { ...none, annotate: true }],
    ['unit contact', actor([m('unit_contact', null, 'unit-a')]), { ...none, unitPortal: true }],
    ['someone of another round', actor([{ ...m('member', 'g1'), roundId: 'other' }]), none],
  ];
  for (const [who, a, expected] of cases) {
    it(`${who}: ${JSON.stringify(expected)}`, () => {
      expect(roundAbilities(a, scope(active))).toEqual(expected);
    });
  }

  it('in a closed round nobody annotates, approves or submits; administrators still manage', () => {
    expect(roundAbilities(actor([], true), scope(closed))).toEqual({
      ...none,
      manage: true,
      meetings: true,
      auditLog: true,
    });
    expect(roundAbilities(actor([m('leader', 'g1')]), scope(closed))).toEqual(none);
    expect(roundAbilities(actor([m('unit_contact', null, 'unit-a')]), scope(closed))).toEqual(none);
  });
});
