import type { FindingState } from '@rectify/domain';
import type { Finding } from './findings-api.ts';

/** The list's filters; empty strings mean "all". `question` is a focus (F2) or a question (Q3). */
export interface FindingFilters {
  unit: string;
  state: FindingState | '';
  question: string;
  severity: string;
  immediate: boolean;
}

export const NO_FILTERS: FindingFilters = {
  unit: '',
  state: '',
  question: '',
  severity: '',
  immediate: false,
};

export function matches(f: Finding, by: FindingFilters): boolean {
  if (by.unit && f.unit.id !== by.unit) return false;
  if (by.state && f.state !== by.state) return false;
  if (by.severity && f.severity !== by.severity) return false;
  if (by.immediate && !f.immediate) return false;
  if (by.question) {
    const hit = by.question.startsWith('F')
      ? f.questions.some((q) => q.focus === by.question)
      : f.questions.some((q) => q.code === by.question);
    if (!hit) return false;
  }
  return true;
}

export function isFiltered(by: FindingFilters): boolean {
  return !!(by.unit || by.state || by.question || by.severity || by.immediate);
}
