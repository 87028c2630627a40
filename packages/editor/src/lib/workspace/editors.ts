import { REVIEW, richTextExtensions } from '@rectify/domain';
import { Editor, Extension } from '@tiptap/core';
import Collaboration, { isChangeOrigin } from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { Plugin } from '@tiptap/pm/state';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { PresenceUser } from '../collab/presence.ts';
import { AnnotationHighlights, type HighlightSource } from './highlights.ts';

/**
 * The statement is the unit's submission: nobody edits it here. Besides
 * `editable: false`, this guard drops any document change that does not come
 * from Yjs, so no stray command can ever write into the shared statement.
 */
const StatementGuard = Extension.create({
  name: 'statementGuard',
  addProseMirrorPlugins: () => [
    new Plugin({ filterTransaction: (tr) => !tr.docChanged || isChangeOrigin(tr) }),
  ],
});

export interface StatementEditorOptions {
  element: HTMLElement;
  doc: Y.Doc;
  highlights: HighlightSource;
  label: string;
  /** A click on a highlight (the innermost one under the pointer). */
  onHighlightClick?: (annotationId: string) => void;
}

/** The read-only statement, bound to the review doc's `statement` fragment, with highlights. */
export function createStatementEditor(opts: StatementEditorOptions): Editor {
  return new Editor({
    element: opts.element,
    editable: false,
    injectCSS: false,
    extensions: [
      ...richTextExtensions(),
      Collaboration.configure({ document: opts.doc, field: REVIEW.statement }),
      StatementGuard,
      AnnotationHighlights(opts.highlights),
    ],
    editorProps: {
      attributes: {
        class: 'ws-statement__text',
        role: 'document',
        'aria-label': opts.label,
        'aria-readonly': 'true',
      },
      handleDOMEvents: {
        click: (_view, event) => {
          // A click that ends a text selection is a selection, not a pick.
          if (!window.getSelection()?.isCollapsed) return false;
          const hit = (event.target as HTMLElement | null)?.closest?.<HTMLElement>(
            '[data-annotation-id]',
          );
          const id = hit?.dataset.annotationId;
          if (!id || !opts.onHighlightClick) return false;
          opts.onHighlightClick(id);
          return true;
        },
      },
    },
  });
}

export interface RichEditorOptions {
  element: HTMLElement;
  fragment: Y.XmlFragment;
  /** Carets of the others; omitted in tests. */
  awareness?: WebsocketProvider['awareness'];
  user: PresenceUser;
  editable: boolean;
  label: string;
  placeholder: string;
  /** Escape leaves the field (the card takes focus back). */
  onEscape?: () => void;
}

function caret(user: { name?: string; color?: string }): HTMLElement {
  const cursor = document.createElement('span');
  cursor.className = 'ws-caret';
  cursor.style.borderColor = user.color ?? '#777';
  const label = document.createElement('span');
  label.className = 'ws-caret__label';
  label.style.backgroundColor = user.color ?? '#777';
  label.textContent = user.name ?? '';
  cursor.append(label);
  return cursor;
}

/** A co-edited rich-text field (annotation body, notes) with the others' named carets. */
export function createRichEditor(opts: RichEditorOptions): Editor {
  const extensions = [
    ...richTextExtensions(),
    Collaboration.configure({ fragment: opts.fragment }),
    Placeholder.configure({ placeholder: opts.placeholder }),
  ];
  if (opts.awareness) {
    extensions.push(
      CollaborationCaret.configure({
        provider: { awareness: opts.awareness },
        user: opts.user,
        render: caret,
      }),
    );
  }
  return new Editor({
    element: opts.element,
    editable: opts.editable,
    injectCSS: false,
    extensions,
    editorProps: {
      attributes: {
        class: 'ws-rich__text',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': opts.label,
      },
      handleKeyDown: (_view, event) => {
        if (event.key !== 'Escape' || !opts.onEscape) return false;
        event.preventDefault();
        opts.onEscape();
        return true;
      },
    },
  });
}
