import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeResponse } from '../lib/contracts.ts';
import { RoundProvider } from '../lib/round-context.tsx';
import { SessionProvider } from '../lib/session.tsx';
import { me } from '../test/fixtures.ts';
import { json, renderApp, type } from '../test/render.tsx';
import {
  ANNOTATION_HIT,
  EVIDENCE_HIT,
  result,
  STATEMENT_HIT,
  stubSearchFetch,
} from './search/test-data.ts';
import { SearchBox } from './search-box.tsx';

const MEMBER = me([{ role: 'member', groupId: 'g1', unitId: null }]);
const CONTACT = me([{ role: 'unit_contact', groupId: null, unitId: 'unit-jwc' }]);

function renderBox(who: MeResponse = MEMBER) {
  window.history.replaceState(null, '', '/');
  const view = renderApp(() => (
    <SessionProvider me={who}>
      <RoundProvider>
        <SearchBox />
      </RoundProvider>
    </SessionProvider>
  ));
  const input = view.container.querySelector<HTMLInputElement>('input[role="combobox"]')!;
  const key = (k: string) =>
    input.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
  return { ...view, input, key };
}

const options = (c: HTMLElement) => [...c.querySelectorAll<HTMLElement>('[role="option"]')];

describe('the top bar search box', () => {
  let cleanup = () => {};
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows results as you type, grouped by kind with counts and the matches marked', async () => {
    const calls = stubSearchFetch((url) =>
      json(
        200,
        result(url.searchParams.get('q')!, [STATEMENT_HIT, EVIDENCE_HIT], {
          statement: 4,
          evidence: 1,
          annotation: 2,
        }),
      ),
    );
    const box = renderBox();
    cleanup = box.dispose;
    box.input.focus();
    type(box.input, '导师制');
    await vi.waitFor(() => expect(options(box.container).length).toBe(4));

    expect(calls).toHaveLength(1);
    expect(calls[0]!.url.searchParams.get('q')).toBe('导师制');
    const headings = [...box.container.querySelectorAll('.search-pop__heading')].map(
      (h) => h.textContent,
    );
    expect(headings).toEqual(['整改陈述4 条', '佐证材料1 条']);
    const first = options(box.container)[0]!;
    expect(first.querySelector('.search-hit__title')?.textContent).toBe('修订本科生导师制实施办法');
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      '导师制',
      '导师制',
    ]);
    expect(options(box.container)[1]?.querySelector('.search-hit__title')?.textContent).toBe(
      '导师制实施办法.pdf · 第 3 页',
    );
    // Annotations matched but none made the dropdown: a row leads to them on the search page.
    expect(options(box.container)[2]?.textContent).toBe('批注2 条');
    expect(options(box.container)[3]?.textContent).toContain('查看全部 7 条结果');
    expect(box.input.getAttribute('aria-expanded')).toBe('true');
  });

  it('walks the options with ↑/↓ and opens the statement at its passage with Enter', async () => {
    stubSearchFetch((url) =>
      json(200, result(url.searchParams.get('q')!, [STATEMENT_HIT, EVIDENCE_HIT])),
    );
    const box = renderBox();
    cleanup = box.dispose;
    box.input.focus();
    type(box.input, '导师制');
    await vi.waitFor(() => expect(options(box.container).length).toBe(3));

    box.key('ArrowDown');
    expect(box.input.getAttribute('aria-activedescendant')).toBe(options(box.container)[0]!.id);
    expect(options(box.container)[0]!.getAttribute('aria-selected')).toBe('true');
    box.key('ArrowDown');
    box.key('ArrowUp');
    box.key('Enter');
    expect(`${window.location.pathname}${window.location.search}`).toBe(
      `/review/sv2?q=${encodeURIComponent('导师制')}`,
    );
    expect(box.input.getAttribute('aria-expanded')).toBe('false');
  });

  it('opens evidence at its page and an annotation at its card', async () => {
    stubSearchFetch((url) =>
      json(200, result(url.searchParams.get('q')!, [EVIDENCE_HIT, ANNOTATION_HIT])),
    );
    const box = renderBox();
    cleanup = box.dispose;
    box.input.focus();
    type(box.input, '导师制');
    await vi.waitFor(() => expect(options(box.container).length).toBe(3));
    options(box.container)[0]!.click();
    expect(`${window.location.pathname}${window.location.search}`).toBe(
      '/review/sv2?evidence=ev1&page=3',
    );
    box.input.focus();
    await vi.waitFor(() => expect(box.input.getAttribute('aria-expanded')).toBe('true'));
    options(box.container)[1]!.click();
    expect(`${window.location.pathname}${window.location.search}`).toBe(
      '/review/sv2?annotation=ann-1',
    );
  });

  it('renders snippets as text, never as HTML', async () => {
    stubSearchFetch((url) => json(200, result(url.searchParams.get('q')!, [ANNOTATION_HIT])));
    const box = renderBox();
    cleanup = box.dispose;
    box.input.focus();
    type(box.input, '导师制');
    await vi.waitFor(() => expect(options(box.container).length).toBe(2));
    const snippet = options(box.container)[0]!.querySelector('.search-snippet')!;
    expect(snippet.querySelector('b')).toBeNull();
    expect(snippet.textContent).toBe('导师制只有文件 <b>没有</b> 落实记录');
  });

  it('goes to the search page on Enter with nothing picked', async () => {
    stubSearchFetch((url) => json(200, result(url.searchParams.get('q')!, [STATEMENT_HIT])));
    const box = renderBox();
    cleanup = box.dispose;
    box.input.focus();
    type(box.input, '导师制');
    box.key('Enter');
    expect(`${window.location.pathname}${window.location.search}`).toBe(
      `/search?q=${encodeURIComponent('导师制')}`,
    );
  });

  it('cancels a stale request when the phrase changes', async () => {
    let release: (() => void) | undefined;
    const calls = stubSearchFetch((url) => {
      const q = url.searchParams.get('q')!;
      if (q === '导师') {
        // The first answer is slow; it must never overwrite the second.
        return new Promise<Response>((resolve) => {
          release = () => resolve(json(200, result(q, [EVIDENCE_HIT])));
        });
      }
      return json(200, result(q, [STATEMENT_HIT]));
    });
    const box = renderBox();
    cleanup = box.dispose;
    box.input.focus();
    type(box.input, '导师');
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    type(box.input, '导师制');
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls[0]!.signal?.aborted).toBe(true);
    expect(calls[1]!.signal?.aborted).toBe(false);
    await vi.waitFor(() => expect(options(box.container).length).toBe(2));
    release?.();
    await new Promise((r) => setTimeout(r, 20));
    expect(options(box.container)[0]?.querySelector('.search-hit__title')?.textContent).toBe(
      '修订本科生导师制实施办法',
    );
  });

  it('says when nothing was found, and Esc closes the dropdown', async () => {
    stubSearchFetch((url) => json(200, result(url.searchParams.get('q')!, [])));
    const box = renderBox();
    cleanup = box.dispose;
    box.input.focus();
    type(box.input, '不存在的词');
    await vi.waitFor(() =>
      expect(box.container.querySelector('.search-pop__empty-title')?.textContent).toBe(
        '没有找到“不存在的词”',
      ),
    );
    expect(box.container.querySelector<HTMLElement>('.search-pop')?.hidden).toBe(false);
    box.key('Escape');
    expect(box.container.querySelector<HTMLElement>('.search-pop')?.hidden).toBe(true);
    expect(box.input.value).toBe('不存在的词');
  });

  it('focuses on "/" from anywhere but a text field', async () => {
    stubSearchFetch(() => json(200, result('', [])));
    const box = renderBox();
    cleanup = box.dispose;
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));
    expect(document.activeElement).toBe(box.input);
  });

  it('sends unit contacts to their portal’s task page, not the review workspace', async () => {
    stubSearchFetch((url) => json(200, result(url.searchParams.get('q')!, [STATEMENT_HIT])));
    const box = renderBox(CONTACT);
    cleanup = box.dispose;
    box.input.focus();
    type(box.input, '导师制');
    await vi.waitFor(() => expect(options(box.container).length).toBe(2));
    box.key('ArrowDown');
    box.key('Enter');
    expect(`${window.location.pathname}${window.location.search}`).toBe('/tasks/t11?unit=unit-jwc');
  });
});
