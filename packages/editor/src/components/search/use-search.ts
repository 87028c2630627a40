import { type Accessor, createSignal, onCleanup } from 'solid-js';
import { useRound } from '../../lib/round-context.tsx';
import { type SearchResult, search } from './search-api.ts';

export interface LiveSearch {
  result: Accessor<SearchResult | undefined>;
  error: Accessor<unknown>;
  loading: Accessor<boolean>;
  /** Searches `q` after a pause in typing; a newer call cancels the older. */
  schedule: (q: string) => void;
  /** Searches now (Enter, the end of an IME composition). */
  now: (q: string) => void;
  clear: () => void;
}

/** Results as you type: debounced, and every stale request aborted. */
export function useLiveSearch(opts: { limit: number; delayMs?: number }): LiveSearch {
  const round = useRound();
  const [result, setResult] = createSignal<SearchResult>();
  const [error, setError] = createSignal<unknown>();
  const [loading, setLoading] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | undefined;
  let lastQ = '';

  const stop = () => {
    clearTimeout(timer);
    controller?.abort();
    controller = undefined;
  };
  onCleanup(stop);

  const now = (raw: string) => {
    const q = raw.trim();
    const roundId = round.current()?.id;
    stop();
    lastQ = q;
    if (!q || !roundId) {
      setResult(undefined);
      setError(undefined);
      setLoading(false);
      return;
    }
    const mine = new AbortController();
    controller = mine;
    setLoading(true);
    search(roundId, { q, limit: opts.limit }, mine.signal).then(
      (r) => {
        if (mine.signal.aborted) return;
        setResult(r);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
  };

  return {
    result,
    error,
    loading,
    now,
    schedule: (raw) => {
      clearTimeout(timer);
      if (raw.trim() === lastQ && (result() || loading())) return;
      timer = setTimeout(() => now(raw), opts.delayMs ?? 200);
    },
    clear: () => {
      stop();
      lastQ = '';
      setResult(undefined);
      setError(undefined);
      setLoading(false);
    },
  };
}
