import { AppError } from '@rectify/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { audit } from '../lib/audit.ts';
import { lockBlob, releaseBlob } from './blob-refs.ts';
import type { EvidenceRecord } from './evidence-access.ts';

export interface DeleteOutcome {
  /** The evidence row (and its blob, if no one else uses the bytes) is gone. */
  deleted: boolean;
  /** It was taken off the unit's draft. */
  unlinked: boolean;
}

/**
 * Takes evidence off the unit's draft. Evidence that never went out with a
 * submitted version is deleted outright; evidence a submitted version (or
 * another record) includes is kept for that record, only unlinked from the
 * draft so the next version goes without it. Evidence only in submitted
 * versions cannot be deleted (409).
 */
export async function deleteEvidence(
  c: Context<ApiEnv>,
  ev: EvidenceRecord,
): Promise<DeleteOutcome> {
  const { sql, blobs, clock } = c.get('deps');
  const now = clock();
  const outcome = await sql.begin(async (tx) => {
    await lockBlob(tx, ev.hash);
    const [use] = await tx<{ kept: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM statement_version_evidence WHERE evidence_id = ${ev.id})
          OR EXISTS (SELECT 1 FROM interview_attachments WHERE evidence_id = ${ev.id})
          OR EXISTS (SELECT 1 FROM rectification_evidence WHERE evidence_id = ${ev.id}) AS kept`;
    const drafts = await tx<{ statementId: string }[]>`
      DELETE FROM statement_evidence WHERE evidence_id = ${ev.id} RETURNING statement_id`;
    if (use!.kept && drafts.length === 0) {
      throw new AppError(
        'conflict',
        '该材料已随提交的陈述版本报送，不能删除。This evidence was submitted with a statement version and cannot be deleted.',
      );
    }
    if (drafts.length > 0) {
      await tx`UPDATE statements SET draft_updated_at = ${now}
               WHERE id = ANY(${drafts.map((d) => d.statementId)}::uuid[])`;
    }
    if (!use!.kept) await tx`DELETE FROM evidence WHERE id = ${ev.id}`;
    const result: DeleteOutcome = { deleted: !use!.kept, unlinked: drafts.length > 0 };
    await audit(tx, c, {
      action: result.deleted ? 'evidence.delete' : 'evidence.unlink',
      resourceType: 'evidence',
      resourceId: ev.id,
      roundId: ev.roundId,
      details: { taskId: ev.taskId, unitId: ev.unitId, hash: ev.hash, name: ev.storedName },
    });
    return result;
  });
  if (outcome.deleted) await releaseBlob(sql, blobs, ev.hash);
  return outcome;
}
