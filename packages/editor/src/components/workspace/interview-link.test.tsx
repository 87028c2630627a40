import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { interview } from '../../routes/interviews/test-data.ts';
import { json, mockFetch, renderApp } from '../../test/render.tsx';
import type { Interview } from '../interviews/interviews-api.ts';
import { forgetUnitInterviews, InterviewLinkView } from './interview-link.tsx';

const LIST_PATH = 'GET /api/rounds/r1/interviews';

const tick = () => new Promise((r) => setTimeout(r, 0));
async function until<T>(fn: () => T | null | undefined, ms = 1000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - start > ms) throw new Error('timed out');
    await tick();
  }
}

function renderLink(
  start: { step: string | null; interviewId: string | null },
  opts: { editable?: boolean } = {},
) {
  const [annotation, setAnnotation] = createSignal({ id: 'a1', ...start });
  const onLink = vi.fn((id: string | null) => setAnnotation((a) => ({ ...a, interviewId: id })));
  const view = renderApp(() => (
    <InterviewLinkView
      annotation={annotation()}
      roundId="r1"
      unitId="unit-jwc"
      taskId="t11"
      editable={opts.editable ?? true}
      onLink={onLink}
    />
  ));
  cleanup = view.dispose;
  return { ...view, onLink, annotation };
}

let cleanup = () => {};
afterEach(() => {
  cleanup();
  forgetUnitInterviews();
  vi.unstubAllGlobals();
});

const RECORDS: Interview[] = [
  interview({
    id: 'iv-old',
    heldOn: '2025-03-01',
    place: '',
    tasks: [],
    interviewee: { name: '钱七', post: '' },
    interviewers: [{ id: 'u3', displayName: '王组长' }],
  }),
  interview({ id: 'iv-task', heldOn: '2025-02-01' }),
];

const buttonNamed = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.includes(name));

describe('InterviewLinkView', () => {
  it('offers 关联谈话记录 on an S3 annotation, lists the unit’s readable records without the interviewee, and links the one picked', async () => {
    const fetchMock = mockFetch({ [LIST_PATH]: () => json(200, RECORDS) });
    const view = renderLink({ step: 'S3', interviewId: null });
    expect(fetchMock).not.toHaveBeenCalled();
    buttonNamed(view.container, '关联谈话记录')!.click();
    const choices = await until(() => {
      const found = [...view.container.querySelectorAll<HTMLButtonElement>('.ws-ivlink__choice')];
      return found.length > 0 ? found : undefined;
    });
    const url = String(fetchMock.mock.calls[0]![0]);
    expect(url).toBe('/api/rounds/r1/interviews?unitId=unit-jwc');
    // The record about this task first, then by date.
    expect(choices.map((c) => c.textContent)).toEqual([
      expect.stringContaining('谈话人：张三、李四'),
      expect.stringContaining('谈话人：王组长'),
    ]);
    expect(choices[0]!.textContent).toContain('涉及本任务');
    expect(choices[0]!.textContent).toContain('行政楼 302 会议室');
    expect(view.container.textContent).not.toContain('赵六');
    expect(view.container.textContent).not.toContain('钱七');
    choices[0]!.click();
    expect(view.onLink).toHaveBeenCalledWith('iv-task');
    // Linked: the record shows as a link to it, with date and interviewers.
    const link = await until(() =>
      view.container.querySelector<HTMLAnchorElement>('a.ws-ivlink__open'),
    );
    expect(link.getAttribute('href')).toBe('/interviews?interview=iv-task');
    expect(link.textContent).toContain('谈话人：张三、李四');
    expect(link.textContent).toMatch(/2025/);
    expect(view.container.textContent).not.toContain('赵六');
  });

  it('shows a linked record the user may read as a link, and unlinks it with ×', async () => {
    mockFetch({ [LIST_PATH]: () => json(200, RECORDS) });
    const view = renderLink({ step: 'S3', interviewId: 'iv-old' });
    const link = await until(() =>
      view.container.querySelector<HTMLAnchorElement>('a.ws-ivlink__open'),
    );
    expect(link.getAttribute('href')).toBe('/interviews?interview=iv-old');
    expect(link.textContent).toContain('王组长');
    view.container
      .querySelector<HTMLButtonElement>('button[aria-label="取消关联谈话记录"]')!
      .click();
    expect(view.onLink).toHaveBeenCalledWith(null);
    await until(() => buttonNamed(view.container, '关联谈话记录'));
  });

  it('says only 已关联谈话记录（无权查看） for a record the user may not read, and offers no change', async () => {
    mockFetch({ [LIST_PATH]: () => json(200, RECORDS) });
    const view = renderLink({ step: 'S3', interviewId: 'iv-someone-else' });
    await until(() => view.container.querySelector('.ws-ivlink__hidden'));
    expect(view.container.textContent).toContain('已关联谈话记录（无权查看）');
    expect(view.container.querySelector('a')).toBeNull();
    expect(buttonNamed(view.container, '更换')).toBeUndefined();
    expect(view.container.querySelector('button[aria-label="取消关联谈话记录"]')).toBeNull();
  });

  it('shows a link to read-only viewers too, but no controls', async () => {
    mockFetch({ [LIST_PATH]: () => json(200, RECORDS) });
    const view = renderLink({ step: 'S3', interviewId: 'iv-task' }, { editable: false });
    await until(() => view.container.querySelector('a.ws-ivlink__open'));
    expect(view.container.querySelectorAll('button')).toHaveLength(0);
  });

  it('stays out of the way on other steps, and for read-only viewers of an unlinked annotation', async () => {
    const fetchMock = mockFetch({ [LIST_PATH]: () => json(200, RECORDS) });
    const s2 = renderLink({ step: 'S2', interviewId: null });
    expect(s2.container.textContent).toBe('');
    s2.dispose();
    const readOnly = renderLink({ step: 'S3', interviewId: null }, { editable: false });
    expect(readOnly.container.textContent).toBe('');
    await tick();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('points to the interviews page when the unit has no record the user may read, and Esc closes the picker', async () => {
    mockFetch({ [LIST_PATH]: () => json(200, []) });
    const view = renderLink({ step: 'S3', interviewId: null });
    buttonNamed(view.container, '关联谈话记录')!.click();
    const create = await until(() =>
      view.container.querySelector<HTMLAnchorElement>('a[href="/interviews?new=1"]'),
    );
    expect(view.container.textContent).toContain('本单位还没有你可以查看的谈话记录');
    create.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await until(() => !view.container.querySelector('.ws-ivlink__picker'));
    expect(buttonNamed(view.container, '关联谈话记录')).toBeDefined();
  });

  it('says so when the records cannot be loaded, and tries again', async () => {
    let fail = true;
    mockFetch({
      [LIST_PATH]: () =>
        fail ? json(500, { error: { code: 'internal', message: 'x' } }) : json(200, RECORDS),
    });
    const view = renderLink({ step: 'S3', interviewId: 'iv-task' });
    const retry = await until(() => buttonNamed(view.container, '重试'));
    expect(view.container.textContent).toContain('无法加载谈话记录');
    fail = false;
    retry.click();
    await until(() => view.container.querySelector('a.ws-ivlink__open'));
  });
});
