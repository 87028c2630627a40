import type { Editor } from '@tiptap/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { evidence, FakeXhr, taskDetail, UNIT_ID } from '../../lib/portal/testing.ts';
import { ROUND } from '../../test/fixtures.ts';
import { json, mockFetch } from '../../test/render.tsx';
import { renderPortal } from './test-harness.tsx';

type Routes = Parameters<typeof mockFetch>[0];

function openTask(routes: Routes) {
  const fetchMock = mockFetch({
    'GET /api/rounds': () => json(200, [ROUND]),
    'GET /api/tasks/t21': () => json(200, taskDetail()),
    ...routes,
  });
  const view = renderPortal(`/tasks/t21?unit=${UNIT_ID}`);
  return { view, fetchMock };
}

async function editorIn(container: HTMLElement): Promise<Editor> {
  let editor: Editor | undefined;
  await vi.waitFor(
    () => {
      const dom = container.querySelector('.ProseMirror') as
        | (HTMLElement & { editor?: Editor })
        | null;
      editor = dom?.editor;
      expect(editor).toBeDefined();
    },
    { timeout: 5000 },
  );
  return editor as Editor;
}

const calls = (fetchMock: ReturnType<typeof mockFetch>, method: string, path: string) =>
  fetchMock.mock.calls.filter(
    ([url, init]) => String(url).startsWith(path) && (init?.method ?? 'GET') === method,
  );

function drop(target: Element, files: File[]) {
  const event = new Event('drop', { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], files } });
  target.dispatchEvent(event);
}

