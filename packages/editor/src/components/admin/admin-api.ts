import type { Role, User } from '@rectify/domain';
import { request } from '../../lib/api.ts';

/** Response shapes of the administrators' API, as the admin screens consume them. */
export interface InspectionGroup {
  id: string;
  roundId: string;
  name: string;
  ordinal: number;
}

/** A seat in a round, with the names to show. */
export interface RoundMembership {
  id: string;
  roundId: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  groupId: string | null;
  groupName: string | null;
  unitId: string | null;
  unitName: string | null;
}

export interface Unit {
  id: string;
  name: string;
}

/** A unit with the group inspecting it in the round (null: unassigned). */
export interface RoundUnit extends Unit {
  groupId: string | null;
  groupName: string | null;
}

export interface Recusal {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  reason: string;
}

export type AuditOutcome = 'ok' | 'denied' | 'failed';

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string;
  roundId: string | null;
  address: string;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditPage {
  items: AuditEntry[];
  /** The cursor of the next (older) page; null on the last page. */
  nextBefore: number | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; reason: string };
}

/** The filters `GET /api/audit` takes; empty values are left out of the query. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  roundId?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
  before?: number;
  limit?: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  isAdmin: boolean;
}

export interface NewMembership {
  userId: string;
  role: Role;
  groupId?: string | null;
  unitId?: string | null;
}

const seg = encodeURIComponent;
const round = (roundId: string) => `/api/rounds/${seg(roundId)}`;

export function auditSearch(q: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return query ? `/api/audit?${query}` : '/api/audit';
}

/** The calls of the admin screens: accounts, round setup, the audit log. */
export const adminApi = {
  users: () => request<User[]>('GET', '/api/users'),
  createUser: (body: NewUser) => request<User>('POST', '/api/users', { body }),
  setActive: (id: string, active: boolean) =>
    request<User>('PATCH', `/api/users/${seg(id)}`, { body: { active } }),
  resetPassword: (id: string, password: string) =>
    request<void>('POST', `/api/users/${seg(id)}/reset-password`, { body: { password } }),

  units: () => request<Unit[]>('GET', '/api/units'),
  createUnit: (name: string) => request<Unit>('POST', '/api/units', { body: { name } }),

  groups: (roundId: string) => request<InspectionGroup[]>('GET', `${round(roundId)}/groups`),
  createGroup: (roundId: string, name: string) =>
    request<InspectionGroup>('POST', `${round(roundId)}/groups`, { body: { name } }),
  renameGroup: (roundId: string, groupId: string, name: string) =>
    request<InspectionGroup>('PATCH', `${round(roundId)}/groups/${seg(groupId)}`, {
      body: { name },
    }),
  deleteGroup: (roundId: string, groupId: string) =>
    request<void>('DELETE', `${round(roundId)}/groups/${seg(groupId)}`),

  memberships: (roundId: string) =>
    request<RoundMembership[]>('GET', `${round(roundId)}/memberships`),
  addMembership: (roundId: string, body: NewMembership) =>
    request<RoundMembership>('POST', `${round(roundId)}/memberships`, { body }),
  removeMembership: (roundId: string, membershipId: string) =>
    request<void>('DELETE', `${round(roundId)}/memberships/${seg(membershipId)}`),

  roundUnits: (roundId: string) => request<RoundUnit[]>('GET', `${round(roundId)}/units`),
  assignUnit: (roundId: string, unitId: string, groupId: string | null) =>
    request<RoundUnit>('PUT', `${round(roundId)}/units/${seg(unitId)}/assignment`, {
      body: { groupId },
    }),

  recusals: (roundId: string) => request<Recusal[]>('GET', `${round(roundId)}/recusals`),
  addRecusal: (roundId: string, body: { userId: string; unitId: string; reason: string }) =>
    request<Recusal>('POST', `${round(roundId)}/recusals`, { body }),
  removeRecusal: (roundId: string, userId: string, unitId: string) =>
    request<void>('DELETE', `${round(roundId)}/recusals/${seg(userId)}/${seg(unitId)}`),

  audit: (q: AuditQuery) => request<AuditPage>('GET', auditSearch(q)),
  verifyAudit: () => request<AuditVerification>('GET', '/api/audit/verify'),
};
