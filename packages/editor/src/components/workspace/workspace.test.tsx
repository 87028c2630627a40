import {
  createAnnotation,
  defaultFramework,
  paragraphsToRichText,
  readAnnotations,
  seedReviewDoc,
  statementOf,
  statementPlainText,
} from '@rectify/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { LiveDoc } from '../../lib/collab/live-doc.ts';
import type { StatementVersion } from '../../lib/workspace/review-api.ts';
import {
  createWorkspaceModel,
  type WorkspaceModel,
  WorkspaceProvider,
} from '../../lib/workspace/workspace-model.ts';
import { renderApp } from '../../test/render.tsx';
import { AnnotationColumn } from './annotation-column.tsx';
import { StatementPane } from './statement-pane.tsx';

const PARAGRAPHS = [
  '我处于2023年5月完成《本科生导师制实施办法》修订工作。',
  '新办法明确了导师职责，规定每名导师指导学生不超过15人。',
];

const VERSION: StatementVersion = {
  id: 'sv1',
  statementId: 's1',
  version: 1,
  text: PARAGRAPHS.join('\n'),
  submittedAt: '2025-05-01T02:00:00Z',
  submittedBy: { id: 'c1', name: '教务处联系人' },
  task: {
    id: 't1',
    ordinal: 3,
    title: '修订本科生导师制实施办法',
    problem: { id: 'p1', title: '问题一' },
  },
  unit: { id: 'u-jw', name: '教务处' },
  roundId: 'r1',
  previousVersionId: null,
  nextVersionId: null,
  evidence: [],
};

function fakeLive(doc: Y.Doc): LiveDoc {
  const awareness = new Awareness(doc);
  return {
    name: 'review.sv1',
    doc,
    provider: {} as never,
    awareness,
    user: { id: 'u1', name: '张三', color: '#2f6db5' },
    connection: () => 'connected',
    synced: () => true,
    tried: () => true,
    save: () => 'saved',
    ended: () => undefined,
    serverReadOnly: () => false,
    users: () => [],
    destroy: () => awareness.destroy(),
  };
}

let cleanup = () => {};
afterEach(() => cleanup());

function setup(seed?: (doc: Y.Doc) => void) {
  const doc = new Y.Doc();
  seedReviewDoc(doc, paragraphsToRichText(PARAGRAPHS), VERSION.id);
  seed?.(doc);
  const live = fakeLive(doc);
  let model!: WorkspaceModel;
  let n = 0;
  const view = renderApp(() => {
    model = createWorkspaceModel({
      live,
      version: VERSION,
      framework: defaultFramework,
      readOnly: () => false,
      me: { id: 'u1', name: '张三' },
      viewer: () => undefined,
      openEvidence: () => {},
      newId: () => `new-${++n}`,
    });
    return (
      <WorkspaceProvider value={model}>
        <StatementPane />
        <AnnotationColumn />
      </WorkspaceProvider>
    );
  });
  cleanup = () => {
    view.dispose();
    live.destroy();
  };
  const card = (id: string) =>
    [...view.container.querySelectorAll<HTMLElement>('.ws-card')].find(
      (el) => el.querySelector(`[data-id="${id}"]`) !== null || el.dataset.id === id,
    );
  return { doc, model: () => model, view, card };
}

/** Selects `passage` in the rendered statement the way a mouse would. */
function selectInStatement(container: HTMLElement, passage: string) {
  const text = container.querySelector('.ws-statement__text')!;
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(passage);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + passage.length);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    document.dispatchEvent(new Event('selectionchange'));
    return;
  }
  throw new Error(`no ${passage} in the statement`);
}

const press = (el: HTMLElement, init: KeyboardEventInit) =>
  el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));

