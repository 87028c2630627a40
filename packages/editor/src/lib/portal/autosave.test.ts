import { createRoot } from 'solid-js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave } from './autosave.ts';

describe('createAutosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const make = (save: (v: string) => Promise<{ savedAt?: string } | undefined>) =>
    createRoot(() => createAutosave<string>({ save, delay: 500 }));

  it('sends only the latest value once typing pauses', async () => {
    const save = vi.fn(async () => ({ savedAt: '2024-05-01T10:00:00Z' }));
    const auto = make(save);
    auto.change('a');
    auto.change('ab');
    expect(auto.state()).toBe('pending');
    await vi.advanceTimersByTimeAsync(499);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledExactlyOnceWith('ab');
    expect(auto.state()).toBe('saved');
    expect(auto.savedAt()).toBe('2024-05-01T10:00:00Z');
    expect(auto.unsaved()).toBe(false);
  });

  it('keeps a change that failed to save, and sends it on retry', async () => {
    const save = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue({});
    const auto = make(save);
    auto.change('kept');
    await vi.advanceTimersByTimeAsync(500);
    expect(auto.state()).toBe('error');
    expect(auto.unsaved()).toBe(true);
    expect(await auto.retry()).toBe(true);
    expect(save).toHaveBeenLastCalledWith('kept');
    expect(auto.state()).toBe('saved');
  });

  it('never lets an older body land after a newer one', async () => {
    const landed: string[] = [];
    let release: () => void = () => {};
    const save = vi.fn(
      (v: string) =>
        new Promise<undefined>((resolve) => {
          release = () => {
            landed.push(v);
            resolve(undefined);
          };
        }),
    );
    const auto = make(save);
    auto.change('one');
    await vi.advanceTimersByTimeAsync(500);
    auto.change('two');
    const flushed = auto.flush();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    expect(await flushed).toBe(true);
    expect(landed).toEqual(['one', 'two']);
    expect(save).toHaveBeenCalledTimes(2);
  });
});
