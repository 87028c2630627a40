/**
 * The order of annotations in the column and for J / K: orphans first (they
 * need a hand), then by where their passage starts in the statement.
 */
export interface Placed {
  id: string;
  createdAt: string;
  orphaned: boolean;
}

export interface Span {
  from: number;
  to: number;
}

export function orderAnnotations<T extends Placed>(
  list: readonly T[],
  spans: ReadonlyMap<string, Span>,
): T[] {
  const rank = (a: T) => (a.orphaned || !spans.has(a.id) ? 0 : 1);
  return [...list].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0) return byRank;
    const sa = spans.get(a.id);
    const sb = spans.get(b.id);
    if (sa && sb) {
      if (sa.from !== sb.from) return sa.from - sb.from;
      if (sa.to !== sb.to) return sa.to - sb.to;
    }
    if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * The id J (`+1`) or K (`-1`) moves to. From nothing, J starts at the top and
 * K at the bottom; at either end it stays put rather than jump across.
 */
export function stepThrough(
  order: readonly string[],
  current: string | undefined,
  direction: 1 | -1,
): string | undefined {
  if (order.length === 0) return undefined;
  const at = current === undefined ? -1 : order.indexOf(current);
  if (at < 0) return direction === 1 ? order[0] : order[order.length - 1];
  const next = Math.min(order.length - 1, Math.max(0, at + direction));
  return order[next];
}
