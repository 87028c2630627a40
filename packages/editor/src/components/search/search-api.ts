import { ApiError, type ApiErrorCode } from '../../lib/api.ts';

/**
 * The search contract (packages/api/src/search/routes.ts) and where each hit
 * opens. The server filters by the access policy in its query; the screens
 * show what comes back and nothing else.
 */
export const SEARCH_KINDS = [
  'statement',
  'evidence',
  'annotation',
  'finding',
  'interview',
  'minutes',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const isSearchKind = (value: unknown): value is SearchKind =>
  SEARCH_KINDS.includes(value as SearchKind);

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** Evidence page (1-based); 0 for the other kinds. */
  part: number;
  unit: { id: string; name: string } | null;
  snippet: { text: string; highlights: Array<[number, number]> };
  target: {
    statementVersionId?: string;
    taskId?: string;
    title?: string;
    evidenceName?: string;
  };
}

export interface SearchResult {
  query: string;
  total: number;
  counts: Partial<Record<SearchKind, number>>;
  hits: SearchHit[];
}

export interface SearchParams {
  q: string;
  kinds?: readonly SearchKind[];
  limit?: number;
  offset?: number;
}

export function searchUrl(roundId: string, p: SearchParams): string {
  const qs = new URLSearchParams({ q: p.q });
  if (p.kinds?.length) qs.set('kinds', p.kinds.join(','));
  if (p.limit !== undefined) qs.set('limit', String(p.limit));
  if (p.offset) qs.set('offset', String(p.offset));
  return `/api/rounds/${encodeURIComponent(roundId)}/search?${qs}`;
}

/**
 * One search request that can be cancelled: a newer keystroke aborts the
 * older request, so a slow answer never overwrites a fresh one. (The shared
 * `request()` takes no signal, hence this small fetch of its own.)
 */
export async function search(
  roundId: string,
  p: SearchParams,
  signal?: AbortSignal,
): Promise<SearchResult> {
  let res: Response;
  try {
    res = await fetch(searchUrl(roundId, p), {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal,
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError({ status: 0, code: 'network', message: 'Network request failed' });
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError({
      status: res.status,
      code: (error?.code as ApiErrorCode | undefined) ?? 'internal',
      message: error?.message ?? `HTTP ${res.status}`,
    });
  }
  if (!body || typeof body !== 'object' || !Array.isArray((body as SearchResult).hits)) {
    throw new ApiError({ status: res.status, code: 'bad_response', message: 'Invalid JSON' });
  }
  return body as SearchResult;
}

/** `/search?q=…` (with a kind filter and page when given). */
export function searchPagePath(q: string, kind?: SearchKind, page?: number): string {
  const qs = new URLSearchParams();
  if (q) qs.set('q', q);
  if (kind) qs.set('kind', kind);
  if (page && page > 1) qs.set('page', String(page));
  const s = qs.toString();
  return s ? `/search?${s}` : '/search';
}

/**
 * Where a hit opens, at its place: the statement passage (highlighted from
 * `q`), the evidence page, the annotation's card, the finding, the record.
 * Unit contacts have no review workspace: their statements and evidence open
 * in their portal's task page.
 */
export function hitPath(hit: SearchHit, q: string, opts: { portal: boolean }): string {
  const seg = encodeURIComponent;
  const { statementVersionId: version, taskId } = hit.target;
  const unit = hit.unit ? `?unit=${seg(hit.unit.id)}` : '';
  const portalTask = taskId ? `/tasks/${seg(taskId)}${unit}` : undefined;
  switch (hit.kind) {
    case 'statement':
      if (opts.portal || !version) return portalTask ?? searchPagePath(q);
      return `/review/${seg(version)}?${new URLSearchParams({ q })}`;
    case 'evidence': {
      if (opts.portal || !version) return portalTask ?? searchPagePath(q);
      const qs = new URLSearchParams({ evidence: hit.id });
      if (hit.part > 0) qs.set('page', String(hit.part));
      return `/review/${seg(version)}?${qs}`;
    }
    case 'annotation':
      return version
        ? `/review/${seg(version)}?annotation=${seg(hit.id)}`
        : (portalTask ?? searchPagePath(q));
    case 'finding':
      return `/findings?finding=${seg(hit.id)}`;
    case 'interview':
      return `/interviews?interview=${seg(hit.id)}`;
    case 'minutes':
      // The meetings page opens one meeting from `?id=`.
      return `/meetings?id=${seg(hit.id)}`;
  }
}

/** Splits a snippet into plain and highlighted runs, for `<mark>` without innerHTML. */
export function snippetRuns(snippet: SearchHit['snippet']): Array<{ text: string; hit: boolean }> {
  const runs: Array<{ text: string; hit: boolean }> = [];
  const text = snippet.text;
  let at = 0;
  const sorted = [...snippet.highlights].sort((a, b) => a[0] - b[0]);
  for (const [rawStart, rawEnd] of sorted) {
    const start = Math.max(at, Math.min(rawStart, text.length));
    const end = Math.max(start, Math.min(rawEnd, text.length));
    if (start > at) runs.push({ text: text.slice(at, start), hit: false });
    if (end > start) runs.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), hit: false });
  return runs;
}
