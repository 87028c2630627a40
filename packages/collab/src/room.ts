import { AppError, CloseCode, encodeSavedAck } from '@rectify/domain';
import type { DocStore } from '@rectify/store';
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { CollabBus, DocBusEvent } from './bus.ts';
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
import {
  clientsOf,
  decodeClientUpdate,
  refuseDegenerate,
  type WriteGuard,
  writeGuardFor,
} from './write-guard.ts';

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
  /** `sent`, if given, runs once the frame is handed to the network (never, if it is dropped). */
  send(frame: Uint8Array, sent?: () => void): void;
  close(code: number, reason: string): void;
}

/**
 * When other peers on this node get an update: at once, as it is applied
 * (the default), or only once it is committed. Acks are sent after the
 * commit either way, so "saved" always means stored.
 *
 * Relaying first loses nothing: an update someone saw but the store did not
 * take (the process died between the two) is still held, unacked, by its
 * writer, and by every client that saw it, and each of them sends it back on
 * reconnect (sync step 2). Waiting for the commit only adds the commit's
 * latency to every keystroke others see (`bench/collab-scale.bench.ts`).
 * Other nodes get an update only once it is committed either way: they
 * treat what the bus brings as stored (see `REMOTE`).
 */
export type BroadcastTiming = 'after-commit' | 'before-commit';

export interface RoomOptions extends DurableWritesOptions {
  readonly broadcast?: BroadcastTiming;
  /**
   * What each update hands the store for its SQL projection (default: the
   * touched annotations of review docs; see `projection.ts`).
   */
  readonly capture?: CaptureProjection;
  /**
   * The other server nodes (see `bus.ts`): committed updates and presence go
   * out to them, theirs come in. Without one the room is alone.
   */
  readonly bus?: CollabBus;
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
  /**
   * It joined before the doc was built and was sent the stored state as it
   * is (see `join`): its first sync step 1 is answered with what came after.
   */
  primed: boolean;
  /** A primed peer's sync step 1 that came before the doc was built, answered by `build`. */
  step1?: Uint8Array;
}

/** Origin of awareness removals the room makes itself (a peer left). */
const LEFT = Symbol('peer-left');

/**
 * Origin of what other nodes sent: their updates are already stored (a node
 * publishes only what it committed), so they are applied and relayed here,
 * never stored again, and nothing with this origin goes back on the bus.
 */
const REMOTE = Symbol('remote-node');

/**
 * Origin of a remote update applied while the doc holds pending structs
 * (updates waiting for something they build on). Applying it may release
 * them, and Yjs reports them in the same update, so it takes the local road:
 * stored (again, harmlessly: appends are idempotent) and published.
 */
const REMOTE_RELEASING = Symbol('remote-node-releasing');

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
 * it and the next sync step 1 sees it) and relayed to the other peers here
 * (see `BroadcastTiming`); the doc's own re-encoded update goes to the store
 * at once too, so the store can group it with other writers'. Then, strictly
 * in apply order, each update waits for its commit, and only then are the
 * acks of the frames that brought it sent and is it published to other
 * nodes. An ack therefore never covers an update whose predecessors are not
 * all stored.
 *
 * If the store fails, the room keeps the update and retries with backoff; it
 * stays up, sends no ack, publishes nothing to other nodes after the failed
 * update, and is not destroyed until its updates are stored. Clients keep their sockets and
 * show "saving"; while this process lives nothing is lost, not even an edit
 * from a client that has left since. Only `Rooms.closeAll` (shutdown) gives
 * up, after a timeout, on updates that were never acked.
 */
