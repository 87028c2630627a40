import { afterEach, describe, expect, it, vi } from 'vitest';
import { finding } from '../../routes/findings/test-data.ts';
import { json, mockFetch, renderApp } from '../../test/render.tsx';
import { CreateFindingFromAnnotation, titleFromQuote } from './create-from-annotation.tsx';

const render = () =>
  renderApp(() => (
    <CreateFindingFromAnnotation
      roundId="r1"
      unitId="u-jw"
      annotationId="ann-a"
      quote={'已全面完成\n导师制改革'}
    />
  ));

describe('「生成发现问题」 on an annotation card', () => {
  let cleanup = () => {};
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('drafts a finding of the statement’s unit linked to the annotation, then links to it', async () => {
    const fetchMock = mockFetch({
      'POST /api/rounds/r1/findings': () => json(201, finding({ id: 'f7' })),
    });
    const view = render();
    cleanup = view.dispose;
    view.container.querySelector('button')!.click();
    await vi.waitFor(() => expect(view.container.querySelector('a')).not.toBeNull());
    expect(JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body))).toEqual({
      unitId: 'u-jw',
      title: '已全面完成 导师制改革',
      annotationIds: ['ann-a'],
    });
    expect(view.container.querySelector('a')?.getAttribute('href')).toBe('/findings?finding=f7');
    expect(view.container.textContent).toContain('已生成发现问题');
  });

  it('says so when the server does not know the annotation yet', async () => {
    mockFetch({
      'POST /api/rounds/r1/findings': () =>
        json(400, { error: { code: 'bad_request', message: 'annotationIds: not annotations' } }),
    });
    const view = render();
    cleanup = view.dispose;
    view.container.querySelector('button')!.click();
    await vi.waitFor(() =>
      expect(view.container.querySelector('[role="alert"]')?.textContent).toBe(
        '这条批注还未同步到服务器，请稍后再试。',
      ),
    );
    // The button stays, to try again.
    expect(view.container.querySelector('button')?.disabled).toBe(false);
  });

  it('makes a title from the quote: whitespace folded, long quotes cut', () => {
    expect(titleFromQuote('  覆盖率\n\n达到 100% ')).toBe('覆盖率 达到 100%');
    expect(titleFromQuote('甲'.repeat(70))).toBe(`${'甲'.repeat(60)}…`);
  });
});
