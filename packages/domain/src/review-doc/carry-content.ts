import * as Y from 'yjs';
import type { CarryResult } from './carry.ts';
import { ANNOTATION } from './schema.ts';
import { annotationAt } from './touched.ts';

/** A deep copy of a rich-text node for another document (Yjs types belong to one doc). */
function copyNode(node: Y.XmlElement | Y.XmlText): Y.XmlElement | Y.XmlText {
  if (node instanceof Y.XmlText) {
    const text = new Y.XmlText();
    text.applyDelta(node.toDelta());
    return text;
  }
  const element = new Y.XmlElement(node.nodeName);
  for (const [key, value] of Object.entries(node.getAttributes())) {
    element.setAttribute(key, value as string);
  }
  element.insert(
    0,
    node
      .toArray()
      .flatMap((child) =>
        child instanceof Y.XmlElement || child instanceof Y.XmlText ? [copyNode(child)] : [],
      ),
  );
  return element;
}

/**
 * `carryAnnotations` moves the anchor, tags and step; this brings along what
 * the group wrote: the body and the replies of each carried (or orphaned)
 * annotation. Call it right after, with its result.
 */
export function carryContent(from: Y.Doc, to: Y.Doc, result: CarryResult): void {
  to.transact(() => {
    for (const { id, from: oldId } of [...result.carried, ...result.orphans]) {
      const source = annotationAt(from, oldId);
      const target = annotationAt(to, id);
      if (!source || !target) continue;
      const body = source.get(ANNOTATION.body);
      const targetBody = target.get(ANNOTATION.body);
      if (body instanceof Y.XmlFragment && targetBody instanceof Y.XmlFragment) {
        targetBody.insert(
          0,
          body
            .toArray()
            .flatMap((child) =>
              child instanceof Y.XmlElement || child instanceof Y.XmlText ? [copyNode(child)] : [],
            ),
        );
      }
      const replies = source.get(ANNOTATION.replies);
      const targetReplies = target.get(ANNOTATION.replies);
      if (replies instanceof Y.Array && targetReplies instanceof Y.Array) {
        targetReplies.push(
          replies.toArray().flatMap((reply) => {
            if (!(reply instanceof Y.Map)) return [];
            const copy = new Y.Map<unknown>();
            for (const [key, value] of reply.entries()) copy.set(key, value);
            return [copy];
          }),
        );
      }
    }
  });
}
