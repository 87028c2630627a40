import type { AuditOutcome, Db } from '@rectify/store';

export interface AuditFilter {
  /** A user id, or the username the row was written with. */
  actor?: string | undefined;
  /** An exact action, or a prefix ending in `*` (`user.*`). */
  action?: string | undefined;
  resourceType?: string | undefined;
  resourceId?: string | undefined;
  roundId?: string | undefined;
  outcome?: AuditOutcome | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Only rows older than this seq: the cursor of the next page. */
  before?: number | undefined;
  limit: number;
}

export interface AuditItem {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string;
  roundId: string | null;
  address: string;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
  hash: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** Audit rows matching the filter, newest first. */
export async function searchAudit(db: Db, f: AuditFilter): Promise<AuditItem[]> {
  const conditions = [
    f.actor &&
      (UUID.test(f.actor) ? db`actor_id = ${f.actor}` : db`lower(actor_label) = lower(${f.actor})`),
    f.action &&
      (f.action.endsWith('*')
        ? db`action LIKE ${`${likeEscape(f.action.slice(0, -1))}%`}`
        : db`action = ${f.action}`),
    f.resourceType && db`resource_type = ${f.resourceType}`,
    f.resourceId && db`resource_id = ${f.resourceId}`,
    f.roundId && db`round_id = ${f.roundId}`,
    f.outcome && db`outcome = ${f.outcome}`,
    f.from && db`at >= ${f.from}`,
    f.to && db`at < ${f.to}`,
    f.before !== undefined && db`seq < ${f.before}`,
  ].filter((x) => !!x);
  const where = conditions.reduce(
    (acc, cond, i) => (i === 0 ? db`WHERE ${cond}` : db`${acc} AND ${cond}`),
    db``,
  );
  const rows = await db<(Omit<AuditItem, 'seq' | 'at'> & { seq: string; at: Date })[]>`
    SELECT seq::text AS seq, at, actor_id, actor_label, action, resource_type, resource_id,
           round_id, address, outcome, details, hash
    FROM audit_log ${where}
    ORDER BY audit_log.seq DESC LIMIT ${f.limit}`;
  return rows.map((r) => ({ ...r, seq: Number(r.seq), at: r.at.toISOString() }));
}
