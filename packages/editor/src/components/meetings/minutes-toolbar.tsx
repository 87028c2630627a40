import type { Editor } from '@tiptap/core';
import { createEffect, createSignal, For, onCleanup } from 'solid-js';
import { useI18n } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh.ts';

interface Tool {
  label: MessageKey;
  glyph: string;
  active: (e: Editor) => boolean;
  run: (e: Editor) => void;
}

const TOOLS: Tool[] = [
  {
    label: 'meetings.minutes.heading',
    glyph: 'H',
    active: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    label: 'meetings.minutes.bold',
    glyph: 'B',
    active: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    label: 'meetings.minutes.bullets',
    glyph: '•',
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: 'meetings.minutes.numbers',
    glyph: '1.',
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
];

/** A few formats minutes need: a subheading, bold, lists. Markdown shortcuts also work. */
export function MinutesToolbar(props: { editor: Editor | undefined }) {
  const { t } = useI18n();
  // Re-read the active marks whenever the selection or the text changes.
  const [tick, setTick] = createSignal(0);
  createEffect(() => {
    const editor = props.editor;
    if (!editor) return;
    const bump = () => setTick((n) => n + 1);
    editor.on('transaction', bump);
    onCleanup(() => editor.off('transaction', bump));
  });
  const isActive = (tool: Tool) => {
    tick();
    return props.editor ? tool.active(props.editor) : false;
  };
  return (
    <div class="mt-toolbar" role="toolbar" aria-label={t('meetings.minutes.toolbar')}>
      <For each={TOOLS}>
        {(tool) => (
          <button
            type="button"
            class="mt-toolbar__button"
            classList={{ [`mt-toolbar__button--${tool.glyph === 'B' ? 'bold' : 'plain'}`]: true }}
            aria-label={t(tool.label)}
            title={t(tool.label)}
            aria-pressed={isActive(tool)}
            disabled={!props.editor}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => props.editor && tool.run(props.editor)}
          >
            {tool.glyph}
          </button>
        )}
      </For>
    </div>
  );
}
