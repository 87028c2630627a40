import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnswerForm } from '../../components/follow-up/answer-form.tsx';
import type { EvidenceRef, RectificationItem } from '../../components/follow-up/follow-up-api.ts';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { ROUND } from '../../test/fixtures.ts';
import { json, mockFetch, renderApp } from '../../test/render.tsx';
import { CONTACT } from '../portal/test-harness.tsx';
import { itemOf, RETURNED } from '../reports/report-fixtures.ts';
import { FollowUpRoute } from './follow-up-route.tsx';

function renderFollowUp() {
  window.history.replaceState(null, '', '/follow-up');
  return renderApp(() => (
    <SessionProvider me={CONTACT}>
      <RoundProvider>
        <FollowUpRoute />
      </RoundProvider>
    </SessionProvider>
  ));
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
const button = (root: ParentNode, label: string) =>
  [...root.querySelectorAll('button')].find((b) => text(b) === label);
const typeInto = (el: HTMLTextAreaElement, value: string) => {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
};

describe('/follow-up (整改落实)', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('says what comes next when nothing has been delivered yet', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/rectification': () => json(200, []),
    });
    const view = renderFollowUp();
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.state--empty')).not.toBeNull());
    expect(text(view.container.querySelector('.state__title'))).toBe('还没有需要整改落实的问题');
  });

  it('shows each finding with its deadline, overdue marked, and sends an answer', async () => {
    const answered = itemOf({
      status: 'awaiting_review',
      canAnswer: false,
      responses: [
        { ...RETURNED.responses[0]!, reviewState: 'pending', reviewedBy: null, reviewComment: '' },
      ],
    });
    const fetch = mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/rectification': () => json(200, [itemOf()]),
      'POST /api/findings/f1/responses': () => json(201, answered),
    });
    const view = renderFollowUp();
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.fu-card')).not.toBeNull());
    const card = view.container.querySelector('.fu-card')!;
    expect(card.classList.contains('fu-card--overdue')).toBe(true);
    expect(text(card.querySelector('.fu-deadline'))).toBe('整改时限：2026年3月1日已逾期');
    expect(text(card.querySelector('.fu-status'))).toBe('待报送');
    expect(text(card)).toContain('限期建立导师工作台账');

    button(card, '报送巡视组审核')!.click();
    await vi.waitFor(() =>
      expect(text(card.querySelector('[role=alert]'))).toBe('请填写整改措施。'),
    );
    expect(fetch.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    typeInto(card.querySelector<HTMLTextAreaElement>('#fu-measures-f1')!, '修订导师遴选办法');
    typeInto(card.querySelector<HTMLTextAreaElement>('#fu-progress-f1')!, '已完成修订');
    button(card, '报送巡视组审核')!.click();
    await vi.waitFor(() => expect(text(view.container.querySelector('.fu-status'))).toBe('待审核'));
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      measures: '修订导师遴选办法',
      progress: '已完成修订',
      evidenceIds: [],
    });
    expect(text(view.container.querySelector('.fu-wait'))).toBe('整改情况已报送，等待巡视组审核。');
  });

  it('after a return, shows the inspectors’ comment and starts the next answer from the last one', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/rectification': () => json(200, [RETURNED]),
    });
    const view = renderFollowUp();
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.fu-history')).not.toBeNull());
    const answer = view.container.querySelector('.fu-answer')!;
    expect(text(answer.querySelector('.fu-verdict'))).toBe('已退回');
    expect(text(answer.querySelector('.fu-comment__text'))).toBe('佐证材料不足，请补充培训记录');
    expect(text(view.container.querySelector('.fu-form__title'))).toBe('补充后重新报送');
    expect(view.container.querySelector<HTMLTextAreaElement>('#fu-measures-f1')!.value).toBe(
      '修订导师遴选办法',
    );
    expect(text(view.container.querySelector('.fu-form .file-row__name'))).toBe('导师遴选办法.pdf');
  });
});

describe('AnswerForm evidence', () => {
  let cleanup = () => {};
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('uploads chosen files for the finding and sends their ids with the answer', async () => {
    const uploaded: EvidenceRef = {
      id: 'ev9',
      name: '培训签到表.pdf',
      mime: 'application/pdf',
      size: 3,
    };
    let finish: (e: EvidenceRef) => void = () => {};
    const upload = vi.fn((_finding: string, _file: File) => ({
      done: new Promise<EvidenceRef>((resolve) => {
        finish = resolve;
      }),
      abort: () => {},
    }));
    const fetch = mockFetch({
      'POST /api/findings/f1/responses': () => json(201, itemOf({ status: 'awaiting_review' })),
    });
    let answered: RectificationItem | undefined;
    const view = renderApp(() => (
      <AnswerForm item={itemOf()} upload={upload} onAnswered={(i) => (answered = i)} />
    ));
    cleanup = view.dispose;
    const input = view.container.querySelector<HTMLInputElement>('input[type=file]')!;
    const file = new File(['pdf'], '培训签到表.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    expect(upload).toHaveBeenCalledWith('f1', file, expect.any(Function));
    expect(view.container.querySelector('[role=progressbar]')).not.toBeNull();
    const submit = button(view.container, '报送巡视组审核')!;
    expect(submit.disabled).toBe(true);

    finish(uploaded);
    await vi.waitFor(() =>
      expect(text(view.container.querySelector('.file-row__name'))).toBe('培训签到表.pdf'),
    );
    typeInto(view.container.querySelector<HTMLTextAreaElement>('#fu-measures-f1')!, '开展培训');
    submit.click();
    await vi.waitFor(() => expect(answered?.status).toBe('awaiting_review'));
    const post = fetch.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body)).evidenceIds).toEqual(['ev9']);
  });
});
