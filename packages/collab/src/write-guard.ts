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
  const clients: number[] = [];
  for (const struct of decoded.structs) {
    const client = struct.id.client;
    if (!clients.includes(client)) clients.push(client);
  }
  return clients;
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

/**
 * Root types' names: `Y.findRootTypeKey` walks the doc's root map with fresh
 * iterators on every call, and the guard asks once per update it checks. A
 * root type keeps its name for as long as it lives.
 */
const rootNames = new WeakMap<Y.AbstractType<unknown>, string>();

function rootOfType(type: Y.AbstractType<unknown>): Root {
  let t = type;
  while (t._item) t = t._item.parent as Y.AbstractType<unknown>;
  const known = rootNames.get(t);
  if (known !== undefined) return known;
  try {
    const name = Y.findRootTypeKey(t);
    rootNames.set(t, name);
    return name;
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
 * Finds the root type an update's item would land in. An item's parent is
 * written in the update, or (when it has an origin) is its origin's, or its
 * right origin's: resolved against the doc and the update itself. Typing
 * needs one step (the new item's origin is in the doc), which allocates
 * nothing: the index of the update's own items and the memo of resolved
 * chains are built only for an item that hangs on another item of the update.
 * The guard runs on the relay thread for every update of a review doc.
 */
class RootFinder {
  private byClient: Map<number, Y.Item[]> | undefined;
  private memo: Map<Y.Item, Root> | undefined;

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: readonly DecodedStruct[],
  ) {}

  rootOf(start: Y.Item): Root {
    if (this.memo?.has(start)) return this.memo.get(start);
    const next = this.step(start);
    return next instanceof Y.Item ? this.follow(start, next) : next;
  }

  /**
   * Walks a chain of the update's own items, from `start` (whose step up is
   * `next`) to a root, remembering it for each of them.
   */
  private follow(start: Y.Item, next: Y.Item): Root {
    this.memo ??= new Map();
    const memo = this.memo;
    const path: Y.Item[] = [start];
    const seen = new Set<Y.Item>(path);
    let current: Y.Item = next;
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
      const up = this.step(current);
      if (up instanceof Y.Item) current = up;
      else {
        root = up;
        break;
      }
    }
    for (const item of path) memo.set(item, root);
    return root;
  }

  /** The next step up from an update's item: a resolved root, or another update item. */
  private step(item: Y.Item): Root | Y.Item {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return parent;
    if (parent instanceof Y.ID) return this.rootOfId(parent);
    if (item.origin) return this.rootOfId(item.origin);
    return this.rootOfId(item.rightOrigin);
  }

  private rootOfId(id: Y.ID | null): Root | Y.Item {
    if (!id) return UNKNOWN;
    const struct = docStruct(this.doc, id);
    if (struct instanceof Y.Item) return rootOfType(struct.parent as Y.AbstractType<unknown>);
    if (struct) return UNKNOWN; // garbage-collected: what hangs on it is dropped too
    return holding(this.itemsOf(id.client), id.clock) ?? UNKNOWN;
  }

  private itemsOf(client: number): Y.Item[] | undefined {
    if (!this.byClient) {
      const byClient = new Map<number, Y.Item[]>();
      for (const s of this.structs) {
        if (!(s instanceof Y.Item)) continue;
        const list = byClient.get(s.id.client);
        if (list) list.push(s);
        else byClient.set(s.id.client, [s]);
      }
      this.byClient = byClient;
    }
    return this.byClient.get(client);
  }
}

function refuse(roots: readonly string[]): never {
  throw new AppError('forbidden', `read-only part of the document: ${roots.join(', ')}`);
}

/**
 * Finds, without applying it, the root type every struct of `update` would
 * land in and every deletion would hit, and refuses the update if any is
 * one of `roots` (see `RootFinder`). An item hanging on something neither
 * the doc nor the update holds stays pending in Yjs until that arrives, and
 * what arrives is checked then.
 */
export function assertUntouched(
  doc: Y.Doc,
  decoded: DecodedUpdate,
  roots: readonly string[],
): void {
  let finder: RootFinder | undefined;
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Already in the doc: Yjs skips it, so it changes nothing.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    finder ??= new RootFinder(doc, decoded.structs);
    const root = finder.rootOf(struct);
    if (root !== undefined && roots.includes(root)) refuse(roots);
  }

  if (decoded.ds.clients.size === 0) return;
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
        if (root !== undefined && roots.includes(root)) refuse(roots);
      }
    }
  }
}

/** The guard for a doc: review documents keep their statement and facts as the server wrote them. */
export function writeGuardFor(docName: string): WriteGuard | undefined {
  if (parseDocName(docName)?.kind !== 'review') return undefined;
  return (doc, update) => assertUntouched(doc, update, SERVER_WRITTEN_ROOTS);
}
