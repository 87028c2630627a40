import type { Editor } from '@tiptap/core';
import { createEffect, onCleanup, onMount } from 'solid-js';
import type * as Y from 'yjs';
import type { LiveDoc } from '../../lib/collab/live-doc.ts';
import { createRichEditor } from '../../lib/workspace/editors.ts';

/**
 * A co-edited rich-text field (an annotation's body, the notes) bound to one
 * XmlFragment of the review doc, with the others' named carets. Escape hands
 * focus back (to the card), so the keyboard never gets stuck inside.
 */
export function RichField(props: {
  live: LiveDoc;
  fragment: Y.XmlFragment;
  editable: boolean;
  label: string;
  placeholder: string;
  class?: string;
  onEscape?: () => void;
  ref?: (editor: Editor) => void;
}) {
  let host!: HTMLDivElement;
  let editor: Editor | undefined;
  onMount(() => {
    editor = createRichEditor({
      element: host,
      fragment: props.fragment,
      awareness: props.live.awareness,
      user: props.live.user,
      editable: props.editable,
      label: props.label,
      placeholder: props.placeholder,
      onEscape: () => props.onEscape?.(),
    });
    props.ref?.(editor);
  });
  createEffect(() => editor?.setEditable(props.editable));
  onCleanup(() => editor?.destroy());

  return (
    <div
      ref={host}
      class={`ws-rich ${props.class ?? ''}${props.editable ? '' : ' ws-rich--readonly'}`}
    />
  );
}
