import { AppError } from '@rectify/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The y-websocket wire format, and nothing else: no sockets, no documents.
 * Kept apart so the Redis fan-out can reuse the same frames later.
 *
 * Every frame is `varuint type` + body. The stock client speaks these types.
 */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const;

/** Second varuint of a sync frame (y-protocols/sync). */
export const SyncStep = { Step1: 0, Step2: 1, Update: 2 } as const;

/** A frame from a client, fully bounds-checked but with Yjs payloads still opaque. */
export type ClientMessage =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/** Malformed input is a `bad_request`, which collab closes with `CloseCode.MalformedMessage`. */
export const malformed = (why: string): AppError =>
  new AppError('bad_request', `malformed message: ${why}`);

function readVarUint(decoder: decoding.Decoder): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw malformed('truncated or oversized varuint');
  }
}

/**
 * lib0's `readVarUint8Array` silently returns a shorter view when the declared
 * length runs past the end, so a truncated frame would look valid: check it here.
 */
function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw malformed('truncated payload');
  return decoding.readUint8Array(decoder, length);
}

function decodeSync(decoder: decoding.Decoder): ClientMessage {
  const step = readVarUint(decoder);
  const payload = readBytes(decoder);
  switch (step) {
    case SyncStep.Step1:
      return { kind: 'sync-step-1', stateVector: payload };
    case SyncStep.Step2:
      return { kind: 'sync-step-2', update: payload };
    case SyncStep.Update:
      return { kind: 'update', update: payload };
    default:
      throw malformed(`unknown sync step ${step}`);
  }
}

/**
 * Parses one client frame. Throws a `bad_request` AppError for anything the
 * stock client would never send: unknown types, truncation, trailing bytes.
 * Auth frames (type 2) are server-to-client only, so they count as malformed.
 */
export function decodeMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const type = readVarUint(decoder);
  let message: ClientMessage;
  switch (type) {
    case MessageType.Sync:
      message = decodeSync(decoder);
      break;
    case MessageType.Awareness:
      message = { kind: 'awareness', update: readBytes(decoder) };
      break;
    case MessageType.QueryAwareness:
      message = { kind: 'query-awareness' };
      break;
    default:
      throw malformed(`unknown message type ${type}`);
  }
  if (decoding.hasContent(decoder)) throw malformed('trailing bytes');
  return message;
}

function frame(type: number, step: number | undefined, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  if (step !== undefined) encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array =>
  frame(MessageType.Sync, SyncStep.Step1, stateVector);

export const encodeSyncStep2 = (update: Uint8Array): Uint8Array =>
  frame(MessageType.Sync, SyncStep.Step2, update);

export const encodeUpdate = (update: Uint8Array): Uint8Array =>
  frame(MessageType.Sync, SyncStep.Update, update);

/** What a read-only socket is told (y-protocols auth, "permission denied"), once, when it joins. */
export const READ_ONLY_REASON = 'read-only';

/**
 * y-protocols' auth message: `varuint 2, varuint 0 (permission denied), varstring reason`.
 * The stock client logs it and carries on; the editor turns read-only on it.
 */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Auth);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarString(encoder, reason);
  return encoding.toUint8Array(encoder);
}

export const encodeAwareness = (awarenessUpdate: Uint8Array): Uint8Array =>
  frame(MessageType.Awareness, undefined, awarenessUpdate);
