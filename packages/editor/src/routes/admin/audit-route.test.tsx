import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../components/admin/admin-api.ts';
import { ROUND } from '../../test/fixtures.ts';
import { json, mockFetch, type } from '../../test/render.tsx';
import { AdminAuditRoute } from './audit-route.tsx';
import { byText, choose, renderAdmin, USERS } from './test-harness.tsx';

const UUID_U3 = '3f2a9c10-0000-4000-8000-000000000003';

const entry = (seq: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  seq,
  at: '2026-03-02T02:03:04.000Z',
  actorId: 'u1',
  actorLabel: 'admin',
  action: 'user.create',
  resourceType: 'user',
  resourceId: UUID_U3,
  roundId: null,
  address: '127.0.0.1',
  outcome: 'ok',
  details: { username: 'member3', isAdmin: false },
  hash: 'a'.repeat(64),
  ...over,
});

const PAGE_1 = {
  items: [
    entry(12, { action: 'recusal.create', resourceType: 'recusal', resourceId: 'u3/unit-jwc' }),
    entry(11, {
      actorId: 'u3',
      actorLabel: 'member1',
      action: 'system.manage',
      resourceType: 'system',
      resourceId: '',
      outcome: 'denied',
      details: { route: 'GET /api/users' },
    }),
    entry(10, { action: 'auth.login', resourceType: 'session', outcome: 'failed' }),
  ],
  nextBefore: 10,
};
const PAGE_2 = { items: [entry(9)], nextBefore: null };

