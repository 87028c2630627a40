import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { ROUND } from '../../test/fixtures.ts';
import { json, mockFetch, renderApp } from '../../test/render.tsx';
import { CONTACT } from '../portal/test-harness.tsx';
import { ISSUED } from '../reports/report-fixtures.ts';
import { FeedbackRoute } from './feedback-route.tsx';

function renderFeedback() {
  window.history.replaceState(null, '', '/feedback');
  return renderApp(() => (
    <SessionProvider me={CONTACT}>
      <RoundProvider>
        <FeedbackRoute />
      </RoundProvider>
    </SessionProvider>
  ));
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

describe('/feedback (反馈意见)', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('says the feedback is not issued yet when the unit has no issued report', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/reports': () => json(200, []),
    });
    const view = renderFeedback();
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.state--empty')).not.toBeNull());
    expect(text(view.container.querySelector('.state__title'))).toBe('巡视组尚未签发反馈意见');
  });

  it('shows the issued report: download, hash, problem list and the full text', async () => {
    const fetch = mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/reports': () =>
        json(200, [
          {
            unit: { id: 'unit-jwc', name: '教务处' },
            group: { id: 'g1', name: '第一巡视组' },
            report: { id: 'rep1', state: 'issued', issuedAt: ISSUED.issuedAt },
            approvedFindings: null,
            deliveredFindings: 1,
          },
        ]),
      'GET /api/reports/rep1': () => json(200, ISSUED),
    });
    const view = renderFeedback();
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.fb-report')).not.toBeNull());
    const link = view.container.querySelector<HTMLAnchorElement>(
      'a[href="/api/reports/rep1/download"]',
    );
    expect(text(link)).toBe('下载正式文件（DOCX）');
    expect(text(view.container.querySelector('.fb-head .rp-sha'))).toBe('ab'.repeat(32));
    const rows = [...view.container.querySelectorAll('.fb-table tbody tr')];
    expect(rows.map((r) => [...r.children].map(text))).toEqual([
      [
        '1',
        '导师制改革落实不到位',
        expect.any(String),
        expect.any(String),
        '限期建立导师工作台账',
        '2026年12月31日',
      ],
    ]);
    expect(text(view.container.querySelector('.rp-title'))).toContain('教务处');
    expect(view.container.querySelector('a[href="/follow-up"]')).not.toBeNull();
    // Only reads: the contact never asks for drafts.
    expect(fetch.mock.calls.every(([, init]) => (init?.method ?? 'GET') === 'GET')).toBe(true);
  });
});
