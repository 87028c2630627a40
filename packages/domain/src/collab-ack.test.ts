import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import {
  decodeSavedAck,
  decodeSavedAckBody,
  encodeSavedAck,
  SAVED_ACK_MESSAGE_TYPE,
  SavedAckError,
} from './collab-ack.ts';

describe('saved ack frame', () => {
  it.each([
    ['no clocks', { writes: 0, clocks: new Map() }],
    ['one client', { writes: 3, clocks: new Map([[1764307259, 11]]) }],
    [
      'extreme values',
      {
        writes: Number.MAX_SAFE_INTEGER,
        clocks: new Map([
          [0, 0],
          [2 ** 32 - 1, 2 ** 53 - 1],
          [127, 128],
        ]),
      },
    ],
  ])('round-trips %s', (_name, ack) => {
    const frame = encodeSavedAck(ack);
    expect(frame[0]).toBe(SAVED_ACK_MESSAGE_TYPE);
    expect(decodeSavedAck(frame)).toEqual(ack);
  });

  it('is read by a y-websocket message handler from where its decoder stands', () => {
    const frame = encodeSavedAck({ writes: 7, clocks: new Map([[42, 9]]) });
    const decoder = decoding.createDecoder(frame);
    expect(decoding.readVarUint(decoder)).toBe(100);
    expect(decodeSavedAckBody(frame.subarray(decoder.pos))).toEqual({
      writes: 7,
      clocks: new Map([[42, 9]]),
    });
  });

  it.each([
    ['an empty frame', []],
    ['another type', [0, 0, 0]],
    ['a missing count', [100, 1]],
    ['a count larger than the body', [100, 1, 200, 1, 1]],
    ['a missing clock', [100, 1, 1, 5]],
    ['a varuint that never ends', [100, 0xff, 0xff]],
    ['trailing bytes', [100, 1, 0, 9]],
  ])('refuses %s', (_name, bytes) => {
    expect(() => decodeSavedAck(Uint8Array.from(bytes))).toThrow(SavedAckError);
  });
});
