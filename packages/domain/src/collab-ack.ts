import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The "saved" acknowledgement: a message of our own on the y-websocket
 * socket, so an editor can say "saved" only once its edits are committed to
 * the database (the stock servers ack nothing; Hocuspocus acks before storing).
 *
 * Frame: `varuint 100, varuint writes, varuint n, n × (varuint clientID, varuint clock)`
 * in lib0's encoding, like every other y-websocket frame. Only clients that
 * opt in with `?acks=1` get it: a stock client logs "Unable to compute
 * message" for a type it does not know.
 *
 * This file is the one place the frame is spelled; the collab server and the
 * browser's save tracker both use it.
 */
export const SAVED_ACK_MESSAGE_TYPE = 100;

/** The URL parameter (value `1`) with which a client asks for acks. */
export const SAVED_ACK_PARAM = 'acks';

export interface SavedAck {
  /**
   * How many write frames (sync step 2 and update) the server has received
   * on this socket and processed, every change it accepted from them being
   * committed. Counts what clocks cannot: a pure deletion advances no clock.
   */
  readonly writes: number;
  /**
   * For each Yjs clientID with structs in the acknowledged frame, the clock
   * up to which (exclusive, like `Y.getState`) that client's structs are
   * committed. A client whose `Y.getState(doc, doc.clientID)` is at most its
   * entry here has every insertion it made stored.
   */
  readonly clocks: ReadonlyMap<number, number>;
}

export class SavedAckError extends Error {
  override name = 'SavedAckError';
}

/** The whole frame, type included, ready for `socket.send`. */
export function encodeSavedAck(ack: SavedAck): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SAVED_ACK_MESSAGE_TYPE);
  encoding.writeVarUint(encoder, ack.writes);
  encoding.writeVarUint(encoder, ack.clocks.size);
  for (const [client, clock] of ack.clocks) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Reads what follows the type varuint, which is where a y-websocket
 * `messageHandlers[100]` finds its decoder. Throws `SavedAckError` on a
 * truncated or overlong body.
 */
export function decodeSavedAckBody(body: Uint8Array): SavedAck {
  const decoder = decoding.createDecoder(body);
  try {
    const writes = decoding.readVarUint(decoder);
    const count = decoding.readVarUint(decoder);
    // Each entry takes at least two bytes: a bogus count fails fast, before any allocation.
    if (count * 2 > body.length - decoder.pos) throw new SavedAckError('truncated saved ack');
    const clocks = new Map<number, number>();
    for (let i = 0; i < count; i++) {
      const client = decoding.readVarUint(decoder);
      clocks.set(client, decoding.readVarUint(decoder));
    }
    if (decoding.hasContent(decoder)) throw new SavedAckError('trailing bytes in saved ack');
    return { writes, clocks };
  } catch (error) {
    if (error instanceof SavedAckError) throw error;
    throw new SavedAckError('malformed saved ack');
  }
}

/** Reads a whole frame, type included. */
export function decodeSavedAck(frame: Uint8Array): SavedAck {
  const decoder = decoding.createDecoder(frame);
  let type: number;
  try {
    type = decoding.readVarUint(decoder);
  } catch {
    throw new SavedAckError('empty frame');
  }
  if (type !== SAVED_ACK_MESSAGE_TYPE) throw new SavedAckError(`not a saved ack (type ${type})`);
  return decodeSavedAckBody(frame.subarray(decoder.pos));
}
