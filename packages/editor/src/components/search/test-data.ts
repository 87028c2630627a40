import { vi } from 'vitest';
import { ROUND } from '../../test/fixtures.ts';
import { json } from '../../test/render.tsx';
import type { SearchHit, SearchResult } from './search-api.ts';

/** Hits for 导师制 as the server sends them, for the tests. */
export const STATEMENT_HIT: SearchHit = {
  kind: 'statement',
  id: 'sv2',
  part: 0,
  unit: { id: 'unit-jwc', name: '教务处' },
  snippet: {
    text: '…已修订《本科生导师制实施办法》，全面推行本科生导师制…',
    highlights: [
      [8, 11],
      [24, 27],
    ],
  },
  target: { statementVersionId: 'sv2', taskId: 't11', title: '修订本科生导师制实施办法' },
};

export const EVIDENCE_HIT: SearchHit = {
  kind: 'evidence',
  id: 'ev1',
  part: 3,
  unit: { id: 'unit-jwc', name: '教务处' },
  snippet: { text: '导师制实施办法（2023年修订）', highlights: [[0, 3]] },
  target: {
    statementVersionId: 'sv2',
    taskId: 't11',
    title: '修订本科生导师制实施办法',
    evidenceName: '导师制实施办法.pdf',
  },
};

export const ANNOTATION_HIT: SearchHit = {
  kind: 'annotation',
  id: 'ann-1',
  part: 0,
  unit: { id: 'unit-jwc', name: '教务处' },
  snippet: { text: '导师制只有文件 <b>没有</b> 落实记录', highlights: [[0, 3]] },
  target: { statementVersionId: 'sv2', taskId: 't11', title: '修订本科生导师制实施办法' },
};

export function result(
  q: string,
  hits: SearchHit[],
  counts?: SearchResult['counts'],
): SearchResult {
  const c =
    counts ??
    hits.reduce<SearchResult['counts']>((acc, h) => {
      acc[h.kind] = (acc[h.kind] ?? 0) + 1;
      return acc;
    }, {});
  return {
    query: q,
    total: Object.values(c).reduce((n, x) => n + (x ?? 0), 0),
    counts: c,
    hits,
  };
}

type Answer = (url: URL, init: RequestInit | undefined) => Response | Promise<Response>;

/**
 * `fetch` for the search screens: `/api/rounds` answers the fixtures' round,
 * search requests go to `answer` (with their URL, so tests can read `q`),
 * anything else is a 404.
 */
export function stubSearchFetch(answer: Answer) {
  const calls: Array<{ url: URL; signal: AbortSignal | null | undefined }> = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const raw = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(raw, 'http://localhost');
    if (url.pathname === '/api/rounds') return json(200, [ROUND]);
    if (url.pathname === `/api/rounds/${ROUND.id}/search`) {
      calls.push({ url, signal: init?.signal });
      return answer(url, init);
    }
    return json(404, { error: { code: 'not_found', message: 'no route' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}
