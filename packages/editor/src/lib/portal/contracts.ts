import type { RichTextJson } from '@rectify/domain';

/**
 * Response shapes of the unit-portal API (packages/api/src/statements and
 * src/evidence) as the browser consumes them. Kept by hand beside the
 * server's zod schemas: the editor imports types only.
 */

export type StatementState = 'none' | 'draft' | 'submitted';

export interface StatementStatus {
  /** none: nothing yet; draft: changes since the last submission; submitted: up to date. */
  status: StatementState;
  /** The latest submitted version number, if any. */
  version: number | null;
  submittedAt: string | null;
  draftUpdatedAt: string | null;
}

export interface UnitRef {
  id: string;
  name: string;
}

/** Task kind codes of the default framework; a round may add its own. */
export type TaskKindCode = 'completed' | 'long_term' | 'supplementary' | 'rules';

export interface UnitTask {
  id: string;
  ordinal: number;
  title: string;
  /** lead: the unit leads a measure of the task; co: it only co-leads. */
  role: 'lead' | 'co';
  kind: string;
  /** The kind in the round framework's Chinese wording. */
  kindLabel: string;
  /** The deadline as the ledger words it ("2023年6月底前", "长期坚持"). */
  deadline: string;
  deadlineDate: string | null;
  measures: number;
  statement: StatementStatus;
  evidenceCount: number;
}

export interface ProblemTasks {
  id: string;
  ordinal: number;
  title: string;
  tasks: UnitTask[];
}

/** `GET /api/rounds/{roundId}/my-tasks` answers one of these per unit the caller is contact of. */
export interface UnitTasks {
  roundId: string;
  unit: UnitRef;
  problems: ProblemTasks[];
}

export interface Measure {
  id: string;
  ordinal: number;
  content: string;
  kind: string;
  kindLabel: string;
  deadline: string;
  deadlineDate: string | null;
  lead: UnitRef;
  coUnits: UnitRef[];
}

export interface EvidenceItem {
  id: string;
  taskId: string | null;
  unitId: string;
  hash: string;
  size: number;
  mime: string;
  originalName: string;
  storedName: string;
  pages: number | null;
  textState: 'pending' | 'done' | 'failed' | 'none';
  uploadedAt: string;
  /** Attached to the unit's current draft. */
  inDraft: boolean;
  /** Submitted versions that include it. */
  versions: number[];
  reusedElsewhere: Array<{
    evidenceId: string;
    taskId: string | null;
    taskTitle: string | null;
    unitId: string;
    unitName: string;
  }>;
}

export interface VersionSummary {
  id: string;
  version: number;
  submittedAt: string;
  /** Display name of who submitted it. */
  submittedBy: string;
}

/** `GET /api/tasks/{taskId}?unitId=` */
export interface TaskDetail {
  task: { id: string; ordinal: number; title: string };
  problem: { id: string; ordinal: number; title: string };
  roundId: string;
  unit: UnitRef & { role: 'lead' | 'co' };
  measures: Measure[];
  statement: StatementStatus & { id: string | null; draft: RichTextJson | null };
  /** Newest first. */
  versions: VersionSummary[];
  evidence: EvidenceItem[];
}

export interface DraftSaved {
  statementId: string;
  draftUpdatedAt: string;
}

export interface SubmittedVersion {
  id: string;
  statementId: string;
  version: number;
  submittedAt: string;
  evidenceCount: number;
}

/** `GET /api/statement-versions/{id}` (the fields the portal reads). */
export interface StatementVersion {
  id: string;
  version: number;
  body: RichTextJson;
  text: string;
  submittedAt: string;
  previousVersionId: string | null;
  nextVersionId: string | null;
}

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffSegment {
  op: DiffOp;
  text: string;
}

/** `GET /api/statement-versions/{id}/diff`: equal + delete gives the previous text, equal + insert this one. */
export interface StatementDiff {
  versionId: string;
  version: number;
  previousVersionId: string | null;
  previousVersion: number | null;
  segments: DiffSegment[];
  stats: { inserted: number; deleted: number };
}

export interface EvidenceDeleted {
  /** Gone for good (it never went out with a version). */
  deleted: boolean;
  /** Taken off the draft (kept for the versions that include it). */
  unlinked: boolean;
}
