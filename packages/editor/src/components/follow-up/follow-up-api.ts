import { ApiError, type ApiErrorCode, request } from '../../lib/api.ts';

/**
 * The rectification follow-up API as these screens read it
 * (packages/api/src/reports/rectification-routes.ts and rectification-evidence.ts).
 */
export type RectificationStatus = 'awaiting_answer' | 'awaiting_review' | 'returned' | 'closed';

export interface EvidenceRef {
  id: string;
  name: string;
  mime: string;
  size: number;
}

export interface Person {
  id: string;
  displayName: string;
}

export interface RectificationResponse {
  id: string;
  measures: string;
  progress: string;
  evidence: EvidenceRef[];
  submittedBy: Person;
  submittedAt: string;
  reviewState: 'pending' | 'returned' | 'accepted';
  reviewComment: string;
  reviewedBy: Person | null;
  reviewedAt: string | null;
}

export interface RectificationItem {
  finding: {
    id: string;
    title: string;
    description: string;
    questions: Array<{ code: string; focus: string; zh: string; en: string }>;
    aspect: { code: string; zh: string; en: string } | null;
    requirement: string;
    deadline: string | null;
    immediate: boolean;
    state: 'issued' | 'rectifying' | 'closed';
    reportId: string | null;
    unit: { id: string; name: string };
    group: { id: string; name: string };
  };
  status: RectificationStatus;
  overdue: boolean;
  responses: RectificationResponse[];
  canAnswer: boolean;
  canReview: boolean;
}

export interface RectificationFilter {
  unitId?: string;
  groupId?: string;
  status?: RectificationStatus;
  overdue?: boolean;
}

const seg = encodeURIComponent;

function query(f: RectificationFilter): string {
  const q = new URLSearchParams();
  if (f.unitId) q.set('unitId', f.unitId);
  if (f.groupId) q.set('groupId', f.groupId);
  if (f.status) q.set('status', f.status);
  if (f.overdue !== undefined) q.set('overdue', String(f.overdue));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const followUpApi = {
  list: (roundId: string, f: RectificationFilter = {}) =>
    request<RectificationItem[]>('GET', `/api/rounds/${seg(roundId)}/rectification${query(f)}`),
  answer: (
    findingId: string,
    body: { measures: string; progress: string; evidenceIds: string[] },
  ) => request<RectificationItem>('POST', `/api/findings/${seg(findingId)}/responses`, { body }),
  review: (responseId: string, decision: 'accept' | 'return', comment: string) =>
    request<RectificationItem>('POST', `/api/rectification-responses/${seg(responseId)}/review`, {
      body: { decision, comment },
    }),
};

export const ledgerUrl = (roundId: string, f: RectificationFilter = {}) =>
  `/api/rounds/${seg(roundId)}/rectification/ledger.xlsx${query(f)}`;

export const evidenceDownloadUrl = (id: string) => `/api/evidence/${seg(id)}/download`;

export interface EvidenceUpload {
  done: Promise<EvidenceRef>;
  abort: () => void;
}

/**
 * Sends one file for an answer as the raw body, reporting progress (only
 * XMLHttpRequest can). Failures reject with the app's `ApiError`.
 */
export function uploadAnswerEvidence(
  findingId: string,
  file: File,
  onProgress?: (loaded: number, total: number) => void,
): EvidenceUpload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<EvidenceRef>((resolve, reject) => {
    xhr.upload.addEventListener('progress', (e) =>
      onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size),
    );
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as EvidenceRef);
        } catch {
          reject(
            new ApiError({ status: xhr.status, code: 'bad_response', message: 'Invalid JSON' }),
          );
        }
        return;
      }
      let code: ApiErrorCode = 'internal';
      let message = `HTTP ${xhr.status}`;
      try {
        const body = JSON.parse(xhr.responseText) as {
          error?: { code?: string; message?: string };
        };
        if (body.error?.code) code = body.error.code as ApiErrorCode;
        if (body.error?.message) message = body.error.message;
      } catch {
        // Not our error shape: the status has to do.
      }
      reject(new ApiError({ status: xhr.status, code, message }));
    });
    const failed = () =>
      reject(new ApiError({ status: 0, code: 'network', message: 'Upload failed' }));
    xhr.addEventListener('error', failed);
    xhr.addEventListener('abort', failed);
  });
  xhr.open(
    'POST',
    `/api/findings/${seg(findingId)}/evidence?${new URLSearchParams({ filename: file.name })}`,
  );
  xhr.withCredentials = true;
  xhr.setRequestHeader('Accept', 'application/json');
  xhr.setRequestHeader('Content-Type', 'application/octet-stream');
  xhr.send(file);
  return { done, abort: () => xhr.abort() };
}
