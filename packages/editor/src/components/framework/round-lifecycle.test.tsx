import type { Round } from '@rectify/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bodyOf, byText, choose, renderAdmin } from '../../routes/admin/test-harness.tsx';
import { ROUND } from '../../test/fixtures.ts';
import { json, mockFetch, type } from '../../test/render.tsx';
import { RoundCreateDialog } from '../admin/round-create-dialog.tsx';
import { RoundLifecycle } from './round-lifecycle.tsx';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  vi.unstubAllGlobals();
});

const posts = (fetchMock: ReturnType<typeof mockFetch>) =>
  fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
const dialog = () => document.querySelector('[role="dialog"]');

/** Types into a textarea the way `type` does into an input: value, then a bubbling input event. */
function typeText(el: HTMLTextAreaElement, value: string): void {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('RoundLifecycle', () => {
  it('closes an active round only after a confirmation that says members lose access', async () => {
    const fetchMock = mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'POST /api/rounds/r1/state': () => json(200, { id: 'r1', state: 'closed', closedAt: 'x' }),
    });
    const changed = vi.fn();
    const view = renderAdmin(() => <RoundLifecycle round={ROUND} onChanged={changed} />);
    cleanup = view.dispose;
    expect(view.container.querySelector('.badge')?.textContent).toBe('进行中');
    byText<HTMLButtonElement>('button', '结束轮次').click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    expect(dialog()?.textContent).toContain('失去对本轮次工作底稿的访问权限');
    expect(dialog()?.textContent).toContain('变为只读');
    expect(posts(fetchMock)).toHaveLength(0);

    typeText(dialog()!.querySelector('textarea')!, '本轮巡视结束，转入归档');
    byText<HTMLButtonElement>('[role="dialog"] button[type="submit"]', '结束轮次').click();
    await vi.waitFor(() => expect(changed).toHaveBeenCalledOnce());
    expect(posts(fetchMock)[0]?.[0]).toBe('/api/rounds/r1/state');
    expect(bodyOf(posts(fetchMock)[0]?.[1])).toEqual({
      state: 'closed',
      comment: '本轮巡视结束，转入归档',
    });
    expect(changed.mock.calls[0]?.[0]).toContain('已结束');
  });

  const stateServer = () =>
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'POST /api/rounds/r1/state': (init) =>
        json(200, { id: 'r1', state: (bodyOf(init) as { state: string }).state, closedAt: null }),
    });

  it('starts a round that is in setup', async () => {
    const fetchMock = stateServer();
    const round: Round = { ...ROUND, state: 'setup' };
    const view = renderAdmin(() => <RoundLifecycle round={round} onChanged={() => undefined} />);
    cleanup = view.dispose;
    expect(view.container.querySelector('.badge')?.textContent).toBe('筹备中');
    byText<HTMLButtonElement>('button', '开始巡视').click();
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('从“筹备中”变为“进行中”'));
    byText<HTMLButtonElement>('[role="dialog"] button[type="submit"]', '开始巡视').click();
    await vi.waitFor(() => expect(posts(fetchMock)).toHaveLength(1));
    expect(bodyOf(posts(fetchMock)[0]?.[1])).toEqual({ state: 'active', comment: '' });
  });

  it('reopens a closed round', async () => {
    const fetchMock = stateServer();
    const round: Round = { ...ROUND, state: 'closed' };
    const view = renderAdmin(() => <RoundLifecycle round={round} onChanged={() => undefined} />);
    cleanup = view.dispose;
    expect(view.container.querySelector('.badge')?.textContent).toBe('已结束');
    byText<HTMLButtonElement>('button', '重新开启').click();
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('成员将恢复对本轮次的访问'));
    byText<HTMLButtonElement>('[role="dialog"] button[type="submit"]', '重新开启').click();
    await vi.waitFor(() => expect(posts(fetchMock)).toHaveLength(1));
    expect(bodyOf(posts(fetchMock)[0]?.[1])).toEqual({ state: 'active', comment: '' });
  });

  it('shows a refusal inside the dialog and keeps it open', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'POST /api/rounds/r1/state': () => json(403, { error: { code: 'forbidden', message: 'no' } }),
    });
    const changed = vi.fn();
    const view = renderAdmin(() => <RoundLifecycle round={ROUND} onChanged={changed} />);
    cleanup = view.dispose;
    byText<HTMLButtonElement>('button', '结束轮次').click();
    await vi.waitFor(() => expect(dialog()).not.toBeNull());
    byText<HTMLButtonElement>('[role="dialog"] button[type="submit"]', '结束轮次').click();
    await vi.waitFor(() => expect(dialog()?.querySelector('[role="alert"]')).not.toBeNull());
    expect(changed).not.toHaveBeenCalled();
  });
});

describe('RoundCreateDialog with a framework source', () => {
  it('creates a round as a copy of an earlier round’s framework', async () => {
    const created = { ...ROUND, id: 'r2', name: '2026年度整改专项巡视', state: 'setup' };
    const fetchMock = mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'POST /api/rounds': () => json(201, created),
    });
    const onCreated = vi.fn();
    const view = renderAdmin(() => (
      <RoundCreateDialog open onOpenChange={() => undefined} onCreated={onCreated} />
    ));
    cleanup = view.dispose;
    const select = await vi.waitFor(() => {
      const el = document.getElementById(
        byText<HTMLLabelElement>('label', '问题框架来源').htmlFor,
      ) as HTMLSelectElement;
      expect(el.options).toHaveLength(2);
      return el;
    });
    expect(select.options[0]?.textContent).toContain('默认框架');
    expect(select.options[1]?.textContent).toBe(`复制自：${ROUND.name}`);
    choose(select, 'r1');
    await vi.waitFor(() => expect(dialog()?.textContent).toContain('复制自所选轮次'));
    type(
      document.getElementById(
        byText<HTMLLabelElement>('label', '轮次名称').htmlFor,
      ) as HTMLInputElement,
      '2026年度整改专项巡视',
    );
    byText<HTMLButtonElement>('[role="dialog"] button', '创建轮次').click();
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledOnce());
    expect(bodyOf(posts(fetchMock)[0]?.[1])).toEqual({
      name: '2026年度整改专项巡视',
      startsOn: null,
      endsOn: null,
      copyFrom: 'r1',
    });
  });
});
