import { textDocBody } from '@rectify/domain';
import * as Y from 'yjs';

/**
 * A finding's description is its own live document (`finding.<id>`), but a
 * finding can get a description outside it: given when the finding is
 * created through the API, or joined by the server when two are merged. The
 * first writer to open an empty document seeds it with that text, so the
 * live text and `description_text` (its projection) agree from then on.
 */

/** Plain text as paragraphs of the rich-text schema, one a line (as the projection joins them). */
export function paragraphs(text: string): Y.XmlElement[] {
  return text.split('\n').map((line) => {
    const p = new Y.XmlElement('paragraph');
    if (line !== '') {
      const t = new Y.XmlText();
      t.insert(0, line);
      p.insert(0, [t]);
    }
    return p;
  });
}

/** FNV-1a, 32 bits: a Yjs client id (an unsigned 32-bit number) from the document and the text. */
function seedClientId(name: string, text: string): number {
  let h = 0x811c9dc5;
  const s = `${name}\u0000${text}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The update that seeds an empty description document with `text`. Made by
 * a client id derived from the document and the text, so two people opening
 * the same empty document at once send the very same update, which Yjs
 * applies once: the text is never doubled.
 */
export function seedUpdate(name: string, text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = seedClientId(name, text);
  try {
    textDocBody(doc).insert(0, paragraphs(text));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * The block a merge added to the target's description: the server appends
 * `【source title】source description` (packages/api findings merge), so it
 * starts at the last occurrence of the source's bracketed title.
 */
export function mergedBlock(description: string, sourceTitle: string): string | undefined {
  const at = description.lastIndexOf(`【${sourceTitle}】`);
  return at < 0 ? undefined : description.slice(at);
}
