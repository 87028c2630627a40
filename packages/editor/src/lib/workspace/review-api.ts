import { request } from '../api.ts';

/**
 * The HTTP shapes the review workspace and the 工作台 read, as the API's zod
 * schemas define them (packages/api/src/statements, packages/api/src/evidence).
 * Only the fields the screens use are spelled out.
 */
export interface EvidenceReuse {
  evidenceId: string;
  taskId: string | null;
  taskTitle: string | null;
  unitId: string;
  unitName: string;
}

export interface EvidenceItem {
  id: string;
  mime: string;
  originalName: string;
  size: number;
  pages: number | null;
  textState: 'pending' | 'done' | 'failed' | 'none';
  uploadedAt: string;
  reusedElsewhere: EvidenceReuse[];
}

export interface StatementVersion {
  id: string;
  statementId: string;
  version: number;
  text: string;
  submittedAt: string;
  submittedBy: { id: string; name: string };
  task: {
    id: string;
    ordinal: number;
    title: string;
    problem: { id: string; title: string };
  };
  unit: { id: string; name: string };
  roundId: string;
  previousVersionId: string | null;
  nextVersionId: string | null;
  evidence: EvidenceItem[];
}

export interface StatementDiff {
  versionId: string;
  version: number;
  previousVersionId: string | null;
  previousVersion: number | null;
  segments: Array<{ op: 'equal' | 'insert' | 'delete'; text: string }>;
  stats: { inserted: number; deleted: number };
}

export type EvidencePreview =
  | { kind: 'pdf'; pages: number | null }
  | { kind: 'image'; mime: string }
  | { kind: 'docx'; html: string }
  | {
      kind: 'xlsx';
      sheets: Array<{ name: string; rows: string[][]; truncated: boolean }>;
    }
  | { kind: 'text'; text: string; truncated: boolean }
  | {
      kind: 'unavailable';
      reason: 'too_large' | 'unsupported' | 'unreadable';
      message: string;
    };

export interface RoundUnit {
  id: string;
  name: string;
  groupId: string | null;
  groupName: string | null;
}

export interface StatementStatus {
  status: 'none' | 'draft' | 'submitted';
  version: number | null;
  submittedAt: string | null;
  draftUpdatedAt: string | null;
}

export interface UnitTask {
  id: string;
  ordinal: number;
  title: string;
  role: 'lead' | 'co';
  kind: string;
  kindLabel: string;
  deadline: string;
  statement: StatementStatus;
}

export interface UnitTasks {
  roundId: string;
  unit: { id: string; name: string };
  problems: Array<{ id: string; ordinal: number; title: string; tasks: UnitTask[] }>;
}

export interface TaskVersions {
  versions: Array<{ id: string; version: number; submittedAt: string; submittedBy: string }>;
}

const seg = encodeURIComponent;

export const reviewApi = {
  version: (id: string) => request<StatementVersion>('GET', `/api/statement-versions/${seg(id)}`),
  diff: (id: string) => request<StatementDiff>('GET', `/api/statement-versions/${seg(id)}/diff`),
  preview: (evidenceId: string) =>
    request<EvidencePreview>('GET', `/api/evidence/${seg(evidenceId)}/preview`),
  roundUnits: (roundId: string) => request<RoundUnit[]>('GET', `/api/rounds/${seg(roundId)}/units`),
  roundUnit: (roundId: string, unitId: string) =>
    request<RoundUnit>('GET', `/api/rounds/${seg(roundId)}/units/${seg(unitId)}`),
  unitTasks: (roundId: string, unitId: string) =>
    request<UnitTasks>('GET', `/api/rounds/${seg(roundId)}/units/${seg(unitId)}/tasks`),
  taskVersions: (taskId: string, unitId: string) =>
    request<TaskVersions>('GET', `/api/tasks/${seg(taskId)}?unitId=${seg(unitId)}`),
};

/** Where the viewer loads a PDF or image from, and where any file downloads. */
export const evidenceRawUrl = (id: string) => `/api/evidence/${seg(id)}/raw`;
export const evidenceDownloadUrl = (id: string) => `/api/evidence/${seg(id)}/download`;
