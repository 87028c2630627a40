import type { Db } from '@rectify/store';
import type { SearchScopes } from './scopes.ts';

export const SEARCH_KINDS = [
  'statement',
  'evidence',
  'annotation',
  'finding',
  'interview',
  'minutes',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface Snippet {
  text: string;
  /** [start, end) of each match inside `text`. */
  highlights: Array<[number, number]>;
}

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** Evidence page (1-based); 0 for the others. */
  part: number;
  unitId: string | null;
  snippet: Snippet;
  /** What the caller needs to open the hit where it is. */
  target: {
    statementVersionId?: string;
    taskId?: string;
    title?: string;
    evidenceName?: string;
  };
}

/** Collapses whitespace so snippets read as one line. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

/** A window of text around the first match, with every match in it marked. */
export function makeSnippet(body: string, query: string, radius = 40): Snippet {
  const text = flat(body);
  const lower = text.toLowerCase();
  const needle = flat(query).toLowerCase();
  const first = lower.indexOf(needle);
  if (first < 0 || needle.length === 0) {
    return { text: text.slice(0, radius * 2), highlights: [] };
  }
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, first + needle.length + radius);
  const prefix = start > 0 ? '…' : '';
  const window = `${prefix}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
  const highlights: Array<[number, number]> = [];
  let at = lower.indexOf(needle, start);
  while (at >= 0 && at + needle.length <= end) {
    const s = at - start + prefix.length;
    highlights.push([s, s + needle.length]);
    at = lower.indexOf(needle, at + needle.length);
  }
  return { text: window, highlights };
}

/**
 * Finds a phrase in a round, within what the caller may read. The scopes
 * (from the one policy) are part of the WHERE clause, so totals, per-kind
 * counts and snippets only ever come from visible rows.
 */
export async function searchRound(
  db: Db,
  roundId: string,
  scopes: SearchScopes,
  query: string,
  opts: { kinds: readonly SearchKind[]; limit: number; offset: number },
): Promise<{ total: number; counts: Record<SearchKind, number>; hits: SearchHit[] }> {
  const q = query.trim();
  // The text of a file attached to an interview record is the record's: it is
  // found as the interview (only by those who may read it), never as the
  // unit's evidence. Only evidence entries are looked up (CASE keeps the
  // others, whose ref ids are no uuids, out of the cast and out of the index).
  const attachedTo = db`(SELECT ia.interview_id FROM interview_attachments ia
    WHERE ia.evidence_id = (CASE WHEN e.kind = 'evidence' THEN e.ref_id::uuid END) LIMIT 1)`;
  const kind = db`(CASE e.kind WHEN 'evidence' THEN
    CASE WHEN ${attachedTo} IS NULL THEN 'evidence' ELSE 'interview' END ELSE e.kind END)`;
  const wanted = new Set<string>(opts.kinds);
  if (wanted.has('interview')) wanted.add('evidence');
  const visible = db`
    e.round_id = ${roundId}
    AND e.kind IN ${db([...wanted])}
    AND e.grams @> rectify_grams(${q})
    AND strpos(lower(e.body), lower(${q})) > 0
    AND (
      (e.kind = 'statement' AND e.unit_id = ANY(${scopes.materialUnits}::uuid[]))
      OR (e.kind = 'evidence' AND ${opts.kinds.includes('evidence')}
        AND e.unit_id = ANY(${scopes.materialUnits}::uuid[]) AND ${attachedTo} IS NULL)
      OR (e.kind = 'evidence' AND ${opts.kinds.includes('interview')}
        AND ${attachedTo}::text = ANY(${scopes.interviewIds}::text[]))
      OR (e.kind = 'annotation' AND e.unit_id = ANY(${scopes.annotationUnits}::uuid[]))
      OR (e.kind = 'finding' AND (e.unit_id::text || ':' || e.scope) = ANY(${scopes.findingScopes}::text[]))
      OR (e.kind = 'interview' AND e.ref_id = ANY(${scopes.interviewIds}::text[]))
      OR (e.kind = 'minutes' AND ${scopes.minutes})
    )`;
  const countRows = await db<{ kind: SearchKind; n: number }[]>`
    SELECT ${kind} AS kind, count(*)::int AS n FROM search_entries e WHERE ${visible} GROUP BY 1`;
  const counts = Object.fromEntries(SEARCH_KINDS.map((k) => [k, 0])) as Record<SearchKind, number>;
  for (const r of countRows) counts[r.kind] = r.n;
  const total = countRows.reduce((n, r) => n + r.n, 0);

  const rows = await db<
    {
      kind: SearchKind;
      refId: string;
      part: number;
      unitId: string | null;
      body: string;
      versionId: string | null;
      taskId: string | null;
      title: string | null;
      evidenceName: string | null;
    }[]
  >`
    SELECT e.shown_kind AS kind, COALESCE(att.interview_id::text, e.ref_id) AS ref_id,
      e.part, e.unit_id, e.body,
      CASE WHEN att.interview_id IS NOT NULL THEN NULL ELSE CASE e.kind
        WHEN 'statement' THEN e.ref_id
        WHEN 'annotation' THEN (SELECT a.statement_version_id::text FROM annotations a WHERE a.id = e.ref_id)
        WHEN 'evidence' THEN (
          SELECT sve.statement_version_id::text FROM statement_version_evidence sve
          JOIN statement_versions v ON v.id = sve.statement_version_id
          WHERE sve.evidence_id = e.ref_id::uuid ORDER BY v.submitted_at DESC LIMIT 1)
      END END AS version_id,
      CASE WHEN att.interview_id IS NOT NULL THEN NULL ELSE CASE e.kind
        WHEN 'statement' THEN (SELECT s.task_id::text FROM statement_versions v
          JOIN statements s ON s.id = v.statement_id WHERE v.id = e.ref_id::uuid)
        WHEN 'evidence' THEN (SELECT ev.task_id::text FROM evidence ev WHERE ev.id = e.ref_id::uuid)
        WHEN 'annotation' THEN (SELECT a.task_id::text FROM annotations a WHERE a.id = e.ref_id)
      END END AS task_id,
      CASE WHEN att.interview_id IS NOT NULL THEN (SELECT to_char(i.held_on, 'YYYY-MM-DD')
        FROM interviews i WHERE i.id = att.interview_id) ELSE CASE e.kind
        WHEN 'finding' THEN (SELECT f.title FROM findings f WHERE f.id = e.ref_id::uuid)
        WHEN 'minutes' THEN (SELECT m.title || ' ' || to_char(m.held_on, 'YYYY-MM-DD') FROM meetings m
          WHERE m.id = e.ref_id::uuid)
        WHEN 'interview' THEN (SELECT to_char(i.held_on, 'YYYY-MM-DD') FROM interviews i WHERE i.id = e.ref_id::uuid)
        ELSE (SELECT t.title FROM tasks t WHERE t.id = (
          CASE e.kind
            WHEN 'statement' THEN (SELECT s.task_id::text FROM statement_versions v
              JOIN statements s ON s.id = v.statement_id WHERE v.id = e.ref_id::uuid)
            WHEN 'evidence' THEN (SELECT ev.task_id::text FROM evidence ev WHERE ev.id = e.ref_id::uuid)
            WHEN 'annotation' THEN (SELECT a.task_id::text FROM annotations a WHERE a.id = e.ref_id)
          END)::uuid)
      END END AS title,
      CASE WHEN e.kind = 'evidence'
        THEN (SELECT ev.original_name FROM evidence ev WHERE ev.id = e.ref_id::uuid) END AS evidence_name
    FROM (
      SELECT e.*, ${kind} AS shown_kind FROM search_entries e WHERE ${visible}
      ORDER BY
        CASE ${kind} WHEN 'statement' THEN 0 WHEN 'evidence' THEN 1 WHEN 'annotation' THEN 2
          WHEN 'finding' THEN 3 WHEN 'interview' THEN 4 ELSE 5 END,
        e.at DESC, e.ref_id, e.part
      LIMIT ${opts.limit} OFFSET ${opts.offset}
    ) e
    LEFT JOIN LATERAL (
      SELECT ia.interview_id FROM interview_attachments ia
      WHERE e.shown_kind = 'interview' AND e.kind = 'evidence'
        AND ia.evidence_id = (CASE WHEN e.kind = 'evidence' THEN e.ref_id::uuid END)
      LIMIT 1
    ) att ON true
    ORDER BY
      CASE e.shown_kind WHEN 'statement' THEN 0 WHEN 'evidence' THEN 1 WHEN 'annotation' THEN 2
        WHEN 'finding' THEN 3 WHEN 'interview' THEN 4 ELSE 5 END,
      e.at DESC, e.ref_id, e.part`;
  return {
    total,
    counts,
    hits: rows.map((r) => ({
      kind: r.kind,
      id: r.refId,
      part: r.part,
      unitId: r.unitId,
      snippet: makeSnippet(r.body, q),
      target: {
        ...(r.versionId ? { statementVersionId: r.versionId } : {}),
        ...(r.taskId ? { taskId: r.taskId } : {}),
        ...(r.title ? { title: r.title } : {}),
        ...(r.evidenceName ? { evidenceName: r.evidenceName } : {}),
      },
    })),
  };
}
