import { reportDocField, reportDocTexts, seedReportDoc } from '@rectify/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { fakeFindingLive } from '../../components/findings/test-live.ts';
import { LiveOpener } from '../../lib/collab/live-opener.ts';
import type { MeResponse } from '../../lib/contracts.ts';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SaveStateProvider } from '../../lib/save-state.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { me, ROUND } from '../../test/fixtures.ts';
import { json, mockFetch, renderApp } from '../../test/render.tsx';
import { ISSUED, itemOf, ROWS, reportOf } from './report-fixtures.ts';
import { ReportsRoute } from './reports-route.tsx';

const LEADER = me([{ role: 'leader', groupId: 'g1', unitId: null }]);
const LEADERSHIP = me([{ role: 'leadership', groupId: null, unitId: null }]);
const MEMBER = me([{ role: 'member', groupId: 'g1', unitId: null }]);

/** The report's live texts as the server seeds them, on a document without a socket. */
function reportLive() {
  const doc = new Y.Doc();
  const t = reportOf().texts;
  seedReportDoc(doc, {
    opening: t.opening,
    assessment: t.assessment,
    requirements: t.requirements,
  });
  return fakeFindingLive(doc);
}

function renderReports(path: string, who: MeResponse, live = reportLive()) {
  window.history.replaceState(null, '', path);
  return renderApp(() => (
    <SessionProvider me={who}>
      <RoundProvider>
        <SaveStateProvider>
          <LiveOpener.Provider value={live.open}>
            <ReportsRoute />
          </LiveOpener.Provider>
        </SaveStateProvider>
      </RoundProvider>
    </SessionProvider>
  ));
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
const buttons = (root: ParentNode) => [...root.querySelectorAll('button')];
const button = (root: ParentNode, label: string) => buttons(root).find((b) => text(b) === label);
const base = {
  'GET /api/rounds': () => json(200, [ROUND]),
  'GET /api/rounds/r1/overview': () => json(404, {}),
};

describe('/reports (反馈报告)', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists units with their report state and counts; a leader drafts one and lands on it', async () => {
    const fetch = mockFetch({
      ...base,
      'GET /api/rounds/r1/reports': () => json(200, ROWS),
      'POST /api/rounds/r1/reports': () => json(201, reportOf()),
      'GET /api/reports/rep1': () => json(200, reportOf()),
    });
    const view = renderReports('/reports', LEADER);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelectorAll('.rp-list__row')).toHaveLength(2),
    );
    const [jwc, yjs] = [...view.container.querySelectorAll('.rp-list__row')];
    expect([...jwc!.children].map(text)).toEqual([
      '教务处',
      '第一巡视组',
      '未起草',
      '2',
      '0',
      '起草',
    ]);
    expect(text(yjs)).toContain('已签发');
    expect(text(yjs?.querySelector('button'))).toBe('打开');

    button(jwc!, '起草')!.click();
    await vi.waitFor(() => expect(view.container.querySelector('.rp-sheet')).not.toBeNull());
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ unitId: 'unit-jwc' });
    expect(window.location.search).toBe('?id=rep1');
  });

  it('previews the report as the printed page, from its content model', async () => {
    mockFetch({ ...base, 'GET /api/reports/rep1': () => json(200, reportOf()) });
    const view = renderReports('/reports?id=rep1', LEADER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.rp-title')).not.toBeNull());
    const sheet = view.container.querySelector('.rp-sheet')!;
    expect(text(sheet.querySelector('.rp-title'))).toBe(
      '关于对教务处中央巡视整改落实情况专项巡视的反馈意见',
    );
    expect([...sheet.querySelectorAll('.rp-h--1')].map(text)).toEqual([
      '一、总体评价',
      '二、发现的主要问题',
      '三、整改意见和要求',
    ]);
    expect(sheet.querySelectorAll('.rp-h--2').length).toBeGreaterThan(0);
    const problem = sheet.querySelector('.rp-problem[data-finding-id="f1"]');
    expect(text(problem)).toContain('一是导师制改革落实不到位。');
    expect(text(problem)).toContain('（见佐证材料《党委会会议纪要.pdf》第4页）');
    expect([...sheet.querySelectorAll('.rp-sign')].map(text)).toEqual([
      '校党委第一巡视组',
      '2026年3月2日',
    ]);
    const rows = view.container.querySelectorAll('.rp-sheet--attachment tbody tr');
    expect(text(rows[0])).toContain('限期建立导师工作台账');
    expect(view.container.querySelector('a[href="/api/reports/rep1/preview.docx"]')).not.toBeNull();
  });

  it('saves an edited signature when the field is left, and the preview follows the answer', async () => {
    const patched = reportOf({ texts: { ...reportOf().texts, signature: '校党委第二巡视组' } });
    const fetch = mockFetch({
      ...base,
      'GET /api/reports/rep1': () => json(200, reportOf()),
      'PATCH /api/reports/rep1': () => json(200, patched),
    });
    const view = renderReports('/reports?id=rep1', LEADER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('#rp-signature')).not.toBeNull());
    const signature = view.container.querySelector<HTMLInputElement>('#rp-signature')!;
    signature.value = '校党委第二巡视组';
    signature.dispatchEvent(new Event('input', { bubbles: true }));
    expect(text(view.container.querySelector('.rp-form__status'))).toBe('有未保存的修改');
    signature.dispatchEvent(new FocusEvent('blur'));
    await vi.waitFor(() =>
      expect(text(view.container.querySelector('.rp-form__status'))).toBe('已保存'),
    );
    const patch = fetch.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({ signature: '校党委第二巡视组' });
    expect(text(view.container.querySelector('.rp-sheet'))).toContain('校党委第二巡视组');
  });

  it('co-edits the opening, assessment and requirements in the report’s live document; the preview follows each save', async () => {
    const live = reportLive();
    const edited = reportOf({ texts: { ...reportOf().texts, opening: '新的开头段落。' } });
    let answer = reportOf();
    const fetch = mockFetch({
      ...base,
      'GET /api/reports/rep1': () => json(200, answer),
    });
    const view = renderReports('/reports?id=rep1', LEADER, live);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelectorAll('.rp-live__field .ProseMirror')).toHaveLength(3),
    );
    expect(live.opened).toEqual(['report.rep1']);
    const fields = [...view.container.querySelectorAll('.rp-live__field')];
    expect(fields.map((f) => f.getAttribute('data-field'))).toEqual([
      'opening',
      'assessment',
      'requirements',
    ]);
    expect(text(fields[1])).toContain('整改工作取得阶段性成效');
    // No PATCH for the long texts: they are gone from the form.
    expect(view.container.querySelector('#rp-opening')).toBeNull();
    // Someone types: while it is not stored, issuing waits.
    live.setSave('saving');
    await vi.waitFor(() => expect(button(view.container, '签发')?.disabled).toBe(true));
    live.doc.transact(() => {
      const f = reportDocField(live.doc, 'opening');
      f.delete(0, f.length);
      const p = new Y.XmlElement('paragraph');
      const t = new Y.XmlText();
      t.insert(0, '新的开头段落。');
      p.insert(0, [t]);
      f.insert(0, [p]);
    });
    expect(reportDocTexts(live.doc).opening).toBe('新的开头段落。');
    await vi.waitFor(() => expect(text(fields[0])).toContain('新的开头段落。'));
    const gets = () =>
      fetch.mock.calls.filter(
        ([url, init]) =>
          String(url).endsWith('/api/reports/rep1') && (init?.method ?? 'GET') === 'GET',
      ).length;
    const before = gets();
    answer = edited;
    live.setSave('saved');
    await vi.waitFor(() => expect(gets()).toBeGreaterThan(before), { timeout: 3000 });
    await vi.waitFor(() =>
      expect(text(view.container.querySelector('.rp-sheet'))).toContain('新的开头段落。'),
    );
    expect(button(view.container, '签发')?.disabled).toBe(false);
  });

  it('switches the grouping of problems to aspects', async () => {
    const fetch = mockFetch({
      ...base,
      'GET /api/reports/rep1': () => json(200, reportOf()),
      'PATCH /api/reports/rep1': () => json(200, reportOf({ groupBy: 'aspect' })),
    });
    const view = renderReports('/reports?id=rep1', LEADER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.rp-seg')).not.toBeNull());
    const aspect = view.container.querySelector<HTMLInputElement>('input[value="aspect"]')!;
    aspect.click();
    await vi.waitFor(() => expect(aspect.checked).toBe(true));
    const patch = fetch.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({ groupBy: 'aspect' });
  });

  it('issues after a confirmation that says what issuing does, then shows the hash and the file', async () => {
    const fetch = mockFetch({
      ...base,
      'GET /api/reports/rep1': () => json(200, reportOf()),
      'POST /api/reports/rep1/issue': () => json(200, ISSUED),
    });
    const view = renderReports('/reports?id=rep1', LEADER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(button(view.container, '签发')).toBeDefined());
    button(view.container, '签发')!.click();
    await vi.waitFor(() => expect(document.querySelector('.rp-dialog')).not.toBeNull());
    const dialog = document.querySelector('.rp-dialog')!;
    expect(text(dialog)).toContain('SHA-256');
    expect(text(dialog)).toContain('1 个问题标记为「已反馈」');
    expect(text(dialog)).toContain('签发不可撤销');
    expect(fetch.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
    button(dialog, '确认签发')!.click();
    await vi.waitFor(() => expect(view.container.querySelector('.rp-sha')).not.toBeNull());
    expect(text(view.container.querySelector('.rp-sha'))).toBe('ab'.repeat(32));
    expect(view.container.querySelector('a[href="/api/reports/rep1/download"]')).not.toBeNull();
    expect(view.container.querySelector('#rp-opening')).toBeNull();
    expect(button(view.container, '签发')).toBeUndefined();
  });

  it('is read-only for the leadership group: no drafting, editing or issuing', async () => {
    mockFetch({
      ...base,
      'GET /api/rounds/r1/reports': () => json(200, ROWS),
      'GET /api/reports/rep1': () => json(200, reportOf({ canEdit: false, canIssue: false })),
    });
    const view = renderReports('/reports', LEADERSHIP);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelectorAll('.rp-list__row')).toHaveLength(2),
    );
    expect(text(view.container.querySelector('.badge'))).toBe('只读');
    expect(button(view.container, '起草')).toBeUndefined();
    cleanup();
    const one = renderReports('/reports?id=rep1', LEADERSHIP);
    cleanup = one.dispose;
    await vi.waitFor(() => expect(one.container.querySelector('.rp-sheet')).not.toBeNull());
    expect(one.container.querySelector('.rp-form')).toBeNull();
    expect(text(one.container.querySelector('.rp-readonly'))).toContain('只读');
    expect(button(one.container, '签发')).toBeUndefined();
  });

  it('lists answers awaiting review on the follow-up tab; returning needs a comment', async () => {
    const pending = itemOf({
      status: 'awaiting_review',
      canAnswer: false,
      canReview: true,
      responses: [
        {
          id: 'resp1',
          measures: '修订导师遴选办法',
          progress: '',
          evidence: [],
          submittedBy: { id: 'u', displayName: '王联络员' },
          submittedAt: '2026-03-03T02:00:00Z',
          reviewState: 'pending',
          reviewComment: '',
          reviewedBy: null,
          reviewedAt: null,
        },
      ],
    });
    const closed = {
      ...pending,
      status: 'closed' as const,
      canReview: false,
      overdue: false,
      responses: [{ ...pending.responses[0]!, reviewState: 'accepted' as const }],
    };
    const fetch = mockFetch({
      ...base,
      'GET /api/rounds/r1/rectification': () => json(200, [pending]),
      'POST /api/rectification-responses/resp1/review': () => json(200, closed),
    });
    const view = renderReports('/reports?tab=follow-up', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.fu-card')).not.toBeNull());
    const card = view.container.querySelector('.fu-card')!;
    expect(text(card.querySelector('.fu-status'))).toBe('待审核');
    expect(card.classList.contains('fu-card--overdue')).toBe(true);
    expect(text(card.querySelector('.fu-deadline'))).toContain('已逾期');
    expect(
      view.container.querySelector(
        'a[href="/api/rounds/r1/rectification/ledger.xlsx?status=awaiting_review"]',
      ),
    ).not.toBeNull();

    button(card, '退回补充')!.click();
    await vi.waitFor(() =>
      expect(text(card.querySelector('[role=alert]'))).toBe('退回时请写明需要补充的内容。'),
    );
    expect(fetch.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    button(card, '整改到位，销号')!.click();
    await vi.waitFor(() =>
      expect(text(view.container.querySelector('.fu-notice'))).toBe('已销号：导师制改革落实不到位'),
    );
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ decision: 'accept', comment: '' });
  });
});
