import type { Duplex } from 'node:stream';

/**
 * Holds a socket's outgoing frames until the end of this turn of the event
 * loop, so every frame sent to it meanwhile leaves in one write (one `writev`
 * system call) instead of one each.
 *
 * Relaying is mostly system calls: under load a room sends each peer several
 * frames per turn (every update a commit released, every update read off the
 * network in one poll), and the kernel write, not Yjs, is what costs. `ws`
 * corks the socket around each frame itself; corking is counted, so our outer
 * cork keeps its frames queued until the shared `setImmediate` uncorks every
 * socket held this turn. That runs in the check phase, right after the I/O
 * that caused the sends: a lone frame waits for nothing but the rest of the
 * callbacks of its own poll.
 */
export class WriteBatch {
  private readonly held = new Set<Duplex>();
  private scheduled = false;

  /** Call before sending on `socket`; a socket already held (or gone) is left as it is. */
  hold(socket: Duplex): void {
    if (this.held.has(socket) || socket.destroyed) return;
    socket.cork();
    this.held.add(socket);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.release);
    }
  }

  /** Sockets held this turn (for tests). */
  get size(): number {
    return this.held.size;
  }

  private readonly release = (): void => {
    this.scheduled = false;
    const sockets = [...this.held];
    this.held.clear();
    for (const socket of sockets) socket.uncork();
  };
}
