import { AppError, parseDocName, SERVER_WRITTEN_ROOTS } from '@rectify/domain';
import * as Y from 'yjs';
import { malformed } from './protocol.ts';

/**
 * Checks a client's update against the doc before it is applied; throws an
 * `AppError` (`forbidden`) to refuse the whole frame.
 */
export type WriteGuard = (doc: Y.Doc, update: DecodedUpdate) => void;

type DecodedStruct = Y.Item | Y.GC | Y.Skip;

/** A client's update as Yjs decodes it: decoded once, for every check made before it is applied. */
export interface DecodedUpdate {
  structs: DecodedStruct[];
  ds: { clients: Map<number, Array<{ clock: number; len: number }>> };
}

/** Throws `bad_request` (MalformedMessage) for bytes Yjs cannot read as an update. */
export function decodeClientUpdate(update: Uint8Array): DecodedUpdate {
  try {
    return Y.decodeUpdate(update) as unknown as DecodedUpdate;
  } catch {
    throw malformed('bad document update');
  }
}

/** The clientIDs that have structs in the update. */
export function clientsOf(decoded: DecodedUpdate): number[] {
  return [...new Set(decoded.structs.map((struct) => struct.id.client))];
}

/**
 * Refuses an update with a zero-length struct or delete range. No Yjs client
 * writes one; Yjs accepts them, and stored they make a doc that cannot be
 * loaded again after compaction, or slip past the write guard (a
 * zero-length entry then a delete erases a server-written key).
 */
export function refuseDegenerate(decoded: DecodedUpdate): void {
  for (const struct of decoded.structs) {
    if (!(struct.length > 0)) throw malformed('zero-length struct');
  }
  for (const ranges of decoded.ds.clients.values()) {
    for (const range of ranges) {
      if (!(range.len > 0)) throw malformed('zero-length deletion');
    }
  }
}

/** Where a struct lives: a root type's name, or unknown while what it hangs on is missing. */
type Root = string | undefined;

const UNKNOWN: Root = undefined;

function rootOfType(type: Y.AbstractType<unknown>): Root {
  let t = type;
  while (t._item) t = t._item.parent as Y.AbstractType<unknown>;
  try {
    return Y.findRootTypeKey(t);
  } catch {
    return UNKNOWN;
  }
}

/** The item of a client's structs (ascending clocks, as an update lists them) that holds `clock`. */
function holding(items: readonly Y.Item[] | undefined, clock: number): Y.Item | undefined {
  if (!items) return undefined;
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = items[mid]!;
    if (clock < item.id.clock) hi = mid - 1;
    else if (clock >= item.id.clock + item.length) lo = mid + 1;
    else return item;
  }
  return undefined;
}

/** The struct of the doc holding `id`, if the doc has it. */
function docStruct(doc: Y.Doc, id: Y.ID): Y.Item | Y.GC | undefined {
  if (Y.getState(doc.store, id.client) <= id.clock) return undefined;
  return Y.getItem(doc.store, id) as Y.Item | Y.GC;
}

/**
 * Finds, without applying it, the root type every struct of `update` would
 * land in and every deletion would hit, and refuses the update if any is
 * one of `roots`. An item's parent is written in the update, or (when it has
 * an origin) is its origin's, or its right origin's: resolved against the
 * doc and the update itself. An item hanging on something neither holds
 * stays pending in Yjs until that arrives, and what arrives is checked then.
 */
export function assertUntouched(
  doc: Y.Doc,
  decoded: DecodedUpdate,
  roots: readonly string[],
): void {
  const byClient = new Map<number, Y.Item[]>();
  for (const s of decoded.structs) {
    if (!(s instanceof Y.Item)) continue;
    const list = byClient.get(s.id.client) ?? [];
    list.push(s);
    byClient.set(s.id.client, list);
  }
  const inUpdate = (id: Y.ID): Y.Item | undefined => holding(byClient.get(id.client), id.clock);
  const memo = new Map<Y.Item, Root>();

  const rootOfId = (id: Y.ID | null): Root | Y.Item => {
    if (!id) return UNKNOWN;
    const struct = docStruct(doc, id);
    if (struct instanceof Y.Item) return rootOfType(struct.parent as Y.AbstractType<unknown>);
    if (struct) return UNKNOWN; // garbage-collected: what hangs on it is dropped too
    return inUpdate(id) ?? UNKNOWN;
  };

  /** The next step up from an update's item: a resolved root, or another update item. */
  const step = (item: Y.Item): Root | Y.Item => {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return parent;
    if (parent instanceof Y.ID) return rootOfId(parent);
    if (item.origin) return rootOfId(item.origin);
    return rootOfId(item.rightOrigin);
  };

  const resolve = (start: Y.Item): Root => {
    const path: Y.Item[] = [];
    const seen = new Set<Y.Item>();
    let current: Y.Item = start;
    let root: Root;
    for (;;) {
      if (memo.has(current)) {
        root = memo.get(current);
        break;
      }
      if (seen.has(current)) {
        root = UNKNOWN; // a cycle only a forged update has; Yjs never integrates it
        break;
      }
      seen.add(current);
      path.push(current);
      const next = step(current);
      if (next instanceof Y.Item) current = next;
      else {
        root = next;
        break;
      }
    }
    for (const item of path) memo.set(item, root);
    return root;
  };

  const refuse = (): never => {
    throw new AppError('forbidden', `read-only part of the document: ${roots.join(', ')}`);
  };

  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Already in the doc: Yjs skips it, so it changes nothing.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const root = resolve(struct);
    if (root !== undefined && roots.includes(root)) refuse();
  }

  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    for (const { clock, len } of ranges) {
      if (clock >= Y.getState(doc.store, client)) continue;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
        const struct = structs[i]!;
        if (struct.id.clock >= clock + len) break;
        if (!(struct instanceof Y.Item) || struct.deleted) continue;
        const root = rootOfType(struct.parent as Y.AbstractType<unknown>);
        if (root !== undefined && roots.includes(root)) refuse();
      }
    }
  }
}

/** The guard for a doc: review documents keep their statement and facts as the server wrote them. */
export function writeGuardFor(docName: string): WriteGuard | undefined {
  if (parseDocName(docName)?.kind !== 'review') return undefined;
  return (doc, update) => assertUntouched(doc, update, SERVER_WRITTEN_ROOTS);
}
