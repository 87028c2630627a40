import { createStore, produce } from 'solid-js/store';
import type { EvidenceItem } from './contracts.ts';
import { type UploadHandle, uploadEvidence } from './upload.ts';

export type UploadPhase = 'queued' | 'uploading' | 'processing' | 'failed';

/** One file on its way: its own progress, and its own error if it fails. */
export interface UploadItem {
  key: string;
  name: string;
  size: number;
  loaded: number;
  phase: UploadPhase;
  error?: unknown;
}

export interface Uploads {
  items: readonly UploadItem[];
  add: (files: Iterable<File>) => void;
  retry: (key: string) => void;
  /** Forgets a failed item, or cancels one still waiting or sending. */
  dismiss: (key: string) => void;
  /** Cancels everything still running (leaving the page). */
  abortAll: () => void;
}

/** Browsers allow six connections per host; leave room for the autosave and the rest. */
const PARALLEL = 3;

let counter = 0;

/**
 * The queue behind the evidence drop zone: several files at once, a few in
 * parallel, each with its progress. A file that finished leaves the queue and
 * is handed to `onUploaded`; one that failed stays with its error until
 * retried or dismissed, and does not hold up the others.
 */
export function createUploads(opts: {
  taskId: () => string;
  unitId: () => string;
  onUploaded: (evidence: EvidenceItem, created: boolean) => void;
  upload?: typeof uploadEvidence;
}): Uploads {
  const upload = opts.upload ?? uploadEvidence;
  const [items, setItems] = createStore<UploadItem[]>([]);
  const files = new Map<string, File>();
  const running = new Map<string, UploadHandle>();

  const update = (key: string, fn: (item: UploadItem) => void) =>
    setItems(
      produce((list) => {
        const item = list.find((i) => i.key === key);
        if (item) fn(item);
      }),
    );
  const remove = (key: string) => {
    files.delete(key);
    running.delete(key);
    setItems((list) => list.filter((i) => i.key !== key));
  };

  const pump = () => {
    for (const item of items) {
      if (running.size >= PARALLEL) return;
      if (item.phase !== 'queued') continue;
      start(item.key);
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
    const handle = upload({
      taskId: opts.taskId(),
      unitId: opts.unitId(),
      file,
      onProgress: (loaded, total) =>
        update(key, (i) => {
          i.loaded = Math.min(loaded, total);
          // Every byte is out: the server is checking and storing the file.
          if (total > 0 && loaded >= total) i.phase = 'processing';
        }),
    });
    running.set(key, handle);
    handle.done.then(
      (result) => {
        if (!running.has(key)) return;
        remove(key);
        opts.onUploaded(result.evidence, result.status === 201);
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
    add: (list) => {
      const added: UploadItem[] = [];
      for (const file of list) {
        counter += 1;
        const key = `u${counter}`;
        files.set(key, file);
        added.push({ key, name: file.name, size: file.size, loaded: 0, phase: 'queued' });
      }
      if (added.length === 0) return;
      setItems((current) => [...current, ...added]);
      pump();
    },
    retry: (key) => {
      update(key, (i) => {
        i.phase = 'queued';
        i.error = undefined;
        i.loaded = 0;
      });
      pump();
    },
    dismiss: (key) => {
      running.get(key)?.abort();
      remove(key);
      pump();
    },
    abortAll: () => {
      for (const handle of running.values()) handle.abort();
      running.clear();
    },
  };
}
