import { defaultFramework } from '@rectify/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROUND } from '../../test/fixtures.ts';
import { json, mockFetch } from '../../test/render.tsx';
import { finding, LEADERSHIP, MEMBER, rollup } from './test-data.ts';
import { renderFindings } from './test-harness.tsx';

const ROUTES = {
  'GET /api/rounds': () => json(200, [ROUND]),
  'GET /api/rounds/r1/framework': () => json(200, { version: 1, framework: defaultFramework }),
  'GET /api/rounds/r1/findings': () => json(200, [finding()]),
  'GET /api/rounds/r1/findings/rollup': () => json(200, rollup()),
};

describe('/findings exports', () => {
  let cleanup = () => {};
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  for (const [who, me] of [
    ['a group member', MEMBER],
    ['the leadership group', LEADERSHIP],
  ] as const) {
    it(`offers ${who} the findings and annotations as XLSX downloads`, async () => {
      mockFetch(ROUTES);
      const view = renderFindings('/findings', me);
      cleanup = view.dispose;
      await vi.waitFor(() => expect(view.container.querySelector('.fnd-exports')).not.toBeNull());
      const links = [...view.container.querySelectorAll('.fnd-exports a')].map((a) => [
        a.textContent?.trim(),
        a.getAttribute('href'),
        a.hasAttribute('download'),
      ]);
      expect(links).toEqual([
        ['导出发现问题 XLSX', '/api/rounds/r1/findings.xlsx', true],
        ['导出批注 XLSX', '/api/rounds/r1/annotations.xlsx', true],
      ]);
    });
  }
});

describe('/findings detail: interview records', () => {
  let cleanup = () => {};
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('lists the interview records behind the finding, each linking to the record', async () => {
    mockFetch({
      ...ROUTES,
      'GET /api/findings/f1': () =>
        json(200, {
          ...finding(),
          interviews: [{ id: 'iv1', heldOn: '2026-05-06', interviewers: ['张三', '李四'] }],
        }),
    });
    const view = renderFindings('/findings?finding=f1', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.fnd-interviews')).not.toBeNull());
    const link = view.container.querySelector('.fnd-interviews__link')!;
    expect(link.getAttribute('href')).toBe('/interviews?interview=iv1');
    expect(link.querySelector('.fnd-interviews__who')?.textContent).toBe('张三、李四');
    expect(link.querySelector('.fnd-interviews__date')?.textContent).toContain('2026');
    expect(view.container.textContent).toContain('相关谈话记录（1）');
  });

  it('shows no interview section when no readable record is linked', async () => {
    mockFetch({
      ...ROUTES,
      'GET /api/findings/f1': () => json(200, { ...finding(), interviews: [] }),
    });
    const view = renderFindings('/findings?finding=f1', MEMBER);
    cleanup = view.dispose;
    await vi.waitFor(() => expect(view.container.querySelector('.fnd-trail__item')).not.toBeNull());
    expect(view.container.querySelector('.fnd-interviews')).toBeNull();
  });
});
