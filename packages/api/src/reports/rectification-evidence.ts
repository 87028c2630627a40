import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@rectify/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { MAX_ORIGINAL_NAME } from '../evidence/file-name.ts';
import { finishUpload, receiveUpload, recordUpload } from '../evidence/receive-upload.ts';
import { findingFacts } from '../findings/finding-store.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { authorize } from '../lib/authorize.ts';
import { errorResponses, json, router } from '../lib/openapi.ts';
import { signedIn } from '../statements/signed-in.ts';
import { findingResource, rectificationResource } from './rectification-present.ts';
import { deliveredFindings } from './rectification-store.ts';

const EvidenceRef = z
  .object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() })
  .openapi('RectificationEvidence');

const upload = createRoute({
  method: 'post',
  path: '/findings/{id}/evidence',
  tags: ['rectification'],
  summary: 'The unit uploads evidence for its answer to a delivered finding (raw file body)',
  description:
    'Stored as evidence of the finding’s unit, outside any task’s statement draft, so a ' +
    'rectification answer never changes what a task’s next statement version carries. Send ' +
    'its id in `evidenceIds` of the answer. Same type and size rules as task evidence.',
  middleware: [signedIn] as const,
  request: {
    params: z.object({ id: z.uuid() }),
    query: z.object({ filename: z.string().min(1).max(MAX_ORIGINAL_NAME) }),
    body: { content: { '*/*': { schema: z.string().openapi({ format: 'binary' }) } } },
  },
  responses: {
    201: json(EvidenceRef, 'Stored'),
    200: json(EvidenceRef, 'The same file was already uploaded for this unit’s answers'),
    ...errorResponses,
    413: errorResponses[400],
    415: errorResponses[400],
  },
});

/** Who may answer the finding may upload for the answer: its unit's contact, while it is open. */
async function authorizeUpload(c: Context<ApiEnv>, findingId: string) {
  requireActor(c);
  const sql = c.get('deps').sql;
  const facts = await findingFacts(sql, findingId);
  const round = { id: facts.roundId, state: facts.roundState };
  await authorize(c, 'read', findingResource(round, facts), { resourceId: findingId });
  const [row] = await deliveredFindings(sql, facts.roundId, { id: findingId });
  if (!row) throw new AppError('not_found', 'This finding has not been delivered to its unit.');
  await authorize(c, 'write', rectificationResource(round, row), { resourceId: findingId });
  if (row.state === 'closed') {
    throw new AppError(
      'conflict',
      'This finding has been closed (销号); it takes no more answers.',
    );
  }
  return row;
}

async function store(c: Context<ApiEnv>, findingId: string, filename: string) {
  const row = await authorizeUpload(c, findingId);
  const deps = c.get('deps');
  const received = await receiveUpload(c, filename);
  const actor = requireActor(c);
  const stored = await recordUpload(deps, received, async (tx) => {
    // The same bytes uploaded for this unit's answers before: that row serves again.
    const [existing] = await tx<{ id: string }[]>`
      SELECT id FROM evidence
      WHERE round_id = ${row.roundId} AND unit_id = ${row.unitId} AND task_id IS NULL
        AND hash = ${received.hash}
        AND NOT EXISTS (SELECT 1 FROM interview_attachments ia WHERE ia.evidence_id = evidence.id)
      ORDER BY uploaded_at LIMIT 1`;
    if (existing) return { id: existing.id, created: false };
    const [ev] = await tx<{ id: string }[]>`
      INSERT INTO evidence (round_id, unit_id, task_id, hash, size, mime, original_name,
                            stored_name, text_state, uploaded_by, uploaded_at)
      VALUES (${row.roundId}, ${row.unitId}, NULL, ${received.hash}, ${received.size},
              ${received.mime}, ${received.originalName}, ${received.storedName},
              ${received.textState}, ${actor.user.id}, ${deps.clock()})
      RETURNING id`;
    await audit(tx, c, {
      action: 'evidence.upload',
      resourceType: 'evidence',
      resourceId: ev!.id,
      roundId: row.roundId,
      details: {
        findingId,
        unitId: row.unitId,
        hash: received.hash,
        size: received.size,
        mime: received.mime,
        name: received.storedName,
      },
    });
    return { id: ev!.id, created: true };
  });
  await finishUpload(deps, stored, received);
  const [ev] = await deps.sql<{ id: string; name: string; mime: string; size: string }[]>`
    SELECT id, original_name AS name, mime, size FROM evidence WHERE id = ${stored.id}`;
  return {
    status: stored.created ? (201 as const) : (200 as const),
    evidence: { id: ev!.id, name: ev!.name, mime: ev!.mime, size: Number(ev!.size) },
  };
}

/**
 * Evidence for a rectification answer, uploaded by the unit before it sends
 * the answer. Mounted with the rectification routes under /api.
 */
export const rectificationEvidence = router().openapi(upload, async (c) => {
  const { id } = c.req.valid('param');
  const { filename } = c.req.valid('query');
  const result = await store(c, id, filename);
  return c.json(result.evidence, result.status);
});
