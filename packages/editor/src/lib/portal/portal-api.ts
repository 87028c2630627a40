import type { RichTextJson } from '@rectify/domain';
import { request } from '../api.ts';
import type {
  DraftSaved,
  EvidenceDeleted,
  StatementDiff,
  StatementVersion,
  SubmittedVersion,
  TaskDetail,
  UnitTasks,
} from './contracts.ts';

const seg = encodeURIComponent;

/** The unit portal's calls; uploads go through `uploadEvidence` (XHR, for progress). */
export const portalApi = {
  myTasks: (roundId: string) => request<UnitTasks[]>('GET', `/api/rounds/${seg(roundId)}/my-tasks`),
  task: (taskId: string, unitId: string) =>
    request<TaskDetail>('GET', `/api/tasks/${seg(taskId)}?unitId=${seg(unitId)}`),
  saveDraft: (taskId: string, unitId: string, body: RichTextJson) =>
    request<DraftSaved>('PUT', '/api/statements/draft', { body: { taskId, unitId, body } }),
  submit: (taskId: string, unitId: string) =>
    request<SubmittedVersion>('POST', '/api/statements/submit', { body: { taskId, unitId } }),
  version: (id: string) => request<StatementVersion>('GET', `/api/statement-versions/${seg(id)}`),
  diff: (id: string) => request<StatementDiff>('GET', `/api/statement-versions/${seg(id)}/diff`),
  deleteEvidence: (id: string) => request<EvidenceDeleted>('DELETE', `/api/evidence/${seg(id)}`),
};

/** A plain link the browser downloads (the server answers with an attachment). */
export function evidenceDownloadUrl(id: string): string {
  return `/api/evidence/${seg(id)}/download`;
}
