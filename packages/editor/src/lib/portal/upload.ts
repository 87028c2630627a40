import { ApiError, type ApiErrorCode } from '../api.ts';
import type { EvidenceItem } from './contracts.ts';

export interface UploadRequest {
  taskId: string;
  unitId: string;
  file: File;
  /** Bytes sent so far, of `total` (the file size when the browser cannot tell). */
  onProgress?: (loaded: number, total: number) => void;
}

export interface UploadResult {
  /** 201 stored; 200 the same bytes were already attached to this draft. */
  status: number;
  evidence: EvidenceItem;
}

export interface UploadHandle {
  done: Promise<UploadResult>;
  abort: () => void;
}

const CODE_BY_STATUS: Partial<Record<number, ApiErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
};

function errorOf(xhr: XMLHttpRequest): ApiError {
  let code: ApiErrorCode = CODE_BY_STATUS[xhr.status] ?? 'internal';
  let message = xhr.statusText || `HTTP ${xhr.status}`;
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code as ApiErrorCode;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // A proxy's HTML error page: the status has to do.
  }
  return new ApiError({ status: xhr.status, code, message });
}

/**
 * Sends one evidence file as the raw request body. XMLHttpRequest rather than
 * fetch, because only it reports upload progress. Failures reject with the
 * same `ApiError` the rest of the app uses; `message` is the server's
 * sentence (413, 415 explain themselves in plain words).
 */
export function uploadEvidence(req: UploadRequest): UploadHandle {
  const xhr = new XMLHttpRequest();
  const query = new URLSearchParams({
    taskId: req.taskId,
    unitId: req.unitId,
    filename: req.file.name,
  });
  const done = new Promise<UploadResult>((resolve, reject) => {
    xhr.upload.addEventListener('progress', (event) => {
      req.onProgress?.(event.loaded, event.lengthComputable ? event.total : req.file.size);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorOf(xhr));
        return;
      }
      try {
        resolve({ status: xhr.status, evidence: JSON.parse(xhr.responseText) as EvidenceItem });
      } catch {
        reject(new ApiError({ status: xhr.status, code: 'bad_response', message: 'Invalid JSON' }));
      }
    });
    const failed = () =>
      reject(new ApiError({ status: 0, code: 'network', message: 'Upload failed' }));
    xhr.addEventListener('error', failed);
    xhr.addEventListener('timeout', failed);
    xhr.addEventListener('abort', () =>
      reject(new ApiError({ status: 0, code: 'network', message: 'aborted' })),
    );
  });
  xhr.open('POST', `/api/evidence?${query}`);
  xhr.withCredentials = true;
  xhr.setRequestHeader('Accept', 'application/json');
  // The server decides the type from the bytes; a neutral type keeps form-CSRF rules out of it.
  xhr.setRequestHeader('Content-Type', 'application/octet-stream');
  xhr.send(req.file);
  return { done, abort: () => xhr.abort() };
}
