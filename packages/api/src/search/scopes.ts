import { decide, FINDING_STATES, type PolicyActor, type RoundFacts } from '@rectify/domain';
import type { Db } from '@rectify/store';
import { interviewFactsOf, interviewResource } from '../interviews/interview-store.ts';

/**
 * What a caller may find in a round, as plain lists the search query filters
 * on — decided by the one policy over the round's units (and, for
 * interviews, each record's interviewers), before any text is read.
 */
export interface SearchScopes {
  /** Units whose statements and evidence the caller may read. */
  materialUnits: string[];
  /** Units whose annotations the caller may read. */
  annotationUnits: string[];
  /** `unitId:state` pairs of findings the caller may read. */
  findingScopes: string[];
  interviewIds: string[];
  minutes: boolean;
}

export async function searchScopes(
  db: Db,
  actor: PolicyActor,
  round: RoundFacts,
): Promise<SearchScopes> {
  const units = await db<{ unitId: string; groupId: string | null }[]>`
    SELECT u.unit_id, ua.group_id
    FROM (
      SELECT unit_id FROM unit_assignments WHERE round_id = ${round.id}
      UNION SELECT unit_id FROM statements WHERE round_id = ${round.id}
      UNION SELECT unit_id FROM memberships WHERE round_id = ${round.id} AND unit_id IS NOT NULL
    ) u
    LEFT JOIN unit_assignments ua ON ua.round_id = ${round.id} AND ua.unit_id = u.unit_id`;
  const allowed = (kind: 'statement' | 'annotation', u: (typeof units)[number]) =>
    decide(actor, 'read', { kind, round, unitId: u.unitId, groupId: u.groupId }).allow;
  const findingScopes: string[] = [];
  for (const u of units) {
    for (const state of FINDING_STATES) {
      if (
        decide(actor, 'read', {
          kind: 'finding',
          state,
          round,
          unitId: u.unitId,
          groupId: u.groupId,
        }).allow
      ) {
        findingScopes.push(`${u.unitId}:${state}`);
      }
    }
  }
  const interviews = await interviewFactsOf(db, round.id);
  return {
    materialUnits: units.filter((u) => allowed('statement', u)).map((u) => u.unitId),
    annotationUnits: units.filter((u) => allowed('annotation', u)).map((u) => u.unitId),
    findingScopes,
    interviewIds: interviews
      .filter((i) => decide(actor, 'read', interviewResource(i)).allow)
      .map((i) => i.id),
    minutes: decide(actor, 'read', { kind: 'meeting', round }).allow,
  };
}
