import { AppError } from '@rectify/domain';
import { describe, expect, it } from 'vitest';
import {
  decodeMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol.ts';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

/** Small seeded PRNG so a failing fuzz case is reproducible. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('decodeMessage', () => {
  const payload = bytes(1, 2, 3);

  it.each([
    ['sync step 1', encodeSyncStep1(payload), { kind: 'sync-step-1', stateVector: payload }],
    ['sync step 2', encodeSyncStep2(payload), { kind: 'sync-step-2', update: payload }],
    ['update', encodeUpdate(payload), { kind: 'update', update: payload }],
    ['awareness', encodeAwareness(payload), { kind: 'awareness', update: payload }],
    ['query awareness', bytes(3), { kind: 'query-awareness' }],
  ])('reads back %s', (_name, frame, expected) => {
    expect(decodeMessage(frame)).toEqual(expected);
  });

  it.each([
    ['an empty frame', bytes()],
    ['an unknown type', bytes(7, 0)],
    ['an auth frame (server to client only)', bytes(2, 0)],
    ['an unknown sync step', bytes(0, 5, 0)],
    ['a payload shorter than declared', bytes(0, 2, 10, 1, 2)],
    ['a length past the end', bytes(1, 0xff, 0xff, 0xff, 0x0f)],
    ['trailing bytes', bytes(0, 2, 1, 9, 9)],
    ['a varuint that never ends', bytes(0xff, 0xff, 0xff)],
    ['a varuint beyond 2^53', bytes(0, 2, ...Array(10).fill(0xff), 1)],
  ])('refuses %s as bad_request', (_name, frame) => {
    expect(() => decodeMessage(frame)).toThrowError(
      expect.objectContaining({ code: 'bad_request' }),
    );
  });

  it('never throws anything but a bad_request on random bytes', () => {
    const next = random(7);
    for (let i = 0; i < 5000; i++) {
      const frame = Uint8Array.from({ length: Math.floor(next() * 40) }, () =>
        Math.floor(next() * 256),
      );
      try {
        decodeMessage(frame);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('bad_request');
      }
    }
  });
});
