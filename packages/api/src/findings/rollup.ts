import { focusOf, type RoundFacts } from '@rectify/domain';
import type { Db } from '@rectify/store';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { filterAllowed } from '../lib/authorize.ts';
import { currentFramework } from './finding-store.ts';

type Counts = Record<string, number>;
const add = (into: Counts, key: string, n: number) => {
  into[key] = (into[key] ?? 0) + n;
};

/**
 * Findings and annotations counted per unit, per focus and question, per
 * aspect and per group, plus the unit × question cells that have
 * annotations but no finding yet. Counting happens in SQL at the grain of
 * one unit; only the units the caller may read working papers of are kept
 * (annotations are the gate: unit contacts see none of this).
 */
export async function findingRollup(c: Context<ApiEnv>, round: RoundFacts, groupId?: string) {
  const sql = c.get('deps').sql;
  const unitsQuery = sql<
    { unitId: string; unitName: string; groupId: string; groupName: string }[]
  >`
    SELECT ua.unit_id, u.name AS unit_name, ua.group_id, g.name AS group_name
    FROM unit_assignments ua
    JOIN units u ON u.id = ua.unit_id
    JOIN inspection_groups g ON g.id = ua.group_id
    WHERE ua.round_id = ${round.id} ${groupId ? sql`AND ua.group_id = ${groupId}` : sql``}
    ORDER BY g.ordinal, u.name`;
  // The units, the framework and the counts are independent: ask for them together.
  const [units, { framework }, counts] = await Promise.all([
    unitsQuery,
    currentFramework(sql, round.id),
    rollupCounts(sql, round.id),
  ]);
  const visible = filterAllowed(c, 'read', units, (u) => ({
    kind: 'annotation',
    round,
    unitId: u.unitId,
    groupId: u.groupId,
  }));
  const allowed = new Set(visible.map((u) => u.unitId));
  const { byState, byQuestion, byAspect, cells, stepRows } = counts;
  const gaps = cells.filter((x) => x.gap);

  const unitOf = new Map(visible.map((u) => [u.unitId, u]));
  const perUnit = visible.map((u) => ({
    unitId: u.unitId,
    unitName: u.unitName,
    groupId: u.groupId,
    findings: {} as Counts,
    annotations: 0,
  }));
  const unitRow = new Map(perUnit.map((u) => [u.unitId, u]));
  const perGroup = new Map<
    string,
    { groupId: string; name: string; findings: Counts; annotations: number }
  >();
  for (const u of visible) {
    if (!perGroup.has(u.groupId)) {
      perGroup.set(u.groupId, {
        groupId: u.groupId,
        name: u.groupName,
        findings: {},
        annotations: 0,
      });
    }
  }
  for (const r of byState) {
    if (!allowed.has(r.unitId)) continue;
    add(unitRow.get(r.unitId)!.findings, r.state, r.n);
    add(perGroup.get(unitOf.get(r.unitId)!.groupId)!.findings, r.state, r.n);
  }
  // Every annotation has one step (or none): the step counts add up to the unit's total.
  for (const r of stepRows) {
    if (!allowed.has(r.unitId)) continue;
    unitRow.get(r.unitId)!.annotations += r.n;
    perGroup.get(unitOf.get(r.unitId)!.groupId)!.annotations += r.n;
  }
  const questions = framework.questions.map((q) => ({
    code: q.code,
    focus: q.focus,
    zh: q.zh,
    en: q.en,
    findings: 0,
    annotations: 0,
  }));
  const questionRow = new Map(questions.map((q) => [q.code, q]));
  for (const r of byQuestion) {
    if (allowed.has(r.unitId) && questionRow.has(r.question))
      questionRow.get(r.question)!.findings += r.n;
  }
  const steps: Counts = {};
  for (const r of cells) {
    if (!allowed.has(r.unitId)) continue;
    if (questionRow.has(r.question)) questionRow.get(r.question)!.annotations += r.n;
  }
  // Steps count annotations once each, whatever their number of tags.
  for (const r of stepRows) if (allowed.has(r.unitId)) add(steps, r.step ?? 'none', r.n);
  const focuses = framework.focuses.map((f) => ({
    code: f.code,
    zh: f.zh,
    en: f.en,
    findings: questions.filter((q) => q.focus === f.code).reduce((s, q) => s + q.findings, 0),
    annotations: questions.filter((q) => q.focus === f.code).reduce((s, q) => s + q.annotations, 0),
  }));
  const aspectCounts: Counts = {};
  for (const r of byAspect) if (allowed.has(r.unitId)) add(aspectCounts, r.aspect ?? 'none', r.n);
  const aspects = [
    ...framework.aspects.map((a) => ({
      code: a.code,
      zh: a.zh,
      en: a.en,
      findings: aspectCounts[a.code] ?? 0,
    })),
    { code: 'none', zh: '未归类', en: 'Unclassified', findings: aspectCounts.none ?? 0 },
  ];
  const suggestions = gaps
    .filter((g) => allowed.has(g.unitId))
    .map((g) => ({
      unitId: g.unitId,
      unitName: unitOf.get(g.unitId)!.unitName,
      question: g.question,
      focus: focusOf(framework, g.question) ?? null,
      annotations: g.n,
    }))
    .sort((a, b) => b.annotations - a.annotations || a.unitName.localeCompare(b.unitName));
  return {
    units: perUnit,
    groups: [...perGroup.values()],
    focuses,
    questions,
    aspects,
    steps,
    suggestions,
  };
}

