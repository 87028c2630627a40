import { defaultFramework, type Framework, FrameworkSchema } from '@rectify/domain';
import type { Db } from '@rectify/store';
import { Coalescer } from '../lib/coalesce.ts';

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

/**
 * The statement versions, among the given units' statements, whose *open*
 * annotations no longer count: a later version of the same statement has
 * annotation rows of its own (see `counted`). A few hundred versions probed by
 * index, computed once per query instead of once per annotation. An
 * annotation's round and unit are its statement's (the projection writes them
 * from it), so the units' statements hold every version their annotations sit on.
 */
function superseded(db: Db, roundId: string, unitIds: readonly string[]) {
  const units = db(unitIds as string[]);
  return db`
    SELECT v.id FROM statements s JOIN statement_versions v ON v.statement_id = s.id
    WHERE s.round_id = ${roundId} AND s.unit_id IN ${units}
      AND EXISTS (SELECT 1 FROM statement_versions later
        WHERE later.statement_id = v.statement_id AND later.version > v.version
          AND EXISTS (SELECT 1 FROM annotations la WHERE la.statement_version_id = later.id))`;
}

/**
 * `counted` for alias `a` alone, given a `superseded` CTE: the same rule, with
 * the "later version has annotations" test answered from the hashed set.
 */
function countedFrom(db: Db) {
  return db`NOT a.deleted AND (a.status = 'resolved'
    OR a.statement_version_id NOT IN (SELECT id FROM superseded))`;
}

/**
 * The unit × question counts of some units, and their per-unit and per-person
 * totals. The four queries are independent and run side by side (on a pool
 * they overlap; on PGlite they queue); each reads the units' live annotations
 * through `annotations_rollup_idx` and the carried-annotations rule through
 * the small `superseded` set. Timed by bench/rollup-coverage.bench.ts.
 */
export async function coverageCounts(db: Db, roundId: string, unitIds: readonly string[]) {
  if (unitIds.length === 0) {
    return { cells: [], totals: [], statements: [], people: [] };
  }
  const units = db(unitIds as string[]);
  const counted = countedFrom(db);
  const [cells, totals, statements, people] = await Promise.all([
    // Tags read by the (round, unit, question) index, not all of the round's; authors
    // gathered per (cell, author) first so the DISTINCT sorts a few thousand rows.
    db<CellRow[]>`
      WITH superseded AS (${superseded(db, roundId, unitIds)}),
      per_author AS (
        SELECT a.unit_id, q.question, a.author_id,
          count(*) FILTER (WHERE a.status = 'open') AS open,
          count(*) FILTER (WHERE a.status = 'resolved') AS resolved
        FROM annotations a
        JOIN annotation_questions q ON q.annotation_id = a.id
          AND q.round_id = ${roundId} AND q.unit_id IN ${units}
        WHERE a.round_id = ${roundId} AND a.unit_id IN ${units} AND ${counted}
        GROUP BY a.unit_id, q.question, a.author_id)
      SELECT c.unit_id, c.question, sum(c.open)::int AS open, sum(c.resolved)::int AS resolved,
        array_agg(DISTINCT p.display_name) FILTER (WHERE p.display_name IS NOT NULL) AS authors
      FROM per_author c LEFT JOIN users p ON p.id = c.author_id
      GROUP BY c.unit_id, c.question`,
    db<UnitTotalsRow[]>`
      WITH superseded AS (${superseded(db, roundId, unitIds)})
      SELECT a.unit_id,
        count(*) FILTER (WHERE a.status = 'open')::int AS open,
        count(*) FILTER (WHERE a.status = 'resolved')::int AS resolved,
        count(*) FILTER (WHERE a.id NOT IN (
          SELECT q.annotation_id FROM annotation_questions q
          WHERE q.round_id = ${roundId} AND q.unit_id IN ${units}))::int AS untagged
      FROM annotations a
      WHERE a.round_id = ${roundId} AND a.unit_id IN ${units} AND ${counted}
      GROUP BY a.unit_id`,
    // A statement is annotated when one of its versions holds a counted annotation: the
    // units' counted annotations give their versions (one index-only pass, hashed), rather
    // than a probe per statement that the planner turns into a scan of the whole table.
    db<StatementRow[]>`
      WITH superseded AS (${superseded(db, roundId, unitIds)}),
      annotated AS (
        SELECT v.statement_id FROM statement_versions v WHERE v.id IN (
          SELECT a.statement_version_id FROM annotations a
          WHERE a.round_id = ${roundId} AND a.unit_id IN ${units} AND ${counted}))
      SELECT s.unit_id, count(*)::int AS statements,
        count(*) FILTER (WHERE s.id IN (SELECT statement_id FROM annotated))::int AS annotated
      FROM statements s
      WHERE s.round_id = ${roundId} AND s.unit_id IN ${units}
        AND EXISTS (SELECT 1 FROM statement_versions sv WHERE sv.statement_id = s.id)
      GROUP BY s.unit_id`,
    db<PersonRow[]>`
      WITH superseded AS (${superseded(db, roundId, unitIds)})
      SELECT p.display_name AS name, count(*)::int AS annotations,
        count(DISTINCT a.unit_id)::int AS units
      FROM annotations a JOIN users p ON p.id = a.author_id
      WHERE a.round_id = ${roundId} AND a.unit_id IN ${units} AND ${counted}
      GROUP BY p.id, p.display_name`,
  ]);
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

type CoverageCounts = Awaited<ReturnType<typeof coverageCounts>>;
const sharedReads = new WeakMap<Db, Coalescer<CoverageCounts>>();

/**
 * `coverageCounts`, shared among requests for the same units that arrive
 * while one is being read (see `Coalescer`): each answer is still read after
 * its request came in. The counts depend on the round and the units alone;
 * who may see what was decided before (the caller picks `unitIds`), and
 * `buildMatrix` copies what it sorts, so one result serves every caller.
 */
export function sharedCoverageCounts(
  db: Db,
  roundId: string,
  unitIds: readonly string[],
): Promise<CoverageCounts> {
  let reads = sharedReads.get(db);
  if (!reads) {
    reads = new Coalescer();
    sharedReads.set(db, reads);
  }
  const key = `${roundId} ${[...unitIds].sort().join(',')}`;
  return reads.run(key, () => coverageCounts(db, roundId, unitIds));
}
