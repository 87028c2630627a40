import type { Membership } from '../models.ts';
import type { Action, Decision, PolicyActor, Resource, RoundFacts } from './types.ts';

const ALLOW: Decision = { allow: true };
const hide = (reason: string): Decision => ({ allow: false, hide: true, reason });
const deny = (reason: string): Decision => ({ allow: false, hide: false, reason });

const CONFIDENTIAL = new Set(['review_doc', 'annotation', 'notes', 'interview', 'meeting']);
const UNIT_MATERIAL = new Set(['task', 'statement', 'evidence']);
/** Findings a unit may see: those delivered to it. */
const DELIVERED = new Set(['issued', 'rectifying', 'closed']);

function inRound(actor: PolicyActor, round: RoundFacts): Membership[] {
  return actor.memberships.filter((m) => m.roundId === round.id);
}

function isRecused(actor: PolicyActor, roundId: string, unitId: string | null): boolean {
  return (
    unitId !== null && actor.recusals.some((r) => r.roundId === roundId && r.unitId === unitId)
  );
}

/**
 * The one access policy. Pure: it decides on the facts it is given and reads
 * nothing. The API calls it for every route, the live channel at connect and
 * for writes.
 */
export function decide(actor: PolicyActor, action: Action, resource: Resource): Decision {
  if (resource.kind === 'system' || resource.kind === 'audit_log') {
    return actor.isAdmin ? ALLOW : hide('administrators only');
  }
  const round = resource.round;
  const mine = inRound(actor, round);
  const isAdmin = actor.isAdmin || mine.some((m) => m.role === 'admin');
  const closed = round.state === 'closed';

  if (resource.kind === 'round') {
    if (isAdmin) return ALLOW;
    if (mine.length === 0) return hide('not part of this round');
    if (action === 'read') return ALLOW;
    if (action === 'export' && mine.some((m) => m.role === 'leadership')) return ALLOW;
    return deny('only administrators set up a round');
  }

  // A closed round is an archive: readable by administrators and the
  // leadership group, changed by nobody.
  if (closed && action !== 'read' && action !== 'export') return deny('the round is closed');

  if (isAdmin) {
    // Interviews stay with those who conducted them, their leader and administrators.
    return ALLOW;
  }

  if (mine.some((m) => m.role === 'leadership')) {
    if (resource.kind === 'interview') return hide('interview records are for their interviewers');
    return action === 'read' || action === 'export'
      ? ALLOW
      : deny('the leadership group reads only');
  }

  if (resource.kind === 'meeting') {
    if (closed) return hide('the round is closed');
    const leader = mine.some((m) => m.role === 'leader');
    if (leader)
      return action === 'read' || action === 'write' || action === 'export'
        ? ALLOW
        : deny('not for leaders');
    return hide('the leaders’ meeting is for group leaders');
  }

  const unitId = resource.unitId;

  // Unit contacts: their own unit's tasks, statements and evidence; what was
  // delivered to them; never a working paper.
  const contact = mine.find(
    (m) => m.role === 'unit_contact' && m.unitId !== null && m.unitId === unitId,
  );
  if (contact) return decideForContact(action, resource);

  const groupRole = mine.find(
    (m) =>
      (m.role === 'leader' || m.role === 'member') &&
      m.groupId !== null &&
      m.groupId === resource.groupId,
  );
  if (!groupRole) return hide('not your group’s unit');
  if (isRecused(actor, round.id, unitId)) return hide('you are recused from this unit');
  if (closed) return hide('the round is closed: access to its working papers has ended');
  const leader = groupRole.role === 'leader';

  switch (resource.kind) {
    case 'task':
    case 'statement':
    case 'evidence':
      // Inspectors read the unit's material; only the unit writes it.
      return action === 'read' || action === 'export'
        ? ALLOW
        : deny('inspectors do not change a unit’s material');
    case 'review_doc':
    case 'annotation':
    case 'notes':
      return action === 'read' || action === 'write' || action === 'export'
        ? ALLOW
        : deny('not an action on annotations');
    case 'interview': {
      const conducted = resource.interviewerIds.includes(actor.userId);
      if (!leader && !conducted) return hide('interview records are for their interviewers');
      return action === 'read' || action === 'write' || action === 'export'
        ? ALLOW
        : deny('not an action on interviews');
    }
    case 'finding':
      return decideFinding(action, resource.state, leader);
    case 'report':
      if (action === 'read' || action === 'export') return ALLOW;
      if (leader && (action === 'write' || action === 'issue')) {
        return resource.state === 'issued' ? deny('an issued report never changes') : ALLOW;
      }
      return deny('group leaders prepare and issue the report');
    case 'rectification':
      if (action === 'read' || action === 'export' || action === 'review') return ALLOW;
      return deny('the unit answers; inspectors review');
  }
}

function decideFinding(action: Action, state: string, leader: boolean): Decision {
  const frozen = DELIVERED.has(state);
  switch (action) {
    case 'read':
    case 'export':
      return ALLOW;
    case 'write':
      if (frozen) return deny('an issued finding is frozen');
      if (state === 'approved' && !leader)
        return deny('an approved finding is changed by the leader');
      return ALLOW;
    case 'confirm':
      return state === 'draft' || state === 'confirmed' ? ALLOW : deny('only drafts are confirmed');
    case 'approve':
    case 'issue':
      return leader ? ALLOW : deny('only the group leader approves and issues findings');
    case 'review':
      return ALLOW;
    default:
      return deny('not an action on findings');
  }
}

function decideForContact(action: Action, resource: Resource): Decision {
  if (CONFIDENTIAL.has(resource.kind)) return hide('working papers are confidential');
  if (UNIT_MATERIAL.has(resource.kind)) {
    if (action === 'read' || action === 'export') return ALLOW;
    if (action === 'write' && resource.kind !== 'task') return ALLOW;
    return deny('units submit statements and evidence');
  }
  if (resource.kind === 'finding') {
    if (!DELIVERED.has(resource.state)) return hide('draft findings are confidential');
    return action === 'read' || action === 'export'
      ? ALLOW
      : deny('units answer findings through rectification');
  }
  if (resource.kind === 'report') {
    if (resource.state !== 'issued') return hide('draft reports are confidential');
    return action === 'read' || action === 'export' ? ALLOW : deny('the report is the inspectors’');
  }
  if (resource.kind === 'rectification') {
    return action === 'read' || action === 'write' || action === 'export'
      ? ALLOW
      : deny('inspectors review');
  }
  return hide('not for unit contacts');
}

/** Convenience for callers that only need yes or no. */
export function can(actor: PolicyActor, action: Action, resource: Resource): boolean {
  return decide(actor, action, resource).allow;
}
