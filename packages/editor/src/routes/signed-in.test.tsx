import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { me, OVERVIEW, ROUND } from '../test/fixtures.ts';
import { json, mockFetch, renderApp } from '../test/render.tsx';
import { SignedIn } from './signed-in.tsx';

describe('signed-in shell', () => {
  let cleanup = () => {};
  beforeEach(() => {
    localStorage.clear();
    window.history.replaceState(null, '', '/');
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows each group of the active round, with the group in the top bar', async () => {
    mockFetch({
      'GET /api/auth/me': () => json(200, me([{ role: 'leader', groupId: 'g1', unitId: null }])),
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/overview': () => json(200, OVERVIEW),
    });
    const view = renderApp(() => <SignedIn />);
    cleanup = view.dispose;

    await vi.waitFor(() => expect(view.container.querySelectorAll('.group-card')).toHaveLength(2));
    expect(view.container.querySelector('h1')?.textContent).toBe(ROUND.name);
    expect(view.container.querySelector('.context-chip')?.textContent).toBe('第一巡视组');
    expect(view.container.textContent).toContain('已审阅 31 / 46');
  });

  it('says what to do when there is no round yet', async () => {
    mockFetch({
      'GET /api/auth/me': () => json(200, me([{ role: 'member', groupId: 'g1', unitId: null }])),
      'GET /api/rounds': () => json(200, []),
    });
    const view = renderApp(() => <SignedIn />);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.textContent).toContain('还没有轮次 — 请管理员创建'),
    );
  });

  it('shows an error with a retry when the overview fails', async () => {
    mockFetch({
      'GET /api/auth/me': () => json(200, me([{ role: 'member', groupId: 'g1', unitId: null }])),
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/overview': () => json(500, { error: { code: 'internal', message: 'x' } }),
    });
    const view = renderApp(() => <SignedIn />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.textContent).toContain('无法加载轮次总览'));
    expect(view.container.querySelector('[role="alert"] button')?.textContent).toBe('重试');
  });

  it('lands a unit contact on their tasks, without loading the overview', async () => {
    const fetchMock = mockFetch({
      'GET /api/auth/me': () =>
        json(200, me([{ role: 'unit_contact', groupId: null, unitId: 'unit-7' }])),
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/my-tasks': () => json(200, []),
    });
    const view = renderApp(() => <SignedIn />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(window.location.pathname).toBe('/tasks'));
    await vi.waitFor(() => expect(view.container.textContent).toContain('本单位还没有整改任务'));
    const paths = fetchMock.mock.calls.map(([url]) => String(url));
    expect(paths).not.toContain('/api/rounds/r1/overview');
  });

  it('sends a signed-out visitor to /login, remembering the page', async () => {
    window.history.replaceState(null, '', '/coverage');
    mockFetch({
      'GET /api/auth/me': () => json(401, { error: { code: 'unauthenticated', message: '' } }),
    });
    const view = renderApp(() => <SignedIn />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(window.location.search).toBe('?next=%2Fcoverage');
  });

  it('tells an inspector that admin pages are not theirs', async () => {
    window.history.replaceState(null, '', '/admin/audit');
    mockFetch({
      'GET /api/auth/me': () => json(200, me([{ role: 'member', groupId: 'g1', unitId: null }])),
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/rounds/r1/overview': () => json(200, OVERVIEW),
    });
    const view = renderApp(() => <SignedIn />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.textContent).toContain('没有访问权限'));
  });
});
