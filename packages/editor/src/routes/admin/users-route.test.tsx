import type { User } from '@rectify/domain';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ROUND } from '../../test/fixtures.ts';
import { json, mockFetch, type } from '../../test/render.tsx';
import { bodyOf, byText, renderAdmin, SEATS, USERS } from './test-harness.tsx';
import { AdminUsersRoute } from './users-route.tsx';

const rowOf = (username: string) =>
  [...document.querySelectorAll('tbody tr')].find(
    (tr) => tr.querySelector('td')?.textContent === username,
  ) as HTMLTableRowElement;

describe('/admin/users', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  const base = (extra: Record<string, (init: RequestInit | undefined) => Response> = {}) =>
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/users': () => json(200, USERS),
      'GET /api/rounds/r1/memberships': () => json(200, SEATS),
      ...extra,
    });

  const open = async () => {
    const view = renderAdmin(() => <AdminUsersRoute />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(document.querySelectorAll('tbody tr')).toHaveLength(5));
    await vi.waitFor(() => expect(rowOf('member1').textContent).toContain('组员 · 第一巡视组'));
    return view;
  };

  it('lists every account with its state and its roles in the chosen round', async () => {
    base();
    await open();
    const cells = (username: string) =>
      [...rowOf(username).querySelectorAll('td')].slice(0, 4).map((td) => td.textContent);
    expect(cells('admin')).toEqual(['admin', '巡视办管理员（本人）', '已启用', '管理员']);
    expect(cells('unit1')).toEqual([
      'unit1',
      '教务处联系人',
      '已启用',
      '被巡视单位联系人 · 教务处',
    ]);
    expect(cells('old')).toEqual(['old', '已离职', '已停用', '本轮次无角色']);
    expect(rowOf('old').querySelector('button:last-child')?.textContent).toBe('启用');
    // Nobody disables their own account.
    const ownDisable = byText<HTMLButtonElement>('button', '停用');
    expect(rowOf('admin').contains(ownDisable)).toBe(true);
    expect(ownDisable.disabled).toBe(true);
  });

  it('does not claim “no role” when the round’s roles could not be loaded', async () => {
    base({
      'GET /api/rounds/r1/memberships': () =>
        json(503, { error: { code: 'unavailable', message: 'down' } }),
    });
    const view = renderAdmin(() => <AdminUsersRoute />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(rowOf('member1').textContent).toContain('角色暂时无法加载'));
    expect(view.container.textContent).not.toContain('本轮次无角色');
  });

  it('filters by username or name', async () => {
    base();
    const view = await open();
    type(view.container.querySelector<HTMLInputElement>('input[type="search"]')!, '张');
    expect(document.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(view.container.textContent).toContain('显示 1 / 共 5 个账号');
  });

  it('checks a new account before sending it, then adds it to the list', async () => {
    const created: User = {
      id: 'u9',
      username: 'member3',
      displayName: '赵六',
      isAdmin: false,
      active: true,
    };
    const fetchMock = base({ 'POST /api/users': () => json(201, created) });
    await open();
    byText<HTMLButtonElement>('button', '新建用户').click();
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).not.toBeNull());
    const dialog = document.querySelector('[role="dialog"]')!;
    const input = (label: string) =>
      document.getElementById(byText<HTMLLabelElement>('label', label).htmlFor) as HTMLInputElement;

    type(input('用户名'), 'bad name');
    type(input('初始密码'), 'short');
    byText<HTMLButtonElement>('button', '创建').click();
    await vi.waitFor(() => expect(dialog.textContent).toContain('用户名只能包含字母'));
    expect(dialog.textContent).toContain('请填写姓名。');
    expect(dialog.textContent).toContain('密码至少需要 10 个字符。');
    expect(input('用户名').getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    type(input('用户名'), 'member3');
    type(input('姓名'), '赵六');
    type(input('初始密码'), 'a-long-password');
    byText<HTMLButtonElement>('button', '创建').click();
    await vi.waitFor(() => expect(rowOf('member3')).toBeDefined());
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(bodyOf(post?.[1])).toEqual({
      username: 'member3',
      displayName: '赵六',
      password: 'a-long-password',
      isAdmin: false,
    });
    expect(document.body.textContent).toContain('已创建账号：赵六');
  });

  it('says on the field when the username is taken', async () => {
    base({
      'POST /api/users': () =>
        json(409, { error: { code: 'conflict', message: 'The username “member1” is taken.' } }),
    });
    await open();
    byText<HTMLButtonElement>('button', '新建用户').click();
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).not.toBeNull());
    const input = (label: string) =>
      document.getElementById(byText<HTMLLabelElement>('label', label).htmlFor) as HTMLInputElement;
    type(input('用户名'), 'member1');
    type(input('姓名'), '张三');
    type(input('初始密码'), 'a-long-password');
    byText<HTMLButtonElement>('button', '创建').click();
    await vi.waitFor(() =>
      expect(document.querySelector('[role="dialog"]')?.textContent).toContain('该用户名已被占用'),
    );
  });

  it('asks before disabling an account, then shows it disabled', async () => {
    const fetchMock = base({
      'PATCH /api/users/u3': () => json(200, { ...USERS[2], active: false }),
    });
    await open();
    rowOf('member1').querySelector<HTMLButtonElement>('button[aria-label="停用 张三"]')!.click();
    await vi.waitFor(() =>
      expect(document.querySelector('[role="dialog"]')?.textContent).toContain(
        '停用 张三（member1）？',
      ),
    );
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PATCH')).toBe(false);
    const confirm = [
      ...document.querySelectorAll<HTMLButtonElement>('[role="dialog"] button'),
    ].find((b) => b.textContent === '停用')!;
    confirm.click();
    await vi.waitFor(() => expect(rowOf('member1').textContent).toContain('已停用'));
    const patch = fetchMock.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(bodyOf(patch?.[1])).toEqual({ active: false });
    expect(document.body.textContent).toContain('已停用：张三');
  });

  it('resets a password after checking its length', async () => {
    const fetchMock = base({
      'POST /api/users/u3/reset-password': () => new Response(null, { status: 204 }),
    });
    await open();
    rowOf('member1')
      .querySelector<HTMLButtonElement>('button[aria-label="重置 张三 的密码"]')!
      .click();
    await vi.waitFor(() => expect(document.querySelector('[role="dialog"]')).not.toBeNull());
    const field = document.getElementById('adm-reset-password') as HTMLInputElement;
    type(field, 'short');
    byText<HTMLButtonElement>('button', '设置新密码').click();
    await vi.waitFor(() =>
      expect(document.querySelector('[role="dialog"]')?.textContent).toContain(
        '密码至少需要 10 个字符。',
      ),
    );
    type(field, 'another-long-one');
    byText<HTMLButtonElement>('button', '设置新密码').click();
    await vi.waitFor(() => expect(document.body.textContent).toContain('已重置 张三 的密码'));
    const post = fetchMock.mock.calls.find(([url]) => String(url).endsWith('/reset-password'));
    expect(bodyOf(post?.[1])).toEqual({ password: 'another-long-one' });
  });

  it('offers a retry when the accounts cannot be loaded', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/users': () => json(503, { error: { code: 'unavailable', message: 'down' } }),
    });
    const view = renderAdmin(() => <AdminUsersRoute />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.textContent).toContain('无法加载用户列表'));
    expect(view.container.querySelector('[role="alert"] button')?.textContent).toBe('重试');
  });
});
