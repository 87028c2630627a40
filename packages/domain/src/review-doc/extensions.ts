import { type AnyExtension, getSchema } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';

/**
 * The one headless extension list of rich text in Rectify (statements,
 * annotation bodies, notes, minutes). The editor adds UI-only extensions on
 * top; collab and api build documents and HTML from this same list, so the
 * schema never drifts between client and server.
 */
export function richTextExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Collaboration brings its own undo; links would need URL policy first.
      undoRedo: false,
      link: false,
    }),
    // Statements pasted from Word keep their tables.
    TableKit.configure({ table: { resizable: false } }),
  ];
}

let cached: Schema | undefined;

/** The ProseMirror schema those extensions define. */
export function richTextSchema(): Schema {
  cached ??= getSchema(richTextExtensions());
  return cached;
}
