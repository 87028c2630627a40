import { focusOf, type RoundFacts } from '@rectify/domain';
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
  const units = await sql<
    { unitId: string; unitName: string; groupId: string; groupName: string }[]
  >`
    SELECT ua.unit_id, u.name AS unit_name, ua.group_id, g.name AS group_name
    FROM unit_assignments ua
    JOIN units u ON u.id = ua.unit_id
    JOIN inspection_groups g ON g.id = ua.group_id
    WHERE ua.round_id = ${round.id} ${groupId ? sql`AND ua.group_id = ${groupId}` : sql``}
    ORDER BY g.ordinal, u.name`;
  const visible = filterAllowed(c, 'read', units, (u) => ({
    kind: 'annotation',
    round,
    unitId: u.unitId,
    groupId: u.groupId,
  }));
  const allowed = new Set(visible.map((u) => u.unitId));
  const { framework } = await currentFramework(sql, round.id);

  const byState = await sql<{ unitId: string; state: string; n: number }[]>`
    SELECT unit_id, state, count(*)::int AS n FROM findings
    WHERE round_id = ${round.id} AND merged_into IS NULL GROUP BY unit_id, state`;
  const byQuestion = await sql<{ unitId: string; question: string; n: number }[]>`
    SELECT f.unit_id, q.question, count(*)::int AS n
    FROM findings f CROSS JOIN LATERAL unnest(f.questions) AS q(question)
    WHERE f.round_id = ${round.id} AND f.merged_into IS NULL GROUP BY f.unit_id, q.question`;
  const byAspect = await sql<{ unitId: string; aspect: string | null; n: number }[]>`
    SELECT unit_id, aspect, count(*)::int AS n FROM findings
    WHERE round_id = ${round.id} AND merged_into IS NULL GROUP BY unit_id, aspect`;
  const annotations = await sql<{ unitId: string; question: string | null; n: number }[]>`
    SELECT a.unit_id, q.question, count(*)::int AS n
    FROM annotations a LEFT JOIN annotation_questions q ON q.annotation_id = a.id
    WHERE a.round_id = ${round.id} AND NOT a.deleted
    GROUP BY a.unit_id, q.question`;
  const annotationTotals = await sql<{ unitId: string; n: number }[]>`
    SELECT unit_id, count(*)::int AS n FROM annotations
    WHERE round_id = ${round.id} AND NOT deleted GROUP BY unit_id`;
  const gaps = await sql<
    { unitId: string; question: string; n: number; annotationIds: string[] }[]
  >`
    SELECT a.unit_id, q.question, count(DISTINCT a.id)::int AS n,
      array_agg(DISTINCT a.id ORDER BY a.id) AS annotation_ids
    FROM annotations a JOIN annotation_questions q ON q.annotation_id = a.id
    WHERE a.round_id = ${round.id} AND NOT a.deleted
      AND NOT EXISTS (
        SELECT 1 FROM findings f
        WHERE f.round_id = a.round_id AND f.unit_id = a.unit_id AND f.merged_into IS NULL
          AND q.question = ANY (f.questions))
    GROUP BY a.unit_id, q.question`;

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
  for (const r of annotationTotals) {
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
  for (const r of annotations) {
    if (!allowed.has(r.unitId)) continue;
    if (r.question && questionRow.has(r.question)) questionRow.get(r.question)!.annotations += r.n;
  }
  // Steps count annotations once each, whatever their number of tags.
  const stepRows = await sql<{ unitId: string; step: string | null; n: number }[]>`
    SELECT unit_id, step, count(*)::int AS n FROM annotations
    WHERE round_id = ${round.id} AND NOT deleted GROUP BY unit_id, step`;
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
      // What "create a finding from this cell" links, so the new finding keeps its trail.
      annotationIds: g.annotationIds,
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
