import { request } from '../../lib/api.ts';

/**
 * The coverage API as the coverage screen reads it
 * (packages/api/src/coverage/schemas.ts).
 */
export interface CoverageQuestion {
  code: string;
  zh: string;
  en: string;
  retired: boolean;
}

export interface CoverageFocus {
  code: string;
  zh: string;
  en: string;
  questions: CoverageQuestion[];
}

export interface CoverageCell {
  question: string;
  open: number;
  resolved: number;
  authors: string[];
}

export interface CoverageUnit {
  id: string;
  name: string;
  statements: number;
  annotatedStatements: number;
  open: number;
  resolved: number;
  untagged: number;
  /** One per question column, in column order. */
  cells: CoverageCell[];
}

export interface Coverage {
  roundId: string;
  group: { id: string; name: string } | null;
  groups: Array<{ id: string; name: string }>;
  framework: { version: number; focuses: CoverageFocus[] };
  units: CoverageUnit[];
  people: Array<{ name: string; annotations: number; units: number }>;
  totals: { open: number; resolved: number; cells: number; covered: number; gaps: number };
}

export interface CellAnnotation {
  id: string;
  quote: string;
  body: string;
  questions: string[];
  step: string | null;
  status: 'open' | 'resolved';
  orphaned: boolean;
  author: string | null;
  createdAt: string;
  updatedAt: string;
  statementVersionId: string;
  version: number;
  task: { id: string; title: string } | null;
  evidence: { id: string; name: string; page: number | null } | null;
}

export interface CellDetail {
  unit: { id: string; name: string };
  question: { code: string; focus: string | null; zh: string; en: string };
  annotations: CellAnnotation[];
}

const seg = encodeURIComponent;

export const coverageApi = {
  matrix: (roundId: string, groupId?: string) =>
    request<Coverage>(
      'GET',
      `/api/rounds/${seg(roundId)}/coverage${groupId ? `?groupId=${seg(groupId)}` : ''}`,
    ),
  cell: (roundId: string, unitId: string, question: string) =>
    request<CellDetail>(
      'GET',
      `/api/rounds/${seg(roundId)}/coverage/cell?unitId=${seg(unitId)}&question=${seg(question)}`,
    ),
};
