import type { AnnotationData } from '@rectify/domain';
import type { TransactionSql } from '../db/client.ts';
import type { DocProjector } from './doc-store.ts';

/** One annotation as the projection stores it; `id` is its key in the doc's annotations map. */
export type AnnotationProjectionRow = Pick<
  AnnotationData,
  | 'id'
  | 'quote'
  | 'questions'
  | 'frameworkVersion'
  | 'step'
  | 'evidence'
  | 'interviewId'
  | 'status'
  | 'authorId'
  | 'createdAt'
  | 'updatedAt'
  | 'bodyText'
  | 'anchorConfidence'
  | 'orphaned'
  | 'deleted'
>;

/**
 * What a review-doc update hands the projector, captured (by collab) right
 * after the update was applied to the room's doc: the annotations it touched
 * as they then were, and those it removed from the map.
 */
export interface ReviewProjection {
  /**
   * Increases with every capture in this process. When a failed append is
   * retried after a later update of the same annotation was stored, the
   * older capture is skipped for that annotation instead of undoing it.
   */
  readonly order: number;
  readonly upserts: readonly AnnotationProjectionRow[];
  readonly removed: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INT4 = 2 ** 31 - 1;

/** Text PostgreSQL accepts: no NUL, no lone surrogate (which JSON would carry as an escape it rejects). */
const text = (s: unknown): string =>
  String(s ?? '')
    .replaceAll('\u0000', '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const int4 = (n: unknown): number | null =>
  typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= INT4 ? n : null;

/** An ISO timestamp PostgreSQL parses, or null (the column then takes now()). */
function timestamp(s: unknown): string | null {
  if (typeof s !== 'string') return null;
  const d = new Date(s);
  const year = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || year < 1 || year > 9999 ? null : d.toISOString();
}

/**
 * Client data is untrusted: everything a CHECK, type or foreign key could
 * refuse is cleaned here or matched in SQL, so one odd annotation can never
 * fail the transaction that stores the doc's updates.
 */
function toSqlRow(a: AnnotationProjectionRow) {
  const evidenceId = a.evidence?.evidenceId;
  const confidence = a.anchorConfidence;
  return {
    id: text(a.id),
    framework_version: int4(a.frameworkVersion) ?? 1,
    step: typeof a.step === 'string' && /^S[0-9]+$/.test(a.step) ? a.step : null,
    status: a.status === 'resolved' ? 'resolved' : 'open',
    quote: text(a.quote?.text),
    body_text: text(a.bodyText),
    evidence_id: typeof evidenceId === 'string' && UUID.test(evidenceId) ? evidenceId : null,
    evidence_page: int4(a.evidence?.page),
    interview_id:
      typeof a.interviewId === 'string' && UUID.test(a.interviewId) ? a.interviewId : null,
    anchor_confidence:
      typeof confidence === 'number' && Number.isFinite(confidence) ? confidence : null,
    orphaned: a.orphaned === true,
    author_id: typeof a.authorId === 'string' && UUID.test(a.authorId) ? a.authorId : null,
    created_at: timestamp(a.createdAt),
    updated_at: timestamp(a.updatedAt),
    deleted: a.deleted === true,
  };
}

/** The annotations to write and remove for one doc, newest capture per annotation winning. */
function merge(
  projections: readonly ReviewProjection[],
  skip: (id: string, order: number) => boolean,
): { upserts: AnnotationProjectionRow[]; removed: string[] } {
  const latest = new Map<string, { order: number; row: AnnotationProjectionRow | undefined }>();
  for (const p of projections) {
    const put = (id: string, row: AnnotationProjectionRow | undefined): void => {
      if (skip(id, p.order) || (latest.get(id)?.order ?? -1) > p.order) return;
      latest.set(id, { order: p.order, row });
    };
    for (const row of p.upserts) put(row.id, row);
    for (const id of p.removed) put(id, undefined);
  }
  const upserts: AnnotationProjectionRow[] = [];
  const removed: string[] = [];
  for (const [id, { row }] of latest) {
    if (row) upserts.push(row);
    else removed.push(id);
  }
  return { upserts, removed };
}

/**
 * Writes one review doc's annotations into `annotations` and
 * `annotation_questions`, in one statement. Facts that are not the doc's to
 * say (round, unit, task, group) come from the statement version the doc
 * reviews; an annotation id already used by another doc is left alone.
 */
export async function writeAnnotationProjection(
  tx: TransactionSql,
  docName: string,
  statementVersionId: string,
  upserts: readonly AnnotationProjectionRow[],
  removed: readonly string[],
): Promise<void> {
  const rows = upserts.map(toSqlRow).filter((r) => r.id !== '');
  const tags = upserts.flatMap((a) =>
    [...new Set(a.questions)]
      .filter((q) => typeof q === 'string' && /^Q[0-9]+$/.test(q))
      .map((q) => ({ id: text(a.id), q })),
  );
  const gone = removed.map(text);
  await tx`
    WITH facts AS (
      SELECT v.id AS version_id, s.round_id, s.unit_id, s.task_id, ua.group_id
      FROM statement_versions v
      JOIN statements s ON s.id = v.statement_id
      LEFT JOIN unit_assignments ua ON ua.round_id = s.round_id AND ua.unit_id = s.unit_id
      WHERE v.id::text = ${statementVersionId}
    ), input AS (
      SELECT * FROM jsonb_to_recordset(${tx.json(rows as never)}::jsonb) AS r(
        id text, framework_version integer, step text, status text, quote text, body_text text,
        evidence_id text, evidence_page integer, interview_id uuid, anchor_confidence real,
        orphaned boolean, author_id text, created_at timestamptz, updated_at timestamptz,
        deleted boolean)
    ), upserted AS (
      INSERT INTO annotations AS a (
        id, doc_name, round_id, unit_id, task_id, group_id, statement_version_id,
        framework_version, step, status, quote, body_text, evidence_id, evidence_page,
        interview_id, anchor_confidence, orphaned, author_id, created_at, updated_at, deleted)
      SELECT i.id, ${docName}, f.round_id, f.unit_id, f.task_id, f.group_id, f.version_id,
        i.framework_version, i.step, i.status, i.quote, i.body_text,
        (SELECT e.id FROM evidence e WHERE e.id::text = i.evidence_id AND e.unit_id = f.unit_id
           AND NOT EXISTS (SELECT 1 FROM interview_attachments ia WHERE ia.evidence_id = e.id)),
        i.evidence_page,
        (SELECT iv.id FROM interviews iv WHERE iv.id = i.interview_id AND iv.unit_id = f.unit_id),
        i.anchor_confidence, i.orphaned,
        (SELECT u.id FROM users u WHERE u.id::text = i.author_id),
        coalesce(i.created_at, now()), coalesce(i.updated_at, now()), i.deleted
      FROM input i CROSS JOIN facts f
      ON CONFLICT (id) DO UPDATE SET
        round_id = excluded.round_id, unit_id = excluded.unit_id, task_id = excluded.task_id,
        group_id = excluded.group_id, statement_version_id = excluded.statement_version_id,
        framework_version = excluded.framework_version, step = excluded.step,
        status = excluded.status, quote = excluded.quote, body_text = excluded.body_text,
        evidence_id = excluded.evidence_id, evidence_page = excluded.evidence_page,
        interview_id = excluded.interview_id, anchor_confidence = excluded.anchor_confidence,
        orphaned = excluded.orphaned, author_id = excluded.author_id,
        created_at = excluded.created_at, updated_at = excluded.updated_at,
        deleted = excluded.deleted
      WHERE a.doc_name = excluded.doc_name
      RETURNING a.id, a.round_id, a.unit_id
    ), tags AS (
      SELECT * FROM jsonb_to_recordset(${tx.json(tags as never)}::jsonb) AS t(id text, q text)
    ), dropped_tags AS (
      DELETE FROM annotation_questions q USING upserted u
      WHERE q.annotation_id = u.id
        AND NOT EXISTS (SELECT 1 FROM tags t WHERE t.id = q.annotation_id AND t.q = q.question)
    ), added_tags AS (
      INSERT INTO annotation_questions (annotation_id, question, round_id, unit_id)
      SELECT t.id, t.q, u.round_id, u.unit_id FROM tags t JOIN upserted u ON u.id = t.id
      ON CONFLICT DO NOTHING
    ), removed AS (
      DELETE FROM annotations a WHERE a.doc_name = ${docName} AND a.id = ANY(${gone}::text[])
    )
    SELECT count(*)::int AS n FROM upserted`;
}

/** Most (doc, annotation) orders remembered before the memory is cleared (a retry race is rare and short). */
const MAX_REMEMBERED = 200_000;

/**
 * The projector of review documents (`review.<statementVersionId>`) for
 * `PgDocStore`'s `projectors`. It remembers, per annotation, the newest
 * capture committed, so an older capture retried later never overwrites it.
 */
export function createAnnotationProjector(): DocProjector {
  const committedOrder = new Map<string, number>();
  const key = (docName: string, id: string): string => `${docName}\u0000${id}`;
  return {
    async project(tx, docName, projections) {
      const statementVersionId = docName.slice(docName.indexOf('.') + 1);
      const { upserts, removed } = merge(
        projections as readonly ReviewProjection[],
        (id, order) => (committedOrder.get(key(docName, id)) ?? -1) > order,
      );
      if (upserts.length === 0 && removed.length === 0) return;
      await writeAnnotationProjection(tx, docName, statementVersionId, upserts, removed);
    },
    committed(docName, projections) {
      if (committedOrder.size > MAX_REMEMBERED) committedOrder.clear();
      for (const p of projections as readonly ReviewProjection[]) {
        for (const id of [...p.upserts.map((u) => u.id), ...p.removed]) {
          const k = key(docName, id);
          if ((committedOrder.get(k) ?? -1) < p.order) committedOrder.set(k, p.order);
        }
      }
    },
  };
}
