import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError, isAppError } from '@rectify/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { touchStatement } from '../statements/statement-store.ts';
import { authorizeTask, type TaskScope } from '../statements/task-scope.ts';
import { lockBlob, releaseBlob } from './blob-refs.ts';
import { type EvidenceItem, evidenceById, presentEvidence } from './evidence-list.ts';
import { extractEvidenceText, hasExtractableText, scheduleEvidenceText } from './extract-text.ts';
import { cleanOriginalName, sanitizeStoredName } from './file-name.ts';
import { EXTRACT_MAX_BYTES, formatBytes, maxUploadBytes, SYNC_EXTRACT_BYTES } from './limits.ts';
import { judge, judgeName, sniffBlob } from './sniff.ts';

export interface UploadQuery {
  taskId: string;
  unitId: string;
  filename: string;
}

function tooLarge(limit: number): AppError {
  const size = formatBytes(limit);
  return new AppError(
    'payload_too_large',
    `文件过大：单个文件不能超过 ${size}。请压缩或拆分后再上传。 The file is larger than the ${size} limit.`,
    { maxBytes: limit },
  );
}

function declaredLength(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  if (!/^\d{1,16}$/.test(header.trim())) {
    throw new AppError('bad_request', 'Content-Length is not a number.');
  }
  return Number(header.trim());
}

/**
 * Stores one evidence file sent as the raw request body and attaches it to
 * the unit's draft statement for the task. The body is streamed into the blob
 * store (hashed on the way, never held in memory); an over-long body is cut
 * off at the limit. Only then is the type decided, from the stored bytes, and
 * a file that is not what its name says is refused and its blob removed.
 * The same file attached twice to one draft answers the existing evidence.
 */
export async function uploadEvidence(
  c: Context<ApiEnv>,
  q: UploadQuery,
): Promise<{ status: 200 | 201; evidence: EvidenceItem }> {
  const scope = await authorizeTask(c, 'write', 'evidence', q.taskId, q.unitId);
  const deps = c.get('deps');
  const originalName = cleanOriginalName(q.filename);
  const storedName = sanitizeStoredName(originalName);
  const byName = judgeName(storedName);
  if (!byName.ok) throw new AppError('unsupported_media_type', byName.message);

  const limit = maxUploadBytes(deps);
  const size = declaredLength(c.req.header('content-length'));
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

  // Files too large to parse never wait for text that will not come.
  const extractable = hasExtractableText(verdict.mime) && put.size <= EXTRACT_MAX_BYTES;
  let stored: { id: string; created: boolean };
  try {
    stored = await attach(c, scope, {
      hash: put.hash,
      size: put.size,
      mime: verdict.mime,
      originalName,
      storedName,
      textState: extractable ? 'pending' : 'none',
    });
  } catch (e) {
    // Nothing references the bytes now: do not leave them behind.
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
  const row = await evidenceById(deps.sql, stored.id);
  const [evidence] = await presentEvidence(c, scope.facts, [row!]);
  return { status: stored.created ? 201 : 200, evidence: evidence! };
}

interface NewEvidence {
  hash: string;
  size: number;
  mime: string;
  originalName: string;
  storedName: string;
  textState: 'pending' | 'none';
}

/**
 * Records stored bytes as evidence on the unit's draft, with its audit entry,
 * in one transaction. The same bytes already on this draft answer that row.
 */
async function attach(
  c: Context<ApiEnv>,
  scope: TaskScope,
  ev: NewEvidence,
): Promise<{ id: string; created: boolean }> {
  const { sql, blobs, clock } = c.get('deps');
  const actor = requireActor(c);
  const now = clock();
  return sql.begin(async (tx) => {
    await lockBlob(tx, ev.hash);
    // A refused upload of the same bytes may have removed the blob meanwhile.
    if (!(await blobs.has(ev.hash))) {
      throw new AppError('conflict', '上传未完成，请重试。The upload was interrupted; try again.');
    }
    const [existing] = await tx<{ id: string }[]>`
      SELECT e.id FROM statements s
      JOIN statement_evidence se ON se.statement_id = s.id
      JOIN evidence e ON e.id = se.evidence_id
      WHERE s.task_id = ${scope.taskId} AND s.unit_id = ${scope.unitId} AND e.hash = ${ev.hash}`;
    if (existing) return { id: existing.id, created: false };
    const statementId = await touchStatement(tx, scope, now);
    const [row] = await tx<{ id: string }[]>`
      INSERT INTO evidence (round_id, unit_id, task_id, hash, size, mime, original_name, stored_name,
                            text_state, uploaded_by, uploaded_at)
      VALUES (${scope.roundId}, ${scope.unitId}, ${scope.taskId}, ${ev.hash}, ${ev.size},
              ${ev.mime}, ${ev.originalName}, ${ev.storedName}, ${ev.textState},
              ${actor.user.id}, ${now})
      RETURNING id`;
    await tx`INSERT INTO statement_evidence (statement_id, evidence_id)
             VALUES (${statementId}, ${row!.id})`;
    await audit(tx, c, {
      action: 'evidence.upload',
      resourceType: 'evidence',
      resourceId: row!.id,
      roundId: scope.roundId,
      details: {
        taskId: scope.taskId,
        unitId: scope.unitId,
        hash: ev.hash,
        size: ev.size,
        mime: ev.mime,
        name: ev.storedName,
      },
    });
    return { id: row!.id, created: true };
  });
}
