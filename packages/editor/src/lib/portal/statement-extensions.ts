import { richTextExtensions } from '@rectify/domain';
import { type AnyExtension, Extension } from '@tiptap/core';
import { history, redo, undo } from '@tiptap/pm/history';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { cleanWordHtml } from './word-paste.ts';

/**
 * Undo for a statement edited alone. The shared list leaves undo out because
 * collaborative documents bring their own; the draft is not collaborative.
 */
const StatementHistory = Extension.create({
  name: 'statementHistory',
  addProseMirrorPlugins() {
    return [history({ depth: 200, newGroupDelay: 600 })];
  },
  addKeyboardShortcuts() {
    const run = (command: typeof undo) => () =>
      command(this.editor.state, this.editor.view.dispatch);
    return { 'Mod-z': run(undo), 'Shift-Mod-z': run(redo), 'Mod-y': run(redo) };
  },
});

/** Word's clipboard lists become real lists before the schema parses them. */
const WordPaste = Extension.create({
  name: 'wordPaste',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('wordPaste'),
        props: { transformPastedHTML: cleanWordHtml },
      }),
    ];
  },
});

/**
 * The statement editor's extensions: the one headless list of the product
 * (so a draft is valid wherever it goes next) plus UI-only behaviour.
 */
export function statementExtensions(): AnyExtension[] {
  return [...richTextExtensions(), StatementHistory, WordPaste];
}

export { redo, undo };
