import { createStore, produce } from 'solid-js/store';
import { ApiError, type ApiErrorCode } from '../../lib/api.ts';
import type { Attachment } from './interviews-api.ts';

export interface AttachmentUpload {
  key: string;
  name: string;
  size: number;
  loaded: number;
  phase: 'queued' | 'uploading' | 'processing' | 'failed';
  error?: unknown;
}

export interface UploadHandle {
  done: Promise<{ status: number; attachment: Attachment }>;
  abort: () => void;
}

export type SendAttachment = (
  interviewId: string,
  file: File,
  onProgress: (loaded: number, total: number) => void,
) => UploadHandle;

const CODE_BY_STATUS: Partial<Record<number, ApiErrorCode>> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

function errorOf(xhr: XMLHttpRequest): ApiError {
  let code: ApiErrorCode = CODE_BY_STATUS[xhr.status] ?? 'internal';
  let message = xhr.statusText || `HTTP ${xhr.status}`;
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code as ApiErrorCode;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not our JSON (a proxy's page): the status has to do.
  }
  return new ApiError({ status: xhr.status, code, message });
}

/**
 * Sends one file as the raw body of `POST /api/interviews/{id}/attachments`.
 * XMLHttpRequest, because only it reports upload progress.
 */
export const sendAttachment: SendAttachment = (interviewId, file, onProgress) => {
  const xhr = new XMLHttpRequest();
  const done = new Promise<{ status: number; attachment: Attachment }>((resolve, reject) => {
    xhr.upload.addEventListener('progress', (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size),
    );
    xhr.addEventListener('load', () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(errorOf(xhr));
      try {
        resolve({ status: xhr.status, attachment: JSON.parse(xhr.responseText) as Attachment });
      } catch {
        reject(new ApiError({ status: xhr.status, code: 'bad_response', message: 'Invalid JSON' }));
      }
    });
    const failed = () =>
      reject(new ApiError({ status: 0, code: 'network', message: 'Upload failed' }));
    xhr.addEventListener('error', failed);
    xhr.addEventListener('timeout', failed);
    xhr.addEventListener('abort', failed);
  });
  const query = new URLSearchParams({ filename: file.name });
  xhr.open('POST', `/api/interviews/${encodeURIComponent(interviewId)}/attachments?${query}`);
  xhr.withCredentials = true;
  xhr.setRequestHeader('Accept', 'application/json');
  // The server decides the type from the bytes; a neutral type keeps form-CSRF rules out of it.
  xhr.setRequestHeader('Content-Type', 'application/octet-stream');
  xhr.send(file);
  return { done, abort: () => xhr.abort() };
};

let counter = 0;

/**
 * The files on their way to one record: each with its progress, two at a
 * time. A finished file leaves the queue for `onUploaded`; a failed one stays
 * with its error until retried or dismissed.
 */
export function createAttachmentUploads(opts: {
  interviewId: () => string;
  onUploaded: (attachment: Attachment) => void;
  send?: SendAttachment;
}) {
  const send = opts.send ?? sendAttachment;
  const [items, setItems] = createStore<AttachmentUpload[]>([]);
  const files = new Map<string, File>();
  const running = new Map<string, UploadHandle>();
  const update = (key: string, fn: (item: AttachmentUpload) => void) =>
    setItems(
      produce((list) => {
        const item = list.find((i) => i.key === key);
        if (item) fn(item);
      }),
    );
  const forget = (key: string) => {
    files.delete(key);
    running.delete(key);
    setItems((list) => list.filter((i) => i.key !== key));
  };
  const pump = () => {
    for (const item of items) {
      if (running.size >= 2) return;
      if (item.phase === 'queued') start(item.key);
    }
  };
  const start = (key: string) => {
    const file = files.get(key);
    if (!file) return;
    update(key, (i) => {
      i.phase = 'uploading';
      i.loaded = 0;
      i.error = undefined;
    });
    const handle = send(opts.interviewId(), file, (loaded, total) =>
      update(key, (i) => {
        i.loaded = Math.min(loaded, total);
        if (total > 0 && loaded >= total) i.phase = 'processing';
      }),
    );
    running.set(key, handle);
    handle.done.then(
      (result) => {
        if (!running.has(key)) return;
        forget(key);
        opts.onUploaded(result.attachment);
        pump();
      },
      (error: unknown) => {
        if (!running.has(key)) return;
        running.delete(key);
        update(key, (i) => {
          i.phase = 'failed';
          i.error = error;
        });
        pump();
      },
    );
  };
  return {
    get items() {
      return items;
    },
    add(list: Iterable<File>) {
      const added: AttachmentUpload[] = [];
      for (const file of list) {
        counter += 1;
        const key = `a${counter}`;
        files.set(key, file);
        added.push({ key, name: file.name, size: file.size, loaded: 0, phase: 'queued' });
      }
      if (added.length === 0) return;
      setItems((current) => [...current, ...added]);
      pump();
    },
    retry(key: string) {
      update(key, (i) => {
        i.phase = 'queued';
        i.error = undefined;
        i.loaded = 0;
      });
      pump();
    },
    dismiss(key: string) {
      running.get(key)?.abort();
      forget(key);
      pump();
    },
    abortAll() {
      for (const handle of running.values()) handle.abort();
      running.clear();
    },
  };
}

export type AttachmentUploads = ReturnType<typeof createAttachmentUploads>;
