import type { TransactionSql } from '@rectify/store';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { touchStatement } from '../statements/statement-store.ts';
import { authorizeTask, type TaskScope } from '../statements/task-scope.ts';
import { type EvidenceItem, evidenceById, presentEvidence } from './evidence-list.ts';
import {
  finishUpload,
  type ReceivedFile,
  type RecordedUpload,
  receiveUpload,
  recordUpload,
} from './receive-upload.ts';

export interface UploadQuery {
  taskId: string;
  unitId: string;
  filename: string;
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
  const received = await receiveUpload(c, q.filename);
  const stored = await recordUpload(deps, received, (tx) => attach(tx, c, scope, received));
  await finishUpload(deps, stored, received);
  const row = await evidenceById(deps.sql, stored.id);
  const [evidence] = await presentEvidence(c, scope.facts, [row!]);
  return { status: stored.created ? 201 : 200, evidence: evidence! };
}

/**
 * Records stored bytes as evidence on the unit's draft, with its audit entry,
 * in one transaction. The same bytes already on this draft answer that row.
 */
async function attach(
  tx: TransactionSql,
  c: Context<ApiEnv>,
  scope: TaskScope,
  ev: ReceivedFile,
): Promise<RecordedUpload> {
  const actor = requireActor(c);
  const now = c.get('deps').clock();
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
}
