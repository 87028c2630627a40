import { defaultFramework, type Framework, FrameworkSchema } from '@rectify/domain';
import type { Db } from '@rectify/store';

/** Names sort the way a Chinese reader expects (pinyin), the same on every database. */
const collator = new Intl.Collator('zh-CN');
export const byName = (a: string, b: string) => collator.compare(a, b);

/**
 * Which annotation rows count, for alias `a` (annotations) and `v` (its
 * statement version). Deleted ones never. When a unit submits a new version,
 * the open annotations of the old one are carried into the new document as
 * new annotations, while the old rows stay as they were: so an earlier
 * version's *open* annotations stop counting once a later version of the same
 * statement has annotation rows of its own (its document was seeded and the
 * carry happened). Resolved ones are never carried and always count.
 */
export function counted(db: Db) {
  return db`NOT a.deleted AND (a.status = 'resolved' OR NOT EXISTS (
      SELECT 1 FROM statement_versions later
      JOIN annotations la ON la.statement_version_id = later.id
      WHERE later.statement_id = v.statement_id AND later.version > v.version))`;
}

/** The round's framework in force (the version the round points at), else the newest, else the default. */
export async function roundFramework(
  db: Db,
  roundId: string,
): Promise<{ version: number; framework: Framework }> {
  const [row] = await db<{ version: number; body: unknown }[]>`
    SELECT f.version, f.body FROM frameworks f JOIN rounds r ON r.id = f.round_id
    WHERE f.round_id = ${roundId}
    ORDER BY (f.version = r.framework_version) DESC, f.version DESC LIMIT 1`;
  if (!row) return { version: 1, framework: defaultFramework };
  return { version: row.version, framework: FrameworkSchema.parse(row.body) };
}

export interface GroupRow {
  id: string;
  name: string;
}

export async function roundGroups(db: Db, roundId: string): Promise<GroupRow[]> {
  return db<GroupRow[]>`
    SELECT id, name FROM inspection_groups WHERE round_id = ${roundId} ORDER BY ordinal, name`;
}

export async function groupUnits(db: Db, roundId: string, groupId: string): Promise<GroupRow[]> {
  const rows = await db<GroupRow[]>`
    SELECT u.id, u.name FROM unit_assignments ua JOIN units u ON u.id = ua.unit_id
    WHERE ua.round_id = ${roundId} AND ua.group_id = ${groupId}`;
  return rows.sort((a, b) => byName(a.name, b.name));
}

export interface CellRow {
  unitId: string;
  question: string;
  open: number;
  resolved: number;
  authors: string[] | null;
}

export interface UnitTotalsRow {
  unitId: string;
  open: number;
  resolved: number;
  untagged: number;
}

export interface StatementRow {
  unitId: string;
  statements: number;
  annotated: number;
}

export interface PersonRow {
  name: string;
  annotations: number;
  units: number;
}

/** The unit × question counts of some units, and their per-unit and per-person totals. */
export async function coverageCounts(db: Db, roundId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) {
    return { cells: [], totals: [], statements: [], people: [] };
  }
  const units = db(unitIds as string[]);
  const cells = await db<CellRow[]>`
    SELECT a.unit_id, q.question,
      count(*) FILTER (WHERE a.status = 'open')::int AS open,
      count(*) FILTER (WHERE a.status = 'resolved')::int AS resolved,
      array_agg(DISTINCT p.display_name) FILTER (WHERE p.display_name IS NOT NULL) AS authors
    FROM annotations a
    JOIN statement_versions v ON v.id = a.statement_version_id
    JOIN annotation_questions q ON q.annotation_id = a.id
    LEFT JOIN users p ON p.id = a.author_id
    WHERE a.round_id = ${roundId} AND a.unit_id IN ${units} AND ${counted(db)}
    GROUP BY a.unit_id, q.question`;
  const totals = await db<UnitTotalsRow[]>`
    SELECT a.unit_id,
      count(*) FILTER (WHERE a.status = 'open')::int AS open,
      count(*) FILTER (WHERE a.status = 'resolved')::int AS resolved,
      count(*) FILTER (WHERE NOT EXISTS (
        SELECT 1 FROM annotation_questions q WHERE q.annotation_id = a.id))::int AS untagged
    FROM annotations a JOIN statement_versions v ON v.id = a.statement_version_id
    WHERE a.round_id = ${roundId} AND a.unit_id IN ${units} AND ${counted(db)}
    GROUP BY a.unit_id`;
  const statements = await db<StatementRow[]>`
    SELECT s.unit_id, count(*)::int AS statements,
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM annotations a JOIN statement_versions v ON v.id = a.statement_version_id
        WHERE v.statement_id = s.id AND ${counted(db)}))::int AS annotated
    FROM statements s
    WHERE s.round_id = ${roundId} AND s.unit_id IN ${units}
      AND EXISTS (SELECT 1 FROM statement_versions sv WHERE sv.statement_id = s.id)
    GROUP BY s.unit_id`;
  const people = await db<PersonRow[]>`
    SELECT p.display_name AS name, count(*)::int AS annotations,
      count(DISTINCT a.unit_id)::int AS units
    FROM annotations a
    JOIN statement_versions v ON v.id = a.statement_version_id
    JOIN users p ON p.id = a.author_id
    WHERE a.round_id = ${roundId} AND a.unit_id IN ${units} AND ${counted(db)}
    GROUP BY p.id, p.display_name`;
  return { cells, totals, statements, people };
}

export interface CellAnnotationRow {
  id: string;
  quote: string;
  body: string;
  questions: string[];
  step: string | null;
  status: 'open' | 'resolved';
  orphaned: boolean;
  author: string | null;
  createdAt: Date;
  updatedAt: Date;
  statementVersionId: string;
  version: number;
  taskId: string | null;
  taskTitle: string | null;
  evidenceId: string | null;
  evidenceName: string | null;
  evidencePage: number | null;
}

/** The annotations behind one cell, open first, then oldest first. */
export async function cellAnnotations(
  db: Db,
  roundId: string,
  unitId: string,
  question: string,
): Promise<CellAnnotationRow[]> {
  return db<CellAnnotationRow[]>`
    SELECT a.id, a.quote, a.body_text AS body, a.step, a.status, a.orphaned,
      p.display_name AS author, a.created_at, a.updated_at,
      a.statement_version_id, v.version, t.id AS task_id, t.title AS task_title,
      e.id AS evidence_id, e.original_name AS evidence_name,
      CASE WHEN e.id IS NULL THEN NULL ELSE a.evidence_page END AS evidence_page,
      ARRAY(SELECT aq.question FROM annotation_questions aq
            WHERE aq.annotation_id = a.id ORDER BY length(aq.question), aq.question) AS questions
    FROM annotations a
    JOIN statement_versions v ON v.id = a.statement_version_id
    JOIN statements s ON s.id = v.statement_id
    LEFT JOIN tasks t ON t.id = s.task_id
    LEFT JOIN users p ON p.id = a.author_id
    LEFT JOIN evidence e ON e.id = a.evidence_id
    WHERE a.round_id = ${roundId} AND a.unit_id = ${unitId} AND ${counted(db)}
      AND EXISTS (SELECT 1 FROM annotation_questions q
                  WHERE q.annotation_id = a.id AND q.question = ${question})
    ORDER BY (a.status = 'open') DESC, a.created_at, a.id`;
}
