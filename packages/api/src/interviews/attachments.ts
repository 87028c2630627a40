import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@rectify/domain';
import type { Db } from '@rectify/store';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { lockBlob, releaseBlob } from '../evidence/blob-refs.ts';
import { MAX_ORIGINAL_NAME } from '../evidence/file-name.ts';
import { finishUpload, receiveUpload, recordUpload } from '../evidence/receive-upload.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { authorize } from '../lib/authorize.ts';
import { ErrorSchema, errorResponses, json, router } from '../lib/openapi.ts';
import { signedIn } from '../statements/signed-in.ts';
import { interviewFacts, interviewResource } from './interview-store.ts';

/**
 * Attachments of an interview record (谈话记录扫描件: the signed record,
 * scanned). They are evidence rows of the interview's unit — same blob store,
 * type checks, limits and text extraction as any evidence — tied to the
 * record by `interview_attachments`, and from then on they ARE the record:
 * the evidence routes ask the policy about the interview for them
 * (evidence-access.ts), unit lists never hold them (no task, no statement),
 * and search shows their text only to the record's readers.
 */
export const AttachmentSchema = z
  .object({
    id: z.string().openapi({ description: 'Evidence id: open it with /api/evidence/{id}/…' }),
    name: z.string(),
    mime: z.string(),
    size: z.number().int(),
    pages: z.number().int().nullable(),
    uploadedAt: z.string(),
  })
  .openapi('InterviewAttachment');
export type Attachment = z.infer<typeof AttachmentSchema>;

/** Attachments of the given interviews, oldest first, by interview id. */
export async function attachmentsOf(
  db: Db,
  interviewIds: readonly string[],
): Promise<Map<string, Attachment[]>> {
  const out = new Map<string, Attachment[]>();
  if (interviewIds.length === 0) return out;
  const rows = await db<
    {
      interviewId: string;
      id: string;
      name: string;
      mime: string;
      size: string;
      pages: number | null;
      uploadedAt: Date;
    }[]
  >`
    SELECT ia.interview_id, e.id, e.original_name AS name, e.mime, e.size, e.pages, e.uploaded_at
    FROM interview_attachments ia JOIN evidence e ON e.id = ia.evidence_id
    WHERE ia.interview_id IN ${db(interviewIds as string[])}
    ORDER BY e.uploaded_at, e.original_name, e.id`;
  for (const r of rows) {
    const list = out.get(r.interviewId) ?? [];
    list.push({
      id: r.id,
      name: r.name,
      mime: r.mime,
      size: Number(r.size),
      pages: r.pages,
      uploadedAt: new Date(r.uploadedAt).toISOString(),
    });
    out.set(r.interviewId, list);
  }
  return out;
}

/** Who may change the record may attach to it; others learn nothing (404). */
async function authorizeWrite(c: Context<ApiEnv>, interviewId: string) {
  requireActor(c);
  const facts = await interviewFacts(c.get('deps').sql, interviewId);
  await authorize(c, 'write', interviewResource(facts), { resourceId: interviewId });
  return facts;
}

/**
 * Streams the raw body into the blob store (never held in memory, cut off at
 * the limit), decides the type from the stored bytes and records it as an
 * attachment of the interview. The same bytes attached twice answer the
 * existing attachment (200).
 */
