import { defaultFramework } from '@rectify/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ROUND } from '../../test/fixtures.ts';
import { json, mockFetch } from '../../test/render.tsx';
import { finding, LEADER, LEADERSHIP, MEMBER, rollup } from './test-data.ts';
import { renderFindings } from './test-harness.tsx';

const ROUND_ROUTES = {
  'GET /api/rounds': () => json(200, [ROUND]),
  'GET /api/rounds/r1/framework': () => json(200, { version: 1, framework: defaultFramework }),
};
const text = (el: Element | null | undefined) => el?.textContent?.trim();
const bodyOf = (init: RequestInit | undefined) => JSON.parse(String(init?.body));
const click = (el: Element | null | undefined) =>
  (el as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 }));
const buttonNamed = (root: ParentNode, name: string) =>
  [...root.querySelectorAll('button')].find((b) => text(b) === name);

describe('/findings', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists findings with their state, 立行立改 marker, unit and questions, and counts them by state', async () => {
    const confirmed = finding({
      id: 'f2',
      title: '研究生导师考核流于形式',
      state: 'confirmed',
      immediate: false,
      unit: { id: 'u-yjs', name: '研究生院' },
    });
    mockFetch({
      ...ROUND_ROUTES,
      'GET /api/rounds/r1/findings': () => json(200, [finding(), confirmed]),
      'GET /api/rounds/r1/findings/rollup': () => json(200, rollup()),
    });
    const view = renderFindings('/findings', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelectorAll('.fnd-row')).toHaveLength(2));

    const rows = [...view.container.querySelectorAll('.fnd-row')].map((row) => ({
      state: text(row.querySelector('.fnd-state')),
      immediate: text(row.querySelector('.fnd-immediate')),
      unit: text(row.querySelector('.fnd-row__unit')),
      title: text(row.querySelector('.fnd-row__title')),
      codes: [...row.querySelectorAll('.fnd-chip__code')].map(text),
      href: row.getAttribute('href'),
    }));
    expect(rows).toEqual([
      {
        state: '草稿',
        immediate: '立行立改',
        unit: '教务处',
        title: '导师制改革落实不到位',
        codes: ['Q3'],
        href: '/findings?finding=f1',
      },
      {
        state: '已确认',
        immediate: undefined,
        unit: '研究生院',
        title: '研究生导师考核流于形式',
        codes: ['Q3'],
        href: '/findings?finding=f2',
      },
    ]);
    const stats = [...view.container.querySelectorAll('.fnd-stat')].map((s) => [
      text(s.querySelector('.fnd-stat__label')),
      text(s.querySelector('.fnd-stat__num')),
    ]);
    expect(stats).toEqual([
      ['草稿', '1'],
      ['已确认', '1'],
      ['已审定', '0'],
      ['已下发', '0'],
      ['整改中', '0'],
      ['已销号', '0'],
    ]);

    // A state count is a filter; pressing it again clears it.
    const confirmedStat = view.container.querySelectorAll('.fnd-stat')[1]!;
    click(confirmedStat);
    await vi.waitFor(() => expect(view.container.querySelectorAll('.fnd-row')).toHaveLength(1));
    expect(text(view.container.querySelector('.fnd-row__title'))).toBe('研究生导师考核流于形式');
    expect(confirmedStat.getAttribute('aria-pressed')).toBe('true');
    click(confirmedStat);
    await vi.waitFor(() => expect(view.container.querySelectorAll('.fnd-row')).toHaveLength(2));

    // The unit filter narrows the list and says how many are shown.
    const unit = view.container.querySelector<HTMLSelectElement>('.fnd-filter select')!;
    unit.value = 'u-yjs';
    unit.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(view.container.querySelectorAll('.fnd-row')).toHaveLength(1));
    expect(text(view.container.querySelector('.fnd-filters__count'))).toBe('1 / 2 条');
  });

  it('creates a finding from a suggested cell in one click, linked to the cell’s annotations, and opens it', async () => {
    const created = finding({
      id: 'f9',
      title: 'Q5 长期坚持和补充整改任务是否持续推进、整改到位，是否建立健全长效机制',
      unit: { id: 'u-yjs', name: '研究生院' },
      immediate: false,
    });
    const fetchMock = mockFetch({
      ...ROUND_ROUTES,
      'GET /api/rounds/r1/findings': () => json(200, []),
      'GET /api/rounds/r1/findings/rollup': () => json(200, rollup()),
      'POST /api/rounds/r1/findings': () => json(201, created),
      'GET /api/findings/f9': () => json(200, created),
    });
    const view = renderFindings('/findings', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.fnd-cell')).not.toBeNull());
    expect(text(view.container.querySelector('.state__title'))).toBe('还没有发现问题');
    expect(text(view.container.querySelector('.fnd-cell__unit'))).toBe('研究生院');
    expect(text(view.container.querySelector('.fnd-cell__count'))).toBe('2 条批注');

    click(view.container.querySelector('.fnd-cell__create'));
    await vi.waitFor(() =>
      expect(view.container.querySelector('.fnd-panel__title')).not.toBeNull(),
    );
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(bodyOf(post?.[1])).toEqual({
      unitId: 'u-yjs',
      title: 'Q5 长期坚持和补充整改任务是否持续推进、整改到位，是否建立健全长效机制',
      questions: ['Q5'],
      cell: { question: 'Q5' },
    });
    expect(window.location.search).toBe('?finding=f9');
    expect(view.container.querySelectorAll('.fnd-row')).toHaveLength(1);
  });

  it('shows a finding’s evidence trail with links back into the review, and its history', async () => {
    mockFetch({
      ...ROUND_ROUTES,
      'GET /api/rounds/r1/findings': () => json(200, [finding()]),
      'GET /api/rounds/r1/findings/rollup': () => json(200, rollup({ suggestions: [] })),
      'GET /api/findings/f1': () => json(200, finding()),
    });
    const view = renderFindings('/findings?finding=f1', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.fnd-trail__item')).not.toBeNull());
    const item = view.container.querySelector('.fnd-trail__item')!;
    expect(text(item.querySelector('.fnd-trail__quote'))).toBe('已全面完成导师制改革');
    expect(text(item.querySelector('.fnd-step'))).toBe('S2 · 查阅资料、辨析真伪');
    expect(item.querySelector('.fnd-trail__evidence')?.getAttribute('href')).toBe(
      '/review/sv1?evidence=ev1&page=3',
    );
    expect(text(item.querySelector('.fnd-trail__evidence'))).toContain(
      '导师制实施办法.pdf 第 3 页',
    );
    expect(item.querySelector('.fnd-trail__open')?.getAttribute('href')).toBe('/review/sv1');
    expect(text(view.container.querySelector('.fnd-history__line'))).toBe('李四 创建草稿');
    // The current state is marked on the stepper.
    expect(text(view.container.querySelector('.fnd-steps [aria-current="step"]'))).toBe('草稿');
    // No suggestions: the strip of cells is not shown at all.
    expect(view.container.querySelector('.fnd-suggest')).toBeNull();
  });

  it('saves only the fields that changed', async () => {
    const fetchMock = mockFetch({
      ...ROUND_ROUTES,
      'GET /api/rounds/r1/findings': () => json(200, [finding()]),
      'GET /api/rounds/r1/findings/rollup': () => json(200, rollup()),
      'GET /api/findings/f1': () => json(200, finding()),
      'PATCH /api/findings/f1': (init) =>
        json(200, finding({ ...bodyOf(init), updatedAt: '2025-05-03T00:00:00Z' })),
    });
    const view = renderFindings('/findings?finding=f1', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.fnd-form')).not.toBeNull());
    const requirement = view.container.querySelector<HTMLTextAreaElement>('#fnd-f1-requirement')!;
    requirement.value = '限期完善导师遴选机制';
    requirement.dispatchEvent(new Event('input', { bubbles: true }));
    const severe = view.container.querySelector<HTMLSelectElement>('#fnd-f1-severity')!;
    severe.value = 'severe';
    severe.dispatchEvent(new Event('change', { bubbles: true }));
    const q5 = view.container.querySelector<HTMLInputElement>('#fnd-f1-q-Q5')!;
    q5.checked = true;
    q5.dispatchEvent(new Event('change', { bubbles: true }));
    expect(text(view.container.querySelector('.fnd-form__status'))).toBe('有未保存的修改');

    view.container
      .querySelector('.fnd-form')!
      .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(() =>
      expect(text(view.container.querySelector('.fnd-form__status'))).toBe('已保存'),
    );
    const patch = fetchMock.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(bodyOf(patch?.[1])).toEqual({
      requirement: '限期完善导师遴选机制',
      severity: 'severe',
      questions: ['Q3', 'Q5'],
    });
  });

  it('lets a member confirm a draft with a comment, and leaves approval to the leader', async () => {
    const confirmed = finding({
      state: 'confirmed',
      next: ['draft', 'approved'],
      transitions: [
        ...finding().transitions,
        {
          from: 'draft',
          to: 'confirmed',
          actor: '张三',
          comment: '小组一致',
          at: '2025-05-03T02:00:00Z',
        },
      ],
    });
    const fetchMock = mockFetch({
      ...ROUND_ROUTES,
      'GET /api/rounds/r1/findings': () => json(200, [finding()]),
      'GET /api/rounds/r1/findings/rollup': () => json(200, rollup()),
      'GET /api/findings/f1': () => json(200, finding()),
      'POST /api/findings/f1/transitions': () => json(200, confirmed),
    });
    const view = renderFindings('/findings?finding=f1', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelector('.fnd-lifecycle__actions')).not.toBeNull(),
    );
    const panel = view.container.querySelector('.fnd-panel')!;
    click(buttonNamed(panel, '组内确认'));
    const dialog = await vi.waitFor(() => {
      const d = document.querySelector('.fnd-dialog');
      expect(d).not.toBeNull();
      return d!;
    });
    const comment = dialog.querySelector('textarea')!;
    comment.value = '小组一致';
    comment.dispatchEvent(new Event('input', { bubbles: true }));
    dialog
      .querySelector('form')!
      .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));

    await vi.waitFor(() =>
      expect(text(view.container.querySelector('.fnd-panel .fnd-state'))).toBe('已确认'),
    );
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(bodyOf(post?.[1])).toEqual({ to: 'confirmed', comment: '小组一致' });
    // The member may send it back, but approving is the leader's.
    const actions = view.container.querySelector('.fnd-lifecycle__actions')!;
    expect([...actions.querySelectorAll('button')].map(text)).toEqual(['退回草稿']);
    expect(text(actions.querySelector('.fnd-lifecycle__wait'))).toBe('待组长审定');
    expect(text(view.container.querySelector('.fnd-row .fnd-state'))).toBe('已确认');
    expect([...view.container.querySelectorAll('.fnd-history__comment')].map(text)).toEqual([
      '小组一致',
    ]);
  });

  it('offers the group leader the approval', async () => {
    const confirmed = finding({ state: 'confirmed', next: ['draft', 'approved'] });
    mockFetch({
      ...ROUND_ROUTES,
      'GET /api/rounds/r1/findings': () => json(200, [confirmed]),
      'GET /api/rounds/r1/findings/rollup': () => json(200, rollup()),
      'GET /api/findings/f1': () => json(200, confirmed),
    });
    const view = renderFindings('/findings?finding=f1', LEADER);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelector('.fnd-lifecycle__actions button')).not.toBeNull(),
    );
    const buttons = [...view.container.querySelectorAll('.fnd-lifecycle__actions button')].map(
      text,
    );
    expect(buttons).toEqual(['退回草稿', '组长审定']);
  });

  it('shows leadership everything read-only: no form, no lifecycle buttons, no suggested cells', async () => {
    mockFetch({
      ...ROUND_ROUTES,
      'GET /api/rounds/r1/overview': () => json(404, { error: { code: 'not_found', message: '' } }),
      'GET /api/rounds/r1/findings': () => json(200, [finding()]),
      'GET /api/rounds/r1/findings/rollup': () => json(200, rollup()),
      'GET /api/findings/f1': () => json(200, finding()),
    });
    const view = renderFindings('/findings?finding=f1', LEADERSHIP);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.fnd-summary')).not.toBeNull());
    expect(view.container.querySelector('.fnd-form')).toBeNull();
    expect(view.container.querySelector('.fnd-lifecycle__actions')).toBeNull();
    expect(view.container.querySelector('.fnd-suggest')).toBeNull();
    expect(view.container.querySelector('.fnd-tools')).toBeNull();
    expect(text(view.container.querySelector('.page-header .badge'))).toBe('只读');
    const summary = [...view.container.querySelectorAll('.fnd-summary__item')].map((i) => [
      text(i.querySelector('dt')),
      text(i.querySelector('dd')),
    ]);
    expect(summary).toContainEqual(['方面', '工作机制']);
    expect(summary).toContainEqual(['严重程度', '较重']);
    expect(summary).toContainEqual(['立行立改', '是']);
  });

  it('says when the list cannot load, and retries', async () => {
    let fail = true;
    mockFetch({
      ...ROUND_ROUTES,
      'GET /api/rounds/r1/findings': () =>
        fail
          ? json(503, { error: { code: 'unavailable', message: 'down' } })
          : json(200, [finding()]),
      'GET /api/rounds/r1/findings/rollup': () => json(200, rollup()),
    });
    const view = renderFindings('/findings', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.state--error')).not.toBeNull());
    expect(text(view.container.querySelector('.state__title'))).toBe('无法加载发现问题');
    fail = false;
    click(buttonNamed(view.container, '重试'));
    await vi.waitFor(() => expect(view.container.querySelectorAll('.fnd-row')).toHaveLength(1));
  });

  it('closes the open finding with Esc', async () => {
    mockFetch({
      ...ROUND_ROUTES,
      'GET /api/rounds/r1/findings': () => json(200, [finding()]),
      'GET /api/rounds/r1/findings/rollup': () => json(200, rollup()),
      'GET /api/findings/f1': () => json(200, finding()),
    });
    const view = renderFindings('/findings?finding=f1', MEMBER);
    cleanup = view.dispose;
    const title = await vi.waitFor(() => {
      const el = view.container.querySelector<HTMLElement>('.fnd-panel__title');
      expect(el).not.toBeNull();
      return el!;
    });
    title.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect(view.container.querySelector('.fnd-panel')).toBeNull());
    expect(window.location.search).toBe('');
  });
});
