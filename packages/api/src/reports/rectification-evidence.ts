import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createRoute, z } from '@hono/zod-openapi';
import { AppError, isAppError } from '@rectify/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { lockBlob, releaseBlob } from '../evidence/blob-refs.ts';
import {
  extractEvidenceText,
  hasExtractableText,
  scheduleEvidenceText,
} from '../evidence/extract-text.ts';
import { cleanOriginalName, MAX_ORIGINAL_NAME, sanitizeStoredName } from '../evidence/file-name.ts';
import {
  EXTRACT_MAX_BYTES,
  formatBytes,
  maxUploadBytes,
  SYNC_EXTRACT_BYTES,
} from '../evidence/limits.ts';
import { judge, judgeName, sniffBlob } from '../evidence/sniff.ts';
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

function tooLarge(limit: number): AppError {
  const size = formatBytes(limit);
  return new AppError(
    'payload_too_large',
    `文件过大：单个文件不能超过 ${size}。请压缩或拆分后再上传。 The file is larger than the ${size} limit.`,
    { maxBytes: limit },
  );
}

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
  const originalName = cleanOriginalName(filename);
  const storedName = sanitizeStoredName(originalName);
  const byName = judgeName(storedName);
  if (!byName.ok) throw new AppError('unsupported_media_type', byName.message);

  const limit = maxUploadBytes(deps);
  const header = c.req.header('content-length');
  if (header !== undefined && !/^\d{1,16}$/.test(header.trim())) {
    throw new AppError('bad_request', 'Content-Length is not a number.');
  }
  const size = header === undefined ? undefined : Number(header.trim());
  if (size !== undefined && size > limit) throw tooLarge(limit);
  const body = c.req.raw.body;
  if (!body || size === 0) throw new AppError('bad_request', '文件为空。The file is empty.');

  let put: Awaited<ReturnType<typeof deps.blobs.put>>;
  try {
    put = await deps.blobs.put(Readable.fromWeb(body as WebReadableStream<Uint8Array>), {
      size,
      maxBytes: limit,
    });
  } catch (e) {
    if (isAppError(e) && e.code === 'payload_too_large') throw tooLarge(limit);
    throw e;
  }
  if (put.size === 0) {
    await releaseBlob(deps.sql, deps.blobs, put.hash);
    throw new AppError('bad_request', '文件为空。The file is empty.');
  }
  const verdict = judge(storedName, await sniffBlob(deps.blobs, put.hash, put.size));
  if (!verdict.ok) {
    await releaseBlob(deps.sql, deps.blobs, put.hash);
    throw new AppError('unsupported_media_type', verdict.message, {
      ...(verdict.detected ? { detected: verdict.detected } : {}),
    });
  }

  const extractable = hasExtractableText(verdict.mime) && put.size <= EXTRACT_MAX_BYTES;
  const actor = requireActor(c);
  let stored: { id: string; created: boolean };
  try {
    stored = await deps.sql.begin(async (tx) => {
      await lockBlob(tx, put.hash);
      if (!(await deps.blobs.has(put.hash))) {
        throw new AppError(
          'conflict',
          '上传未完成，请重试。The upload was interrupted; try again.',
        );
      }
      // The same bytes uploaded for this unit's answers before: that row serves again.
      const [existing] = await tx<{ id: string }[]>`
        SELECT id FROM evidence
        WHERE round_id = ${row.roundId} AND unit_id = ${row.unitId} AND task_id IS NULL
          AND hash = ${put.hash}
          AND NOT EXISTS (SELECT 1 FROM interview_attachments ia WHERE ia.evidence_id = evidence.id)
        ORDER BY uploaded_at LIMIT 1`;
      if (existing) return { id: existing.id, created: false };
      const [ev] = await tx<{ id: string }[]>`
        INSERT INTO evidence (round_id, unit_id, task_id, hash, size, mime, original_name,
                              stored_name, text_state, uploaded_by, uploaded_at)
        VALUES (${row.roundId}, ${row.unitId}, NULL, ${put.hash}, ${put.size}, ${verdict.mime},
                ${originalName}, ${storedName}, ${extractable ? 'pending' : 'none'},
                ${actor.user.id}, ${deps.clock()})
        RETURNING id`;
      await audit(tx, c, {
        action: 'evidence.upload',
        resourceType: 'evidence',
        resourceId: ev!.id,
        roundId: row.roundId,
        details: {
          findingId,
          unitId: row.unitId,
          hash: put.hash,
          size: put.size,
          mime: verdict.mime,
          name: storedName,
        },
      });
      return { id: ev!.id, created: true };
    });
  } catch (e) {
    await releaseBlob(deps.sql, deps.blobs, put.hash).catch(() => undefined);
    throw e;
  }
  if (stored.created && extractable) {
    if (put.size <= SYNC_EXTRACT_BYTES) {
      await extractEvidenceText(deps.sql, deps.blobs, stored.id, deps.clock);
    } else {
      scheduleEvidenceText(deps.sql, deps.blobs, stored.id, deps.clock);
    }
  }
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
