import {
  ANNOTATION,
  annotationsOf,
  offsetOf,
  type Quote,
  quoteAt,
  statementPlainText,
} from '@rectify/domain';
import type { EditorState } from '@tiptap/pm/state';
import {
  absolutePositionToRelativePosition,
  type ProsemirrorBinding,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/**
 * Annotation anchors are Yjs relative positions in the `statement` fragment,
 * converted to and from ProseMirror positions through the sync plugin's
 * binding mapping (the one the statement view renders with), so a highlight
 * stays on its passage whatever happens to the text around it.
 */
export interface PmRange {
  from: number;
  to: number;
}

export interface EncodedAnchor {
  start: Uint8Array;
  end: Uint8Array;
}

/** What a new annotation over a selection needs: anchors, the quote, plain-text offsets. */
export interface SelectionAnchor {
  anchor: EncodedAnchor;
  quote: Quote;
  /** Offsets in `statementPlainText`, the text the server re-anchors against. */
  start: number;
  end: number;
}

function bindingOf(state: EditorState): ProsemirrorBinding | undefined {
  const sync = ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding } | undefined;
  return sync?.binding ?? undefined;
}

/** Encodes a ProseMirror range of the bound statement as relative positions. */
export function encodeRange(state: EditorState, range: PmRange): EncodedAnchor | undefined {
  const binding = bindingOf(state);
  if (!binding || range.to <= range.from) return undefined;
  const start = absolutePositionToRelativePosition(range.from, binding.type, binding.mapping);
  const end = absolutePositionToRelativePosition(range.to, binding.type, binding.mapping);
  if (!start || !end) return undefined;
  return { start: Y.encodeRelativePosition(start), end: Y.encodeRelativePosition(end) };
}

/** Where an anchor is now in the view's document, or undefined when its text is gone. */
export function decodeRange(state: EditorState, anchor: EncodedAnchor): PmRange | undefined {
  const binding = bindingOf(state);
  if (!binding) return undefined;
  const resolve = (bytes: Uint8Array) =>
    relativePositionToAbsolutePosition(
      binding.doc,
      binding.type,
      Y.decodeRelativePosition(bytes),
      binding.mapping,
    );
  const from = resolve(anchor.start);
  const to = resolve(anchor.end);
  if (from === null || to === null || to <= from) return undefined;
  const size = state.doc.content.size;
  return { from: Math.max(0, from), to: Math.min(size, to) };
}

/**
 * Anchors and quote for a selection of the statement. The quote (with a
 * little context either side) is cut from the statement's plain text, the
 * same text the server re-anchors against when a new version arrives.
 */
export function anchorSelection(state: EditorState, range: PmRange): SelectionAnchor | undefined {
  const binding = bindingOf(state);
  const anchor = encodeRange(state, range);
  if (!binding || !anchor) return undefined;
  const text = statementPlainText(binding.type);
  const plain = (bytes: Uint8Array) =>
    offsetOf(binding.doc, binding.type, Y.decodeRelativePosition(bytes));
  let start = plain(anchor.start);
  let end = plain(anchor.end);
  if (start === undefined || end === undefined || end <= start) {
    // A range that begins or ends on a block boundary: fall back to ProseMirror's own text.
    start = state.doc.textBetween(0, range.from, '\n', '\n').length;
    end = start + state.doc.textBetween(range.from, range.to, '\n', '\n').length;
  }
  const quote = quoteAt(text, start, end);
  if (!quote.text.trim()) return undefined;
  return { anchor, quote, start, end };
}

/** The anchors stored on each annotation (orphans have none). */
export function storedAnchors(doc: Y.Doc): Map<string, EncodedAnchor> {
  const out = new Map<string, EncodedAnchor>();
  for (const [id, map] of annotationsOf(doc).entries()) {
    const start = map.get(ANNOTATION.anchorStart);
    const end = map.get(ANNOTATION.anchorEnd);
    if (start instanceof Uint8Array && end instanceof Uint8Array) out.set(id, { start, end });
  }
  return out;
}
