import { encodeSavedAck } from '@rectify/domain';
import type { DocStore } from '@rectify/store';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DurableWrites, type DurableWritesOptions } from './durable-writes.ts';
import type { CollabLog } from './log.ts';
import { type CaptureProjection, captureDefaultProjection } from './projection.ts';
import {
  type ClientMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  malformed,
  READ_ONLY_REASON,
} from './protocol.ts';
import { type WriteGuard, writeGuardFor } from './write-guard.ts';

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
  /** Asked for "saved" acks (`?acks=1`); stock clients do not understand them. */
  readonly acks: boolean;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

/**
 * When other peers get an update: once it is committed (the default, so no
 * one sees an edit the store may lose), or at once, before the commit (lower
 * fan-out latency; `bench/collab-ack.bench.ts` measures the difference).
 * Acks are sent after the commit either way.
 */
export type BroadcastTiming = 'after-commit' | 'before-commit';

export interface RoomOptions extends DurableWritesOptions {
  readonly broadcast?: BroadcastTiming;
  /**
   * What each update hands the store for its SQL projection (default: the
   * touched annotations of review docs; see `projection.ts`).
   */
  readonly capture?: CaptureProjection;
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

interface PeerState {
  /** The awareness client ids it speaks for, removed when it leaves. */
  readonly awarenessIds: Set<number>;
  /** Write frames (sync step 2, update) received, numbering its acks. */
  writes: number;
}

/** Origin of awareness removals the room makes itself (a peer left). */
const LEFT = Symbol('peer-left');

/** The clientIDs with structs in an update; none for a pure deletion or bytes Yjs cannot read. */
function clientsIn(update: Uint8Array): number[] {
  try {
    return [...Y.parseUpdateMeta(update).to.keys()];
  } catch {
    return [];
  }
}

/**
 * The live state of one document: its Y.Doc, its awareness and its peers.
 *
 * Write path: a peer's update is applied to the doc at once (so Yjs validates
 * it and the next sync step 1 sees it); the doc's own re-encoded update goes
 * to the store at once too, so the store can group it with other writers'.
 * Then, strictly in apply order, each update waits for its commit, and only
 * then is it broadcast (by default) and are the acks of the frames that
 * brought it sent. An ack therefore never covers an update whose
 * predecessors are not all stored. (A peer that joins meanwhile syncs
 * against the doc as applied, which may include updates still on their way
 * to the store: the broadcast timing governs live relay only.)
 *
 * If the store fails, the room keeps the update and retries with backoff; it
 * stays up, sends no ack, relays nothing after the failed update, and is not
 * destroyed until its updates are stored. Clients keep their sockets and
 * show "saving"; while this process lives nothing is lost, not even an edit
 * from a client that has left since. Only `Rooms.closeAll` (shutdown) gives
 * up, after a timeout, on updates that were never acked.
 */
export class Room {
  readonly awareness: Awareness;
  private readonly peers = new Map<Peer, PeerState>();
  /** For each clientID, the clock up to which its structs are committed (what acks report). */
  private readonly committed: Map<number, number>;
  private readonly writes: DurableWrites;
  private destroyed = false;
  private readonly broadcastTiming: BroadcastTiming;
  private readonly log: CollabLog;
  private readonly capture: CaptureProjection;
  /** Refuses writes to the parts of the doc only the server writes (a review doc's statement). */
  private readonly guard: WriteGuard | undefined;

