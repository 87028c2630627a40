import type { FindingState } from '@rectify/domain';
import { request } from '../../lib/api.ts';

/**
 * The findings API as the findings screens read it (packages/api/src/findings/routes.ts).
 * Only the fields the screens use are spelled out.
 */
export interface QuestionRef {
  code: string;
  focus: string;
  zh: string;
  en: string;
}

export interface Finding {
  id: string;
  roundId: string;
  group: { id: string; name: string };
  unit: { id: string; name: string };
  title: string;
  description: string;
  questions: QuestionRef[];
  frameworkVersion: number;
  aspect: string | null;
  severity: string | null;
  immediate: boolean;
  requirement: string;
  deadline: string | null;
  state: FindingState;
  /** Where the lifecycle allows it to go next; the policy still decides who may. */
  next: FindingState[];
  createdBy: { id: string; displayName: string };
  createdAt: string;
  updatedAt: string;
  annotationCount: number;
}

export interface LinkedAnnotation {
  id: string;
  quote: string;
  body: string;
  step: string | null;
  status: string;
  questions: string[];
  statementVersionId: string;
  taskId: string | null;
  evidence: { id: string; name: string; page: number | null } | null;
  author: string | null;
  orphaned: boolean;
}

export interface Transition {
  from: FindingState | null;
  to: FindingState;
  actor: string;
  comment: string;
  at: string;
}

/** An interview record one of the finding's annotations points to (step S3). */
export interface LinkedInterview {
  id: string;
  heldOn: string;
  interviewers: string[];
}

export interface FindingDetail extends Finding {
  annotations: LinkedAnnotation[];
  /** Only those the user may read; older servers leave it out. */
  interviews?: LinkedInterview[];
  transitions: Transition[];
}

/** The fields a finding is created or edited with. */
export interface FindingFields {
  title: string;
  description: string;
  questions: string[];
  aspect: string | null;
  severity: string | null;
  immediate: boolean;
  requirement: string;
  deadline: string | null;
}

export interface Suggestion {
  unitId: string;
  unitName: string;
  question: string;
  focus: string | null;
  annotations: number;
}

export interface Rollup {
  units: Array<{
    unitId: string;
    unitName: string;
    groupId: string;
    findings: Partial<Record<FindingState, number>>;
    annotations: number;
  }>;
  groups: Array<{
    groupId: string;
    name: string;
    findings: Partial<Record<FindingState, number>>;
    annotations: number;
  }>;
  focuses: Array<{ code: string; zh: string; en: string; findings: number; annotations: number }>;
  aspects: Array<{ code: string; zh: string; en: string; findings: number }>;
  suggestions: Suggestion[];
}

const seg = encodeURIComponent;

/** The XLSX exports: plain links, so the browser downloads them with the session cookie. */
export const findingsXlsxUrl = (roundId: string) => `/api/rounds/${seg(roundId)}/findings.xlsx`;
export const annotationsXlsxUrl = (roundId: string) =>
  `/api/rounds/${seg(roundId)}/annotations.xlsx`;

export const findingsApi = {
  list: (roundId: string) => request<Finding[]>('GET', `/api/rounds/${seg(roundId)}/findings`),
  rollup: (roundId: string) =>
    request<Rollup>('GET', `/api/rounds/${seg(roundId)}/findings/rollup`),
  get: (id: string) => request<FindingDetail>('GET', `/api/findings/${seg(id)}`),
  create: (
    roundId: string,
    body: Partial<FindingFields> & {
      unitId: string;
      title: string;
      annotationIds?: string[];
      /** Link the annotations of this unit tagged with this question (a suggestion's cell). */
      cell?: { question: string };
    },
  ) => request<FindingDetail>('POST', `/api/rounds/${seg(roundId)}/findings`, { body }),
  update: (id: string, body: Partial<FindingFields>) =>
    request<FindingDetail>('PATCH', `/api/findings/${seg(id)}`, { body }),
  move: (id: string, to: FindingState, comment: string) =>
    request<FindingDetail>('POST', `/api/findings/${seg(id)}/transitions`, {
      body: { to, comment },
    }),
  merge: (id: string, sourceId: string) =>
    request<FindingDetail>('POST', `/api/findings/${seg(id)}/merge`, { body: { sourceId } }),
  split: (id: string, title: string, annotationIds: string[]) =>
    request<FindingDetail>('POST', `/api/findings/${seg(id)}/split`, {
      body: { title, annotationIds },
    }),
};

/** The page a finding opens on: the findings list with its panel open. */
export const findingPath = (id: string) => `/findings?finding=${seg(id)}`;
