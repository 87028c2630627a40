import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { json, mockFetch, renderApp } from '../../test/render.tsx';
import type { SendAttachment } from './attachment-uploads.ts';
import { InterviewAttachments } from './interview-attachments.tsx';
import type { Attachment } from './interviews-api.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

const SCAN: Attachment = {
  id: 'ev1',
  name: '谈话记录（签字）.pdf',
  mime: 'application/pdf',
  size: 204_800,
  pages: 2,
  uploadedAt: '2025-04-08T03:00:00Z',
};

/** A send whose progress and outcome the test drives. */
function fakeSend() {
  const calls: Array<{
    interviewId: string;
    file: File;
    progress: (loaded: number, total: number) => void;
    resolve: (a: Attachment) => void;
    reject: (e: unknown) => void;
  }> = [];
  const send: SendAttachment = (interviewId, file, progress) => {
    let resolve!: (a: Attachment) => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<{ status: number; attachment: Attachment }>((res, rej) => {
      resolve = (a) => res({ status: 201, attachment: a });
      reject = rej;
    });
    calls.push({ interviewId, file, progress, resolve, reject });
    return {
      done,
      abort: () => reject(new ApiError({ status: 0, code: 'network', message: 'x' })),
    };
  };
  return { send, calls };
}

let cleanup = () => {};
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('InterviewAttachments', () => {
  it('lists the record’s files with size, date and pages, with download links through the evidence routes', () => {
    const view = renderApp(() => (
      <InterviewAttachments interviewId="iv1" attachments={[SCAN]} canEdit={false} />
    ));
    cleanup = view.dispose;
    expect(view.container.textContent).toContain('谈话记录（签字）.pdf');
    expect(view.container.textContent).toContain('200 KB');
    expect(view.container.textContent).toContain('2 页');
    const download = view.container.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(download.getAttribute('href')).toBe('/api/evidence/ev1/download');
    // Read-only: no drop zone, no delete.
    expect(view.container.querySelector('.drop-zone')).toBeNull();
    expect(view.container.querySelector('.icon-button--danger')).toBeNull();
  });

  it('uploads dropped or chosen files with their progress, then lists them', async () => {
    const { send, calls } = fakeSend();
    const view = renderApp(() => (
      <InterviewAttachments interviewId="iv1" attachments={[]} canEdit send={send} />
    ));
    cleanup = view.dispose;
    expect(view.container.textContent).toContain('还没有附件');
    const input = view.container.querySelector<HTMLInputElement>('input[type="file"]')!;
    const file = new File([new Uint8Array(1000)], '扫描件.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.interviewId).toBe('iv1');
    calls[0]!.progress(400, 1000);
    const bar = view.container.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(view.container.textContent).toContain('已上传 40%');
    calls[0]!.progress(1000, 1000);
    expect(view.container.textContent).toContain('正在核验并保存');
    calls[0]!.resolve({ ...SCAN, id: 'ev2', name: '扫描件.pdf', size: 1000, pages: 1 });
    await tick();
    expect(view.container.querySelector('[role="progressbar"]')).toBeNull();
    expect(view.container.textContent).toContain('扫描件.pdf');
    expect(view.container.textContent).not.toContain('还没有附件');
  });

  it('explains a refused file in the reader’s language and offers no retry for it', async () => {
    const { send, calls } = fakeSend();
    const view = renderApp(() => (
      <InterviewAttachments interviewId="iv1" attachments={[]} canEdit send={send} />
    ));
    cleanup = view.dispose;
    const input = view.container.querySelector<HTMLInputElement>('input[type="file"]')!;
    Object.defineProperty(input, 'files', {
      value: [new File(['x'], '记录.pdf')],
      configurable: true,
    });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    calls[0]!.reject(
      new ApiError({
        status: 415,
        code: 'unsupported_media_type',
        message: '文件内容与扩展名不符。 The content does not match the name.',
      }),
    );
    await tick();
    expect(view.container.querySelector('[role="alert"]')!.textContent).toBe(
      '文件内容与扩展名不符。',
    );
    expect(view.container.querySelector('button[aria-label^="重新上传"]')).toBeNull();
  });

  it('deletes a file after confirmation', async () => {
    const fetchMock = mockFetch({
      'DELETE /api/interviews/iv1/attachments/ev1': () => json(200, { deleted: true }),
    });
    vi.stubGlobal('confirm', () => true);
    const view = renderApp(() => (
      <InterviewAttachments interviewId="iv1" attachments={[SCAN]} canEdit />
    ));
    cleanup = view.dispose;
    view.container.querySelector<HTMLButtonElement>('.icon-button--danger')!.click();
    await tick();
    await tick();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(view.container.textContent).not.toContain('谈话记录（签字）.pdf');
    expect(view.container.textContent).toContain('还没有附件');
  });
});
