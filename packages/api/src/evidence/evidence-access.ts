import { type Action, AppError, type RoundState } from '@rectify/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { interviewFacts, interviewResource } from '../interviews/interview-store.ts';
import { requireActor } from '../lib/actor.ts';
import { authorize } from '../lib/authorize.ts';
import type { UnitFacts } from '../queries/facts.ts';

export interface EvidenceRecord {
  id: string;
  roundId: string;
  unitId: string;
  taskId: string | null;
  hash: string;
  size: number;
  mime: string;
  originalName: string;
  storedName: string;
  pages: number | null;
  textState: 'pending' | 'done' | 'failed' | 'none';
  facts: UnitFacts;
}

/**
 * One evidence file, after the policy allowed `action` on the evidence of its
 * unit; 404 when it does not exist or is hidden from the caller. A file
 * attached to an interview record is that record: the policy is asked about
 * the interview (its interviewers, their leader, administrators), never about
 * the unit's evidence, so the unit's contact, the rest of the group and the
 * leadership group get 404 on every route that serves it.
 */
export async function authorizeEvidence(
  c: Context<ApiEnv>,
  action: Action,
  id: string,
): Promise<EvidenceRecord> {
  requireActor(c);
  const [row] = await c.get('deps').sql<
    (Omit<EvidenceRecord, 'facts' | 'size'> & {
      size: string;
      roundState: RoundState;
      groupId: string | null;
      interviewId: string | null;
    })[]
  >`
    SELECT e.id, e.round_id, e.unit_id, e.task_id, e.hash, e.size, e.mime, e.original_name,
           e.stored_name, e.pages, e.text_state, r.state AS round_state, ua.group_id,
           (SELECT ia.interview_id FROM interview_attachments ia
            WHERE ia.evidence_id = e.id LIMIT 1) AS interview_id
    FROM evidence e
    JOIN rounds r ON r.id = e.round_id
    LEFT JOIN unit_assignments ua ON ua.round_id = e.round_id AND ua.unit_id = e.unit_id
    WHERE e.id = ${id}`;
  if (!row) throw new AppError('not_found', 'Not found.');
  const { roundState, groupId, interviewId, ...rest } = row;
  const facts: UnitFacts = {
    round: { id: row.roundId, state: roundState },
    unitId: row.unitId,
    groupId,
  };
  if (interviewId) {
    const interview = await interviewFacts(c.get('deps').sql, interviewId);
    await authorize(c, action, interviewResource(interview), { resourceId: id });
  } else {
    await authorize(c, action, { kind: 'evidence', ...facts }, { resourceId: id });
  }
  return { ...rest, size: Number(row.size), facts };
}