describe('/tasks/{taskId} (unit portal)', () => {
  let cleanup = () => {};
  // The page is a lazy chunk (Tiptap, ProseMirror): compile it once, outside any test's time.
  beforeAll(() => import('./task-route.tsx'), 60_000);
  beforeEach(() => {
    localStorage.clear();
    FakeXhr.all = [];
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows the task, its measures, lead and co-units', async () => {
    const { view } = openTask({});
    cleanup = view.dispose;
    await editorIn(view.container);
    const text = view.container.textContent ?? '';
    expect(view.container.querySelector('h1')?.textContent).toContain('修订本科生导师制实施办法');
    expect(text).toContain('问题二');
    expect(text).toContain('修订《本科生导师制实施办法》，明确导师职责与考核');
    expect(text).toContain('人事处');
    expect(text).toContain('2023年6月底前');
    expect(view.container.querySelector('.status-chip')?.textContent).toBe('草稿');
  });

  it('autosaves the draft with the typed body', async () => {
    const { view, fetchMock } = openTask({
      'PUT /api/statements/draft': () =>
        json(200, { statementId: 's1', draftUpdatedAt: '2024-04-05T03:04:00Z' }),
    });
    cleanup = view.dispose;
    const editor = await editorIn(view.container);
    expect(editor.getText()).toBe('已完成修订。');

    editor.commands.focus('end');
    editor.commands.insertContent('导师聘任已于6月底前完成。');
    await vi.waitFor(() =>
      expect(view.container.querySelector('.draft-save')?.textContent).toContain('保存中…'),
    );
    await vi.waitFor(
      () => expect(calls(fetchMock, 'PUT', '/api/statements/draft')).toHaveLength(1),
      {
        timeout: 3000,
      },
    );
    const [, init] = calls(fetchMock, 'PUT', '/api/statements/draft')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({
      taskId: 't21',
      unitId: UNIT_ID,
      body: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [{ type: 'text', text: '已完成修订。导师聘任已于6月底前完成。' }],
          },
        ],
      },
    });
    await vi.waitFor(() =>
      expect(view.container.querySelector('.draft-save')?.textContent).toContain('已保存草稿'),
    );
  });

  it('keeps the typed text when saving fails, and saves it on retry', async () => {
    let fail = true;
    const { view, fetchMock } = openTask({
      'PUT /api/statements/draft': () =>
        fail
          ? json(503, { error: { code: 'unavailable', message: 'down' } })
          : json(200, { statementId: 's1', draftUpdatedAt: '2024-04-05T03:04:00Z' }),
    });
    cleanup = view.dispose;
    const editor = await editorIn(view.container);
    editor.commands.focus('end');
    editor.commands.insertContent('不能丢的一句话。');
    await vi.waitFor(
      () => expect(view.container.querySelector('.draft-save')?.textContent).toContain('保存失败'),
      { timeout: 3000 },
    );
    expect(editor.getText()).toContain('不能丢的一句话。');

    fail = false;
    const retry = view.container.querySelector<HTMLButtonElement>('.draft-save__retry');
    retry?.click();
    await vi.waitFor(() =>
      expect(view.container.querySelector('.draft-save')?.textContent).toContain('已保存草稿'),
    );
    const puts = calls(fetchMock, 'PUT', '/api/statements/draft');
    expect(puts).toHaveLength(2);
    expect(String(puts[1]?.[1]?.body)).toContain('不能丢的一句话。');
  });

  it('shows an upload’s progress, then the file in the list', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const { view } = openTask({});
    cleanup = view.dispose;
    await editorIn(view.container);
    const zone = view.container.querySelector('.drop-zone');
    if (!zone) throw new Error('no drop zone');
    drop(zone, [
      new File(['%PDF-1.7 minutes'], '党政联席会议纪要.pdf', { type: 'application/pdf' }),
    ]);

    await vi.waitFor(() => expect(FakeXhr.all).toHaveLength(1));
    const xhr = FakeXhr.all[0] as FakeXhr;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe(
      `/api/evidence?taskId=t21&unitId=${UNIT_ID}&filename=${encodeURIComponent('党政联席会议纪要.pdf')}`,
    );
    expect(xhr.body).toBeInstanceOf(File);

    xhr.progress(8, 16);
    await vi.waitFor(() =>
      expect(
        view.container.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow'),
      ).toBe('50'),
    );
    expect(view.container.querySelector('.file-row--upload')?.textContent).toContain('已上传 50%');

    xhr.respond(201, evidence('e9', '党政联席会议纪要.pdf'));
    await vi.waitFor(() => expect(view.container.querySelector('.file-row--upload')).toBeNull());
    const listed = [...view.container.querySelectorAll('.file-row')].map(
      (row) => row.querySelector('.file-row__name')?.textContent,
    );
    expect(listed).toEqual(['党政联席会议纪要.pdf']);
    expect(view.container.textContent).toContain('草稿中，提交时一并报送');
  });

  it('shows a 415 refusal in the server’s words on that file only', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const { view } = openTask({});
    cleanup = view.dispose;
    await editorIn(view.container);
    const zone = view.container.querySelector('.drop-zone');
    if (!zone) throw new Error('no drop zone');
    drop(zone, [
      new File(['%PDF'], '实施办法.pdf', { type: 'application/pdf' }),
      new File(['MZ'], '统计表.docx', { type: 'application/octet-stream' }),
    ]);
    await vi.waitFor(() => expect(FakeXhr.all).toHaveLength(2));
    const [good, bad] = FakeXhr.all as [FakeXhr, FakeXhr];
    expect(bad.filename).toBe('统计表.docx');
    bad.respond(415, {
      error: {
        code: 'unsupported_media_type',
        message:
          '文件内容与扩展名不符：这是无法识别的二进制文件，却以 .docx 命名。请确认文件无误，或按实际类型修改扩展名后重新上传。 The file’s content does not match its name.',
      },
    });
    good.respond(201, evidence('e1', '实施办法.pdf'));

    await vi.waitFor(() =>
      expect(view.container.querySelector('.file-row--failed')).not.toBeNull(),
    );
    const failed = view.container.querySelectorAll('.file-row--failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.querySelector('.file-row__name')?.textContent).toBe('统计表.docx');
    expect(failed[0]?.querySelector('[role="alert"]')?.textContent).toBe(
      '文件内容与扩展名不符：这是无法识别的二进制文件，却以 .docx 命名。请确认文件无误，或按实际类型修改扩展名后重新上传。',
    );
    // A wrong type cannot be fixed by sending it again: no retry, only remove.
    expect(failed[0]?.querySelector('[aria-label^="重新上传"]')).toBeNull();
    await vi.waitFor(() =>
      expect(
        [
          ...view.container.querySelectorAll('.file-row:not(.file-row--upload) .file-row__name'),
        ].map((n) => n.textContent),
      ).toEqual(['实施办法.pdf']),
    );
    expect(view.container.querySelectorAll('.file-row__error')).toHaveLength(1);
  });

  it('asks for confirmation before submitting, then posts and shows the new version', async () => {
    let submitted = false;
    const afterSubmit = taskDetail({
      statement: { ...taskDetail().statement, status: 'submitted', version: 1 },
      versions: [
        { id: 'v1', version: 1, submittedAt: '2024-04-06T01:00:00Z', submittedBy: '教务处联系人' },
      ],
    });
    const { view, fetchMock } = openTask({
      'GET /api/tasks/t21': () => json(200, submitted ? afterSubmit : taskDetail()),
      'POST /api/statements/submit': () => {
        submitted = true;
        return json(201, {
          id: 'v1',
          statementId: 's1',
          version: 1,
          submittedAt: '2024-04-06T01:00:00Z',
          evidenceCount: 0,
        });
      },
    });
    cleanup = view.dispose;
    await editorIn(view.container);
    const submit = view.container.querySelector<HTMLButtonElement>('.statement__submit');
    expect(submit?.textContent).toBe('提交第1版');
    submit?.click();

    const dialog = await vi.waitFor(() => {
      const found = document.body.querySelector('[role="dialog"]');
      expect(found).not.toBeNull();
      return found as HTMLElement;
    });
    expect(dialog.textContent).toContain('提交第1版？');
    expect(calls(fetchMock, 'POST', '/api/statements/submit')).toHaveLength(0);

    const confirm = [...dialog.querySelectorAll('button')].find(
      (b) => b.textContent === '确认提交',
    );
    confirm?.click();
    await vi.waitFor(() =>
      expect(calls(fetchMock, 'POST', '/api/statements/submit')).toHaveLength(1),
    );
    const [, init] = calls(fetchMock, 'POST', '/api/statements/submit')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ taskId: 't21', unitId: UNIT_ID });
    // Closed (Kobalte keeps the node for an exit animation happy-dom never ends).
    await vi.waitFor(() =>
      expect(document.body.querySelector('[role="dialog"]:not([data-closed])')).toBeNull(),
    );
    expect(view.container.querySelector('.statement__done')?.textContent).toContain('已提交第1版');
    await vi.waitFor(() =>
      expect(view.container.querySelector('.version-row__name')?.textContent).toBe('第1版'),
    );
    expect(view.container.querySelector('.status-chip')?.textContent).toBe('已提交第1版');
    // Nothing changed since: no second submission of the same text.
    expect(view.container.querySelector('.statement__submit')?.hasAttribute('disabled')).toBe(true);
  });

  it('shows what a later version changed: insertions and deletions', async () => {
    const versions = [
      { id: 'v2', version: 2, submittedAt: '2024-04-06T01:00:00Z', submittedBy: '教务处联系人' },
      { id: 'v1', version: 1, submittedAt: '2024-03-20T01:00:00Z', submittedBy: '教务处联系人' },
    ];
    const { view, fetchMock } = openTask({
      'GET /api/tasks/t21': () =>
        json(
          200,
          taskDetail({
            statement: {
              id: 's1',
              status: 'submitted',
              version: 2,
              submittedAt: versions[0]?.submittedAt ?? null,
              draftUpdatedAt: null,
              draft: null,
            },
            versions,
          }),
        ),
      'GET /api/statement-versions/v2': () =>
        json(200, {
          id: 'v2',
          version: 2,
          body: {
            type: 'doc',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: '已修订并印发。' }] }],
          },
          text: '已修订并印发。',
          submittedAt: versions[0]?.submittedAt,
          previousVersionId: 'v1',
          nextVersionId: null,
        }),
      'GET /api/statement-versions/v2/diff': () =>
        json(200, {
          versionId: 'v2',
          version: 2,
          previousVersionId: 'v1',
          previousVersion: 1,
          segments: [
            { op: 'equal', text: '已修订' },
            { op: 'delete', text: '完成' },
            { op: 'insert', text: '并印发' },
            { op: 'equal', text: '。' },
          ],
          stats: { inserted: 3, deleted: 2 },
        }),
    });
    cleanup = view.dispose;
    // No draft: the editor goes on from the latest version.
    const editor = await editorIn(view.container);
    expect(editor.getText()).toBe('已修订并印发。');
    expect(view.container.querySelector('.statement__submit')?.hasAttribute('disabled')).toBe(true);

    const rows = [...view.container.querySelectorAll('.version-row')];
    expect(rows.map((r) => r.querySelector('.version-row__name')?.textContent)).toEqual([
      '第2版',
      '第1版',
    ]);
    const compare = rows[0]?.querySelector('button');
    expect(compare?.textContent).toBe('与第1版比较');
    compare?.click();

    await vi.waitFor(() => expect(view.container.querySelector('.diff__text')).not.toBeNull());
    expect(calls(fetchMock, 'GET', '/api/statement-versions/v2/diff')).toHaveLength(1);
    const text = view.container.querySelector('.diff__text') as HTMLElement;
    expect([...text.querySelectorAll('ins')].map((n) => n.textContent)).toEqual(['[新增：并印发]']);
    expect([...text.querySelectorAll('del')].map((n) => n.textContent)).toEqual(['[删除：完成]']);
    expect(view.container.querySelector('.diff__caption')?.textContent).toContain(
      '第1版 → 第2版的修改',
    );
    expect(compare?.getAttribute('aria-expanded')).toBe('true');
  });
});