export class Room {
  readonly awareness: Awareness;
  private readonly peers = new Map<Peer, PeerState>();
  /** For each clientID, the clock up to which its structs are committed (what acks report). */
  private committed = new Map<number, number>();
  /**
   * The stored updates, until they are applied to the doc (see `build`); and
   * the state vector they made, which primed peers already hold.
   */
  private seed: Uint8Array[] | undefined;
  private seedVector = new Map<number, number>();
  private buildScheduled = false;
  private readonly writes: DurableWrites;
  private destroyed = false;
  /** Its stored log could not be applied (see `build`): it serves no one. */
  private unusable = false;
  private readonly broadcastTiming: BroadcastTiming;
  private readonly log: CollabLog;
  private readonly capture: CaptureProjection;
  /** Refuses writes to the parts of the doc only the server writes (a review doc's statement). */
  private readonly guard: WriteGuard | undefined;
  private readonly bus: CollabBus | undefined;
  /** A catch-up from the store is running / another was asked for meanwhile. */
  private catchingUp = false;
  private catchUpAgain = false;

  private constructor(
    readonly name: string,
    private readonly ydoc: Y.Doc,
    stored: Uint8Array[],
    private readonly store: DocStore,
    private readonly options: RoomOptions,
    private readonly unsubscribe: () => void,
  ) {
    this.log = options.log;
    this.bus = options.bus;
    this.writes = new DurableWrites(name, store, options);
    this.broadcastTiming = options.broadcast ?? 'before-commit';
    this.capture = options.capture ?? captureDefaultProjection;
    this.guard = writeGuardFor(name);
    this.seed = stored.length > 0 ? stored : undefined;
    this.awareness = new Awareness(ydoc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    if (!this.seed) ydoc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /** The live doc, built from the store first if it is not yet. */
  get doc(): Y.Doc {
    this.build();
    return this.ydoc;
  }

  /**
   * Reads the doc's stored updates; the Y.Doc is built from them later (see
   * `build`), so a client opening a big doc gets its bytes without waiting
   * for that. With a bus, it subscribes first: what other nodes commit while
   * the doc loads is held and applied after, so nothing falls between the
   * load and the subscription.
   */
  static async open(name: string, store: DocStore, options: RoomOptions): Promise<Room> {
    let room: Room | undefined;
    const early: DocBusEvent[] = [];
    const unsubscribe = options.bus
      ? await options.bus.subscribe(name, (event) => {
          if (room) room.fromBus(event);
          else early.push(event);
        })
      : () => {};
    let stored: Uint8Array[];
    try {
      stored = await store.load(name);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    room = new Room(name, new Y.Doc(), stored, store, options, unsubscribe);
    for (const event of early) room.fromBus(event);
    // Clients on other nodes renew their presence every 15 s; ask now instead.
    options.bus?.publish(name, { kind: 'awareness-query' });
    return room;
  }

  get size(): number {
    return this.peers.size;
  }

  /** Updates applied to the doc but not yet committed by the store. */
  get unsaved(): number {
    return this.writes.unsaved;
  }

  /**
   * Starts the handshake: our state vector (so the peer sends what we lack)
   * and current presence. Into a room whose doc is not built yet and is
   * stored as one snapshot (as a room leaves it when it closes), the peer is
   * first sent that snapshot, as stored, as a sync step 2: a client opening a
   * big document has it while the server is still building its own copy,
   * which happens next (and our sync step 1 with it).
   */
  join(peer: Peer): void {
    if (this.destroyed || this.unusable) {
      peer.close(1001, 'document closing');
      return;
    }
    // A log of several pieces is built first: merging them costs what building does.
    if (this.seed && this.seed.length > 1) this.build();
    const snapshot = this.seed?.[0];
    this.peers.set(peer, { awarenessIds: new Set(), writes: 0, primed: snapshot !== undefined });
    if (snapshot) {
      // Built once the snapshot is out: building first would hold up its write.
      peer.send(encodeSyncStep2(snapshot), () => this.scheduleBuild());
    } else {
      peer.send(encodeSyncStep1(Y.encodeStateVector(this.ydoc)));
    }
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
    if (this.destroyed || this.unusable || !state) return;
    switch (message.kind) {
      case 'sync-step-1':
        if (this.seed && state.primed) {
          // Checked now, so a bad one closes the socket on its own frame, not later.
          decodeVector(message.stateVector);
          state.step1 = message.stateVector;
        } else {
          this.answerStep1(peer, state, message.stateVector);
        }
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
    this.unsubscribe();
    this.writes.close();
    this.ydoc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.ydoc.destroy();
  }

  private scheduleBuild(): void {
    if (this.buildScheduled) return;
    this.buildScheduled = true;
    setImmediate(() => {
      if (!this.destroyed) this.build();
    });
  }

  /**
   * Applies the stored updates to the doc, once, before anything reads or
   * writes it; then greets the peers that joined meanwhile with our sync
   * step 1 and answers theirs. Listening starts after, so what was loaded is never stored again.
   * A stored log Yjs cannot apply closes the room's sockets: the doc is
   * unavailable, never served half-built.
   */
  private build(): void {
    const seed = this.seed;
    if (!seed) return;
    this.seed = undefined;
    try {
      this.ydoc.transact(() => {
        for (const update of seed) Y.applyUpdate(this.ydoc, update);
      });
    } catch (error) {
      this.log('error', 'could not build a stored document', { docName: this.name, error });
      this.unusable = true;
      this.closeAll(CloseCode.Unavailable, 'document unavailable');
      return;
    }
    // Everything loaded is stored; integrated structs are contiguous per client.
    this.seedVector = Y.decodeStateVector(Y.encodeStateVector(this.ydoc));
    this.committed = new Map(this.seedVector);
    this.ydoc.on('update', this.onDocUpdate);
    const vector = Y.encodeStateVector(this.ydoc);
    for (const [peer, state] of this.peers) {
      if (!state.primed) continue;
      peer.send(encodeSyncStep1(vector));
      const step1 = state.step1;
      state.step1 = undefined;
      if (!step1) continue;
      try {
        this.answerStep1(peer, state, step1);
      } catch (error) {
        peer.close(
          CloseCode.MalformedMessage,
          error instanceof Error ? error.message : 'bad state vector',
        );
      }
    }
  }

  private answerStep1(peer: Peer, state: PeerState, stateVector: Uint8Array): void {
    this.build();
    const vector = state.primed ? this.withSeed(stateVector) : stateVector;
    state.primed = false;
    peer.send(encodeSyncStep2(this.diffSince(vector)));
  }

  /** A primed peer's state vector, raised to what the stored state it was sent covers. */
  private withSeed(stateVector: Uint8Array): Uint8Array {
    const vector = decodeVector(stateVector);
    for (const [client, clock] of this.seedVector) {
      if (clock > (vector.get(client) ?? 0)) vector.set(client, clock);
    }
    return Y.encodeStateVector(vector);
  }

  private diffSince(stateVector: Uint8Array): Uint8Array {
    try {
      return Y.encodeStateAsUpdate(this.ydoc, stateVector);
    } catch {
      throw malformed('bad state vector');
    }
  }

  private write(peer: Peer, state: PeerState, update: Uint8Array): void {
    let clients: number[];
    if (peer.readOnly) {
      this.log('info', 'dropped a write from a read-only socket', {
        docName: this.name,
        userId: peer.userId,
      });
      clients = peer.acks ? clientsIn(update) : [];
    } else {
      // Decoded once for the checks and the ack; Yjs decodes it again to apply it.
      const decoded = decodeClientUpdate(update);
      refuseDegenerate(decoded);
      // A refused frame (AppError forbidden) closes the socket: see `write-guard.ts`.
      try {
        this.guard?.(this.doc, decoded);
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw malformed('bad document update');
      }
      try {
        Y.applyUpdate(this.doc, update, peer);
      } catch {
        throw malformed('bad document update');
      }
      clients = peer.acks ? clientsOf(decoded) : [];
    }
    // A dropped write is acked too, so a reader who never typed shows "saved";
    // its clocks report only what is committed, so a reader's edits never do.
    if (peer.acks) this.ackAfterCommit(peer, ++state.writes, clients);
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
    if (origin === REMOTE) {
      // Stored by the node it came from: relay it, count it as committed, store nothing.
      this.markCommitted(update);
      this.broadcast(frame, origin);
      return;
    }
    if (this.broadcastTiming === 'before-commit') this.broadcast(frame, origin);
    // Captured now, while the doc is exactly as this update left it.
    const projection = this.captureProjection(transaction);
    this.writes.write(
      update,
      () => {
        this.markCommitted(update);
        if (this.broadcastTiming === 'after-commit') this.broadcast(frame, origin);
        this.bus?.publish(this.name, { kind: 'update', update });
      },
      projection,
    );
  };

  private markCommitted(update: Uint8Array): void {
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (clock > (this.committed.get(client) ?? 0)) this.committed.set(client, clock);
    }
  }

  /** What another node sent (see `DocBusEvent`). */
  private fromBus(event: DocBusEvent): void {
    if (this.destroyed) return;
    switch (event.kind) {
      case 'update':
        this.applyRemote(event.update);
        return;
      case 'awareness':
        try {
          applyAwarenessUpdate(this.awareness, event.update, REMOTE);
        } catch (error) {
          this.log('warn', 'dropped a bad awareness update from another node', {
            docName: this.name,
            error,
          });
        }
        return;
      case 'awareness-query': {
        const ids = [...this.peers.values()].flatMap((state) => [...state.awarenessIds]);
        if (ids.length > 0) {
          const update = encodeAwarenessUpdate(this.awareness, ids);
          this.bus?.publish(this.name, { kind: 'awareness', update });
        }
        return;
      }
      case 'resync':
        void this.catchUp();
        return;
      case 'reconnect':
        this.closeAll(CloseCode.Unavailable, 'access changed');
        return;
    }
  }

  private applyRemote(update: Uint8Array): void {
    const { pendingStructs, pendingDs } = this.doc.store;
    const origin = pendingStructs || pendingDs ? REMOTE_RELEASING : REMOTE;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (error) {
      this.log('warn', 'dropped a bad update from another node', { docName: this.name, error });
    }
  }

  /**
   * After the bus lost events: reload the doc from the store (which has every
   * committed update, whichever node wrote it) and apply what this doc lacks.
   * Requests that arrive while one runs are folded into one more run.
   */
  private async catchUp(): Promise<void> {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = true;
    try {
      do {
        this.catchUpAgain = false;
        const stored = await this.loadForCatchUp();
        if (!stored || this.destroyed) return;
        const missing = Y.encodeStateAsUpdate(stored, Y.encodeStateVector(this.doc));
        stored.destroy();
        this.applyRemote(missing);
      } while (this.catchUpAgain && !this.destroyed);
    } finally {
      this.catchingUp = false;
    }
  }

  /** Retries with backoff while the store fails (it may be down as well); `undefined` once destroyed. */
  private async loadForCatchUp(): Promise<Y.Doc | undefined> {
    const { min, max } = this.options.retryDelayMs ?? { min: 100, max: 5000 };
    for (let attempt = 0; !this.destroyed; attempt++) {
      try {
        return await loadDoc(this.name, this.store);
      } catch (error) {
        if (attempt === 0) {
          this.log('error', 'could not reload a document to catch up; retrying', {
            docName: this.name,
            error,
          });
        }
        const ms = Math.min(max, min * 2 ** Math.min(attempt, 20));
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
    }
    return undefined;
  }

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
    const update = encodeAwarenessUpdate(this.awareness, changed);
    const frame = encodeAwareness(update);
    // The sender gets its own state back on purpose: the stock client drops a
    // connection that hears nothing for 30 s, and a lone client only hears this.
    for (const peer of this.peers.keys()) peer.send(frame);
    if (origin !== REMOTE && this.bus) {
      this.bus.publish(this.name, { kind: 'awareness', update });
    }
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

function decodeVector(stateVector: Uint8Array): Map<number, number> {
  try {
    return Y.decodeStateVector(stateVector);
  } catch {
    throw malformed('bad state vector');
  }
}

async function loadDoc(name: string, store: DocStore): Promise<Y.Doc> {
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
  return doc;
}