describe('/admin/audit', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  const serve = (verify?: () => Response) => {
    const queries: URLSearchParams[] = [];
    const fetchMock = mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/users': () => json(200, USERS),
      'GET /api/units': () => json(200, [{ id: 'unit-jwc', name: '教务处' }]),
      'GET /api/rounds/r1/groups': () => json(200, []),
      'GET /api/audit': () => json(200, queries.at(-1)?.get('before') ? PAGE_2 : PAGE_1),
      'GET /api/audit/verify': verify ?? (() => json(200, { ok: true, checked: 1234 })),
    });
    // Record each search's query string as the server would read it.
    const inner = fetchMock.getMockImplementation()!;
    fetchMock.mockImplementation(async (input, init) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname === '/api/audit') queries.push(url.searchParams);
      return inner(input, init);
    });
    return queries;
  };

  const open = async () => {
    const view = renderAdmin(() => <AdminAuditRoute />);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(document.querySelectorAll('.adm-audit__row')).toHaveLength(3));
    return view;
  };

  it('shows each entry in words: who, what, on what, and the outcome', async () => {
    serve();
    await open();
    await vi.waitFor(() =>
      expect(document.querySelector('.adm-audit__row')?.textContent).toContain('张三（member1）'),
    );
    const rows = [...document.querySelectorAll('.adm-audit__row')].map((tr) =>
      [...tr.querySelectorAll('td')].slice(1, 5).map((td) => td.textContent),
    );
    expect(rows).toEqual([
      [
        '巡视办管理员（admin）admin',
        '设置回避recusal.create',
        '回避张三（member1） / 教务处',
        '成功',
      ],
      ['张三（member1）member1', '管理系统设置system.manage', '系统设置', '拒绝'],
      ['巡视办管理员（admin）admin', '登录auth.login', '登录会话3f2a9c10…', '失败'],
    ]);
    const toggle = document.querySelectorAll<HTMLButtonElement>('.adm-audit__row button')[1]!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    const details = document.getElementById('adm-audit-11')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(details.textContent).toContain('GET /api/users');
    expect(details.textContent).toContain('#11');
    toggle.click();
    expect(document.getElementById('adm-audit-11')).toBeNull();
  });

  it('names a role change by its person and group, not by the seat’s id', async () => {
    mockFetch({
      'GET /api/rounds': () => json(200, [ROUND]),
      'GET /api/users': () => json(200, USERS),
      'GET /api/units': () => json(200, []),
      'GET /api/rounds/r1/groups': () =>
        json(200, [{ id: 'g1', roundId: 'r1', name: '第一巡视组', ordinal: 1 }]),
      'GET /api/audit': () =>
        json(200, {
          items: [
            entry(5, {
              action: 'membership.create',
              resourceType: 'membership',
              resourceId: '0b7c1e22-0000-4000-8000-000000000005',
              details: { userId: 'u3', role: 'member', groupId: 'g1', unitId: null },
            }),
          ],
          nextBefore: null,
        }),
    });
    const view = renderAdmin(() => <AdminAuditRoute />);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelector('.adm-audit__row')?.textContent).toContain(
        '张三（member1） · 第一巡视组',
      ),
    );
    expect(view.container.querySelector('.adm-audit__row')?.textContent).toContain('分配角色');
  });

  it('sends the filters the API takes and pages back through older entries', async () => {
    const queries = serve();
    const view = await open();
    expect(queries[0]?.toString()).toBe('limit=50');
    const form = view.container.querySelector<HTMLFormElement>('form.adm-filters')!;
    const field = (label: string) =>
      [...form.querySelectorAll('label')]
        .find((l) => l.querySelector('.field__label')?.textContent === label)!
        .querySelector<HTMLInputElement & HTMLSelectElement>('input, select')!;
    type(field('操作人'), 'member1');
    type(field('操作代码'), 'user.*');
    choose(field('结果'), 'denied');
    choose(field('对象类型'), 'user');
    form.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    byText<HTMLButtonElement>('button', '筛选').click();
    await vi.waitFor(() => expect(queries).toHaveLength(2));
    expect(Object.fromEntries(queries[1]!)).toEqual({
      actor: 'member1',
      action: 'user.*',
      resourceType: 'user',
      outcome: 'denied',
      roundId: 'r1',
      limit: '50',
    });

    await vi.waitFor(() =>
      expect(byText<HTMLButtonElement>('button', '较早').disabled).toBe(false),
    );
    byText<HTMLButtonElement>('button', '较早').click();
    await vi.waitFor(() => expect(document.querySelectorAll('.adm-audit__row')).toHaveLength(1));
    expect(queries.at(-1)?.get('before')).toBe('10');
    expect(queries.at(-1)?.get('actor')).toBe('member1');
    expect(view.container.textContent).toContain('第 2 页');
    expect(byText<HTMLButtonElement>('button', '较早').disabled).toBe(true);
    byText<HTMLButtonElement>('button', '较新').click();
    await vi.waitFor(() => expect(document.querySelectorAll('.adm-audit__row')).toHaveLength(3));
    expect(queries.at(-1)?.has('before')).toBe(false);
  });

  it('refuses an end date before the start date', async () => {
    const queries = serve();
    const view = await open();
    const dates = view.container.querySelectorAll<HTMLInputElement>('input[type="date"]');
    type(dates[0]!, '2026-03-05');
    type(dates[1]!, '2026-03-01');
    byText<HTMLButtonElement>('button', '筛选').click();
    await vi.waitFor(() =>
      expect(view.container.textContent).toContain('结束日期不能早于开始日期'),
    );
    expect(queries).toHaveLength(1);
  });

  it('verifies the hash chain and says so', async () => {
    serve();
    const view = await open();
    byText<HTMLButtonElement>('button', '核验哈希链').click();
    await vi.waitFor(() =>
      expect(view.container.querySelector('.adm-verify--ok')?.textContent).toContain(
        '哈希链完整：已核验 1,234 条记录',
      ),
    );
  });

  it('names the first entry that does not verify, and shows it', async () => {
    const queries = serve(() =>
      json(200, { ok: false, checked: 40, firstBad: { seq: 37, reason: 'hash mismatch' } }),
    );
    const view = await open();
    byText<HTMLButtonElement>('button', '核验哈希链').click();
    await vi.waitFor(() =>
      expect(view.container.querySelector('.adm-verify--bad[role="alert"]')?.textContent).toContain(
        '第 37 条记录未通过核验（hash mismatch）',
      ),
    );
    byText<HTMLButtonElement>('button', '查看该记录').click();
    await vi.waitFor(() => expect(queries.at(-1)?.get('before')).toBe('38'));
  });
});