  private constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    store: DocStore,
    options: RoomOptions,
  ) {
    this.log = options.log;
    this.writes = new DurableWrites(name, store, options);
    this.broadcastTiming = options.broadcast ?? 'after-commit';
    this.capture = options.capture ?? captureDefaultProjection;
    this.guard = writeGuardFor(name);
    // Everything loaded is stored; integrated structs are contiguous per client.
    this.committed = Y.decodeStateVector(Y.encodeStateVector(doc));
    this.awareness = new Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** Loads the doc from the store before anyone can see it half-built. */
  static async open(name: string, store: DocStore, options: RoomOptions): Promise<Room> {
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
    return new Room(name, doc, store, options);
  }

  get size(): number {
    return this.peers.size;
  }

  /** Updates applied to the doc but not yet committed by the store. */
  get unsaved(): number {
    return this.writes.unsaved;
  }

  /** Starts the handshake: our state vector (so the peer sends what we lack) and current presence. */
  join(peer: Peer): void {
    if (this.destroyed) {
      peer.close(1001, 'document closing');
      return;
    }
    this.peers.set(peer, { awarenessIds: new Set(), writes: 0 });
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    // Told once, up front, so the editor stops offering edits it would lose.
    if (peer.readOnly) peer.send(encodePermissionDenied(READ_ONLY_REASON));
    if (this.awareness.getStates().size > 0) this.sendAllAwareness(peer);
  }

  /** Removes the peer and tells the others its cursors are gone. */
  leave(peer: Peer): void {
    const state = this.peers.get(peer);
    if (!state) return;
    this.peers.delete(peer);
    if (state.awarenessIds.size > 0 && !this.destroyed) {
      removeAwarenessStates(this.awareness, [...state.awarenessIds], LEFT);
    }
  }

  /** Handles one decoded frame. Throws a `bad_request` AppError when the Yjs payload is bad. */
  receive(peer: Peer, message: ClientMessage): void {
    const state = this.peers.get(peer);
    if (this.destroyed || !state) return;
    switch (message.kind) {
      case 'sync-step-1':
        peer.send(encodeSyncStep2(this.diffSince(message.stateVector)));
        return;
      case 'sync-step-2':
      case 'update':
        this.write(peer, state, message.update);
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
    return this.writes.flush();
  }

  closeAll(code: number, reason: string): void {
    for (const peer of [...this.peers.keys()]) peer.close(code, reason);
  }

  /** Stops retrying: updates still unsaved are dropped (see `Rooms.closeAll`). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.writes.close();
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

  private write(peer: Peer, state: PeerState, update: Uint8Array): void {
    if (peer.readOnly) {
      this.log('info', 'dropped a write from a read-only socket', {
        docName: this.name,
        userId: peer.userId,
      });
    } else {
      // A refused frame (AppError forbidden) closes the socket: see `write-guard.ts`.
      this.guard?.(this.doc, update);
      try {
        Y.applyUpdate(this.doc, update, peer);
      } catch {
        throw malformed('bad document update');
      }
    }
    // A dropped write is acked too, so a reader who never typed shows "saved";
    // its clocks report only what is committed, so a reader's edits never do.
    if (peer.acks) this.ackAfterCommit(peer, ++state.writes, clientsIn(update));
  }

  /**
   * Queued behind every update applied so far, including the one this frame
   * caused (applyUpdate emits synchronously), so it goes out once they are
   * all committed. A frame that changed nothing is acked as soon as the
   * updates before it are stored.
   */
  private ackAfterCommit(peer: Peer, writes: number, clients: number[]): void {
    this.writes.after(() => {
      const clocks = new Map(clients.map((c) => [c, this.committed.get(c) ?? 0]));
      peer.send(encodeSavedAck({ writes, clocks }));
    });
  }

  private sendAllAwareness(peer: Peer): void {
    const clients = [...this.awareness.getStates().keys()];
    peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, clients)));
  }

  private readonly onDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    transaction: Y.Transaction,
  ): void => {
    const frame = encodeUpdate(update);
    if (this.broadcastTiming === 'before-commit') this.broadcast(frame, origin);
    // Captured now, while the doc is exactly as this update left it.
    const projection = this.captureProjection(transaction);
    this.writes.write(
      update,
      () => {
        for (const [client, clock] of Y.parseUpdateMeta(update).to) {
          if (clock > (this.committed.get(client) ?? 0)) this.committed.set(client, clock);
        }
        if (this.broadcastTiming === 'after-commit') this.broadcast(frame, origin);
      },
      projection,
    );
  };

  /** A capture that throws costs the projection of this update, never the update. */
  private captureProjection(transaction: Y.Transaction): unknown {
    try {
      return this.capture(this.name, this.doc, transaction);
    } catch (error) {
      this.log('error', 'could not capture the projection of an update', {
        docName: this.name,
        error,
      });
      return undefined;
    }
  }

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
    const owned = this.peers.get(origin as Peer)?.awarenessIds;
    for (const id of changes.removed) {
      for (const state of this.peers.values()) state.awarenessIds.delete(id);
    }
    if (!owned) return;
    for (const id of [...changes.added, ...changes.updated]) {
      if (owned.has(id)) continue;
      for (const state of this.peers.values()) state.awarenessIds.delete(id);
      owned.add(id);
    }
  }

  private broadcast(frame: Uint8Array, except: unknown): void {
    for (const peer of this.peers.keys()) {
      if (peer !== except) peer.send(frame);
    }
  }
}
