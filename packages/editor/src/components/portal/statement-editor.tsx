import type { RichTextJson } from '@rectify/domain';
import { Editor } from '@tiptap/core';
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';
import { redo, statementExtensions, undo } from '../../lib/portal/statement-extensions.ts';
import { PortalIcon, type PortalIconName } from './portal-icon.tsx';
import './statement.css';

interface Tool {
  label: MessageKey;
  shortcut?: string;
  icon?: PortalIconName;
  text?: string;
  run: (editor: Editor) => void;
  active?: (editor: Editor) => boolean;
}

const TOOLS: Tool[][] = [
  [
    {
      label: 'portal.editor.heading',
      text: 'H2',
      run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
      active: (e) => e.isActive('heading', { level: 2 }),
    },
    {
      label: 'portal.editor.subheading',
      text: 'H3',
      run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
      active: (e) => e.isActive('heading', { level: 3 }),
    },
    {
      label: 'portal.editor.bold',
      shortcut: 'Ctrl+B',
      icon: 'bold',
      run: (e) => e.chain().focus().toggleBold().run(),
      active: (e) => e.isActive('bold'),
    },
  ],
  [
    {
      label: 'portal.editor.bulletList',
      icon: 'listBullet',
      run: (e) => e.chain().focus().toggleBulletList().run(),
      active: (e) => e.isActive('bulletList'),
    },
    {
      label: 'portal.editor.orderedList',
      icon: 'listOrdered',
      run: (e) => e.chain().focus().toggleOrderedList().run(),
      active: (e) => e.isActive('orderedList'),
    },
  ],
  [
    {
      label: 'portal.editor.undo',
      shortcut: 'Ctrl+Z',
      icon: 'undo',
      run: (e) => {
        undo(e.state, e.view.dispatch);
        e.commands.focus();
      },
    },
    {
      label: 'portal.editor.redo',
      shortcut: 'Ctrl+Y',
      icon: 'redo',
      run: (e) => {
        redo(e.state, e.view.dispatch);
        e.commands.focus();
      },
    },
  ],
];

/**
 * The rich-text editor of a unit's statement. Tiptap owns its DOM node: it
 * is created once on mount and destroyed on cleanup; content changes flow out
 * through `onChange` and nothing flows back in, so autosave answers can
 * never overwrite what the user is typing.
 */
export function StatementEditor(props: {
  initial: RichTextJson | null;
  onChange: (body: RichTextJson) => void;
  labelledBy: string;
  describedBy?: string;
  readOnly?: boolean;
  /** Hands the editor out, for focusing and tests. */
  onReady?: (editor: Editor) => void;
}) {
  const { t } = useI18n();
  let host!: HTMLDivElement;
  const [editor, setEditor] = createSignal<Editor>();
  const [empty, setEmpty] = createSignal(true);
  const [chars, setChars] = createSignal(0);
  // Bumped on every transaction, so toolbar states follow the selection.
  const [tick, setTick] = createSignal(0);

  onMount(() => {
    const instance = new Editor({
      element: host,
      extensions: statementExtensions(),
      content: props.initial ?? '',
      editable: !props.readOnly,
      editorProps: {
        attributes: {
          class: 'statement-editor__content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': props.labelledBy,
          ...(props.describedBy ? { 'aria-describedby': props.describedBy } : {}),
        },
      },
      onUpdate: ({ editor: e }) => {
        setEmpty(e.isEmpty);
        setChars(e.state.doc.textContent.length);
        props.onChange(e.getJSON() as RichTextJson);
      },
      onTransaction: () => setTick((n) => n + 1),
    });
    setEmpty(instance.isEmpty);
    setChars(instance.state.doc.textContent.length);
    setEditor(instance);
    props.onReady?.(instance);
  });
  onCleanup(() => editor()?.destroy());

  const isActive = (tool: Tool) => {
    tick();
    const e = editor();
    return e && tool.active ? tool.active(e) : undefined;
  };

  return (
    <div class="statement-editor" classList={{ 'statement-editor--readonly': props.readOnly }}>
      <Show when={!props.readOnly}>
        <div class="editor-toolbar" role="toolbar" aria-label={t('portal.editor.toolbar')}>
          <For each={TOOLS}>
            {(group) => (
              <div class="editor-toolbar__group">
                <For each={group}>
                  {(tool) => (
                    <button
                      type="button"
                      class="editor-toolbar__button"
                      aria-label={t(tool.label)}
                      title={tool.shortcut ? `${t(tool.label)} (${tool.shortcut})` : t(tool.label)}
                      aria-pressed={tool.active ? Boolean(isActive(tool)) : undefined}
                      disabled={!editor()}
                      // Keep the selection in the text while the toolbar is clicked.
                      onMouseDown={(event) => event.preventDefault()}
                      onClick={() => {
                        const e = editor();
                        if (e) tool.run(e);
                      }}
                    >
                      <Show
                        when={tool.icon}
                        fallback={<span class="editor-toolbar__text">{tool.text}</span>}
                      >
                        {(icon) => <PortalIcon name={icon()} size={17} />}
                      </Show>
                    </button>
                  )}
                </For>
              </div>
            )}
          </For>
        </div>
      </Show>
      <div
        ref={host}
        class="statement-editor__host"
        classList={{ 'statement-editor__host--empty': empty() }}
        data-placeholder={t('portal.editor.placeholder')}
      />
      <p class="statement-editor__count num" aria-live="off">
        {t('portal.editor.chars', { count: chars() })}
      </p>
    </div>
  );
}
