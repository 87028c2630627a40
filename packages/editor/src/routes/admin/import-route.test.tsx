import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LedgerPreview } from '../../components/ledger/ledger-api.ts';
import { IMPORT_RESULT, ledgerPreview } from '../../components/ledger/testing.ts';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { me, ROUND } from '../../test/fixtures.ts';
import { json, mockFetch, renderApp } from '../../test/render.tsx';
import { AdminImportRoute } from './import-route.tsx';

const PREVIEW = 'POST /api/rounds/r1/ledger/preview';
const IMPORT = 'POST /api/rounds/r1/ledger/import';

function renderImport() {
  window.history.replaceState(null, '', '/admin/import');
  return renderApp(() => (
    <SessionProvider me={me([], true)}>
      <RoundProvider>
        <AdminImportRoute />
      </RoundProvider>
    </SessionProvider>
  ));
}

/** Picks a file in an `<input type=file>` the way the browser does. */
function pick(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const xlsx = () => new File([new Uint8Array([0x50, 0x4b, 3, 4])], '整改台账.xlsx');

/** The JSON `options` part of a multipart ledger request. */
function optionsOf(init: RequestInit | undefined): Record<string, unknown> {
  const body = init?.body;
  if (!(body instanceof FormData)) throw new Error('expected a multipart body');
  return JSON.parse(String(body.get('options'))) as Record<string, unknown>;
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

describe('/admin/import (ledger import)', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  async function choose(
    preview: LedgerPreview,
    extra: Record<string, (init: RequestInit | undefined) => Response> = {},
  ) {
    const fetchMock = mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      [PREVIEW]: () => json(200, preview),
      ...extra,
    });
    const view = renderImport();
    cleanup = view.dispose;
    const input = await vi.waitFor(() => {
      const el = view.container.querySelector<HTMLInputElement>('.ledger-drop input[type=file]');
      expect(el).not.toBeNull();
      return el as HTMLInputElement;
    });
    pick(input, xlsx());
    await vi.waitFor(() => expect(view.container.querySelector('.ledger-table')).not.toBeNull());
    return { view, fetchMock };
  }

  it('offers the ledger as an XLSX download for the chosen round', async () => {
    mockFetch({ 'GET /api/rounds': () => json(200, [ROUND]) });
    const view = renderImport();
    cleanup = view.dispose;
    const link = await vi.waitFor(() => {
      const a = view.container.querySelector<HTMLAnchorElement>('a.ledger-export');
      expect(a).not.toBeNull();
      return a as HTMLAnchorElement;
    });
    expect(link.getAttribute('href')).toBe('/api/rounds/r1/ledger.xlsx');
    expect(link.hasAttribute('download')).toBe(true);
    expect(text(link)).toBe('导出台账 XLSX');
  });

  it('previews a chosen file: detected mapping, units to create, and every row with its fields', async () => {
    const { view, fetchMock } = await choose(ledgerPreview());
    const sent = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    const form = sent?.[1]?.body;
    expect(form instanceof FormData && form.get('file')).toBeInstanceOf(File);
    expect(optionsOf(sent?.[1])).toEqual({});

    const selects = [
      ...view.container.querySelectorAll<HTMLSelectElement>('.ledger-mapping select'),
    ];
    expect(selects.map((s) => s.value)).toEqual([
      'number',
      'problem',
      'task',
      'measure',
      'lead',
      'co',
      'deadline',
      'kind',
    ]);
    expect(selects[4]?.getAttribute('aria-label')).toBe('E 列（责任单位/牵头单位）导入为');

    const unit = view.container.querySelector('.ledger-unit');
    expect(text(unit?.querySelector('.ledger-unit__name'))).toBe('国际合作处');
    expect(text(unit?.querySelector('.ledger-unit__rows'))).toBe('第 7 行');
    expect(unit?.querySelector<HTMLInputElement>('input[type=checkbox]')?.checked).toBe(false);

    const groups = [...view.container.querySelectorAll('.ledger-group__head')].map(text);
    expect(groups[0]).toContain('问题一');
    expect(groups[0]).toContain('学习贯彻习近平新时代中国特色社会主义思想不够深入');
    expect(groups[0]).toContain('新问题');
    const rows = [...view.container.querySelectorAll('.ledger-measure')].map((tr) => ({
      row: text(tr.querySelector('.ledger-table__row')),
      task: text(tr.querySelector('.ledger-measure__task')),
      measure: text(tr.querySelector('.ledger-measure__content')),
      lead: text(tr.querySelector('.ledger-measure__lead')),
      co: text(tr.querySelector('.ledger-measure__co')),
      kind: text(tr.querySelector('.ledger-measure__kind')),
      deadline: text(tr.querySelector('.ledger-measure__deadline')),
      status: text(tr.querySelector('.ledger-status')),
    }));
    expect(rows).toEqual([
      {
        row: '4',
        task: '健全党委理论学习中心组学习制度',
        measure: '修订中心组学习规则',
        lead: '党委宣传部',
        co: '党委组织部',
        kind: '集中整改期已完成',
        deadline: expect.stringContaining('2023年6月底前'),
        status: '新增',
      },
      {
        row: '5',
        task: undefined,
        measure: '建立学习督查通报机制',
        lead: '党委宣传部',
        co: '—',
        kind: '长期坚持',
        deadline: '长期坚持',
        status: undefined,
      },
      {
        row: '7',
        task: '推进党的创新理论进课堂',
        measure: '完善思政课程与课程思政协同机制',
        lead: '教务处',
        co: '研究生院、国际合作处 (新单位)',
        kind: '集中整改期已完成',
        deadline: expect.stringContaining('2023.6'),
        status: '更新',
      },
    ]);
    expect(
      view.container.querySelector('.ledger-measure__co .ledger-unit-name--new'),
    ).not.toBeNull();
  });

  it('imports only after the new units are confirmed, sending them, and shows what changed', async () => {
    let importOptions: Record<string, unknown> | undefined;
    const { view } = await choose(ledgerPreview(), {
      [IMPORT]: (init) => {
        importOptions = optionsOf(init);
        return json(200, IMPORT_RESULT);
      },
    });
    const apply = [...view.container.querySelectorAll('button')].find(
      (b) => text(b) === '导入台账',
    ) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    expect(text(view.container.querySelector('.ledger-apply__text'))).toBe(
      '请先确认要新建的单位。',
    );

    const box = view.container.querySelector<HTMLInputElement>('.ledger-unit input')!;
    box.checked = true;
    box.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(apply.disabled).toBe(false));
    expect(text(view.container.querySelector('.ledger-apply__text'))).toBe(
      '将新增 1 项、更新 1 项任务。',
    );

    apply.click();
    await vi.waitFor(() => expect(view.container.querySelector('.ledger-done')).not.toBeNull());
    expect(importOptions).toEqual({ createUnits: ['国际合作处'] });
    const done = view.container.querySelector('.ledger-done');
    expect(text(done?.querySelector('[data-count=created]'))).toBe('1');
    expect(text(done?.querySelector('[data-count=updated]'))).toBe('1');
    expect(text(done)).toContain('新建单位：国际合作处。');
    expect(text(done)).toContain('新增问题 1 个。');
  });

  it('lists bad rows with their numbers and reasons and keeps import disabled', async () => {
    const { view } = await choose(
      ledgerPreview({
        units: { existing: ['教务处'], proposed: [] },
        errors: [
          {
            row: 6,
            field: 'lead',
            code: 'lead_missing',
            message: 'the row has no lead unit (牵头单位)',
          },
          {
            row: 9,
            field: 'deadline',
            code: 'deadline_unreadable',
            message: 'the deadline "下半年" is not a date this import understands',
          },
        ],
      }),
    );
    const issues = [...view.container.querySelectorAll('.ledger-issues--error .ledger-issue')].map(
      (li) => ({
        row: text(li.querySelector('.ledger-issue__row')),
        field: text(li.querySelector('.ledger-issue__field')),
        reason: text(li.querySelector('.ledger-issue__reason')),
      }),
    );
    expect(issues).toEqual([
      { row: '第 6 行', field: '牵头单位', reason: '这一行没有牵头单位' },
      { row: '第 9 行', field: '完成时限', reason: '无法识别完成时限「下半年」' },
    ]);
    const apply = [...view.container.querySelectorAll('button')].find(
      (b) => text(b) === '导入台账',
    ) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    expect(text(view.container.querySelector('.ledger-apply__text'))).toBe(
      '还有 2 处错误，修改台账后才能导入。',
    );
    expect(text(view.container.querySelector('[data-count=errors]'))).toBe('2');
  });

  it('asks for a new preview with the edited mapping when a column is reassigned', async () => {
    const { view, fetchMock } = await choose(ledgerPreview());
    const select = view.container.querySelectorAll<HTMLSelectElement>('.ledger-mapping select')[5]!;
    select.value = 'lead';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() =>
      expect(fetchMock.mock.calls.filter(([, i]) => i?.method === 'POST')).toHaveLength(2),
    );
    const second = fetchMock.mock.calls.filter(([, i]) => i?.method === 'POST')[1];
    // The field leaves column E for column F; the other fields stay where they were.
    expect(optionsOf(second?.[1])).toEqual({
      mapping: {
        headerRow: 3,
        columns: { number: 0, problem: 1, task: 2, measure: 3, lead: 5, deadline: 6, kind: 7 },
      },
    });
  });

  it('refuses a file that is not a spreadsheet without sending it', async () => {
    const fetchMock = mockFetch({ 'GET /api/rounds': () => json(200, [ROUND]) });
    const view = renderImport();
    cleanup = view.dispose;
    const input = await vi.waitFor(() => {
      const el = view.container.querySelector<HTMLInputElement>('.ledger-drop input[type=file]');
      expect(el).not.toBeNull();
      return el as HTMLInputElement;
    });
    pick(input, new File(['x'], '说明.docx'));
    await vi.waitFor(() =>
      expect(text(view.container.querySelector('.ledger-drop__message'))).toBe(
        '“说明.docx”不是 .xlsx 或 .csv 文件，无法导入。',
      ),
    );
    expect(fetchMock.mock.calls.some(([, i]) => i?.method === 'POST')).toBe(false);
  });

  it('says why a file could not be read, in the reader’s words', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      [PREVIEW]: () =>
        json(400, { error: { code: 'bad_request', message: 'The file is not a workbook.' } }),
    });
    const view = renderImport();
    cleanup = view.dispose;
    const input = await vi.waitFor(() => {
      const el = view.container.querySelector<HTMLInputElement>('.ledger-drop input[type=file]');
      expect(el).not.toBeNull();
      return el as HTMLInputElement;
    });
    pick(input, xlsx());
    const alert = await vi.waitFor(() => {
      const el = view.container.querySelector('.ledger-failure');
      expect(el).not.toBeNull();
      return el;
    });
    expect(text(alert)).toContain('无法读取这个文件');
    expect(text(alert)).toContain('文件内容无法识别为台账');
    expect(text(alert)).toContain('The file is not a workbook.');
  });
});
