import { describe, expect, it } from 'vitest';
import type { Membership } from '../models.ts';
import { decide } from './policy.ts';
import { ACTIONS, type Action, type PolicyActor, type Resource, type RoundFacts } from './types.ts';

const R = 'round-1';
const G1 = 'group-1';
const G2 = 'group-2';
const UNIT_A = 'unit-a'; // inspected by group 1
const active: RoundFacts = { id: R, state: 'active' };
const closed: RoundFacts = { id: R, state: 'closed' };

const m = (
  role: Membership['role'],
  groupId: string | null = null,
  unitId: string | null = null,
): Membership => ({
  roundId: R,
  role,
  groupId,
  unitId,
});
const actor = (
  userId: string,
  memberships: Membership[],
  extra: Partial<PolicyActor> = {},
): PolicyActor => ({
  userId,
  isAdmin: false,
  memberships,
  recusals: [],
  ...extra,
});

const ACTORS = {
  admin: actor('admin', [m('admin')], { isAdmin: true }),
  leadership: actor('leadership', [m('leadership')]),
  leader: actor('leader1', [m('leader', G1)]),
  member: actor('member1', [m('member', G1)]),
  interviewer: actor('member2', [m('member', G1)]),
  recused: actor('member3', [m('member', G1)], { recusals: [{ roundId: R, unitId: UNIT_A }] }),
  otherGroup: actor('member9', [m('member', G2)]),
  contact: actor('unit1', [m('unit_contact', null, UNIT_A)]),
  otherContact: actor('unit2', [m('unit_contact', null, 'unit-b')]),
  stranger: actor('nobody', []),
};
type Who = keyof typeof ACTORS;

const scoped = { round: active, unitId: UNIT_A, groupId: G1 };
const RESOURCES = {
  task: { kind: 'task', ...scoped },
  statement: { kind: 'statement', ...scoped },
  evidence: { kind: 'evidence', ...scoped },
  review_doc: { kind: 'review_doc', ...scoped },
  annotation: { kind: 'annotation', ...scoped },
  notes: { kind: 'notes', ...scoped },
  draft_finding: { kind: 'finding', state: 'draft', ...scoped },
  approved_finding: { kind: 'finding', state: 'approved', ...scoped },
  issued_finding: { kind: 'finding', state: 'issued', ...scoped },
  interview: { kind: 'interview', interviewerIds: ['member2'], ...scoped },
  meeting: { kind: 'meeting', round: active },
  draft_report: { kind: 'report', state: 'draft', ...scoped },
  issued_report: { kind: 'report', state: 'issued', ...scoped },
  rectification: { kind: 'rectification', ...scoped },
  round: { kind: 'round', round: active },
  audit_log: { kind: 'audit_log' },
  system: { kind: 'system' },
} satisfies Record<string, Resource>;
type What = keyof typeof RESOURCES;

