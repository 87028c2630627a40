import { randomUUID } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * What one node tells the others about a document. Updates are published only
 * once their node has committed them, so a receiver applies and relays them
 * and never stores them again.
 */
export type DocBusEvent =
  /** A Yjs update, already in the store. */
  | { readonly kind: 'update'; readonly update: Uint8Array }
  /** A y-protocols awareness update (presence: cursors, names). */
  | { readonly kind: 'awareness'; readonly update: Uint8Array }
  /** A node that just opened the doc asks for the presence of everyone else's clients. */
  | { readonly kind: 'awareness-query' }
  /**
   * Events may have been lost (this node, or the one that announces it, was cut
   * off from the bus): reload the doc from the store, where everything
   * committed is, and apply what is missing (Yjs skips what it already has).
   */
  | { readonly kind: 'resync' }
  /**
   * What the document allows changed for everyone on it (a report issued):
   * close its sockets so their clients reconnect and meet the policy again.
   */
  | { readonly kind: 'reconnect' };

/** A user lost access (disabled, membership removed, recused…): close their sockets. */
export interface AccessRevokedEvent {
  readonly userId: string;
}

export type DocBusListener = (event: DocBusEvent) => void;

/**
 * `replayed` is true when the event is read back after this node was cut off
 * from the bus: it may be stale (the user re-enabled since), so receivers
 * close with a code that makes clients reconnect and authenticate again
 * rather than a final one.
 */
export type AccessRevokedListener = (event: AccessRevokedEvent, replayed: boolean) => void;

/**
 * The fan-out between the server nodes that share one database: Yjs updates
 * and awareness per doc, and access-revoked events. One instance per node;
 * a node never hears its own events back. Delivery is best effort: whatever
 * is lost while the bus is down, a `resync` (and for revocations, a replay)
 * makes good, since every update is in the store before it is published.
 *
 * Embedded mode uses `createInProcessBus` (nobody else to tell); several
 * nodes use `createRedisBus` (`bus-redis.ts`).
 */
export interface CollabBus {
  /** Tells the other nodes; never throws, drops the event while the bus is down. */
  publish(docName: string, event: DocBusEvent): void;
  /**
   * Listens to the other nodes' events on `docName`. Resolves once the
   * subscription is live, so a doc loaded from the store afterwards misses
   * nothing; or at once while the bus is down, and a `resync` follows when it
   * is back. Resolves with the unsubscribe function.
   */
  subscribe(docName: string, listener: DocBusListener): Promise<() => void>;
  /** Tells every other node; kept and sent later if the bus is down. */
  publishAccessRevoked(event: AccessRevokedEvent): void;
  onAccessRevoked(listener: AccessRevokedListener): () => void;
  /** Stops listening and closes connections; call it after the collab server's `close()`. */
  close(): Promise<void>;
}

/**
 * Several nodes in one process, sharing one hub: tests start two collab
 * servers on one hub to act as two nodes. Delivery is asynchronous, like a
 * network, so a listener never runs inside the publisher's transaction.
 */
export class InProcessBusHub {
  private readonly docs = new Map<string, Set<{ node: string; listener: DocBusListener }>>();
  private readonly revoked = new Set<{ node: string; listener: AccessRevokedListener }>();

  /** A node on this hub. */
  bus(): CollabBus {
    const node = randomUUID();
    const mine = new Set<() => void>();
    const track = (undo: () => void): (() => void) => {
      const once = (): void => {
        if (mine.delete(once)) undo();
      };
      mine.add(once);
      return once;
    };
    return {
      publish: (docName, event) => {
        for (const s of this.docs.get(docName) ?? []) {
          if (s.node !== node) queueMicrotask(() => s.listener(event));
        }
      },
      subscribe: async (docName, listener) => {
        const entry = { node, listener };
        const set = this.docs.get(docName) ?? new Set();
        this.docs.set(docName, set);
        set.add(entry);
        return track(() => {
          set.delete(entry);
          if (set.size === 0 && this.docs.get(docName) === set) this.docs.delete(docName);
        });
      },
      publishAccessRevoked: (event) => {
        for (const s of this.revoked) {
          if (s.node !== node) queueMicrotask(() => s.listener(event, false));
        }
      },
      onAccessRevoked: (listener) => {
        const entry = { node, listener };
        this.revoked.add(entry);
        return track(() => this.revoked.delete(entry));
      },
      close: async () => {
        for (const undo of [...mine]) undo();
      },
    };
  }
}

/** Embedded mode: one node, nobody to tell. */
export function createInProcessBus(): CollabBus {
  return new InProcessBusHub().bus();
}

/** Wire format of the Redis bus: sender node id, then the event. */
const KIND = {
  update: 0,
  awareness: 1,
  'awareness-query': 2,
  resync: 3,
  revoked: 4,
  reconnect: 5,
} as const;

export type WireEvent = DocBusEvent | { readonly kind: 'revoked'; readonly userId: string };

export function encodeBusMessage(node: string, event: WireEvent): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, node);
  encoding.writeVarUint(e, KIND[event.kind]);
  if (event.kind === 'update' || event.kind === 'awareness') {
    encoding.writeVarUint8Array(e, event.update);
  } else if (event.kind === 'revoked') {
    encoding.writeVarString(e, event.userId);
  }
  return encoding.toUint8Array(e);
}

/** `undefined` for bytes that are not a bus message (logged and dropped by the caller). */
export function decodeBusMessage(
  bytes: Uint8Array,
): { node: string; event: WireEvent } | undefined {
  try {
    const d = decoding.createDecoder(bytes);
    const node = decoding.readVarString(d);
    const kind = decoding.readVarUint(d);
    let event: WireEvent;
    if (kind === KIND.update) event = { kind: 'update', update: decoding.readVarUint8Array(d) };
    else if (kind === KIND.awareness)
      event = { kind: 'awareness', update: decoding.readVarUint8Array(d) };
    else if (kind === KIND['awareness-query']) event = { kind: 'awareness-query' };
    else if (kind === KIND.resync) event = { kind: 'resync' };
    else if (kind === KIND.reconnect) event = { kind: 'reconnect' };
    else if (kind === KIND.revoked) event = { kind: 'revoked', userId: decoding.readVarString(d) };
    else return undefined;
    return { node, event };
  } catch {
    return undefined;
  }
}
