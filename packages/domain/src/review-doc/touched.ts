import * as Y from 'yjs';
import { annotationsOf } from './annotations.ts';
import { REVIEW } from './schema.ts';

/**
 * Roots of a review document that only the server writes: the submitted
 * statement and the doc's facts. Clients that change them are refused.
 */
export const SERVER_WRITTEN_ROOTS: readonly string[] = [REVIEW.statement, REVIEW.meta];

// biome-ignore lint/suspicious/noExplicitAny: Yjs types are invariant in their event type.
type AnyType = Y.AbstractType<any>;

/**
 * The keys of the annotations a Yjs transaction changed: added, edited
 * anywhere inside (tags, body, replies…) or removed. The SQL projection
 * re-reads just these after each update.
 */
export function touchedAnnotationKeys(doc: Y.Doc, transaction: Y.Transaction): Set<string> {
  const root = annotationsOf(doc);
  const keys = new Set<string>();
  const visit = (type: AnyType, changedKeys?: Set<string | null>): void => {
    // A doc that first hears of the map in this very update made a plain
    // root type for it, which `getMap` then swapped for a Y.Map sharing its
    // entries: the transaction still names the old instance.
    if (type === root || (type._item === null && type._map === root._map)) {
      for (const key of changedKeys ?? []) if (key !== null) keys.add(key);
      return;
    }
    // Walk up to the child of the annotations map this type lives in.
    let t: AnyType = type;
    for (;;) {
      const item = t._item;
      if (!item) return;
      const parent = item.parent as AnyType;
      if (parent === root) {
        if (item.parentSub !== null) keys.add(item.parentSub);
        return;
      }
      t = parent;
    }
  };
  for (const [type, changedKeys] of transaction.changed) visit(type, changedKeys);
  return keys;
}

/** The annotation stored under `key`, if any (a projection's view of one entry). */
export function annotationAt(doc: Y.Doc, key: string): Y.Map<unknown> | undefined {
  const value = annotationsOf(doc).get(key);
  return value instanceof Y.Map ? value : undefined;
}