async function storeAttachment(
  c: Context<ApiEnv>,
  interviewId: string,
  filename: string,
): Promise<{ status: 200 | 201; attachment: Attachment }> {
  const facts = await authorizeWrite(c, interviewId);
  const deps = c.get('deps');
  const received = await receiveUpload(c, filename);
  const actor = requireActor(c);
  const stored = await recordUpload(deps, received, async (tx) => {
    // Only this record's own attachments are reused: never a unit's evidence row.
    const [existing] = await tx<{ id: string }[]>`
      SELECT e.id FROM interview_attachments ia JOIN evidence e ON e.id = ia.evidence_id
      WHERE ia.interview_id = ${interviewId} AND e.hash = ${received.hash}
      ORDER BY e.uploaded_at LIMIT 1`;
    if (existing) return { id: existing.id, created: false };
    // The row and its tie to the record are one transaction: no moment exists
    // in which the file is evidence of the unit without being the record's.
    const [ev] = await tx<{ id: string }[]>`
      INSERT INTO evidence (round_id, unit_id, task_id, hash, size, mime, original_name,
                            stored_name, text_state, uploaded_by, uploaded_at)
      VALUES (${facts.roundId}, ${facts.unitId}, NULL, ${received.hash}, ${received.size},
              ${received.mime}, ${received.originalName}, ${received.storedName},
              ${received.textState}, ${actor.user.id}, ${deps.clock()})
      RETURNING id`;
    await tx`INSERT INTO interview_attachments (interview_id, evidence_id)
             VALUES (${interviewId}, ${ev!.id})`;
    await audit(tx, c, {
      action: 'interview.attach',
      resourceType: 'interview',
      resourceId: interviewId,
      roundId: facts.roundId,
      details: {
        evidenceId: ev!.id,
        hash: received.hash,
        size: received.size,
        mime: received.mime,
        name: received.storedName,
      },
    });
    return { id: ev!.id, created: true };
  });
  await finishUpload(deps, stored, received);
  const attachment = (await attachmentsOf(deps.sql, [interviewId]))
    .get(interviewId)
    ?.find((a) => a.id === stored.id);
  return { status: stored.created ? 201 : 200, attachment: attachment! };
}

/** Takes a file off the record; the evidence row goes, and its blob if nothing else uses it. */
async function removeAttachment(c: Context<ApiEnv>, interviewId: string, evidenceId: string) {
  const facts = await authorizeWrite(c, interviewId);
  const { sql, blobs } = c.get('deps');
  const hash = await sql.begin(async (tx) => {
    const [row] = await tx<{ hash: string }[]>`
      SELECT e.hash FROM interview_attachments ia JOIN evidence e ON e.id = ia.evidence_id
      WHERE ia.interview_id = ${interviewId} AND ia.evidence_id = ${evidenceId}`;
    if (!row) throw new AppError('not_found', 'Not found.');
    await lockBlob(tx, row.hash);
    await tx`DELETE FROM interview_attachments
             WHERE interview_id = ${interviewId} AND evidence_id = ${evidenceId}`;
    // Annotations pointing at the file lose the pointer (ON DELETE SET NULL).
    await tx`DELETE FROM evidence WHERE id = ${evidenceId}`;
    await audit(tx, c, {
      action: 'interview.detach',
      resourceType: 'interview',
      resourceId: interviewId,
      roundId: facts.roundId,
      details: { evidenceId, hash: row.hash },
    });
    return row.hash;
  });
  await releaseBlob(sql, blobs, hash);
}

const errorJson = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

const upload = createRoute({
  method: 'post',
  path: '/interviews/{id}/attachments',
  tags: ['interviews'],
  summary: 'Attach a file (a scan of the signed record) to an interview record (raw file body)',
  description:
    'Send the file itself as the body (Content-Length when known). Same types, size limit and ' +
    'text extraction as evidence. Only those who may change the record may attach; the file is ' +
    'then readable exactly as the record is, through the /api/evidence/{id} routes.',
  middleware: [signedIn] as const,
  request: {
    params: z.object({ id: z.uuid() }),
    query: z.object({ filename: z.string().min(1).max(MAX_ORIGINAL_NAME) }),
    body: { content: { '*/*': { schema: z.string().openapi({ format: 'binary' }) } } },
  },
  responses: {
    201: json(AttachmentSchema, 'Stored and attached'),
    200: json(AttachmentSchema, 'The same file was already attached to this record'),
    ...errorResponses,
    413: errorJson('Larger than the upload limit'),
    415: errorJson('Not an accepted type, or the content does not match the name'),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/interviews/{id}/attachments/{evidenceId}',
  tags: ['interviews'],
  summary: 'Take a file off an interview record (deleted)',
  middleware: [signedIn] as const,
  request: { params: z.object({ id: z.uuid(), evidenceId: z.uuid() }) },
  responses: { 200: json(z.object({ deleted: z.literal(true) })), ...errorResponses },
});

export const interviewAttachments = router()
  .openapi(upload, async (c) => {
    const { id } = c.req.valid('param');
    const { filename } = c.req.valid('query');
    const result = await storeAttachment(c, id, filename);
    return c.json(result.attachment, result.status);
  })
  .openapi(remove, async (c) => {
    const { id, evidenceId } = c.req.valid('param');
    await removeAttachment(c, id, evidenceId);
    return c.json({ deleted: true as const }, 200);
  });