describe('the review workspace', () => {
  it('creates an annotation from a statement selection, with quote and anchors, and focuses its card', async () => {
    const { doc, model, view } = setup();
    selectInStatement(view.container, '每名导师指导学生不超过15人');
    await vi.waitFor(() =>
      expect(model().selection()?.quote.text).toBe('每名导师指导学生不超过15人'),
    );

    expect(model().createFromSelection()).toBe(true);
    const [a] = readAnnotations(doc);
    expect(a).toMatchObject({ id: 'new-1', authorName: '张三', status: 'open' });
    expect(a!.quote.suffix).toBe('。');
    expect(a!.quote.prefix.endsWith('新办法明确了导师职责，规定')).toBe(true);
    // The anchors put the highlight on exactly that passage.
    await vi.waitFor(() =>
      expect(view.container.querySelector('[data-annotation-id="new-1"]')?.textContent).toBe(
        '每名导师指导学生不超过15人',
      ),
    );
    await vi.waitFor(() =>
      expect(document.activeElement?.classList.contains('ws-card')).toBe(true),
    );
  });

  it('tags with digits and sets the step with Alt+n while the card has focus', async () => {
    const { doc, view } = setup((d) => {
      createAnnotation(d, { id: 'a1', start: 2, end: 9, authorId: 'u1', authorName: '张三' });
    });
    const card = await vi.waitFor(() => {
      const el = view.container.querySelector<HTMLElement>('.ws-card');
      if (!el) throw new Error('no card');
      return el;
    });
    card.focus();
    press(card, { key: '3', code: 'Digit3' });
    press(card, { key: '-', code: 'Minus' });
    expect(readAnnotations(doc)[0]!.questions).toEqual(['Q3', 'Q11']);
    press(card, { key: '3', code: 'Digit3' });
    expect(readAnnotations(doc)[0]!.questions).toEqual(['Q11']);
    press(card, { key: '™', code: 'Digit2', altKey: true });
    expect(readAnnotations(doc)[0]!.step).toBe('S2');
    // The chip and the highlight follow: Q11 is under F4.
    await vi.waitFor(() => expect(card.querySelector('.ws-chip__code')?.textContent).toBe('Q11'));
    await vi.waitFor(() =>
      expect(view.container.querySelector('[data-annotation-id="a1"]')?.className).toContain(
        'ws-tone-f4',
      ),
    );
  });

  it('does not tag while typing a reply', async () => {
    const { doc, view } = setup((d) => {
      createAnnotation(d, { id: 'a1', start: 2, end: 9, authorId: 'u1', authorName: '张三' });
    });
    const reply = await vi.waitFor(() => {
      const el = view.container.querySelector<HTMLTextAreaElement>('.ws-replies__input');
      if (!el) throw new Error('no reply box');
      return el;
    });
    press(reply, { key: '3', code: 'Digit3' });
    expect(readAnnotations(doc)[0]!.questions).toEqual([]);
  });

  it('orders cards by position in the statement and walks them with J / K', async () => {
    const text = PARAGRAPHS.join('\n');
    const at = (s: string) => text.indexOf(s);
    const { model, view } = setup((d) => {
      const add = (id: string, s: string) =>
        createAnnotation(d, {
          id,
          start: at(s),
          end: at(s) + s.length,
          authorId: 'u1',
          authorName: '张三',
        });
      add('third', '不超过15人');
      add('first', '2023年5月');
      add('second', '导师职责');
    });
    await vi.waitFor(() => expect(model().spans().size).toBe(3));
    expect(
      model()
        .ordered()
        .map((a) => a.id),
    ).toEqual(['first', 'second', 'third']);
    const quotes = [...view.container.querySelectorAll('.ws-card__quote')].map(
      (q) => q.textContent,
    );
    expect(quotes).toEqual(['2023年5月', '导师职责', '不超过15人']);
    model().step(1);
    expect(model().activeId()).toBe('first');
    model().step(1);
    model().step(1);
    expect(model().activeId()).toBe('third');
    model().step(-1);
    expect(model().activeId()).toBe('second');
  });

  it('re-attaches an orphan to the selection', async () => {
    const { doc, model, view } = setup((d) => {
      createAnnotation(d, {
        id: 'lost',
        start: 0,
        end: 0,
        orphaned: true,
        quote: { text: '2023年6月完成', prefix: '', suffix: '' },
        authorId: 'u1',
        authorName: '张三',
      });
    });
    await vi.waitFor(() => expect(view.container.querySelector('.ws-orphans')).not.toBeNull());
    selectInStatement(view.container, '2023年5月完成');
    await vi.waitFor(() => expect(model().selection()).toBeDefined());
    expect(model().reattachToSelection('lost')).toBe(true);
    const [a] = readAnnotations(doc);
    expect(a!.orphaned).toBe(false);
    expect(a!.quote.text).toBe('2023年5月完成');
    expect(statementPlainText(statementOf(doc))).toBe(PARAGRAPHS.join('\n'));
    await vi.waitFor(() => expect(view.container.querySelector('.ws-orphans')).toBeNull());
  });
});
