import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  EVIDENCE_HIT,
  result,
  STATEMENT_HIT,
  stubSearchFetch,
} from '../../components/search/test-data.ts';
import { RoundProvider } from '../../lib/round-context.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { me } from '../../test/fixtures.ts';
import { json, renderApp } from '../../test/render.tsx';
import { SearchRoute } from './search-route.tsx';

const MEMBER = me([{ role: 'member', groupId: 'g1', unitId: null }]);

function renderSearch(path: string) {
  window.history.replaceState(null, '', path);
  return renderApp(() => (
    <SessionProvider me={MEMBER}>
      <RoundProvider>
        <SearchRoute />
      </RoundProvider>
    </SessionProvider>
  ));
}

const here = () => `${window.location.pathname}${window.location.search}`;
const chips = (c: HTMLElement) =>
  [...c.querySelectorAll('.search-filter')].map((a) => ({
    text: a.textContent,
    current: a.getAttribute('aria-current') === 'true',
  }));

describe('/search', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('asks for a phrase when there is none', async () => {
    const calls = stubSearchFetch(() => json(200, result('', [])));
    const view = renderSearch('/search');
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelector('.state__title')?.textContent).toBe('输入关键词开始搜索'),
    );
    expect(calls).toHaveLength(0);
  });

  it('lists every hit with its kind, snippet and a link to its place, and counts per kind', async () => {
    stubSearchFetch((url) =>
      json(200, result(url.searchParams.get('q')!, [STATEMENT_HIT, EVIDENCE_HIT])),
    );
    const view = renderSearch(`/search?q=${encodeURIComponent('导师制')}`);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelectorAll('.search-result')).toHaveLength(2),
    );
    const c = view.container;
    expect(c.querySelector<HTMLInputElement>('input[type="search"]')?.value).toBe('导师制');
    expect(chips(c).slice(0, 3)).toEqual([
      { text: '全部2', current: true },
      { text: '整改陈述1', current: false },
      { text: '佐证材料1', current: false },
    ]);
    expect(c.querySelector('.search-page__summary')?.textContent).toBe('第 1–2 条，共 2 条');
    const links = [...c.querySelectorAll('.search-result')].map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      `/review/sv2?q=${encodeURIComponent('导师制')}`,
      '/review/sv2?evidence=ev1&page=3',
    ]);
    expect(c.querySelector('.search-result__kind')?.textContent).toBe('整改陈述');
    expect(c.querySelector('.search-result mark')?.textContent).toBe('导师制');
  });

  it('filters by kind, keeping the counts of the whole query, and pages through', async () => {
    const many = Array.from({ length: 20 }, (_, i) => ({ ...EVIDENCE_HIT, id: `ev${i}` }));
    const calls = stubSearchFetch((url) => {
      const q = url.searchParams.get('q')!;
      if (url.searchParams.get('kinds') === 'evidence') {
        return json(200, result(q, many, { evidence: 45 }));
      }
      return json(200, result(q, [STATEMENT_HIT], { statement: 3, evidence: 45 }));
    });
    const view = renderSearch(`/search?q=${encodeURIComponent('导师制')}&kind=evidence&page=2`);
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelectorAll('.search-result')).toHaveLength(20),
    );
    const paged = calls.find((x) => x.url.searchParams.get('kinds') === 'evidence')!;
    expect(paged.url.searchParams.get('offset')).toBe('20');
    expect(paged.url.searchParams.get('limit')).toBe('20');
    const c = view.container;
    expect(chips(c).slice(0, 3)).toEqual([
      { text: '全部48', current: false },
      { text: '整改陈述3', current: false },
      { text: '佐证材料45', current: true },
    ]);
    expect(c.querySelector('.search-page__summary')?.textContent).toBe('第 21–40 条，共 45 条');
    const pager = [...c.querySelectorAll<HTMLAnchorElement>('.search-pager a')];
    expect(pager.map((a) => a.textContent)).toEqual(['上一页', '下一页']);
    pager[1]!.click();
    expect(here()).toBe(`/search?q=${encodeURIComponent('导师制')}&kind=evidence&page=3`);
    await vi.waitFor(() =>
      expect(calls.some((x) => x.url.searchParams.get('offset') === '40')).toBe(true),
    );
    // The counts were asked once for the phrase, not again for each page.
    expect(calls.filter((x) => !x.url.searchParams.get('kinds'))).toHaveLength(1);
  });

  it('says when nothing matches', async () => {
    stubSearchFetch((url) => json(200, result(url.searchParams.get('q')!, [])));
    const view = renderSearch('/search?q=xyz');
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelector('.state__title')?.textContent).toBe('没有找到“xyz”'),
    );
  });

  it('shows an error with a retry that searches again', async () => {
    let fail = true;
    stubSearchFetch((url) =>
      fail
        ? json(503, { error: { code: 'unavailable', message: 'down' } })
        : json(200, result(url.searchParams.get('q')!, [STATEMENT_HIT])),
    );
    const view = renderSearch('/search?q=abc');
    cleanup = view.dispose;
    await vi.waitFor(() =>
      expect(view.container.querySelector('.state--error .state__title')?.textContent).toBe(
        '无法完成搜索',
      ),
    );
    fail = false;
    view.container.querySelector<HTMLButtonElement>('.state--error button')!.click();
    await vi.waitFor(() =>
      expect(view.container.querySelectorAll('.search-result')).toHaveLength(1),
    );
  });

  it('searches the phrase typed into its own box', async () => {
    stubSearchFetch((url) => json(200, result(url.searchParams.get('q')!, [STATEMENT_HIT])));
    const view = renderSearch('/search');
    cleanup = view.dispose;
    const input = await vi.waitFor(() => {
      const el = view.container.querySelector<HTMLInputElement>('input[type="search"]');
      expect(el).not.toBeNull();
      return el!;
    });
    input.value = '导师制';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.form!.requestSubmit();
    expect(here()).toBe(`/search?q=${encodeURIComponent('导师制')}`);
    await vi.waitFor(() =>
      expect(view.container.querySelectorAll('.search-result')).toHaveLength(1),
    );
  });
});
