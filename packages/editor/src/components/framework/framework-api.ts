import type { Framework, RoundState } from '@rectify/domain';
import { request } from '../../lib/api.ts';

/** One stored version of a round's framework, as the history lists it. */
export interface FrameworkVersionInfo {
  version: number;
  createdAt: string;
  createdBy: string | null;
}

/** `GET /api/rounds/:id/framework`: the version asked for (or the one in force) and the history. */
export interface FrameworkView {
  version: number;
  current: number;
  framework: Framework;
  versions: FrameworkVersionInfo[];
}

/** Where a question is in use, from `GET …/framework/uses` (the reason a delete is refused). */
export interface QuestionUses {
  question: string;
  annotations: number;
  units: string[];
  findings: Array<{ id: string; title: string; state: string }>;
}

const seg = encodeURIComponent;
const base = (roundId: string) => `/api/rounds/${seg(roundId)}`;

/** The calls of the framework editor and the round lifecycle, one line each. */
export const frameworkApi = {
  view: (roundId: string, version?: number) =>
    request<FrameworkView>(
      'GET',
      `${base(roundId)}/framework${version ? `?version=${version}` : ''}`,
    ),
  /** Saves (or imports) a framework as a new version; `baseVersion` makes a concurrent edit a 409. */
  save: (roundId: string, framework: unknown, baseVersion: number) =>
    request<FrameworkView>('PUT', `${base(roundId)}/framework`, {
      body: { framework, baseVersion },
    }),
  uses: (roundId: string, codes: readonly string[]) =>
    request<QuestionUses[]>(
      'GET',
      `${base(roundId)}/framework/uses?questions=${codes.map(seg).join(',')}`,
    ),
  exportUrl: (roundId: string) => `${base(roundId)}/framework.json`,
  setState: (roundId: string, state: Exclude<RoundState, 'setup'>, comment: string) =>
    request<{ id: string; state: RoundState; closedAt: string | null }>(
      'POST',
      `${base(roundId)}/state`,
      { body: { state, comment } },
    ),
};
