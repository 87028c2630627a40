import type { DocStore } from './doc-store.ts';
import type { CollabLog } from './log.ts';
import { Room } from './room.ts';

/** A hold on an open room; the room closes when the last lease is released. */
export interface RoomLease {
  readonly room: Room;
  /** Idempotent, so every exit path of a connection may call it. */
  release(): void;
}

interface Entry {
  readonly opening: Promise<Room>;
  refs: number;
}

/**
 * The rooms of this process, one per doc name. Counting leases rather than
 * sockets covers the gap between "room loaded" and "socket upgraded", so a
 * room is never torn down under a connection that is still arriving.
 */
export class Rooms {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: DocStore,
    private readonly log: CollabLog,
  ) {}

  /** Rooms open or opening. */
  get size(): number {
    return this.entries.size;
  }

  /** Opens the room (loading it once, however many sockets ask at the same time). */
  async acquire(name: string): Promise<RoomLease> {
    const entry = this.entryFor(name);
    entry.refs++;
    let room: Room;
    try {
      room = await entry.opening;
    } catch (error) {
      entry.refs--;
      throw error;
    }
    if (room.failed) {
      // Its sockets are closing; let it drain and open a fresh one from the store.
      if (this.entries.get(name) === entry) this.entries.delete(name);
      this.releaseEntry(name, entry);
      return this.acquire(name);
    }
    let released = false;
    return {
      room,
      release: () => {
        if (released) return;
        released = true;
        this.releaseEntry(name, entry);
      },
    };
  }

  /** Waits for every room's pending appends, then destroys them all. */
  async closeAll(): Promise<void> {
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(
      entries.map(async (entry) => {
        const room = await entry.opening.catch(() => undefined);
        if (!room) return;
        await room.flush();
        room.destroy();
      }),
    );
  }

  private entryFor(name: string): Entry {
    const existing = this.entries.get(name);
    if (existing) return existing;
    const entry: Entry = { opening: Room.open(name, this.store, this.log), refs: 0 };
    this.entries.set(name, entry);
    entry.opening.catch((error: unknown) => {
      if (this.entries.get(name) === entry) this.entries.delete(name);
      this.log('error', 'could not load document', { docName: name, error });
    });
    return entry;
  }

  private releaseEntry(name: string, entry: Entry): void {
    entry.refs--;
    if (entry.refs > 0) return;
    this.retire(name, entry).catch((error: unknown) => {
      this.log('error', 'could not close room', { docName: name, error });
    });
  }

  /** The persistence hook runs first: a room is destroyed only once its log is in the store. */
  private async retire(name: string, entry: Entry): Promise<void> {
    const room = await entry.opening;
    await room.flush();
    if (entry.refs > 0) return; // someone joined while we flushed
    if (this.entries.get(name) === entry) this.entries.delete(name);
    room.destroy();
    this.log('info', 'room closed', { docName: name });
  }
}
