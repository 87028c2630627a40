import type { Framework } from '@rectify/domain';
import { byName, type coverageCounts, type GroupRow } from './coverage-store.ts';
import type { Coverage } from './schemas.ts';

type Counts = Awaited<ReturnType<typeof coverageCounts>>;

/**
 * The framework's columns: the questions in force, grouped under their
 * focuses in the framework's order. A retired question keeps its column only
 * while annotations in view still carry it, so nothing counted disappears.
 */
export function columns(framework: Framework, used: ReadonlySet<string>) {
  return framework.focuses
    .map((f) => ({
      code: f.code,
      zh: f.zh,
      en: f.en,
      questions: framework.questions
        .filter((q) => q.focus === f.code && (!q.retired || used.has(q.code)))
        .map((q) => ({ code: q.code, zh: q.zh, en: q.en, retired: q.retired === true })),
    }))
    .filter((f) => f.questions.length > 0);
}

/**
 * Assembles the unit × question matrix from the SQL counts: every unit gets
 * one cell per column, so a unit nobody annotated is a row of gaps.
 */
export function buildMatrix(
  framework: Framework,
  units: readonly GroupRow[],
  counts: Counts,
): Pick<Coverage, 'units' | 'people' | 'totals'> & { focuses: Coverage['framework']['focuses'] } {
  const focuses = columns(framework, new Set(counts.cells.map((c) => c.question)));
  const codes = focuses.flatMap((f) => f.questions.map((q) => q.code));
  const cellOf = new Map(counts.cells.map((c) => [`${c.unitId} ${c.question}`, c]));
  const totalOf = new Map(counts.totals.map((t) => [t.unitId, t]));
  const statementsOf = new Map(counts.statements.map((s) => [s.unitId, s]));
  const rows = units.map((u) => {
    const t = totalOf.get(u.id);
    const s = statementsOf.get(u.id);
    return {
      id: u.id,
      name: u.name,
      statements: s?.statements ?? 0,
      annotatedStatements: s?.annotated ?? 0,
      open: t?.open ?? 0,
      resolved: t?.resolved ?? 0,
      untagged: t?.untagged ?? 0,
      cells: codes.map((question) => {
        const c = cellOf.get(`${u.id} ${question}`);
        return {
          question,
          open: c?.open ?? 0,
          resolved: c?.resolved ?? 0,
          authors: [...(c?.authors ?? [])].sort(byName),
        };
      }),
    };
  });
  const cells = rows.length * codes.length;
  const covered = rows.reduce(
    (n, r) => n + r.cells.filter((c) => c.open + c.resolved > 0).length,
    0,
  );
  return {
    focuses,
    units: rows,
    people: [...counts.people].sort(
      (a, b) => b.annotations - a.annotations || byName(a.name, b.name),
    ),
    totals: {
      open: rows.reduce((n, r) => n + r.open, 0),
      resolved: rows.reduce((n, r) => n + r.resolved, 0),
      cells,
      covered,
      gaps: cells - covered,
    },
  };
}
