import type { IncomingMessage } from 'node:http';
import { isAllowedOrigin, loadPolicyActor, reportFacts, reportResource } from '@rectify/api';
import {
  AppError,
  type DocRef,
  decide,
  type FindingState,
  type Resource,
  type RichTextJson,
  type RoundState,
} from '@rectify/domain';
import { resolveSession, type SessionPolicy, type Sql, tokenFrom } from '@rectify/store';

/** The facts of the statement version behind a review document, or undefined if there is none. */
async function reviewFacts(sql: Sql, statementVersionId: string) {
  const [row] = await sql<
    {
      roundId: string;
      state: RoundState;
      unitId: string;
      groupId: string | null;
      body: RichTextJson;
    }[]
  >`
    SELECT s.round_id, r.state, s.unit_id, ua.group_id, v.body
    FROM statement_versions v
    JOIN statements s ON s.id = v.statement_id
    JOIN rounds r ON r.id = s.round_id
    LEFT JOIN unit_assignments ua ON ua.round_id = s.round_id AND ua.unit_id = s.unit_id
    WHERE v.id = ${statementVersionId}`;
  return row;
}

/**
 * The policy resource a live document belongs to: a review document (its
 * statement's unit), meeting minutes (the meeting), or a finding's
 * description (the finding, so an issued one is read-only), an interview
 * record (its interviewers, their leader, administrators), a report's
 * co-edited texts (the report: its group's leader writes while it is a
 * draft; an issued one is read-only, and a unit never sees a draft).
 */
async function docResource(sql: Sql, ref: DocRef): Promise<Resource | undefined> {
  if (ref.kind === 'review') {
    const facts = await reviewFacts(sql, ref.id);
    if (!facts) return undefined;
    return {
      kind: 'review_doc',
      round: { id: facts.roundId, state: facts.state },
      unitId: facts.unitId,
      groupId: facts.groupId,
    };
  }
  if (ref.kind === 'minutes') {
    const [m] = await sql<{ roundId: string; state: RoundState }[]>`
      SELECT m.round_id, r.state FROM meetings m JOIN rounds r ON r.id = m.round_id
      WHERE m.id = ${ref.id}`;
    return m ? { kind: 'meeting', round: { id: m.roundId, state: m.state } } : undefined;
  }
  if (ref.kind === 'finding') {
    const [f] = await sql<
      {
        roundId: string;
        state: RoundState;
        unitId: string;
        groupId: string;
        findingState: FindingState;
      }[]
    >`
      SELECT f.round_id, r.state, f.unit_id, f.group_id, f.state AS finding_state
      FROM findings f JOIN rounds r ON r.id = f.round_id WHERE f.id = ${ref.id}`;
    return f
      ? {
          kind: 'finding',
          state: f.findingState,
          round: { id: f.roundId, state: f.state },
          unitId: f.unitId,
          groupId: f.groupId,
        }
      : undefined;
  }
  if (ref.kind === 'interview') {
    const [i] = await sql<
      {
        roundId: string;
        state: RoundState;
        unitId: string;
        groupId: string;
        interviewerIds: string[];
      }[]
    >`
      SELECT i.round_id, r.state, i.unit_id, i.group_id,
        COALESCE((SELECT array_agg(ii.user_id::text) FROM interview_interviewers ii
                  WHERE ii.interview_id = i.id), '{}') AS interviewer_ids
      FROM interviews i JOIN rounds r ON r.id = i.round_id WHERE i.id = ${ref.id}`;
    return i
      ? {
          kind: 'interview',
          interviewerIds: i.interviewerIds,
          round: { id: i.roundId, state: i.state },
          unitId: i.unitId,
          groupId: i.groupId,
        }
      : undefined;
  }
  if (ref.kind === 'report') {
    try {
      return reportResource(await reportFacts(sql, ref.id));
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return undefined;
      throw e;
    }
  }
  return undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Who may open a live document, and whether they may write: the session
 * (cookie, bearer or `?token=`) and then the one access policy, exactly as
 * the HTTP API asks it (see `docResource` for which kinds are served).
 */
export function collabAuthenticator(deps: {
  sql: Sql;
  clock: () => Date;
  session: SessionPolicy;
  publicUrl?: string;
}) {
  return async (req: IncomingMessage, _docName: string, ref: DocRef) => {
    const origin = req.headers.origin;
    if (origin && !isAllowedOrigin(origin, req.headers.host ?? '', deps.publicUrl)) {
      throw new AppError('forbidden', 'Cross-site connections are not allowed.');
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = tokenFrom({
      authorization: req.headers.authorization,
      cookie: req.headers.cookie,
      query: url.searchParams.get('token'),
    });
    const session = token
      ? await resolveSession(deps.sql, token, deps.clock(), deps.session)
      : undefined;
    if (!session) throw new AppError('unauthenticated', 'Please sign in.');
    if (!UUID.test(ref.id)) throw new AppError('not_found', 'No such document.');
    const resource = await docResource(deps.sql, ref);
    if (!resource) throw new AppError('not_found', 'No such document.');
    const actor = await loadPolicyActor(deps.sql, session.userId, session.isAdmin);
    const read = decide(actor, 'read', resource);
    if (!read.allow) throw new AppError('forbidden', 'No access to this document.');
    return { userId: session.userId, readOnly: !decide(actor, 'write', resource).allow };
  };
}

// Seeding (statement and carried annotations) lives in review-seed.ts.
export { seedingStore, statementSeedUpdate } from './review-seed.ts';
