import { AppError, type RichTextJson, type RoundState, richTextToPlain } from '@rectify/domain';
import type { Db, TransactionSql } from '@rectify/store';
import type { UnitFacts } from '../queries/facts.ts';
import type { TaskScope } from './task-scope.ts';

/**
 * The unit's statement row for a task, created on first use. Any change to
 * the draft (text or evidence) stamps `draft_updated_at`.
 */
export async function touchStatement(
  tx: TransactionSql,
  scope: TaskScope,
  now: Date,
): Promise<string> {
  const [row] = await tx<{ id: string }[]>`
    INSERT INTO statements (round_id, task_id, unit_id, draft_updated_at)
    VALUES (${scope.roundId}, ${scope.taskId}, ${scope.unitId}, ${now})
    ON CONFLICT (task_id, unit_id) DO UPDATE SET draft_updated_at = EXCLUDED.draft_updated_at
    RETURNING id`;
  return row!.id;
}

export async function saveDraft(
  tx: TransactionSql,
  scope: TaskScope,
  body: RichTextJson,
  now: Date,
): Promise<string> {
  const id = await touchStatement(tx, scope, now);
  await tx`UPDATE statements SET draft = ${tx.json(body as never)} WHERE id = ${id}`;
  return id;
}

export interface SubmittedVersion {
  id: string;
  statementId: string;
  version: number;
  submittedAt: string;
  evidenceCount: number;
}

/**
 * Freezes the draft as the next version: body, plain text and the evidence
 * attached to the draft. The statement row is locked so two submissions of
 * one statement cannot race for a version number. An empty draft, and one
 * identical to the latest version (text and evidence), are refused.
 */
export async function submitStatement(
  tx: TransactionSql,
  scope: TaskScope,
  userId: string,
  now: Date,
): Promise<SubmittedVersion> {
  const [statement] = await tx<{ id: string; draft: RichTextJson | null }[]>`
    SELECT id, draft FROM statements
    WHERE task_id = ${scope.taskId} AND unit_id = ${scope.unitId}
    FOR UPDATE`;
  const text = statement?.draft ? richTextToPlain(statement.draft) : '';
  if (!statement?.draft || text.trim() === '') {
    throw new AppError(
      'bad_request',
      '陈述内容为空，不能提交。The statement is empty: write it before submitting.',
    );
  }
  const [latest] = await tx<{ version: number; unchanged: boolean }[]>`
    SELECT v.version,
           v.body = s.draft
           AND ARRAY(SELECT evidence_id::text FROM statement_version_evidence
                     WHERE statement_version_id = v.id ORDER BY 1)
             = ARRAY(SELECT evidence_id::text FROM statement_evidence
                     WHERE statement_id = s.id ORDER BY 1) AS unchanged
    FROM statement_versions v JOIN statements s ON s.id = v.statement_id
    WHERE v.statement_id = ${statement.id}
    ORDER BY v.version DESC LIMIT 1`;
  if (latest?.unchanged) {
    throw new AppError(
      'conflict',
      `与第 ${latest.version} 版相比没有改动，无需重复提交。Nothing changed since version ${latest.version}.`,
    );
  }
  const next = { version: (latest?.version ?? 0) + 1 };
  const [version] = await tx<{ id: string }[]>`
    INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by, submitted_at)
    VALUES (${statement.id}, ${next.version}, ${tx.json(statement.draft as never)}, ${text},
            ${userId}, ${now})
    RETURNING id`;
  const linked = await tx`
    INSERT INTO statement_version_evidence (statement_version_id, evidence_id)
    SELECT ${version!.id}, evidence_id FROM statement_evidence WHERE statement_id = ${statement.id}`;
  return {
    id: version!.id,
    statementId: statement.id,
    version: next.version,
    submittedAt: now.toISOString(),
    evidenceCount: linked.count,
  };
}

export interface VersionRow {
  id: string;
  statementId: string;
  version: number;
  body: RichTextJson;
  bodyText: string;
  submittedAt: Date;
  submittedById: string;
  submittedByName: string;
  taskId: string;
  taskOrdinal: number;
  taskTitle: string;
  problemId: string;
  problemTitle: string;
  unitId: string;
  unitName: string;
  previousId: string | null;
  nextId: string | null;
  facts: UnitFacts;
}

/** A submitted version with its task, unit and neighbours, or 404. */
export async function loadVersion(db: Db, id: string): Promise<VersionRow> {
  const [row] = await db<
    (Omit<VersionRow, 'facts'> & {
      roundId: string;
      roundState: RoundState;
      groupId: string | null;
    })[]
  >`
    SELECT v.id, v.statement_id, v.version, v.body, v.body_text, v.submitted_at,
           v.submitted_by AS submitted_by_id, su.display_name AS submitted_by_name,
           t.id AS task_id, t.ordinal AS task_ordinal, t.title AS task_title,
           p.id AS problem_id, p.title AS problem_title,
           u.id AS unit_id, u.name AS unit_name,
           s.round_id, r.state AS round_state, ua.group_id,
           (SELECT pv.id FROM statement_versions pv
            WHERE pv.statement_id = v.statement_id AND pv.version < v.version
            ORDER BY pv.version DESC LIMIT 1) AS previous_id,
           (SELECT nv.id FROM statement_versions nv
            WHERE nv.statement_id = v.statement_id AND nv.version > v.version
            ORDER BY nv.version LIMIT 1) AS next_id
    FROM statement_versions v
    JOIN statements s ON s.id = v.statement_id
    JOIN rounds r ON r.id = s.round_id
    JOIN tasks t ON t.id = s.task_id
    JOIN problems p ON p.id = t.problem_id
    JOIN units u ON u.id = s.unit_id
    JOIN users su ON su.id = v.submitted_by
    LEFT JOIN unit_assignments ua ON ua.round_id = s.round_id AND ua.unit_id = s.unit_id
    WHERE v.id = ${id}`;
  if (!row) throw new AppError('not_found', 'Not found.');
  const { roundId, roundState, groupId, ...rest } = row;
  return {
    ...rest,
    facts: { round: { id: roundId, state: roundState }, unitId: row.unitId, groupId },
  };
}

/** The body text of another version (the diff's left side). */
export async function versionText(db: Db, id: string): Promise<{ version: number; text: string }> {
  const [row] = await db<{ version: number; bodyText: string }[]>`
    SELECT version, body_text FROM statement_versions WHERE id = ${id}`;
  if (!row) throw new AppError('not_found', 'Not found.');
  return { version: row.version, text: row.bodyText };
}
