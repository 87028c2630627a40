import { z } from '@hono/zod-openapi';
import type { Db } from '@rectify/store';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import type { UnitFacts } from '../queries/facts.ts';
import { findReuse, ReuseSchema, visibleReuse } from './reuse.ts';

export const TEXT_STATES = ['pending', 'done', 'failed', 'none'] as const;
export type TextState = (typeof TEXT_STATES)[number];

export const EvidenceItemSchema = z
  .object({
    id: z.string(),
    taskId: z.string().nullable(),
    unitId: z.string(),
    hash: z.string(),
    size: z.number().int(),
    mime: z.string(),
    /** The name as uploaded, for display. */
    originalName: z.string(),
    /** The sanitized name used for downloads. */
    storedName: z.string(),
    pages: z.number().int().nullable(),
    textState: z.enum(TEXT_STATES),
    uploadedAt: z.string(),
    /** Attached to the unit's current draft. */
    inDraft: z.boolean(),
    /** Submitted statement versions that include it. */
    versions: z.array(z.number().int()),
    /** The same file on another task or unit in the round (inspectors see all; units only their own). */
    reusedElsewhere: z.array(ReuseSchema),
  })
  .openapi('EvidenceItem');
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;

type Row = Omit<EvidenceItem, 'reusedElsewhere' | 'uploadedAt' | 'size'> & {
  uploadedAt: Date;
  size: string | number;
};

const COLUMNS = (db: Db) => db`
  e.id, e.task_id, e.unit_id, e.hash, e.size, e.mime, e.original_name, e.stored_name, e.pages,
  e.text_state, e.uploaded_at,
  EXISTS (SELECT 1 FROM statement_evidence se WHERE se.evidence_id = e.id) AS in_draft,
  ARRAY(SELECT v.version FROM statement_version_evidence sve
        JOIN statement_versions v ON v.id = sve.statement_version_id
        WHERE sve.evidence_id = e.id ORDER BY v.version) AS versions`;

/** All evidence a unit attached for a task, in its draft or in any submitted version. */
export function evidenceOfTask(db: Db, taskId: string, unitId: string): Promise<Row[]> {
  return db<Row[]>`
    SELECT ${COLUMNS(db)} FROM evidence e
    WHERE e.task_id = ${taskId} AND e.unit_id = ${unitId}
    ORDER BY e.uploaded_at, e.original_name`;
}

/** The evidence submitted with one statement version. */
export function evidenceOfVersion(db: Db, versionId: string): Promise<Row[]> {
  return db<Row[]>`
    SELECT ${COLUMNS(db)} FROM statement_version_evidence sve
    JOIN evidence e ON e.id = sve.evidence_id
    WHERE sve.statement_version_id = ${versionId}
    ORDER BY e.uploaded_at, e.original_name`;
}

/** One evidence row by id (undefined when missing). */
export async function evidenceById(db: Db, id: string): Promise<Row | undefined> {
  const [row] = await db<Row[]>`SELECT ${COLUMNS(db)} FROM evidence e WHERE e.id = ${id}`;
  return row;
}

/** Rows as the API answers them, with the reuse flags the caller may see. */
export async function presentEvidence(
  c: Context<ApiEnv>,
  facts: UnitFacts,
  rows: readonly Row[],
): Promise<EvidenceItem[]> {
  const reuse = await findReuse(
    c.get('deps').sql,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    size: Number(r.size),
    uploadedAt: r.uploadedAt.toISOString(),
    versions: r.versions.map(Number),
    reusedElsewhere: visibleReuse(c, facts, reuse.get(r.id) ?? []),
  }));
}
