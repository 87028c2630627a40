import { textDocBody, textDocPlain } from '@rectify/domain';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SaveStateProvider } from '../../lib/save-state.tsx';
import { SessionProvider } from '../../lib/session.tsx';
import { finding, MEMBER } from '../../routes/findings/test-data.ts';
import { renderApp } from '../../test/render.tsx';
import { FindingDescription, type FindingDescriptionHandle } from './finding-description.tsx';
import type { FindingDetail } from './findings-api.ts';
import { descriptionDoc, fakeFindingLive } from './test-live.ts';

const tick = () => new Promise((r) => setTimeout(r, 0));

function renderDescription(
  f: FindingDetail,
  editable: boolean,
  live = fakeFindingLive(),
  onHandle?: (h: FindingDescriptionHandle) => void,
) {
  const view = renderApp(() => (
    <SessionProvider me={MEMBER}>
      <SaveStateProvider>
        <FindingDescription finding={f} editable={editable} openLive={live.open} ref={onHandle} />
      </SaveStateProvider>
    </SessionProvider>
  ));
  const field = () => view.container.querySelector<HTMLElement>('.live-text__field .ProseMirror');
  return { ...view, live, field };
}

describe('a finding’s description, co-edited live', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('opens the finding’s own document and lets a writer type into it, labelled 问题描述', async () => {
    const r = renderDescription(finding(), true);
    cleanup = r.dispose;
    await tick();
    expect(r.live.opened).toEqual(['finding.f1']);
    expect(r.field()?.getAttribute('contenteditable')).toBe('true');
    expect(r.field()?.getAttribute('aria-label')).toBe('问题描述');
  });

  it('puts a description given at creation into the empty document once the server’s copy is here', async () => {
    const live = fakeFindingLive(descriptionDoc(), { synced: false });
    const r = renderDescription(
      finding({ description: '表述称已全面完成。\n佐证仅有文件。' }),
      true,
      live,
    );
    cleanup = r.dispose;
    await tick();
    // Not yet: typing now would race the seed.
    expect(textDocPlain(live.doc)).toBe('');
    expect(r.field()?.getAttribute('contenteditable')).toBe('false');
    live.setSynced(true);
    await tick();
    expect(textDocPlain(live.doc)).toBe('表述称已全面完成。\n佐证仅有文件。');
    expect(r.field()?.textContent).toContain('佐证仅有文件。');
    expect(r.field()?.getAttribute('contenteditable')).toBe('true');
  });

  it('leaves a document that already has text as it is: the live text wins', async () => {
    const live = fakeFindingLive(descriptionDoc('同事刚写的描述'));
    const r = renderDescription(finding({ description: '较早的描述' }), true, live);
    cleanup = r.dispose;
    await tick();
    expect(textDocPlain(live.doc)).toBe('同事刚写的描述');
    expect(r.field()?.textContent).toBe('同事刚写的描述');
  });

  it('shows a reader the live text read-only, and never writes for them', async () => {
    const live = fakeFindingLive(descriptionDoc('已冻结的描述'));
    const r = renderDescription(finding({ state: 'issued' }), false, live);
    cleanup = r.dispose;
    await tick();
    expect(r.field()?.getAttribute('contenteditable')).toBe('false');
    expect(r.field()?.textContent).toBe('已冻结的描述');
    expect(r.container.querySelector('[role="toolbar"]')).toBeNull();
  });

  it('shows a reader the row’s text when nobody has opened the document since it was given', async () => {
    const live = fakeFindingLive();
    const r = renderDescription(finding({ description: '创建时给出的描述' }), false, live);
    cleanup = r.dispose;
    await tick();
    expect(textDocPlain(live.doc)).toBe('');
    expect(r.container.querySelector('.fnd-prose')?.textContent).toBe('创建时给出的描述');
  });

  it('adds what a merge joined on to the live text', async () => {
    const live = fakeFindingLive(descriptionDoc('原有描述'));
    let handle: FindingDescriptionHandle | undefined;
    const f = finding({ description: '原有描述' });
    const r = renderDescription(f, true, live, (h) => {
      handle = h;
    });
    cleanup = r.dispose;
    await tick();
    handle!.merged(
      { ...f, description: '原有描述\n\n【抽查名单不符】名单与表述不一致。' },
      '抽查名单不符',
    );
    await tick();
    expect(textDocPlain(live.doc)).toBe('原有描述\n【抽查名单不符】名单与表述不一致。');
    expect(textDocBody(live.doc).length).toBe(2);
    expect(live.doc).toBeInstanceOf(Y.Doc);
  });
});
