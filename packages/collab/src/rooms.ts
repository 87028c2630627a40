import type { DocStore } from '@rectify/store';
import { Room, type RoomOptions } from './room.ts';

/** A hold on an open room; the room closes when the last lease is released. */
export interface RoomLease {
  readonly room: Room;
  /** Idempotent, so every exit path of a connection may call it. */
  release(): void;
}

export interface RoomsOptions extends RoomOptions {
  /**
   * How long `closeAll` (process shutdown) waits for a room's unsaved updates
   * while the store fails before it gives up on them (default 10 s). They were
   * never acked, and their clients still hold them and resend on reconnect.
   */
  readonly flushTimeoutMs?: number;
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
    private readonly options: RoomsOptions,
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

  /** Waits (up to `flushTimeoutMs`) for every room's pending appends, then destroys and compacts them. */
  async closeAll(): Promise<void> {
    const entries = [...this.entries.entries()];
    this.entries.clear();
    await Promise.all(
      entries.map(async ([name, entry]) => {
        const room = await entry.opening.catch(() => undefined);
        if (!room) return;
        await this.flushWithin(room, this.options.flushTimeoutMs ?? 10_000);
        if (room.unsaved > 0) {
          this.options.log('error', 'closing a room whose updates the store never took', {
            docName: name,
            unsaved: room.unsaved,
          });
        }
        room.destroy();
        await this.compact(name);
      }),
    );
  }

  private async flushWithin(room: Room, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    await Promise.race([room.flush(), timeout]);
    clearTimeout(timer);
  }

  private entryFor(name: string): Entry {
    const existing = this.entries.get(name);
    if (existing) return existing;
    const entry: Entry = { opening: Room.open(name, this.store, this.options), refs: 0 };
    this.entries.set(name, entry);
    entry.opening.catch((error: unknown) => {
      if (this.entries.get(name) === entry) this.entries.delete(name);
      this.options.log('error', 'could not load document', { docName: name, error });
    });
    return entry;
  }

  private releaseEntry(name: string, entry: Entry): void {
    entry.refs--;
    if (entry.refs > 0) return;
    this.retire(name, entry).catch((error: unknown) => {
      this.options.log('error', 'could not close room', { docName: name, error });
    });
  }

  /**
   * The persistence hook runs first: a room is destroyed only once its log is
   * in the store, however long the store takes to come back. Then the log is
   * compacted, so the next open loads one snapshot.
   */
  private async retire(name: string, entry: Entry): Promise<void> {
    const room = await entry.opening;
    await room.flush();
    if (entry.refs > 0) return; // someone joined while we flushed
    if (this.entries.get(name) !== entry) return; // closeAll took it
    this.entries.delete(name);
    room.destroy();
    this.options.log('info', 'room closed', { docName: name });
    await this.compact(name);
  }

  /** Compaction is housekeeping: a failure leaves a longer log, never a wrong one. */
  private async compact(name: string): Promise<void> {
    try {
      await this.store.compact?.(name);
    } catch (error) {
      this.options.log('warn', 'could not compact document', { docName: name, error });
    }
  }
}
