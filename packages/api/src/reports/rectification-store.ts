import type { FindingState, FrozenWording } from '@rectify/domain';
import type { Db } from '@rectify/store';

/** Where a delivered finding stands in the follow-up. */
export type RectificationStatus = 'awaiting_answer' | 'awaiting_review' | 'returned' | 'closed';
export type ReviewState = 'pending' | 'returned' | 'accepted';

export interface RectificationResponse {
  id: string;
  measures: string;
  progress: string;
  evidence: Array<{ id: string; name: string; mime: string; size: number }>;
  submittedBy: { id: string; displayName: string };
  submittedAt: string;
  reviewState: ReviewState;
  reviewComment: string;
  reviewedBy: { id: string; displayName: string } | null;
  reviewedAt: string | null;
}

export interface RectificationRow {
  id: string;
  roundId: string;
  unitId: string;
  unitName: string;
  groupId: string;
  groupName: string;
  title: string;
  description: string;
  questions: string[];
  aspect: string | null;
  frozen: (FrozenWording & { frameworkVersion?: number }) | null;
  requirement: string;
  deadline: string | null;
  immediate: boolean;
  state: FindingState;
  reportId: string | null;
}

export const DELIVERED: FindingState[] = ['issued', 'rectifying', 'closed'];

/** Delivered findings of a round (optionally one unit, or one finding), oldest first. */
export async function deliveredFindings(
  db: Db,
  roundId: string,
  filter: { unitId?: string; groupId?: string; id?: string } = {},
): Promise<RectificationRow[]> {
  return db<RectificationRow[]>`
    SELECT f.id, f.round_id, f.unit_id, u.name AS unit_name, f.group_id, g.name AS group_name,
      f.title, f.description_text AS description, f.questions, f.aspect, f.frozen, f.requirement,
      to_char(f.deadline, 'YYYY-MM-DD') AS deadline, f.immediate, f.state, f.report_id
    FROM findings f
    JOIN units u ON u.id = f.unit_id
    JOIN inspection_groups g ON g.id = f.group_id
    WHERE f.round_id = ${roundId} AND f.state IN ${db(DELIVERED)}
      ${filter.unitId ? db`AND f.unit_id = ${filter.unitId}` : db``}
      ${filter.groupId ? db`AND f.group_id = ${filter.groupId}` : db``}
      ${filter.id ? db`AND f.id = ${filter.id}` : db``}
    ORDER BY u.name, f.deadline NULLS LAST, f.created_at, f.id`;
}

/** The responses to these findings, oldest first, with their evidence. */
export async function responsesOf(
  db: Db,
  findingIds: readonly string[],
): Promise<Map<string, RectificationResponse[]>> {
  const out = new Map<string, RectificationResponse[]>();
  if (findingIds.length === 0) return out;
  const rows = await db<
    (Omit<
      RectificationResponse,
      'submittedBy' | 'reviewedBy' | 'evidence' | 'submittedAt' | 'reviewedAt'
    > & {
      findingId: string;
      submitterId: string;
      submitterName: string;
      reviewerId: string | null;
      reviewerName: string | null;
      submittedAt: Date;
      reviewedAt: Date | null;
    })[]
  >`
    SELECT r.id, r.finding_id, r.measures, r.progress, r.submitted_by AS submitter_id,
      su.display_name AS submitter_name, r.submitted_at, r.review_state, r.review_comment,
      r.reviewed_by AS reviewer_id, ru.display_name AS reviewer_name, r.reviewed_at
    FROM rectification_responses r
    JOIN users su ON su.id = r.submitted_by
    LEFT JOIN users ru ON ru.id = r.reviewed_by
    WHERE r.finding_id IN ${db(findingIds as string[])}
    ORDER BY r.submitted_at, r.id`;
  const ids = rows.map((r) => r.id);
  const evidence =
    ids.length === 0
      ? []
      : await db<{ responseId: string; id: string; name: string; mime: string; size: string }[]>`
          SELECT re.response_id, e.id, e.original_name AS name, e.mime, e.size
          FROM rectification_evidence re JOIN evidence e ON e.id = re.evidence_id
          WHERE re.response_id IN ${db(ids)}
          ORDER BY e.original_name, e.id`;
  for (const r of rows) {
    const list = out.get(r.findingId) ?? [];
    list.push({
      id: r.id,
      measures: r.measures,
      progress: r.progress,
      evidence: evidence
        .filter((e) => e.responseId === r.id)
        .map((e) => ({ id: e.id, name: e.name, mime: e.mime, size: Number(e.size) })),
      submittedBy: { id: r.submitterId, displayName: r.submitterName },
      submittedAt: new Date(r.submittedAt).toISOString(),
      reviewState: r.reviewState,
      reviewComment: r.reviewComment,
      reviewedBy: r.reviewerId ? { id: r.reviewerId, displayName: r.reviewerName ?? '' } : null,
      reviewedAt: r.reviewedAt ? new Date(r.reviewedAt).toISOString() : null,
    });
    out.set(r.findingId, list);
  }
  return out;
}

export function statusOf(
  state: FindingState,
  responses: readonly RectificationResponse[],
): RectificationStatus {
  if (state === 'closed') return 'closed';
  const last = responses.at(-1);
  if (!last || last.reviewState === 'accepted') return 'awaiting_answer';
  return last.reviewState === 'pending' ? 'awaiting_review' : 'returned';
}

/** Past its deadline and not closed (销号). `today` is YYYY-MM-DD. */
export function isOverdue(
  row: Pick<RectificationRow, 'deadline' | 'state'>,
  today: string,
): boolean {
  return row.state !== 'closed' && row.deadline !== null && row.deadline < today;
}

/** The response a review acts on, with its finding's facts. */
export async function responseFacts(db: Db, id: string) {
  const [row] = await db<{ id: string; findingId: string; reviewState: ReviewState }[]>`
    SELECT id, finding_id, review_state FROM rectification_responses WHERE id = ${id}`;
  return row;
}
