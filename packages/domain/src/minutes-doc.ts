import * as Y from 'yjs';

/**
 * The live documents that are one rich text each: meeting minutes, a
 * finding's description, an interview record. Their names are spelled here.
 */
export const TEXT_DOC = {
  /** XmlFragment: the co-edited text (Tiptap's rich-text schema). */
  body: 'body',
} as const;

/** The body fragment of a one-text document. */
export function textDocBody(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(TEXT_DOC.body);
}

/** One block of a rich text, flattened for export: a heading, a paragraph or a list item. */
export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'item';
  /** Heading level (1–6), or list nesting depth (1 = top level). */
  level: number;
  text: string;
  /** For items of an ordered list: the item's number. */
  number?: number;
}

const BLOCKS = new Set(['paragraph', 'heading']);

function inlineText(el: Y.XmlElement): string {
  let out = '';
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const d of child.toDelta() as Array<{ insert: unknown }>) {
        if (typeof d.insert === 'string') out += d.insert;
      }
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
      out += '\n';
    }
  }
  return out;
}

/**
 * The blocks of a rich text in reading order, whatever their nesting (lists,
 * blockquotes, table cells), so exports keep every paragraph apart.
 */
export function textBlocks(fragment: Y.XmlFragment): TextBlock[] {
  const blocks: TextBlock[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement, listDepth: number) => {
    let ordinal = 0;
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      const name = child.nodeName;
      if (BLOCKS.has(name)) {
        if (name === 'heading') {
          const level = Number(child.getAttribute('level') ?? 1);
          blocks.push({
            kind: 'heading',
            level: level >= 1 && level <= 6 ? level : 1,
            text: inlineText(child),
          });
        } else {
          blocks.push({ kind: 'paragraph', level: 0, text: inlineText(child) });
        }
      } else if (name === 'listItem') {
        ordinal += 1;
        const first = child.toArray()[0];
        const ordered = node instanceof Y.XmlElement && node.nodeName === 'orderedList';
        const rest = child.toArray();
        if (first instanceof Y.XmlElement && first.nodeName === 'paragraph') {
          blocks.push({
            kind: 'item',
            level: listDepth + 1,
            text: inlineText(first),
            ...(ordered ? { number: ordinal } : {}),
          });
          rest.shift();
        }
        for (const sub of rest) {
          if (sub instanceof Y.XmlElement) walkOne(sub, listDepth + 1);
        }
      } else {
        // Lists, blockquotes, tables and their cells: descend.
        walk(child, listDepth);
      }
    }
  };
  const walkOne = (el: Y.XmlElement, listDepth: number) => {
    if (BLOCKS.has(el.nodeName)) {
      blocks.push({ kind: 'paragraph', level: 0, text: inlineText(el) });
    } else {
      walk(el, listDepth);
    }
  };
  walk(fragment, 0);
  return blocks;
}

/** The document's text as plain lines, one per block. */
export function textDocPlain(doc: Y.Doc): string {
  return textBlocks(textDocBody(doc))
    .map((b) => b.text)
    .join('\n');
}
