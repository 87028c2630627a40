import { CloseCode } from '@rectify/domain';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore } from './doc-store.ts';
import type { CollabLog } from './log.ts';
import {
  type ClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  malformed,
} from './protocol.ts';

/**
 * One end of a room, whatever carries it: a local websocket today, a Redis
 * channel to another node later. The room never sees a socket.
 */
export interface Peer {
  readonly userId: string;
  /**
   * From `authenticate`: a read-only peer's document writes are dropped, never
   * applied. Its presence is still relayed: a cursor is not a write.
   */
  readonly readOnly: boolean;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/** Origin of awareness removals the room makes itself (a peer left). */
const LEFT = Symbol('peer-left');

/**
 * The live state of one document: its Y.Doc, its awareness and its peers.
 *
 * Write path: a peer's update is applied to the doc at once (so it is
 * validated by Yjs and visible to the next sync step 1), then the doc's own
 * re-encoded update is appended to the store, and only after the append
 * resolves is it broadcast. Appends run one at a time, so broadcast order is
 * append order. If an append fails the room closes every peer with
 * `Unavailable`: clients reconnect, the room reloads from the store, and the
 * clients push back whatever the store lost.
 */
export class Room {
  readonly awareness: Awareness;
  /** Each peer with the awareness client ids it speaks for, removed when it leaves. */
  private readonly peers = new Map<Peer, Set<number>>();
  private writes: Promise<void> = Promise.resolve();
  private broken = false;
  private destroyed = false;

  private constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    private readonly store: DocStore,
    private readonly log: CollabLog,
  ) {
    this.awareness = new Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Loads the doc from the store before anyone can see it half-built. */
  static async open(name: string, store: DocStore, log: CollabLog): Promise<Room> {
    const updates = await store.load(name);
    const doc = new Y.Doc();
    try {
      doc.transact(() => {
        for (const update of updates) Y.applyUpdate(doc, update);
      });
    } catch (error) {
      doc.destroy();
      throw error;
    }
    return new Room(name, doc, store, log);
  }

  get size(): number {
    return this.peers.size;
  }

  /** True once an append failed: the registry must not hand this room out again. */
  get failed(): boolean {
    return this.broken;
  }

  /** Starts the handshake: our state vector (so the peer sends what we lack) and current presence. */
  join(peer: Peer): void {
    if (this.broken || this.destroyed) {
      peer.close(CloseCode.Unavailable, 'document unavailable');
      return;
    }
    this.peers.set(peer, new Set());
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (this.awareness.getStates().size > 0) this.sendAllAwareness(peer);
  }

  /** Removes the peer and tells the others its cursors are gone. */
  leave(peer: Peer): void {
    const owned = this.peers.get(peer);
    if (!owned) return;
    this.peers.delete(peer);
    if (owned.size > 0 && !this.destroyed) {
      removeAwarenessStates(this.awareness, [...owned], LEFT);
    }
  }

  /** Handles one decoded frame. Throws a `bad_request` AppError when the Yjs payload is bad. */
  receive(peer: Peer, message: ClientMessage): void {
    if (this.broken || this.destroyed || !this.peers.has(peer)) return;
    switch (message.kind) {
      case 'sync-step-1':
        peer.send(encodeSyncStep2(this.diffSince(message.stateVector)));
        return;
      case 'sync-step-2':
      case 'update':
        this.write(peer, message.update);
        return;
      case 'awareness':
        try {
          applyAwarenessUpdate(this.awareness, message.update, peer);
        } catch {
          throw malformed('bad awareness update');
        }
        return;
      case 'query-awareness':
        this.sendAllAwareness(peer);
        return;
    }
  }

  /** Resolves when every update applied so far is in the store: the hook before destroy. */
  flush(): Promise<void> {
    return this.writes;
  }

  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private diffSince(stateVector: Uint8Array): Uint8Array {
    try {
      return Y.encodeStateAsUpdate(this.doc, stateVector);
    } catch {
      throw malformed('bad state vector');
    }
  }

  private write(peer: Peer, update: Uint8Array): void {
    if (peer.readOnly) {
      this.log('info', 'dropped a write from a read-only socket', {
        docName: this.name,
        userId: peer.userId,
      });
      return;
    }
    try {
      Y.applyUpdate(this.doc, update, peer);
    } catch {
      throw malformed('bad document update');
    }
  }

  private sendAllAwareness(peer: Peer): void {
    const clients = [...this.awareness.getStates().keys()];
    peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)));
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.writes = this.writes
      .then(async () => {
        if (this.broken) return;
        await this.store.append(this.name, update);
        this.broadcast(encodeUpdate(update), origin);
      })
      .catch((error: unknown) => this.fail(error));
  };

  private readonly onAwarenessUpdate = (changes: AwarenessChanges, origin: unknown): void => {
    this.trackOwnership(changes, origin);
    const changed = [...changes.added, ...changes.updated, ...changes.removed];
    const frame = encodeAwareness(encodeAwarenessUpdate(this.awareness, changed));
    // The sender gets its own state back on purpose: the stock client drops a
    // connection that hears nothing for 30 s, and a lone client only hears this.
    for (const peer of this.peers.keys()) peer.send(frame);
  };

  /**
   * The last peer to speak for a client id owns it, so a client that
   * reconnects before its old socket times out keeps its cursor when the old
   * socket finally closes.
   */
  private trackOwnership(changes: AwarenessChanges, origin: unknown): void {
    const owned = this.peers.get(origin as Peer);
    for (const id of changes.removed) {
      for (const ids of this.peers.values()) ids.delete(id);
    }
    if (!owned) return;
    for (const id of [...changes.added, ...changes.updated]) {
      if (owned.has(id)) continue;
      for (const ids of this.peers.values()) ids.delete(id);
      owned.add(id);
    }
  }

  private broadcast(frame: Uint8Array, except: unknown): void {
    for (const peer of this.peers.keys()) {
      if (peer !== except) peer.send(frame);
    }
  }

  private fail(error: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.log('error', 'store append failed; closing the room so clients resync', {
      docName: this.name,
      error,
    });
    this.closeAll(CloseCode.Unavailable, 'storage unavailable');
  }
}
