import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalesce.ts';

/** A read whose end the test decides, reporting the "database version" it started at. */
function gatedReads() {
  let version = 0;
  const started: number[] = [];
  const gates: (() => void)[] = [];
  const read = () => {
    const at = version;
    started.push(at);
    return new Promise<number>((resolve) => gates.push(() => resolve(at)));
  };
  return {
    read,
    started,
    write: () => {
      version++;
    },
    finish: async () => {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    },
  };
}

describe('Coalescer', () => {
  it('serves everyone who asked during a read with one next read, started after they asked', async () => {
    const c = new Coalescer<number>();
    const g = gatedReads();
    const first = c.run('k', g.read);
    g.write(); // committed before the others ask: they must see it
    const others = Array.from({ length: 20 }, () => c.run('k', g.read));
    expect(g.started).toEqual([0]);

    await g.finish();
    expect(await first).toBe(0);
    expect(g.started).toEqual([0, 1]);
    await g.finish();
    expect(await Promise.all(others)).toEqual(Array(20).fill(1));
    expect(c.size).toBe(0);
  });

  it('reads afresh for a caller who asks after a read ended (no caching)', async () => {
    const c = new Coalescer<number>();
    const g = gatedReads();
    const a = c.run('k', g.read);
    await g.finish();
    g.write();
    const b = c.run('k', g.read);
    await g.finish();
    expect([await a, await b]).toEqual([0, 1]);
  });

  it('keeps keys apart', async () => {
    const c = new Coalescer<number>();
    const g = gatedReads();
    void c.run('a', g.read);
    void c.run('b', g.read);
    expect(g.started).toHaveLength(2);
    await g.finish();
    await g.finish();
  });

  it('hands a failed read’s error to its callers, and the queued ones still get their read', async () => {
    const c = new Coalescer<string>();
    let calls = 0;
    let fail: (e: Error) => void = () => {};
    const first = c.run('k', () => {
      calls++;
      return new Promise((_, reject) => {
        fail = reject;
      });
    });
    const queued = c.run('k', async () => {
      calls++;
      return 'fresh';
    });
    fail(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    expect(await queued).toBe('fresh');
    expect(calls).toBe(2);
    expect(c.size).toBe(0);
  });
});
