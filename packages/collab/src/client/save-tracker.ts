import { decodeSavedAckBody, SAVED_ACK_MESSAGE_TYPE, type SavedAck } from '@rectify/domain';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** `offline`: no socket. `saving`: something of ours is not confirmed stored yet. */
export type SaveState = 'saved' | 'saving' | 'offline';

export interface SaveTracker {
  state(): SaveState;
  /** Calls `listener` on every change of state; returns its unsubscribe. */
  on(listener: (state: SaveState) => void): () => void;
  /** How far (exclusive, like `Y.getState`) the server confirmed this doc's own insertions stored. */
  savedClock(): number;
  /** Every ack received, for diagnostics and tests. */
  onAck(listener: (ack: SavedAck) => void): () => void;
  destroy(): void;
}

type Handler = WebsocketProvider['messageHandlers'][number];

const ignoreAck: Handler = (_encoder, decoder) => {
  decoder.pos = decoder.arr.length;
};

/**
 * Says whether everything this client did is stored by the server, from the
 * server's "saved" acks (`@rectify/domain` collab-ack). The provider must ask
 * for them with `params: { acks: '1' }`.
 *
 * Saved means, on the current socket: (1) the acked clock for our clientID
 * reaches `Y.getState(doc, doc.clientID)`, so every insertion is stored; and
 * (2) the server acked as many write frames as we sent: the sync step 2
 * answering its step 1 (which carries anything done offline) plus each
 * update since. (2) covers what clocks cannot: a pure deletion advances no
 * clock. Counting starts when a socket opens, so create the tracker right
 * after the provider (before its socket opens); on a socket already open it
 * relies on (1) alone until the next reconnect.
 */
export function trackSaves(provider: WebsocketProvider, doc: Y.Doc = provider.doc): SaveTracker {
  const listeners = new Set<(state: SaveState) => void>();
  const ackListeners = new Set<(ack: SavedAck) => void>();
  /** The socket the counters below describe. */
  let socket = provider.ws;
  let countsKnown = socket === null || socket.readyState === socket.CONNECTING;
  let sent = 0;
  let acked = 0;
  let saved = 0;

  const compute = (): SaveState => {
    if (!provider.wsconnected) return 'offline';
    if (saved < Y.getState(doc.store, doc.clientID)) return 'saving';
    if (countsKnown && acked < sent + 1) return 'saving';
    return 'saved';
  };
  let current = compute();

  const refresh = (): void => {
    const next = compute();
    if (next === current) return;
    current = next;
    for (const listener of [...listeners]) listener(next);
  };

  const onStatus = ({ status }: { status: string }): void => {
    if (status === 'connected') {
      socket = provider.ws;
      countsKnown = true;
      sent = 0;
      acked = 0;
    }
    refresh();
  };

  const onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === provider) return; // from the server: not ours to save
    // The same test the provider makes before it sends the update.
    const ws = provider.ws;
    if (provider.wsconnected && ws && ws === socket && ws.readyState === ws.OPEN) sent++;
    refresh();
  };

  const onAckFrame: Handler = (_encoder, decoder) => {
    const body = decoder.arr.subarray(decoder.pos);
    decoder.pos = decoder.arr.length;
    let ack: SavedAck;
    try {
      ack = decodeSavedAckBody(body);
    } catch (error) {
      console.warn('[collab] ignoring a malformed saved ack', error);
      return;
    }
    const mine = ack.clocks.get(doc.clientID);
    if (mine !== undefined && mine > saved) saved = mine;
    if (ack.writes > acked) acked = ack.writes;
    for (const listener of [...ackListeners]) listener(ack);
    refresh();
  };

  const previous = provider.messageHandlers[SAVED_ACK_MESSAGE_TYPE];
  provider.messageHandlers[SAVED_ACK_MESSAGE_TYPE] = onAckFrame;
  provider.on('status', onStatus);
  doc.on('update', onUpdate);

  return {
    state: () => current,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    savedClock: () => saved,
    onAck(listener) {
      ackListeners.add(listener);
      return () => ackListeners.delete(listener);
    },
    destroy() {
      provider.off('status', onStatus);
      doc.off('update', onUpdate);
      // The socket still asked for acks: swallow them rather than have the provider log each.
      if (provider.messageHandlers[SAVED_ACK_MESSAGE_TYPE] === onAckFrame) {
        provider.messageHandlers[SAVED_ACK_MESSAGE_TYPE] = previous ?? ignoreAck;
      }
      listeners.clear();
      ackListeners.clear();
    },
  };
}
