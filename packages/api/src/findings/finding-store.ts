import {
  AppError,
  defaultFramework,
  type FindingState,
  type Framework,
  FrameworkSchema,
  type RoundState,
} from '@rectify/domain';
import type { Db } from '@rectify/store';

/** What the policy and the routes need to know about one finding. */
export interface FindingFacts {
  id: string;
  roundId: string;
  roundState: RoundState;
  unitId: string;
  groupId: string;
  state: FindingState;
  mergedInto: string | null;
}

export async function findingFacts(db: Db, id: string): Promise<FindingFacts> {
  const [row] = await db<FindingFacts[]>`
    SELECT f.id, f.round_id, r.state AS round_state, f.unit_id, f.group_id, f.state, f.merged_into
    FROM findings f JOIN rounds r ON r.id = f.round_id
    WHERE f.id = ${id}`;
  if (!row) throw new AppError('not_found', 'Not found.');
  return row;
}

/** The framework in force for a round: its newest version (the default if none was stored). */
export async function currentFramework(
  db: Db,
  roundId: string,
): Promise<{ version: number; framework: Framework }> {
  const [row] = await db<{ version: number; body: unknown }[]>`
    SELECT version, body FROM frameworks WHERE round_id = ${roundId}
    ORDER BY version DESC LIMIT 1`;
  if (!row) return { version: 1, framework: defaultFramework };
  return { version: row.version, framework: FrameworkSchema.parse(row.body) };
}

export async function frameworkAt(db: Db, roundId: string, version: number): Promise<Framework> {
  const [row] = await db<{ body: unknown }[]>`
    SELECT body FROM frameworks WHERE round_id = ${roundId} AND version = ${version}`;
  return row ? FrameworkSchema.parse(row.body) : defaultFramework;
}

export interface FindingFields {
  title: string;
  description: string;
  questions: string[];
  aspect: string | null;
  severity: string | null;
  immediate: boolean;
  requirement: string;
  deadline: string | null;
}

/** Refuses question, aspect and severity codes the round's framework does not offer. */
export function checkAgainstFramework(
  fw: Framework,
  fields: Pick<FindingFields, 'questions' | 'aspect' | 'severity'>,
): void {
  const questions = new Set(fw.questions.filter((q) => !q.retired).map((q) => q.code));
  const unknown = fields.questions.filter((q) => !questions.has(q));
  if (unknown.length > 0) {
    throw new AppError(
      'bad_request',
      `questions: not in this round's framework: ${unknown.join(', ')}`,
    );
  }
  if (fields.aspect !== null && !fw.aspects.some((a) => a.code === fields.aspect)) {
    throw new AppError('bad_request', `aspect: not in this round's framework: ${fields.aspect}`);
  }
  if (fields.severity !== null && !fw.severities.some((s) => s.code === fields.severity)) {
    throw new AppError('bad_request', `severity: not on this round's scale: ${fields.severity}`);
  }
}

/** Orders question codes as the framework lists them. */
export function sortQuestions(fw: Framework, codes: Iterable<string>): string[] {
  const order = new Map(fw.questions.map((q, i) => [q.code, i]));
  return [...new Set(codes)].sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999));
}

/** Annotations that may back a finding of this unit: same round and unit, not deleted. */
export async function annotationsForLink(
  db: Db,
  roundId: string,
  unitId: string,
  ids: readonly string[],
): Promise<Array<{ id: string; questions: string[] }>> {
  if (ids.length === 0) return [];
  const rows = await db<{ id: string; questions: string[] }[]>`
    SELECT a.id, COALESCE(array_agg(q.question) FILTER (WHERE q.question IS NOT NULL), '{}') AS questions
    FROM annotations a LEFT JOIN annotation_questions q ON q.annotation_id = a.id
    WHERE a.id IN ${db(ids as string[])} AND a.round_id = ${roundId} AND a.unit_id = ${unitId}
      AND NOT a.deleted
    GROUP BY a.id`;
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new AppError(
      'bad_request',
      `annotationIds: not annotations of this unit in this round: ${missing.join(', ')}`,
    );
  }
  return rows;
}

/**
 * The annotations of one unit × question cell (a roll-up suggestion, a
 * coverage cell): not deleted, oldest id first, at most `limit`.
 */
