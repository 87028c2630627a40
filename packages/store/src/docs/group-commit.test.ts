import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

/** A commit that records its batches and doubles each item; items of 0 are "bad data". */
function recorder(fail: (batch: readonly number[]) => Error | undefined = () => undefined) {
  const batches: number[][] = [];
  const commit = async (batch: readonly number[]): Promise<number[]> => {
    batches.push([...batch]);
    const error = fail(batch);
    if (error) throw error;
    return batch.map((n) => n * 2);
  };
  return { batches, commit };
}

class BadData extends Error {}

describe('GroupCommit', () => {
  it('puts items submitted together in one batch, and those arriving meanwhile in the next', async () => {
    const { batches, commit } = recorder();
    const group = new GroupCommit(commit, { sizeOf: () => 1 });
    const first = [group.submit(1), group.submit(2)];
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is now in flight
    const later = [group.submit(3), group.submit(4), group.submit(5)];
    expect(await Promise.all([...first, ...later])).toEqual([2, 4, 6, 8, 10]);
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it('commits an item submitted just after a batch resolved, before the drain had finished, and idle() waits for it', async () => {
    const { batches, commit } = recorder();
    const group = new GroupCommit(commit, { sizeOf: () => 1 });
    await Promise.all([group.submit(1)]);
    const late = group.submit(2);
    let settled = false;
    void late.then(() => {
      settled = true;
    });
    await group.idle();
    expect(settled).toBe(true);
    expect(await late).toBe(4);
    expect(batches).toEqual([[1], [2]]);
  });

  it('starts a batch only after what this turn already queued for its end, so relayed frames leave before the database wakes', async () => {
    const order: string[] = [];
    const group = new GroupCommit(
      async (batch: readonly number[]) => {
        order.push(`commit ${batch.join(',')}`);
        return [...batch];
      },
      { sizeOf: () => 1 },
    );
    setImmediate(() => order.push('frames out'));
    const first = group.submit(1);
    await Promise.resolve();
    const second = group.submit(2); // same turn: same batch
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(order).toEqual(['frames out', 'commit 1,2']);
  });

  it('caps a batch by bytes, sending an oversized item alone', async () => {
    const { batches, commit } = recorder();
    const group = new GroupCommit(commit, { sizeOf: (n) => n, maxBytes: 10 });
    await Promise.all([4, 5, 3, 50, 1].map((n) => group.submit(n)));
    expect(batches).toEqual([[4, 5], [3], [50], [1]]);
  });

  it('rejects the whole batch for an error it may not isolate', async () => {
    const { commit } = recorder(() => new Error('connection refused'));
    const group = new GroupCommit(commit, {
      sizeOf: () => 1,
      isolate: (e) => e instanceof BadData,
    });
    const results = await Promise.allSettled([group.submit(1), group.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('retries items alone after a data error, failing only the bad one', async () => {
    const { batches, commit } = recorder((b) => (b.includes(0) ? new BadData() : undefined));
    const group = new GroupCommit(commit, {
      sizeOf: () => 1,
      isolate: (e) => e instanceof BadData,
    });
    const results = await Promise.allSettled([group.submit(1), group.submit(0), group.submit(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([[1, 0, 3], [1], [0], [3]]);
    await group.idle();
    expect(group.pending).toBe(0);
  });
});
