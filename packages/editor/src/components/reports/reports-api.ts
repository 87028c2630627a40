import type { ReportGrouping, ReportModel } from '@rectify/domain';
import { request } from '../../lib/api.ts';

/**
 * The feedback-report API as these screens read it
 * (packages/api/src/reports/routes.ts). The content model is the domain's
 * `ReportModel`: the same one the DOCX is rendered from.
 */
export interface Ref {
  id: string;
  name: string;
}

export type ReportState = 'draft' | 'issued';

export interface ReportRow {
  /** null: the round summary (administrators). */
  unit: Ref | null;
  group: Ref | null;
  report: { id: string; state: ReportState; issuedAt: string | null } | null;
  /** Approved, not yet issued findings; null when the caller may not see working papers. */
  approvedFindings: number | null;
  deliveredFindings: number;
}

export interface ReportTexts {
  subject: string;
  opening: string;
  assessment: string;
  requirements: string;
  signature: string;
  date: string | null;
}

export interface Report {
  id: string;
  roundId: string;
  roundName: string;
  unit: Ref | null;
  group: Ref | null;
  state: ReportState;
  texts: ReportTexts;
  /** The live document of the opening, assessment and requirements. */
  textsDoc: string;
  groupBy: ReportGrouping;
  model: ReportModel;
  issuedAt: string | null;
  issuedBy: { id: string; displayName: string } | null;
  sha256: string | null;
  size: number | null;
  createdAt: string;
  canEdit: boolean;
  canIssue: boolean;
}

export type ReportPatch = Partial<ReportTexts & { groupBy: ReportGrouping }>;

const seg = encodeURIComponent;

export const reportsApi = {
  list: (roundId: string) => request<ReportRow[]>('GET', `/api/rounds/${seg(roundId)}/reports`),
  /** The unit's draft (created when missing); `unitId` null: the round summary. */
  open: (roundId: string, unitId: string | null) =>
    request<Report>('POST', `/api/rounds/${seg(roundId)}/reports`, { body: { unitId } }),
  get: (id: string) => request<Report>('GET', `/api/reports/${seg(id)}`),
  patch: (id: string, body: ReportPatch) =>
    request<Report>('PATCH', `/api/reports/${seg(id)}`, { body }),
  issue: (id: string) => request<Report>('POST', `/api/reports/${seg(id)}/issue`),
};

/** A draft rendered to DOCX now (audited as an export). */
export const previewDocxUrl = (id: string) => `/api/reports/${seg(id)}/preview.docx`;
/** The issued file, byte for byte (audited). */
export const issuedDocxUrl = (id: string) => `/api/reports/${seg(id)}/download`;
