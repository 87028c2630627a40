import { createHash } from 'node:crypto';
import type { Db, Sql } from '../db/client.ts';
import { canonicalJson } from './canonical.ts';

export type AuditOutcome = 'ok' | 'denied' | 'failed';

/** One thing somebody did (or tried): written in the same transaction as the change. */
export interface AuditEntry {
  actorId?: string | null;
  /** Username or a description of the actor (kept even if the user is renamed). */
  actorLabel?: string;
  action: string;
  resourceType?: string;
  resourceId?: string;
  roundId?: string | null;
  address?: string;
  outcome?: AuditOutcome;
  details?: Record<string, unknown>;
}

export interface AuditRow {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string;
  roundId: string | null;
  address: string;
  outcome: AuditOutcome;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

// Serializes appends so the chain never forks; held only until commit.
const AUDIT_LOCK = 7_365_201_915;
export const GENESIS_HASH = '0'.repeat(64);

type Hashed = Omit<AuditRow, 'seq' | 'prevHash' | 'hash'>;

/** The bytes a row's hash covers: every field but seq and the hashes. */
export function canonicalAuditRow(r: Hashed): string {
  return canonicalJson({
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorLabel: r.actorLabel,
    action: r.action,
    resourceType: r.resourceType,
    resourceId: r.resourceId,
    roundId: r.roundId,
    address: r.address,
    outcome: r.outcome,
    details: r.details,
  });
}

export function chainHash(prevHash: string, row: Hashed): string {
  return createHash('sha256').update(prevHash).update(canonicalAuditRow(row)).digest('hex');
}

/**
 * Appends one entry, chained to the previous row. Pass the transaction that
 * makes the change so the record and the change commit (or fail) together;
 * given the pool, it opens its own transaction.
 */
export async function appendAudit(db: Db, entry: AuditEntry, now = new Date()): Promise<void> {
  if (!('begin' in db)) return insert(db, entry, now);
  await (db as Sql).begin((tx) => insert(tx, entry, now));
}

async function insert(tx: Db, e: AuditEntry, now: Date): Promise<void> {
  await tx`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`;
  const [last] = await tx<{ hash: string }[]>`SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1`;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row: Hashed = {
    // Millisecond precision survives the timestamptz round trip exactly.
    at: new Date(Math.floor(now.getTime())),
    actorId: e.actorId ?? null,
    actorLabel: e.actorLabel ?? '',
    action: e.action,
    resourceType: e.resourceType ?? '',
    resourceId: e.resourceId ?? '',
    roundId: e.roundId ?? null,
    address: e.address ?? '',
    outcome: e.outcome ?? 'ok',
    details: JSON.parse(canonicalJson(e.details ?? {})) as Record<string, unknown>,
  };
  const hash = chainHash(prevHash, row);
  await tx`INSERT INTO audit_log (at, actor_id, actor_label, action, resource_type, resource_id,
                                  round_id, address, outcome, details, prev_hash, hash)
           VALUES (${row.at}, ${row.actorId}, ${row.actorLabel}, ${row.action}, ${row.resourceType},
                   ${row.resourceId}, ${row.roundId}, ${row.address}, ${row.outcome},
                   ${tx.json(row.details as never)}, ${prevHash}, ${hash})`;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first row that does not verify, and why. */
  firstBad?: { seq: number; reason: string };
}

/**
 * Walks the whole chain in order. A changed row breaks its own hash; a deleted
 * row breaks the next row's link (or shows as a gap in seq).
 */
export async function verifyAudit(sql: Sql, batch = 5000): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let prevSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await sql<AuditRow[]>`
      SELECT seq::int AS seq, at, actor_id, actor_label, action, resource_type, resource_id, round_id,
             address, outcome, details, prev_hash, hash
      FROM audit_log WHERE seq > ${prevSeq} ORDER BY seq LIMIT ${batch}`;
    if (rows.length === 0) return { ok: true, checked };
    for (const r of rows) {
      if (r.prevHash !== prevHash) {
        const reason =
          checked === 0 && prevSeq === 0
            ? 'the first row does not start the chain (rows before it were deleted)'
            : `its link does not match row ${prevSeq} (a row before it was changed or deleted)`;
        return { ok: false, checked, firstBad: { seq: r.seq, reason } };
      }
      if (chainHash(r.prevHash, r) !== r.hash) {
        return {
          ok: false,
          checked,
          firstBad: {
            seq: r.seq,
            reason: 'its content does not match its hash (the row was changed)',
          },
        };
      }
      prevHash = r.hash;
      prevSeq = r.seq;
      checked++;
    }
  }
}
