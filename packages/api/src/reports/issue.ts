import { Readable } from 'node:stream';
import { AppError, type Framework, type ReportFindingInput } from '@rectify/domain';
import type { Db } from '@rectify/store';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { lockBlob, releaseBlob } from '../evidence/blob-refs.ts';
import { currentFramework, recordTransition } from '../findings/finding-store.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { reportDocx } from './report-docx.ts';
import { draftModel, reportFacts, reportFindings, type StoredContent } from './report-store.ts';

/** The wording in force for a finding at issue: its questions and aspect, spelled out. */
async function frozenWording(db: Db, roundId: string, f: ReportFindingInput, fw: Framework) {
  const [row] = await db<{ frameworkVersion: number }[]>`
    SELECT framework_version FROM findings WHERE id = ${f.id}`;
  const [stored] = await db<{ body: Framework }[]>`
    SELECT body FROM frameworks WHERE round_id = ${roundId} AND version = ${row!.frameworkVersion}`;
  const at = stored?.body ?? fw;
  const aspect = f.aspect ? at.aspects.find((a) => a.code === f.aspect) : undefined;
  return {
    questions: f.questions.map((code) => {
      const q = at.questions.find((x) => x.code === code);
      return { code, focus: q?.focus ?? '', zh: q?.zh ?? code, en: q?.en ?? code };
    }),
    aspect: f.aspect
      ? { code: f.aspect, zh: aspect?.zh ?? f.aspect, en: aspect?.en ?? f.aspect }
      : null,
    frameworkVersion: row!.frameworkVersion,
    title: f.title,
    description: f.description,
    requirement: f.requirement,
    deadline: f.deadline,
  };
}

/**
 * Issues a draft report, all or nothing: builds the model from the findings
 * as they are, renders the DOCX, stores it in the blob store, records its
 * SHA-256 and freezes the content; the unit's approved findings become
 * issued, with the wording in force frozen and the report recorded. The
 * database refuses any later change to the report (trigger).
 */
export async function issueReport(c: Context<ApiEnv>, reportId: string): Promise<void> {
  const { sql, blobs, clock } = c.get('deps');
  const actor = requireActor(c);
  let stored: string | undefined;
  try {
    await sql.begin(async (tx) => {
      const facts = await reportFacts(tx, reportId, true);
      if (facts.state === 'issued') {
        throw new AppError('conflict', 'This report has been issued and never changes.');
      }
      const now = clock();
      const { model, texts } = await draftModel(tx, facts, now.toISOString().slice(0, 10), {
        lock: true,
      });
      const bytes = await reportDocx(model);
      const put = await blobs.put(Readable.from([Buffer.from(bytes)]), { size: bytes.byteLength });
      stored = put.created ? put.hash : undefined;
      await lockBlob(tx, put.hash);
      const content: StoredContent = {
        texts: { ...texts, date: model.date },
        groupBy: model.groupBy,
        model,
        size: bytes.byteLength,
      };
      await tx`
        UPDATE reports SET state = 'issued', content = ${tx.json(content as never)},
          blob_hash = ${put.hash}, issued_at = ${now}, issued_by = ${actor.user.id}
        WHERE id = ${reportId}`;

      let issued = 0;
      if (facts.unitId) {
        const { framework } = await currentFramework(tx, facts.roundId);
        const findings = await reportFindings(tx, facts.roundId, facts);
        for (const f of findings.filter((x) => x.state === 'approved')) {
          const frozen = await frozenWording(tx, facts.roundId, f, framework);
          await recordTransition(tx, {
            findingId: f.id,
            from: 'approved',
            to: 'issued',
            actorId: actor.user.id,
            comment: `随《${model.title}》下发`,
            at: now,
          });
          await tx`UPDATE findings SET frozen = ${tx.json(frozen as never)}, report_id = ${reportId}
                   WHERE id = ${f.id}`;
          issued++;
        }
      }
      await audit(tx, c, {
        action: 'report.issue',
        resourceType: 'report',
        resourceId: reportId,
        roundId: facts.roundId,
        details: {
          unitId: facts.unitId,
          sha256: put.hash,
          size: bytes.byteLength,
          findings: issued,
        },
      });
    });
  } catch (e) {
    // A file stored for an issue that did not commit is nobody's: remove it (unless shared).
    if (stored) await releaseBlob(sql, blobs, stored).catch(() => undefined);
    throw e;
  }
}