/** Allowed actions per cell; everything not listed is refused. `hidden` cells answer 404. */
const r = 'read';
const w = 'write';
const x = 'export';
const EVERYTHING = [...ACTIONS];
const MATRIX: Record<Who, Partial<Record<What, readonly Action[] | 'hidden'>>> = {
  admin: Object.fromEntries(Object.keys(RESOURCES).map((k) => [k, EVERYTHING])),
  leadership: {
    task: [r, x],
    statement: [r, x],
    evidence: [r, x],
    review_doc: [r, x],
    annotation: [r, x],
    notes: [r, x],
    draft_finding: [r, x],
    approved_finding: [r, x],
    issued_finding: [r, x],
    interview: 'hidden',
    meeting: [r, x],
    draft_report: [r, x],
    issued_report: [r, x],
    rectification: [r, x],
    round: [r, x],
    audit_log: 'hidden',
    system: 'hidden',
  },
  leader: {
    task: [r, x],
    statement: [r, x],
    evidence: [r, x],
    review_doc: [r, w, x],
    annotation: [r, w, x],
    notes: [r, w, x],
    draft_finding: [r, w, 'confirm', 'approve', 'issue', 'review', x],
    approved_finding: [r, w, 'approve', 'issue', 'review', x],
    issued_finding: [r, 'approve', 'issue', 'review', x],
    interview: [r, w, x],
    meeting: [r, w, x],
    draft_report: [r, w, 'issue', x],
    issued_report: [r, x],
    rectification: [r, 'review', x],
    round: [r],
    audit_log: 'hidden',
    system: 'hidden',
  },
  member: {
    task: [r, x],
    statement: [r, x],
    evidence: [r, x],
    review_doc: [r, w, x],
    annotation: [r, w, x],
    notes: [r, w, x],
    draft_finding: [r, w, 'confirm', 'review', x],
    approved_finding: [r, 'review', x],
    issued_finding: [r, 'review', x],
    interview: 'hidden',
    meeting: 'hidden',
    draft_report: [r, x],
    issued_report: [r, x],
    rectification: [r, 'review', x],
    round: [r],
    audit_log: 'hidden',
    system: 'hidden',
  },
  interviewer: { interview: [r, w, x] },
  recused: {
    task: 'hidden',
    statement: 'hidden',
    evidence: 'hidden',
    review_doc: 'hidden',
    annotation: 'hidden',
    notes: 'hidden',
    draft_finding: 'hidden',
    interview: 'hidden',
    draft_report: 'hidden',
    rectification: 'hidden',
    round: [r],
  },
  otherGroup: {
    task: 'hidden',
    statement: 'hidden',
    evidence: 'hidden',
    review_doc: 'hidden',
    annotation: 'hidden',
    notes: 'hidden',
    draft_finding: 'hidden',
    issued_finding: 'hidden',
    interview: 'hidden',
    meeting: 'hidden',
    draft_report: 'hidden',
    issued_report: 'hidden',
    rectification: 'hidden',
    round: [r],
  },
  // The row the issue spells out: a unit contact is denied every working paper.
  contact: {
    task: [r, x],
    statement: [r, w, x],
    evidence: [r, w, x],
    review_doc: 'hidden',
    annotation: 'hidden',
    notes: 'hidden',
    interview: 'hidden',
    meeting: 'hidden',
    draft_finding: 'hidden',
    approved_finding: 'hidden',
    draft_report: 'hidden',
    issued_finding: [r, x],
    issued_report: [r, x],
    rectification: [r, w, x],
    round: [r],
    audit_log: 'hidden',
    system: 'hidden',
  },
  otherContact: Object.fromEntries(
    (Object.keys(RESOURCES) as What[]).filter((k) => k !== 'round').map((k) => [k, 'hidden']),
  ),
  stranger: Object.fromEntries((Object.keys(RESOURCES) as What[]).map((k) => [k, 'hidden'])),
};

describe('access policy matrix (role × resource × action)', () => {
  for (const [who, row] of Object.entries(MATRIX) as [Who, (typeof MATRIX)[Who]][]) {
    for (const [what, cell] of Object.entries(row) as [What, readonly Action[] | 'hidden'][]) {
      it(`${who} on ${what}: ${cell === 'hidden' ? 'hidden (404)' : `allows ${cell.join(', ')} only`}`, () => {
        for (const action of ACTIONS) {
          const d = decide(ACTORS[who], action, RESOURCES[what]);
          const expected = cell !== 'hidden' && cell.includes(action);
          expect({ action, allow: d.allow }).toEqual({ action, allow: expected });
          if (cell === 'hidden') expect(d.allow === false && d.hide).toBe(true);
        }
      });
    }
  }

  it('leaves no cell of the main roles undecided in the matrix', () => {
    for (const who of ['admin', 'leadership', 'leader', 'member', 'contact'] as Who[]) {
      expect(Object.keys(MATRIX[who]).sort()).toEqual(Object.keys(RESOURCES).sort());
    }
  });
});

describe('a closed round', () => {
  const inClosed = (res: Resource): Resource => ({ ...res, round: closed }) as Resource;

  it('ends members’ and leaders’ access to its working papers', () => {
    for (const who of ['leader', 'member'] as Who[]) {
      for (const what of [
        'annotation',
        'review_doc',
        'statement',
        'draft_finding',
        'notes',
      ] as What[]) {
        expect(decide(ACTORS[who], 'read', inClosed(RESOURCES[what])).allow).toBe(false);
      }
    }
  });

  it('stays readable to administrators and the leadership group, and writable by nobody', () => {
    for (const who of ['admin', 'leadership'] as Who[]) {
      expect(decide(ACTORS[who], 'read', inClosed(RESOURCES.annotation)).allow).toBe(true);
      expect(decide(ACTORS[who], 'write', inClosed(RESOURCES.annotation)).allow).toBe(false);
    }
    expect(decide(ACTORS.contact, 'write', inClosed(RESOURCES.statement)).allow).toBe(false);
  });

  it('can be reopened by an administrator only', () => {
    expect(decide(ACTORS.admin, 'manage', { kind: 'round', round: closed }).allow).toBe(true);
    expect(decide(ACTORS.leader, 'manage', { kind: 'round', round: closed }).allow).toBe(false);
  });
});
