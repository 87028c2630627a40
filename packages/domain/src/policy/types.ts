import type { FindingState, Membership, RoundState } from '../models.ts';

/** What the policy knows about the caller: plain facts, loaded once per request or socket. */
export interface PolicyActor {
  userId: string;
  isAdmin: boolean;
  memberships: readonly Membership[];
  /** Member × unit pairs whose material this user must not see. */
  recusals: ReadonlyArray<{ roundId: string; unitId: string }>;
}

export interface RoundFacts {
  id: string;
  state: RoundState;
}

/** Facts about a piece of a unit's material: the unit and the group that inspects it. */
interface UnitScoped {
  round: RoundFacts;
  unitId: string;
  /** The group assigned to the unit in this round (null: not yet assigned). */
  groupId: string | null;
}

/**
 * Everything access is decided on. Working papers (annotations, notes, the
 * review document, draft findings, interviews, meeting minutes) are
 * confidential: unit contacts never reach them.
 */
export type Resource =
  | { kind: 'system' }
  | { kind: 'audit_log' }
  | { kind: 'round'; round: RoundFacts }
  | ({ kind: 'task' } & UnitScoped)
  | ({ kind: 'statement' } & UnitScoped)
  | ({ kind: 'evidence' } & UnitScoped)
  | ({ kind: 'review_doc' } & UnitScoped)
  | ({ kind: 'annotation' } & UnitScoped)
  | ({ kind: 'notes' } & UnitScoped)
  | ({ kind: 'finding'; state: FindingState } & UnitScoped)
  | ({ kind: 'interview'; interviewerIds: readonly string[] } & UnitScoped)
  | { kind: 'meeting'; round: RoundFacts }
  | ({ kind: 'report'; state: 'draft' | 'issued' } & Omit<UnitScoped, 'unitId'> & {
        unitId: string | null;
      })
  | ({ kind: 'rectification' } & UnitScoped);

export type ResourceKind = Resource['kind'];

/**
 * read: see it. write: create, change or delete its content. confirm: the
 * group confirms a draft finding. approve: the leader approves it. issue: the
 * report goes out. review: inspectors accept or return a rectification.
 * export: take a copy out (XLSX, DOCX). manage: set up (rounds, users, groups).
 */
export const ACTIONS = [
  'read',
  'write',
  'confirm',
  'approve',
  'issue',
  'review',
  'export',
  'manage',
] as const;
export type Action = (typeof ACTIONS)[number];

export type Decision =
  | { allow: true }
  /** hide: answer 404, because even a 403 would tell the caller the thing exists. */
  | { allow: false; hide: boolean; reason: string };