export async function cellAnnotationIds(
  db: Db,
  roundId: string,
  unitId: string,
  question: string,
  limit = 200,
): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    SELECT q.annotation_id AS id FROM annotation_questions q
    JOIN annotations a ON a.id = q.annotation_id AND NOT a.deleted
    WHERE q.round_id = ${roundId} AND q.unit_id = ${unitId} AND q.question = ${question}
    ORDER BY q.annotation_id LIMIT ${limit}`;
  return rows.map((r) => r.id);
}

export async function insertFinding(
  db: Db,
  f: FindingFields & {
    roundId: string;
    unitId: string;
    groupId: string;
    frameworkVersion: number;
    createdBy: string;
    annotationIds: readonly string[];
    at: Date;
  },
): Promise<string> {
  const [row] = await db<{ id: string }[]>`
    INSERT INTO findings (round_id, group_id, unit_id, title, description_text, questions,
      framework_version, aspect, severity, immediate, requirement, deadline, created_by,
      created_at, updated_at)
    VALUES (${f.roundId}, ${f.groupId}, ${f.unitId}, ${f.title}, ${f.description},
      ${f.questions}, ${f.frameworkVersion}, ${f.aspect}, ${f.severity}, ${f.immediate},
      ${f.requirement}, ${f.deadline}, ${f.createdBy}, ${f.at}, ${f.at})
    RETURNING id`;
  const id = row!.id;
  await linkAnnotations(db, id, f.annotationIds);
  await db`INSERT INTO finding_transitions (finding_id, from_state, to_state, actor_id, comment, at)
           VALUES (${id}, NULL, 'draft', ${f.createdBy}, '', ${f.at})`;
  return id;
}

export async function linkAnnotations(db: Db, findingId: string, ids: readonly string[]) {
  for (const annotationId of ids) {
    await db`INSERT INTO finding_annotations (finding_id, annotation_id)
             VALUES (${findingId}, ${annotationId}) ON CONFLICT DO NOTHING`;
  }
}

export async function updateFinding(
  db: Db,
  id: string,
  patch: Partial<FindingFields>,
  at: Date,
): Promise<void> {
  const columns: Record<string, unknown> = {};
  if (patch.title !== undefined) columns.title = patch.title;
  if (patch.description !== undefined) columns.description_text = patch.description;
  if (patch.questions !== undefined) columns.questions = patch.questions;
  if (patch.aspect !== undefined) columns.aspect = patch.aspect;
  if (patch.severity !== undefined) columns.severity = patch.severity;
  if (patch.immediate !== undefined) columns.immediate = patch.immediate;
  if (patch.requirement !== undefined) columns.requirement = patch.requirement;
  if (patch.deadline !== undefined) columns.deadline = patch.deadline;
  columns.updated_at = at;
  await db`UPDATE findings SET ${db(columns)} WHERE id = ${id}`;
}

export async function recordTransition(
  db: Db,
  t: {
    findingId: string;
    from: FindingState;
    to: FindingState;
    actorId: string;
    comment: string;
    at: Date;
  },
): Promise<void> {
  await db`UPDATE findings SET state = ${t.to}, updated_at = ${t.at} WHERE id = ${t.findingId}`;
  await db`INSERT INTO finding_transitions (finding_id, from_state, to_state, actor_id, comment, at)
           VALUES (${t.findingId}, ${t.from}, ${t.to}, ${t.actorId}, ${t.comment}, ${t.at})`;
}

export interface FindingRow {
  id: string;
  roundId: string;
  groupId: string;
  groupName: string;
  unitId: string;
  unitName: string;
  title: string;
  description: string;
  questions: string[];
  frameworkVersion: number;
  aspect: string | null;
  severity: string | null;
  immediate: boolean;
  requirement: string;
  deadline: string | null;
  state: FindingState;
  frozen: unknown;
  mergedInto: string | null;
  createdBy: { id: string; displayName: string };
  createdAt: string;
  updatedAt: string;
  annotationCount: number;
}

/** Findings of a round (merged ones left out), newest first. */
export async function listFindings(
  db: Db,
  roundId: string,
  filter: { unitId?: string; groupId?: string; state?: FindingState; id?: string },
): Promise<FindingRow[]> {
  const rows = await db<
    (Omit<FindingRow, 'createdBy'> & { creatorId: string; creatorName: string })[]
  >`
    SELECT f.id, f.round_id, f.group_id, g.name AS group_name, f.unit_id, u.name AS unit_name,
      f.title, f.description_text AS description, f.questions, f.framework_version, f.aspect,
      f.severity, f.immediate, f.requirement, to_char(f.deadline, 'YYYY-MM-DD') AS deadline,
      f.state, f.frozen, f.merged_into, f.created_by AS creator_id,
      cu.display_name AS creator_name, f.created_at, f.updated_at,
      (SELECT count(*)::int FROM finding_annotations fa WHERE fa.finding_id = f.id) AS annotation_count
    FROM findings f
    JOIN inspection_groups g ON g.id = f.group_id
    JOIN units u ON u.id = f.unit_id
    JOIN users cu ON cu.id = f.created_by
    WHERE f.round_id = ${roundId}
      ${filter.id ? db`AND f.id = ${filter.id}` : db`AND f.merged_into IS NULL`}
      ${filter.unitId ? db`AND f.unit_id = ${filter.unitId}` : db``}
      ${filter.groupId ? db`AND f.group_id = ${filter.groupId}` : db``}
      ${filter.state ? db`AND f.state = ${filter.state}` : db``}
    ORDER BY f.created_at DESC, f.id`;
  // Spelled out: rest and spread over the driver's wide rows cost ~10 µs a row
  // (7 ms of a 750-finding list), this a tenth of it.
  return rows.map((r) => ({
    id: r.id,
    roundId: r.roundId,
    groupId: r.groupId,
    groupName: r.groupName,
    unitId: r.unitId,
    unitName: r.unitName,
    title: r.title,
    description: r.description,
    questions: r.questions,
    frameworkVersion: r.frameworkVersion,
    aspect: r.aspect,
    severity: r.severity,
    immediate: r.immediate,
    requirement: r.requirement,
    deadline: r.deadline,
    state: r.state,
    frozen: r.frozen,
    mergedInto: r.mergedInto,
    createdBy: { id: r.creatorId, displayName: r.creatorName },
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    annotationCount: r.annotationCount,
  }));
}

export interface LinkedAnnotation {
  id: string;
  quote: string;
  body: string;
  step: string | null;
  status: string;
  questions: string[];
  statementVersionId: string;
  taskId: string | null;
  evidence: { id: string; name: string; page: number | null } | null;
  author: string | null;
  orphaned: boolean;
}

export async function linkedAnnotations(db: Db, findingId: string): Promise<LinkedAnnotation[]> {
  const rows = await db<
    (Omit<LinkedAnnotation, 'evidence'> & {
      evidenceId: string | null;
      evidenceName: string | null;
      evidencePage: number | null;
    })[]
  >`
    SELECT a.id, a.quote, a.body_text AS body, a.step, a.status, a.statement_version_id,
      a.task_id, a.evidence_id, e.original_name AS evidence_name, a.evidence_page,
      au.display_name AS author, a.orphaned,
      COALESCE((SELECT array_agg(q.question ORDER BY q.question) FROM annotation_questions q
                WHERE q.annotation_id = a.id), '{}') AS questions
    FROM finding_annotations fa
    JOIN annotations a ON a.id = fa.annotation_id
    LEFT JOIN evidence e ON e.id = a.evidence_id
    LEFT JOIN users au ON au.id = a.author_id
    WHERE fa.finding_id = ${findingId}
    ORDER BY a.created_at, a.id`;
  return rows.map(({ evidenceId, evidenceName, evidencePage, ...r }) => ({
    ...r,
    evidence: evidenceId ? { id: evidenceId, name: evidenceName ?? '', page: evidencePage } : null,
  }));
}

export interface TransitionRow {
  from: FindingState | null;
  to: FindingState;
  actor: string;
  comment: string;
  at: string;
}

export async function transitionsOf(db: Db, findingId: string): Promise<TransitionRow[]> {
  const rows = await db<(Omit<TransitionRow, 'at'> & { at: Date })[]>`
    SELECT t.from_state AS from, t.to_state AS to, u.display_name AS actor, t.comment, t.at
    FROM finding_transitions t JOIN users u ON u.id = t.actor_id
    WHERE t.finding_id = ${findingId} ORDER BY t.id`;
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
