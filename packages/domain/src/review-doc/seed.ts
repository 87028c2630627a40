import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { richTextSchema } from './extensions.ts';
import { META, REVIEW, SCHEMA_VERSION } from './schema.ts';

/** ProseMirror JSON as Tiptap stores it (`editor.getJSON()`). */
export interface RichTextJson {
  type: string;
  content?: RichTextJson[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  attrs?: Record<string, unknown>;
}

/**
 * Seeds a new review document with the submitted statement text. Done once,
 * by the server, when the document is first created; a doc already seeded is
 * left alone (returns false).
 */
export function seedReviewDoc(
  doc: Y.Doc,
  statement: RichTextJson,
  statementVersionId: string,
): boolean {
  const meta = doc.getMap<unknown>(REVIEW.meta);
  if (meta.get(META.seeded)) return false;
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(
      richTextSchema(),
      statement,
      doc.getXmlFragment(REVIEW.statement),
    );
    meta.set(META.schemaVersion, SCHEMA_VERSION);
    meta.set(META.statementVersionId, statementVersionId);
    meta.set(META.seeded, true);
  });
  return true;
}

/** Rich text from plain paragraphs (demo data, tests, CSV imports). */
export function paragraphsToRichText(paragraphs: string[]): RichTextJson {
  return {
    type: 'doc',
    content: paragraphs.map((text) =>
      text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' },
    ),
  };
}

/** Plain text of rich-text JSON, blocks on their own lines (for search and diffs). */
export function richTextToPlain(node: RichTextJson): string {
  if (node.type === 'text') return node.text ?? '';
  const inner = (node.content ?? []).map(richTextToPlain);
  const blockChildren = (node.content ?? []).some(
    (c) => c.type !== 'text' && c.type !== 'hardBreak',
  );
  return inner.join(blockChildren ? '\n' : '');
}