/**
 * The round-wide counts behind the roll-up, in SQL, run side by side (on a
 * pool they overlap; on PGlite they queue): findings per unit by state, by
 * question and by aspect; annotations per unit × question cell (each cell
 * marked as a gap when no finding of that unit carries the question);
 * annotations per unit by step. Timed by
 * bench/rollup-coverage.bench.ts (see bench/README.md).
 */
export async function rollupCounts(db: Db, roundId: string) {
  const [byState, byQuestion, byAspect, cells, stepRows] = await Promise.all([
    db<{ unitId: string; state: string; n: number }[]>`
      SELECT unit_id, state, count(*)::int AS n FROM findings
      WHERE round_id = ${roundId} AND merged_into IS NULL GROUP BY unit_id, state`,
    db<{ unitId: string; question: string; n: number }[]>`
      SELECT f.unit_id, q.question, count(*)::int AS n
      FROM findings f CROSS JOIN LATERAL unnest(f.questions) AS q(question)
      WHERE f.round_id = ${roundId} AND f.merged_into IS NULL GROUP BY f.unit_id, q.question`,
    db<{ unitId: string; aspect: string | null; n: number }[]>`
      SELECT unit_id, aspect, count(*)::int AS n FROM findings
      WHERE round_id = ${roundId} AND merged_into IS NULL GROUP BY unit_id, aspect`,
    // Counted from the round's tags alone (they carry the annotation's round and unit, written
    // with it), first per cell, then joined to the few cells' worth of findings: a tag is unique
    // per annotation and question, so a cell's count is its annotations'. Deleted annotations
    // keep their tags; their counts (a couple of thousand rows, found by primary key from
    // `annotations_deleted_idx`) are subtracted instead of anti-joining every tag. A cell is a
    // gap when no finding of its unit carries the question. The annotations behind a gap are
    // not listed here: creating a finding from the cell links them (`cell` on create).
    db<{ unitId: string; question: string; n: number; gap: boolean }[]>`
      WITH covered AS (
        SELECT DISTINCT f.unit_id, x.question
        FROM findings f CROSS JOIN LATERAL unnest(f.questions) AS x(question)
        WHERE f.round_id = ${roundId} AND f.merged_into IS NULL),
      tagged AS (
        SELECT unit_id, question, count(*) AS n FROM annotation_questions
        WHERE round_id = ${roundId} GROUP BY unit_id, question),
      dropped AS (
        SELECT q.unit_id, q.question, count(*) AS n FROM annotation_questions q
        WHERE q.annotation_id = ANY (ARRAY(
          SELECT d.id FROM annotations d WHERE d.round_id = ${roundId} AND d.deleted))
        GROUP BY q.unit_id, q.question),
      cells AS (
        SELECT t.unit_id, t.question, (t.n - COALESCE(d.n, 0))::int AS n
        FROM tagged t LEFT JOIN dropped d ON d.unit_id = t.unit_id AND d.question = t.question
        WHERE t.n > COALESCE(d.n, 0))
      SELECT c.unit_id, c.question, c.n, v.unit_id IS NULL AS gap
      FROM cells c LEFT JOIN covered v ON v.unit_id = c.unit_id AND v.question = c.question`,
    db<{ unitId: string; step: string | null; n: number }[]>`
      SELECT unit_id, step, count(*)::int AS n FROM annotations
      WHERE round_id = ${roundId} AND NOT deleted GROUP BY unit_id, step`,
  ]);
  return { byState, byQuestion, byAspect, cells, stepRows };
}
