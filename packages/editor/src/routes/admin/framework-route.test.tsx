import { defaultFramework, type Framework } from '@rectify/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrameworkView, QuestionUses } from '../../components/framework/framework-api.ts';
import { ROUND } from '../../test/fixtures.ts';
import { json } from '../../test/render.tsx';
import { AdminFrameworkRoute } from './framework-route.tsx';
import { bodyOf, byText, renderAdmin } from './test-harness.tsx';

type Handler = (init: RequestInit | undefined, url: URL) => Response | Promise<Response>;

/**
 * The framework API in memory: stored versions, and PUT appending one. Tests
 * override single routes (a refusal, a malformed import) with `overrides`.
 */
function server(overrides: Record<string, Handler> = {}, uses: QuestionUses[] = []) {
  const versions: Array<{
    version: number;
    framework: Framework;
    createdAt: string;
    createdBy: string;
  }> = [
    {
      version: 1,
      framework: structuredClone(defaultFramework),
      createdAt: '2026-03-01T02:00:00.000Z',
      createdBy: '巡视办管理员',
    },
  ];
  const view = (v?: number): FrameworkView => {
    const current = versions.at(-1)!.version;
    const chosen = versions.find((x) => x.version === (v ?? current))!;
    return {
      version: chosen.version,
      current,
      framework: chosen.framework,
      versions: versions.map(({ version, createdAt, createdBy }) => ({
        version,
        createdAt,
        createdBy,
      })),
    };
  };
  const routes: Record<string, Handler> = {
    'GET /api/rounds': () => json(200, [ROUND]),
    'GET /api/rounds/r1/overview': () => json(200, { round: ROUND, groups: [], setup: null }),
    'GET /api/rounds/r1/framework': (_init, url) =>
      json(200, view(Number(url.searchParams.get('version')) || undefined)),
    'GET /api/rounds/r1/framework/uses': (_init, url) => {
      const asked = url.searchParams.get('questions')?.split(',') ?? [];
      return json(
        200,
        uses.filter((u) => asked.includes(u.question)),
      );
    },
    'PUT /api/rounds/r1/framework': (init) => {
      const b = bodyOf(init) as { framework: Framework; baseVersion: number };
      versions.push({
        version: versions.length + 1,
        framework: b.framework,
        createdAt: '2026-03-02T02:00:00.000Z',
        createdBy: '巡视办管理员',
      });
      return json(200, view());
    },
    ...overrides,
  };
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const handler = routes[`${init?.method ?? 'GET'} ${url.pathname}`];
    return handler
      ? handler(init, url)
      : json(404, { error: { code: 'not_found', message: 'no route' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  const calls = (method: string) =>
    fetchMock.mock.calls.filter(([, init]) => init?.method === method);
  return { fetchMock, versions, calls };
}

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  vi.unstubAllGlobals();
});

const textarea = (label: string) =>
  document.querySelector<HTMLTextAreaElement>(`textarea[aria-label="${label}"]`);

async function open() {
  const view = renderAdmin(() => <AdminFrameworkRoute />);
  cleanup = view.dispose;
  await vi.waitFor(() => expect(textarea('Q3 中文表述')).not.toBeNull());
  return view;
}

const row = (code: string) =>
  [...document.querySelectorAll<HTMLElement>('.fw-q')].find(
    (el) => el.querySelector('.fw-q__code')?.textContent === code,
  )!;

/** Types into a textarea the way `type` does into an input: value, then a bubbling input event. */
function typeText(el: HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('AdminFrameworkRoute', () => {
  it('renames Q3 and adds Q13, saving a new version from the version it started from', async () => {
    const { calls } = server();
    const view = await open();
    expect(view.container.querySelector('.fw-bar')?.textContent).toContain('第 1 版');
    const save = () => byText<HTMLButtonElement>('button', '保存为第 2 版');
    expect(save().disabled).toBe(true);

    typeText(textarea('Q3 中文表述')!, '是否存在“材料整改”“空转整改”情况');
    byText<HTMLButtonElement>('button', '新增问题').click();
    await vi.waitFor(() => expect(textarea('Q13 中文表述')).not.toBeNull());
    typeText(textarea('Q13 中文表述')!, '是否及时向师生公开整改进展');
    typeText(textarea('Q13 英文表述')!, 'Is progress shared with staff and students in time?');
    expect(view.container.textContent).toContain('有未保存的修改');
    expect(save().disabled).toBe(false);
    save().click();

    await vi.waitFor(() => expect(view.container.textContent).toContain('已保存为第 2 版。'));
    const body = bodyOf(calls('PUT')[0]?.[1]) as { framework: Framework; baseVersion: number };
    expect(body.baseVersion).toBe(1);
    expect(body.framework.questions[2]?.zh).toBe('是否存在“材料整改”“空转整改”情况');
    expect(body.framework.questions[12]).toEqual({
      code: 'Q13',
      focus: 'F4',
      zh: '是否及时向师生公开整改进展',
      en: 'Is progress shared with staff and students in time?',
    });
    expect(view.container.querySelector('.fw-bar')?.textContent).toContain('第 2 版');
    expect(view.container.textContent).not.toContain('有未保存的修改');
  });

  it('reorders questions with the up and down buttons', async () => {
    const { calls } = server();
    await open();
    document.querySelector<HTMLButtonElement>('button[aria-label="上移 Q3"]')!.click();
    await vi.waitFor(() =>
      expect(
        [...document.querySelectorAll('.fw-q__code')].slice(0, 3).map((e) => e.textContent),
      ).toEqual(['Q1', 'Q3', 'Q2']),
    );
    byText<HTMLButtonElement>('button', '保存为第 2 版').click();
    await vi.waitFor(() => expect(calls('PUT')).toHaveLength(1));
    const body = bodyOf(calls('PUT')[0]?.[1]) as { framework: Framework };
    expect(body.framework.questions.slice(0, 3).map((q) => q.code)).toEqual(['Q1', 'Q3', 'Q2']);
  });

  it('refuses to delete a used question, lists its uses, and retires it instead', async () => {
    const uses: QuestionUses[] = [
      {
        question: 'Q3',
        annotations: 2,
        units: ['教务处'],
        findings: [{ id: 'f1', title: '导师制落实不到位', state: 'draft' }],
      },
    ];
    const { calls } = server({}, uses);
    const view = await open();
    byText<HTMLButtonElement>('.fw-q button', '删除');
    row('Q3').querySelector<HTMLButtonElement>('.button--quiet-danger')!.click();
    const panel = await vi.waitFor(() => {
      const el = view.container.querySelector('.fw-uses');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(panel.textContent).toContain('Q3 已被使用，不能删除');
    expect(panel.textContent).toContain('2 条批注');
    expect(panel.textContent).toContain('教务处');
    expect(panel.textContent).toContain('导师制落实不到位');
    expect(panel.textContent).toContain('草稿');
    // Still there: nothing was deleted.
    expect(row('Q3')).toBeDefined();

    byText<HTMLButtonElement>('.fw-uses button', '改为停用').click();
    await vi.waitFor(() => expect(row('Q3').textContent).toContain('已停用'));
    byText<HTMLButtonElement>('button', '保存为第 2 版').click();
    await vi.waitFor(() => expect(calls('PUT')).toHaveLength(1));
    const body = bodyOf(calls('PUT')[0]?.[1]) as { framework: Framework };
    expect(body.framework.questions.find((q) => q.code === 'Q3')?.retired).toBe(true);
  });

  it('shows the uses when the server refuses a delete at save time', async () => {
    const uses: QuestionUses[] = [
      { question: 'Q5', annotations: 1, units: ['科研处'], findings: [] },
    ];
    // The check at delete time found nothing; by the time of saving, Q5 is used.
    let checked = false;
    server(
      {
        'GET /api/rounds/r1/framework/uses': () => {
          if (!checked) {
            checked = true;
            return json(200, []);
          }
          return json(200, uses);
        },
        'PUT /api/rounds/r1/framework': () =>
          json(409, { error: { code: 'conflict', message: 'Questions in use cannot be deleted' } }),
      },
      uses,
    );
    const view = await open();
    row('Q5').querySelector<HTMLButtonElement>('.button--quiet-danger')!.click();
    await vi.waitFor(() => expect(row('Q5')).toBeUndefined());
    byText<HTMLButtonElement>('button', '保存为第 2 版').click();
    await vi.waitFor(() =>
      expect(view.container.querySelector('.fw-uses')?.textContent).toContain('科研处'),
    );
  });

  it('offers a reload when someone else saved meanwhile', async () => {
    const { versions } = server({
      'PUT /api/rounds/r1/framework': () => {
        versions.push({ ...versions[0]!, version: 2 });
        return json(409, { error: { code: 'conflict', message: 'changed meanwhile' } });
      },
    });
    const view = await open();
    typeText(textarea('Q1 中文表述')!, '改过的表述');
    byText<HTMLButtonElement>('button', '保存为第 2 版').click();
    await vi.waitFor(() =>
      expect(view.container.querySelector('.fw-banner--warn')?.textContent).toContain(
        '现为第 2 版',
      ),
    );
    byText<HTMLButtonElement>('.fw-banner--warn button', '重新加载').click();
    await vi.waitFor(() => expect(view.container.querySelector('.fw-banner--warn')).toBeNull());
    await vi.waitFor(() =>
      expect(textarea('Q1 中文表述')?.value).toBe(defaultFramework.questions[0]?.zh),
    );
    expect(view.container.querySelector('.fw-bar__version')?.textContent).toContain('第 2 版');
  });

  it('imports a JSON file, and shows the server’s field-naming message for a malformed one', async () => {
    const { calls } = server({
      'PUT /api/rounds/r1/framework': () =>
        json(400, {
          error: {
            code: 'bad_request',
            message: 'framework.questions.0.focus: unknown focus F9',
          },
        }),
    });
    const view = await open();
    const input = view.container.querySelector<HTMLInputElement>('input[type="file"]')!;
    const choose = (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    choose(new File(['not json'], 'broken.json', { type: 'application/json' }));
    await vi.waitFor(() =>
      expect(view.container.querySelector('.fw-banner--error')?.textContent).toContain(
        '“broken.json”不是有效的 JSON 文件。',
      ),
    );
    expect(calls('PUT')).toHaveLength(0);

    const bad = {
      ...defaultFramework,
      questions: [{ ...defaultFramework.questions[0], focus: 'F9' }],
    };
    choose(new File([JSON.stringify(bad)], 'bad.json', { type: 'application/json' }));
    await vi.waitFor(() =>
      expect(view.container.querySelector('.fw-banner--error')?.textContent).toContain(
        'framework.questions.0.focus: unknown focus F9',
      ),
    );
    expect((bodyOf(calls('PUT')[0]?.[1]) as { baseVersion: number }).baseVersion).toBe(1);
    expect(view.container.querySelector('a[download]')?.getAttribute('href')).toBe(
      '/api/rounds/r1/framework.json',
    );
  });

  it('shows an earlier version read-only from the history', async () => {
    const { versions } = server();
    const renamed = structuredClone(defaultFramework);
    renamed.questions[2]!.zh = '新的 Q3 表述';
    versions.push({ ...versions[0]!, version: 2, framework: renamed });
    const view = await open();
    expect(textarea('Q3 中文表述')?.value).toBe('新的 Q3 表述');
    [...view.container.querySelectorAll<HTMLButtonElement>('.fw-history__item')]
      .find((b) => b.textContent?.startsWith('第 1 版'))!
      .click();
    await vi.waitFor(() => expect(view.container.textContent).toContain('正在查看第 1 版（只读）'));
    await vi.waitFor(() =>
      expect(textarea('Q3 中文表述')?.value).toBe(defaultFramework.questions[2]?.zh),
    );
    expect(textarea('Q3 中文表述')?.readOnly).toBe(true);
    expect(view.container.textContent).not.toContain('新增问题');
    byText<HTMLButtonElement>('button', '返回当前版本').click();
    await vi.waitFor(() => expect(textarea('Q3 中文表述')?.value).toBe('新的 Q3 表述'));
  });
});
