import type { Editor } from '@tiptap/core';
import { createEffect, createSignal, For, onCleanup } from 'solid-js';

export interface LiveTextToolLabels {
  toolbar: string;
  heading: string;
  bold: string;
  bullets: string;
  numbers: string;
}

interface Tool {
  label: keyof Omit<LiveTextToolLabels, 'toolbar'>;
  glyph: string;
  active: (e: Editor) => boolean;
  run: (e: Editor) => void;
}

const TOOLS: Tool[] = [
  {
    label: 'heading',
    glyph: 'H',
    active: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    label: 'bold',
    glyph: 'B',
    active: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    label: 'bullets',
    glyph: '•',
    active: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: 'numbers',
    glyph: '1.',
    active: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
];

/** The few formats a record needs: a subheading, bold, lists. Markdown shortcuts also work. */
export function LiveTextToolbar(props: { editor: Editor | undefined; labels: LiveTextToolLabels }) {
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
    <div class="live-text__tools" role="toolbar" aria-label={props.labels.toolbar}>
      <For each={TOOLS}>
        {(tool) => (
          <button
            type="button"
            class="live-text__tool"
            classList={{ 'live-text__tool--bold': tool.glyph === 'B' }}
            aria-label={props.labels[tool.label]}
            title={props.labels[tool.label]}
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
