import type { LoginRequest } from '@rectify/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, mockFetch, renderApp, type } from '../test/render.tsx';
import { LoginRoute } from './login.tsx';

const USER = { id: 'u1', username: 'zhangsan', displayName: '张三', isAdmin: false, active: true };

function setup() {
  window.history.replaceState(null, '', '/login');
  const view = renderApp(() => <LoginRoute />);
  const form = view.container.querySelector('form') as HTMLFormElement;
  const username = view.container.querySelector('#login-username') as HTMLInputElement;
  const password = view.container.querySelector('#login-password') as HTMLInputElement;
  const button = view.container.querySelector('button[type="submit"]') as HTMLButtonElement;
  const problem = () => view.container.querySelector('[role="alert"]')?.textContent ?? '';
  const signIn = (u: string, p: string) => {
    type(username, u);
    type(password, p);
    form.requestSubmit();
  };
  return { ...view, button, problem, signIn };
}

describe('login form', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('posts the typed body as JSON and goes home on success', async () => {
    const fetchMock = mockFetch({
      'POST /api/auth/login': () => json(200, { token: 't', user: USER }),
    });
    const view = setup();
    cleanup = view.dispose;
    view.signIn('  zhangsan ', 's3cret pass');

    await vi.waitFor(() => expect(window.location.pathname).toBe('/'));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/auth/login');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect(new Headers(init?.headers).get('Content-Type')).toBe('application/json');
    const body: LoginRequest = JSON.parse(String(init?.body));
    expect(body).toEqual({ username: 'zhangsan', password: 's3cret pass' });
  });

  it('says the credentials are wrong on 401', async () => {
    mockFetch({
      'POST /api/auth/login': () =>
        json(401, { error: { code: 'unauthenticated', message: 'bad credentials' } }),
    });
    const view = setup();
    cleanup = view.dispose;
    view.signIn('zhangsan', 'wrong');

    await vi.waitFor(() => expect(view.problem()).toBe('用户名或密码不正确'));
    expect(window.location.pathname).toBe('/login');
    expect(view.button.disabled).toBe(false);
  });

  it('asks to wait the Retry-After minutes on 429', async () => {
    mockFetch({
      'POST /api/auth/login': () =>
        json(
          429,
          { error: { code: 'rate_limited', message: 'slow down' } },
          { 'Retry-After': '290' },
        ),
    });
    const view = setup();
    cleanup = view.dispose;
    view.signIn('zhangsan', 'again');

    await vi.waitFor(() => expect(view.problem()).toBe('尝试次数过多，请 5 分钟后再试'));
  });

  it('explains a network failure without a stack', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const view = setup();
    cleanup = view.dispose;
    view.signIn('zhangsan', 'pw');

    await vi.waitFor(() => expect(view.problem()).toBe('无法连接服务器，请检查网络后重试'));
    expect(view.container.textContent).not.toContain('TypeError');
  });

  it('disables the button while submitting', async () => {
    let answer: (res: Response) => void = () => {};
    mockFetch({ 'POST /api/auth/login': () => new Promise<Response>((r) => (answer = r)) });
    const view = setup();
    cleanup = view.dispose;
    view.signIn('zhangsan', 'pw');

    await vi.waitFor(() => expect(view.button.disabled).toBe(true));
    expect(view.button.textContent).toBe('正在登录…');
    answer(json(401, { error: { code: 'unauthenticated', message: 'no' } }));
    await vi.waitFor(() => expect(view.button.disabled).toBe(false));
  });

  it('does not call the server with an empty form', () => {
    const fetchMock = mockFetch({});
    const view = setup();
    cleanup = view.dispose;
    view.signIn('', '');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(view.problem()).toBe('请输入用户名和密码');
  });
});
