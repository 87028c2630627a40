import { MemoryDocStore } from '@rectify/store';
import { describe, expect, it } from 'vitest';
import { DurableWrites } from './durable-writes.ts';
import type { CollabLog } from './log.ts';
import { waitFor } from './test-helpers.ts';

/** A memory store whose appends wait for `release(n)` (n-th append, 0-based) and can be made to fail. */
class GatedStore extends MemoryDocStore {
  readonly gates: Array<() => void> = [];
  failuresLeft = 0;
  attempts = 0;
  gated = true;

  override async append(docName: string, update: Uint8Array): Promise<number> {
    this.attempts++;
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('connection refused');
    }
    if (this.gated) await new Promise<void>((resolve) => this.gates.push(resolve));
    return super.append(docName, update);
  }
}

function recorder(): { log: CollabLog; lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (level, message) => lines.push(`${level}: ${message}`) };
}

const update = (n: number): Uint8Array => Uint8Array.of(n);
const flushMicrotasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('DurableWrites', () => {
  it('runs commit steps in write order even when a later append commits first', async () => {
    const store = new GatedStore();
    const writes = new DurableWrites('doc', store, recorder());
    const ran: number[] = [];
    for (const n of [1, 2, 3]) writes.write(update(n), () => ran.push(n));
    await waitFor('three appends started', () => store.gates.length === 3);
    store.gates[2]?.();
    store.gates[1]?.();
    await flushMicrotasks();
    expect(ran).toEqual([]);
    expect(writes.unsaved).toBe(3);
    store.gates[0]?.();
    await writes.flush();
    expect(ran).toEqual([1, 2, 3]);
    expect(writes.unsaved).toBe(0);
  });

  it('runs an after-step behind pending writes, and at once when nothing is pending', async () => {
    const store = new GatedStore();
    const writes = new DurableWrites('doc', store, recorder());
    const ran: string[] = [];
    writes.after(() => ran.push('idle'));
    expect(ran).toEqual(['idle']);
    writes.write(update(1), () => ran.push('write'));
    writes.after(() => ran.push('ack'));
    await flushMicrotasks();
    expect(ran).toEqual(['idle']);
    await waitFor('append started', () => store.gates.length === 1);
    store.gates[0]?.();
    await writes.flush();
    expect(ran).toEqual(['idle', 'write', 'ack']);
  });

  it('retries a failing append, holding what follows, and says when the store works again', async () => {
    const store = new GatedStore();
    store.gated = false;
    store.failuresLeft = 3;
    const { log, lines } = recorder();
    const writes = new DurableWrites('doc', store, { log, retryDelayMs: { min: 1, max: 4 } });
    const ran: number[] = [];
    writes.write(update(1), () => ran.push(1));
    writes.write(update(2), () => ran.push(2));
    await writes.flush();
    expect(ran).toEqual([1, 2]);
    expect(store.attempts).toBeGreaterThanOrEqual(5);
    expect(await store.load('doc')).toEqual(expect.arrayContaining([update(1), update(2)]));
    expect(lines).toEqual([
      'error: store append failed; holding updates and retrying',
      'warn: store append works again',
    ]);
  });

  it('on close stops retrying, skips the unsaved steps and still lets flush resolve', async () => {
    const store = new GatedStore();
    store.gated = false;
    store.failuresLeft = Number.POSITIVE_INFINITY;
    const writes = new DurableWrites('doc', store, {
      log: recorder().log,
      retryDelayMs: { min: 60_000, max: 60_000 },
    });
    const ran: string[] = [];
    writes.write(update(1), () => ran.push('write'));
    writes.after(() => ran.push('after'));
    const flushed = writes.flush();
    await waitFor('first attempt failed', () => store.attempts === 1);
    writes.close();
    await flushed;
    expect(ran).toEqual(['after']);
    expect(store.attempts).toBe(1);
  });

  it('logs a step that throws and runs the ones behind it', async () => {
    const store = new GatedStore();
    store.gated = false;
    const { log, lines } = recorder();
    const writes = new DurableWrites('doc', store, { log });
    const ran: number[] = [];
    writes.write(update(1), () => {
      throw new Error('boom');
    });
    writes.write(update(2), () => ran.push(2));
    await writes.flush();
    expect(ran).toEqual([2]);
    expect(lines).toEqual(['error: write step failed']);
  });

  it('keeps order across thousands of writes with interleaved steps', async () => {
    const store = new GatedStore();
    store.gated = false;
    const writes = new DurableWrites('doc', store, recorder());
    const ran: number[] = [];
    for (let n = 0; n < 5000; n++) {
      writes.write(update(n % 256), () => ran.push(n));
      if (n % 3 === 0) writes.after(() => ran.push(-n));
      if (n % 1000 === 999) await flushMicrotasks();
    }
    await writes.flush();
    const expected: number[] = [];
    for (let n = 0; n < 5000; n++) {
      expected.push(n);
      if (n % 3 === 0) expected.push(-n);
    }
    expect(ran).toEqual(expected);
    expect(writes.unsaved).toBe(0);
  });
});
