/**
 * Which evidence the viewer shows, kept in the URL (`?evidence=<id>&page=3`)
 * so an annotation, a finding or a colleague's message can point at
 * "evidence X, page 3" and the viewer opens there.
 */
export interface EvidenceTarget {
  evidenceId: string;
  /** 1-based page for paged files; null for the others. */
  page: number | null;
}

export function readEvidenceTarget(query: URLSearchParams): EvidenceTarget | undefined {
  const evidenceId = query.get('evidence');
  if (!evidenceId) return undefined;
  const raw = Number(query.get('page'));
  const page = Number.isInteger(raw) && raw >= 1 ? raw : null;
  return { evidenceId, page };
}

/** The same path with the target in its query; other parameters are kept. */
export function withEvidenceTarget(
  path: string,
  query: URLSearchParams,
  target: EvidenceTarget | undefined,
): string {
  const next = new URLSearchParams(query);
  next.delete('evidence');
  next.delete('page');
  if (target) {
    next.set('evidence', target.evidenceId);
    if (target.page !== null) next.set('page', String(target.page));
  }
  const qs = next.toString();
  return qs ? `${path}?${qs}` : path;
}

export function reviewPath(statementVersionId: string, target?: EvidenceTarget): string {
  return withEvidenceTarget(
    `/review/${encodeURIComponent(statementVersionId)}`,
    new URLSearchParams(),
    target,
  );
}

/** `/review/{statementVersionId}` → the id, or undefined for any other path. */
export function reviewIdOf(path: string): string | undefined {
  return /^\/review\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path)?.[1];
}
