import type { FindingState, Membership, Round, User } from '@rectify/domain';

/** Response shapes of the HTTP API as the browser app consumes them. */
export interface LoginResponse {
  token: string;
  user: User;
}

export interface MeResponse {
  user: User;
  memberships: Membership[];
}

export type FindingCounts = Record<FindingState, number>;

export interface GroupOverview {
  id: string;
  name: string;
  units: number;
  statementsSubmitted: number;
  statementsReviewed: number;
  annotations: number;
  findings: FindingCounts;
}

export interface SetupStatus {
  missing: Array<{ code: string; message: string }>;
}

export interface RoundOverview {
  round: Round;
  groups: GroupOverview[];
  /** What still blocks the round; null for everyone but administrators. */
  setup: SetupStatus | null;
}
