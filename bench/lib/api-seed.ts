/**
 * More data for the demo round, so the API load bench does not measure empty
 * lists: one inspection group's share of the round that
 * `rollup-coverage.bench.ts` builds (there: 200 units in 4 groups, 100k
 * annotations, 3,000 findings; here, for 第一巡视组 whose leader is the demo's
 * `leader1`: 50 units, 10 statements each, 25k annotations, 750 findings),
 * written with plain SQL after the demo seed, by the same rules: a fifth of
 * the statements with a second version, steps S1–S3 or none, 30 % resolved,
 * 2 % deleted, 0–3 question tags each (Q1 most, Q12 least often), findings in
 * every state, 1–3 questions each. Deterministic (seeded random).
 */
import { defaultFramework } from '../../packages/domain/src/index.ts';
import type { Sql } from '../../packages/store/src/db/client.ts';

export interface SeedSize {
  units: number;
  statementsPerUnit: number;
  annotations: number;
  findings: number;
}

/** A statement version the seeders wrote: its id, unit index, task and version number. */
export interface SeededVersion {
  id: string;
  unit: number;
  task: string;
  version: number;
}

/**
 * `perUnit` tasks and statements for each unit, each with version 1 and every
 * fifth also with version 2 (carried annotations need a later version), in
 * batches of 50 units. Shared by this seeder and `rollup-coverage.bench.ts`.
 */
