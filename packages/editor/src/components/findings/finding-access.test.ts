import type { FindingState, Membership, User } from '@rectify/domain';
import { describe, expect, it } from 'vitest';
import { canEdit, canMove, isBackStep, roleOnFinding } from './finding-access.ts';

const user = (isAdmin = false): User => ({
  id: 'u1',
  username: 'x',
  displayName: 'x',
  isAdmin,
  active: true,
});
const m = (role: Membership['role'], groupId: string | null): Membership => ({
  roundId: 'r1',
  role,
  groupId,
  unitId: null,
});

describe('what the findings screen offers', () => {
  it('knows each user’s role on a finding of group g1', () => {
    expect(roleOnFinding(user(), [m('leader', 'g1')], 'r1', 'g1')).toBe('leader');
    expect(roleOnFinding(user(), [m('member', 'g1')], 'r1', 'g1')).toBe('member');
    expect(roleOnFinding(user(), [m('leader', 'g2')], 'r1', 'g1')).toBe('reader');
    expect(roleOnFinding(user(), [m('leadership', null)], 'r1', 'g1')).toBe('reader');
    expect(roleOnFinding(user(true), [], 'r1', 'g1')).toBe('admin');
    // A membership of another round counts for nothing here.
    expect(roleOnFinding(user(), [{ ...m('leader', 'g1'), roundId: 'r0' }], 'r1', 'g1')).toBe(
      'reader',
    );
  });

  it('edits as the policy allows: frozen once issued, approved ones by the leader only', () => {
    const table: Array<[FindingState, Record<'member' | 'leader' | 'reader', boolean>]> = [
      ['draft', { member: true, leader: true, reader: false }],
      ['confirmed', { member: true, leader: true, reader: false }],
      ['approved', { member: false, leader: true, reader: false }],
      ['issued', { member: false, leader: false, reader: false }],
      ['rectifying', { member: false, leader: false, reader: false }],
      ['closed', { member: false, leader: false, reader: false }],
    ];
    for (const [state, expected] of table) {
      expect({
        state,
        member: canEdit('member', state),
        leader: canEdit('leader', state),
        reader: canEdit('reader', state),
      }).toEqual({ state, ...expected });
    }
  });

  it('leaves approving, and taking an approval back, to the leader', () => {
    expect(canMove('member', 'draft', 'confirmed')).toBe(true);
    expect(canMove('member', 'confirmed', 'draft')).toBe(true);
    expect(canMove('member', 'confirmed', 'approved')).toBe(false);
    expect(canMove('member', 'approved', 'confirmed')).toBe(false);
    expect(canMove('leader', 'confirmed', 'approved')).toBe(true);
    expect(canMove('admin', 'confirmed', 'approved')).toBe(true);
    expect(canMove('reader', 'draft', 'confirmed')).toBe(false);
    expect(isBackStep('approved', 'confirmed')).toBe(true);
    expect(isBackStep('issued', 'rectifying')).toBe(false);
  });
});
