import { type Accessor, createSignal } from 'solid-js';

/**
 * idle: nothing changed yet; pending: a change waits for the debounce;
 * saving: a request is out; saved: the server has the latest change;
 * error: the last save failed and the change is still held here.
 */
export type AutosaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface Autosave<T> {
  state: Accessor<AutosaveState>;
  /** The failure behind `error`, for its message. */
  error: Accessor<unknown>;
  /** When the server last confirmed a save (ISO timestamp), if it said. */
  savedAt: Accessor<string | undefined>;
  /** A new value to save after the debounce. */
  change: (value: T) => void;
  /** Saves now whatever is waiting; resolves true when nothing is left unsaved. */
  flush: () => Promise<boolean>;
  /** After an error: try the held change again now. */
  retry: () => Promise<boolean>;
  /** Whether a change is not yet on the server. */
  unsaved: () => boolean;
  /** Stops the timer (the held change stays unsent: call `flush` first to keep it). */
  dispose: () => void;
}

/**
 * Debounced saving that never drops a change: only the latest value is sent,
 * one request at a time, and a failed save keeps the value until a retry or
 * the next change sends it. The caller's text is never replaced by anything
 * the server answers.
 */
export function createAutosave<T>(opts: {
  save: (value: T) => Promise<{ savedAt?: string } | undefined>;
  delay?: number;
}): Autosave<T> {
  const delay = opts.delay ?? 1000;
  const [state, setState] = createSignal<AutosaveState>('idle');
  const [error, setError] = createSignal<unknown>();
  const [savedAt, setSavedAt] = createSignal<string>();
  let latest: { value: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;

  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const sendOnce = async (): Promise<void> => {
    const held = latest;
    if (!held) return;
    latest = undefined;
    setState('saving');
    try {
      const result = await opts.save(held.value);
      if (result?.savedAt) setSavedAt(result.savedAt);
      setError(undefined);
      setState(latest ? 'pending' : 'saved');
    } catch (e) {
      // A newer change typed meanwhile wins; otherwise the failed one is kept.
      latest ??= held;
      setError(e);
      setState('error');
      throw e;
    }
  };

  const run = async (): Promise<boolean> => {
    clearTimer();
    // One request at a time, so an older body can never land after a newer one.
    while (inFlight) await inFlight.catch(() => {});
    if (!latest) return state() !== 'error';
    inFlight = sendOnce();
    try {
      await inFlight;
    } catch {
      return false;
    } finally {
      inFlight = undefined;
    }
    if (latest && state() === 'pending') return run();
    return true;
  };

  return {
    state,
    error,
    savedAt,
    change: (value) => {
      latest = { value };
      if (state() !== 'saving') setState('pending');
      clearTimer();
      timer = setTimeout(() => void run(), delay);
    },
    flush: run,
    retry: run,
    unsaved: () => latest !== undefined || inFlight !== undefined,
    dispose: clearTimer,
  };
}
