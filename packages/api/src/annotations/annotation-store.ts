import type { RoundState } from '@rectify/domain';
import type { Db } from '@rectify/store';
import type { UnitFacts } from '../queries/facts.ts';

/** One annotation as the projection holds it, with what the policy decides on. */
export interface AnnotationRow {
  id: string;
  docName: string;
  statementVersionId: string;
  roundId: string;
  unitId: string;
  taskId: string | null;
  groupId: string | null;
  frameworkVersion: number;
  step: string | null;
  status: 'open' | 'resolved';
  quote: string;
  bodyText: string;
  evidenceId: string | null;
  evidencePage: number | null;
  interviewId: string | null;
  anchorConfidence: number | null;
  orphaned: boolean;
  authorId: string | null;
  authorName: string | null;
  createdAt: Date;
  updatedAt: Date;
  deleted: boolean;
  questions: string[];
  /** The round's state and the group inspecting the unit now (not when it was annotated). */
  roundState: RoundState;
  currentGroupId: string | null;
}

const columns = (db: Db) => db`
  a.id, a.doc_name, a.statement_version_id, a.round_id, a.unit_id, a.task_id, a.group_id,
  a.framework_version, a.step, a.status, a.quote, a.body_text, a.evidence_id, a.evidence_page,
  a.interview_id, a.anchor_confidence, a.orphaned, a.author_id, u.display_name AS author_name,
  a.created_at, a.updated_at, a.deleted,
  ARRAY(SELECT q.question FROM annotation_questions q
        WHERE q.annotation_id = a.id ORDER BY q.question) AS questions,
  r.state AS round_state, ua.group_id AS current_group_id`;

const joins = (db: Db) => db`
  JOIN rounds r ON r.id = a.round_id
  LEFT JOIN users u ON u.id = a.author_id
  LEFT JOIN unit_assignments ua ON ua.round_id = a.round_id AND ua.unit_id = a.unit_id`;

export async function findAnnotation(db: Db, id: string): Promise<AnnotationRow | undefined> {
  const [row] = await db<AnnotationRow[]>`
    SELECT ${columns(db)} FROM annotations a ${joins(db)} WHERE a.id = ${id}`;
  return row;
}

export interface ListFilter {
  status?: 'open' | 'resolved';
  orphaned?: boolean;
}

/** The live (not deleted) annotations of one statement version, oldest first. */
export async function annotationsOfVersion(
  db: Db,
  statementVersionId: string,
  filter: ListFilter,
): Promise<AnnotationRow[]> {
  return db<AnnotationRow[]>`
    SELECT ${columns(db)} FROM annotations a ${joins(db)}
    WHERE a.statement_version_id = ${statementVersionId} AND NOT a.deleted
      ${filter.status ? db`AND a.status = ${filter.status}` : db``}
      ${filter.orphaned === undefined ? db`` : db`AND a.orphaned = ${filter.orphaned}`}
    ORDER BY a.created_at, a.id`;
}

/** The policy facts of an annotation: its unit, and the group inspecting that unit now. */
export function annotationFacts(row: AnnotationRow): UnitFacts {
  return {
    round: { id: row.roundId, state: row.roundState },
    unitId: row.unitId,
    groupId: row.currentGroupId,
  };
}
