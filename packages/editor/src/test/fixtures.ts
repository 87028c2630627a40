import type { Membership, Round } from '@rectify/domain';
import type { MeResponse, RoundOverview } from '../lib/contracts.ts';

/** A round and its overview as the server would send them, for tests and screenshots. */
export const ROUND: Round = {
  id: 'r1',
  name: '2025年度整改专项巡视',
  theme: '监督检查中央巡视整改落实',
  state: 'active',
  startsOn: '2025-03-03',
  endsOn: '2025-06-30',
};

export function me(memberships: Array<Omit<Membership, 'roundId'>>, isAdmin = false): MeResponse {
  return {
    user: { id: 'u1', username: 'zhangsan', displayName: '张三', isAdmin, active: true },
    memberships: memberships.map((m) => ({ roundId: ROUND.id, ...m })),
  };
}

export const OVERVIEW: RoundOverview = {
  round: ROUND,
  groups: [
    {
      id: 'g1',
      name: '第一巡视组',
      units: 8,
      statementsSubmitted: 46,
      statementsReviewed: 31,
      annotations: 128,
      findings: { draft: 6, confirmed: 4, approved: 3, issued: 2, rectifying: 1, closed: 0 },
    },
    {
      id: 'g2',
      name: '第二巡视组',
      units: 7,
      statementsSubmitted: 39,
      statementsReviewed: 12,
      annotations: 54,
      findings: { draft: 3, confirmed: 1, approved: 0, issued: 0, rectifying: 0, closed: 0 },
    },
  ],
  setup: null,
};
