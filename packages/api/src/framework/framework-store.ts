import { AppError, type Framework, FrameworkSchema } from '@rectify/domain';
import type { Db } from '@rectify/store';

export interface FrameworkVersion {
  version: number;
  framework: Framework;
  createdAt: string;
  createdBy: string | null;
}

/** Every stored version of a round's framework, oldest first. */
export async function frameworkVersions(db: Db, roundId: string): Promise<FrameworkVersion[]> {
  const rows = await db<
    { version: number; body: unknown; createdAt: Date; createdBy: string | null }[]
  >`
    SELECT f.version, f.body, f.created_at, u.display_name AS created_by
    FROM frameworks f LEFT JOIN users u ON u.id = f.created_by
    WHERE f.round_id = ${roundId} ORDER BY f.version`;
  return rows.map((r) => ({
    version: r.version,
    framework: FrameworkSchema.parse(r.body),
    createdAt: new Date(r.createdAt).toISOString(),
    createdBy: r.createdBy,
  }));
}

/** Where a question is in use in a round: annotations (by unit) and findings. */
export interface QuestionUses {
  question: string;
  annotations: number;
  units: string[];
  findings: Array<{ id: string; title: string; state: string }>;
}

export async function questionUses(
  db: Db,
  roundId: string,
  codes: readonly string[],
): Promise<QuestionUses[]> {
  if (codes.length === 0) return [];
  const annotations = await db<{ question: string; n: number; units: string[] }[]>`
    SELECT q.question, count(DISTINCT a.id)::int AS n, array_agg(DISTINCT u.name) AS units
    FROM annotation_questions q
    JOIN annotations a ON a.id = q.annotation_id AND NOT a.deleted
    JOIN units u ON u.id = a.unit_id
    WHERE q.round_id = ${roundId} AND q.question IN ${db(codes as string[])}
    GROUP BY q.question`;
  const findings = await db<{ question: string; id: string; title: string; state: string }[]>`
    SELECT q.question, f.id, f.title, f.state
    FROM findings f CROSS JOIN LATERAL unnest(f.questions) AS q(question)
    WHERE f.round_id = ${roundId} AND f.merged_into IS NULL AND q.question IN ${db(codes as string[])}
    ORDER BY f.created_at`;
  return codes
    .map((question) => {
      const a = annotations.find((x) => x.question === question);
      return {
        question,
        annotations: a?.n ?? 0,
        units: (a?.units ?? []).sort(),
        findings: findings
          .filter((f) => f.question === question)
          .map(({ id, title, state }) => ({ id, title, state })),
      };
    })
    .filter((u) => u.annotations > 0 || u.findings.length > 0);
}

/**
 * What changed between two versions that history cares about: codes that
 * disappeared (refused while in use: retire them instead).
 */
export function removedCodes(before: Framework, after: Framework) {
  const gone = <T extends { code: string }>(a: T[], b: T[]) =>
    a.filter((x) => !b.some((y) => y.code === x.code)).map((x) => x.code);
  return {
    questions: gone(before.questions, after.questions),
    focuses: gone(before.focuses, after.focuses),
    aspects: gone(before.aspects, after.aspects),
    methodSteps: gone(before.methodSteps, after.methodSteps),
    severities: gone(before.severities, after.severities),
    taskKinds: gone(before.taskKinds, after.taskKinds),
  };
}

/** Codes of other kinds that a round's data refers to, for refusing their removal. */
export async function otherUses(db: Db, roundId: string, removed: ReturnType<typeof removedCodes>) {
  const problems: string[] = [];
  if (removed.aspects.length > 0) {
    const [r] = await db<{ n: number }[]>`
      SELECT count(*)::int AS n FROM findings
      WHERE round_id = ${roundId} AND merged_into IS NULL AND aspect IN ${db(removed.aspects)}`;
    if (r!.n > 0)
      problems.push(`aspects ${removed.aspects.join(', ')}: used by ${r!.n} finding(s)`);
  }
  if (removed.severities.length > 0) {
    const [r] = await db<{ n: number }[]>`
      SELECT count(*)::int AS n FROM findings
      WHERE round_id = ${roundId} AND merged_into IS NULL AND severity IN ${db(removed.severities)}`;
    if (r!.n > 0)
      problems.push(`severities ${removed.severities.join(', ')}: used by ${r!.n} finding(s)`);
  }
  if (removed.methodSteps.length > 0) {
    const [r] = await db<{ n: number }[]>`
      SELECT count(*)::int AS n FROM annotations
      WHERE round_id = ${roundId} AND NOT deleted AND step IN ${db(removed.methodSteps)}`;
    if (r!.n > 0)
      problems.push(`methodSteps ${removed.methodSteps.join(', ')}: used by ${r!.n} annotation(s)`);
  }
  if (removed.taskKinds.length > 0) {
    const [r] = await db<{ n: number }[]>`
      SELECT count(*)::int AS n FROM measures m JOIN tasks t ON t.id = m.task_id
      WHERE t.round_id = ${roundId} AND m.kind IN ${db(removed.taskKinds)}`;
    if (r!.n > 0)
      problems.push(`taskKinds ${removed.taskKinds.join(', ')}: used by ${r!.n} measure(s)`);
  }
  return problems;
}

export async function storeFrameworkVersion(
  db: Db,
  roundId: string,
  framework: Framework,
  createdBy: string,
  at: Date,
): Promise<number> {
  const [row] = await db<{ version: number }[]>`
    SELECT COALESCE(max(version), 0) + 1 AS version FROM frameworks WHERE round_id = ${roundId}`;
  const version = row!.version;
  await db`INSERT INTO frameworks (round_id, version, body, created_at, created_by)
           VALUES (${roundId}, ${version}, ${db.json(framework as never)}, ${at}, ${createdBy})`;
  await db`UPDATE rounds SET framework_version = ${version}, theme = ${framework.theme.zh}
           WHERE id = ${roundId}`;
  return version;
}

export function requireKnownVersion(
  versions: FrameworkVersion[],
  version: number,
): FrameworkVersion {
  const v = versions.find((x) => x.version === version);
  if (!v) throw new AppError('not_found', 'Not found.');
  return v;
}