export async function insertStatements(
  sql: Sql,
  o: {
    roundId: string;
    problemId: string;
    submittedBy: string;
    unitIds: readonly string[];
    perUnit: number;
    firstOrdinal: number;
    label: (unit: number, j: number) => { title: string; sourceKey: string };
  },
): Promise<SeededVersion[]> {
  const versions: SeededVersion[] = [];
  for (let start = 0; start < o.unitIds.length; start += 50) {
    const slice = o.unitIds.slice(start, start + 50);
    const rows = slice.flatMap((_, k) =>
      Array.from({ length: o.perUnit }, (_, j) => ({ unit: start + k, j })),
    );
    const tasks = await sql<{ id: string }[]>`
      INSERT INTO tasks ${sql(
        rows.map((r) => ({
          roundId: o.roundId,
          problemId: o.problemId,
          ordinal: r.unit * o.perUnit + r.j + o.firstOrdinal,
          ...o.label(r.unit, r.j),
        })),
      )} RETURNING id`;
    const statements = await sql<{ id: string }[]>`
      INSERT INTO statements ${sql(
        rows.map((r, k) => ({
          roundId: o.roundId,
          taskId: tasks[k]!.id,
          unitId: o.unitIds[r.unit]!,
        })),
      )} RETURNING id`;
    const vRows = rows.flatMap((r, k) => {
      const one = { statementId: statements[k]!.id, version: 1, unit: r.unit, task: tasks[k]!.id };
      return r.j % 5 === 0 ? [one, { ...one, version: 2 }] : [one];
    });
    const vs = await sql<{ id: string }[]>`
      INSERT INTO statement_versions ${sql(
        vRows.map((r) => ({
          statementId: r.statementId,
          version: r.version,
          body: sql.json({}),
          bodyText: '整改进展表述',
          submittedBy: o.submittedBy,
        })) as never,
      )} RETURNING id`;
    for (const [k, v] of vs.entries()) {
      const r = vRows[k]!;
      versions.push({ id: v.id, unit: r.unit, task: r.task, version: r.version });
    }
  }
  return versions;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Adds `size` to the demo round's first group; returns the round id and row counts. */
export async function seedDemoRound(
  sql: Sql,
  size: SeedSize,
): Promise<{ roundId: string; counts: Record<string, number> }> {
  const random = rng(11);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  const [round] = await sql<{ id: string }[]>`SELECT id FROM rounds ORDER BY created_at LIMIT 1`;
  if (!round) throw new Error('no demo round: start the server once with DEMO=1 first');
  const roundId = round.id;
  const [group] = await sql<{ id: string }[]>`
    SELECT id FROM inspection_groups WHERE round_id = ${roundId} ORDER BY ordinal LIMIT 1`;
  const groupId = group!.id;
  const authors = (
    await sql<{ userId: string }[]>`
      SELECT user_id FROM memberships WHERE round_id = ${roundId} AND group_id = ${groupId}`
  ).map((r) => r.userId);
  const [admin] = await sql<{ id: string }[]>`SELECT id FROM users WHERE is_admin LIMIT 1`;

  const units = await sql<{ id: string }[]>`
    INSERT INTO units ${sql(
      Array.from({ length: size.units }, (_, u) => ({
        name: `基准单位${String(u).padStart(3, '0')}`,
      })),
    )} RETURNING id`;
  await sql`INSERT INTO unit_assignments ${sql(units.map((u) => ({ roundId, unitId: u.id, groupId })))}`;
  const [{ next } = { next: 1 }] = await sql<{ next: number }[]>`
    SELECT coalesce(max(ordinal), 0) + 1 AS next FROM problems WHERE round_id = ${roundId}`;
  const [problem] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title) VALUES (${roundId}, ${next}, '基准问题') RETURNING id`;

  const versions = await insertStatements(sql, {
    roundId,
    problemId: problem!.id,
    submittedBy: admin!.id,
    unitIds: units.map((u) => u.id),
    perUnit: size.statementsPerUnit,
    firstOrdinal: 1,
    label: (unit, j) => ({ title: `基准任务${unit}-${j}`, sourceKey: `bench-${unit}-${j}` }),
  });

  const weights = defaultFramework.questions.map((q, i) => ({ code: q.code, w: 13 - i }));
  const total = weights.reduce((s, q) => s + q.w, 0);
  const question = (): string => {
    let x = random() * total;
    for (const q of weights) {
      x -= q.w;
      if (x < 0) return q.code;
    }
    return 'Q1';
  };
  const STEPS = ['S1', 'S1', 'S2', 'S2', 'S3', null] as const;
  for (let i = 0; i < size.annotations; i += 2000) {
    const rows = Array.from({ length: Math.min(2000, size.annotations - i) }, (_, k) => {
      const v = pick(versions);
      return {
        id: `bench-a${i + k}`,
        docName: `review.${v.id}`,
        roundId,
        unitId: units[v.unit]!.id,
        taskId: v.task,
        groupId,
        statementVersionId: v.id,
        step: pick(STEPS),
        status: random() < 0.3 ? 'resolved' : 'open',
        quote: '引文',
        bodyText: '批注',
        authorId: pick(authors),
        deleted: random() < 0.02,
      };
    });
    await sql`INSERT INTO annotations ${sql(rows)}`;
    const tags = rows.flatMap((r) => {
      const n = random() < 0.05 ? 0 : random() < 0.7 ? 1 : random() < 0.8 ? 2 : 3;
      return [...new Set(Array.from({ length: n }, question))].map((q) => ({
        annotationId: r.id,
        question: q,
        roundId,
        unitId: r.unitId,
      }));
    });
    if (tags.length > 0) await sql`INSERT INTO annotation_questions ${sql(tags)}`;
  }

  const STATES = ['draft', 'draft', 'confirmed', 'approved', 'issued', 'rectifying', 'closed'];
  const ASPECTS = [...defaultFramework.aspects.map((a) => a.code), null];
  for (let i = 0; i < size.findings; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, size.findings - i) }, () => ({
      roundId,
      groupId,
      unitId: pick(units).id,
      title: '发现问题',
      questions: [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, question))],
      aspect: pick(ASPECTS),
      state: pick(STATES),
      createdBy: pick(authors),
    }));
    await sql`INSERT INTO findings ${sql(rows as never)}`;
  }
  // What autovacuum does after a bulk load: statistics and the visibility map.
  await sql`VACUUM ANALYZE`;
  const counts: Record<string, number> = {};
  for (const table of ['units', 'statement_versions', 'annotations', 'findings']) {
    const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${sql(table)}`;
    counts[table] = row!.n;
  }
  return { roundId, counts };
}
