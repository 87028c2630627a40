import type { Db } from '@rectify/store';
import { currentFramework } from '../findings/finding-store.ts';

export interface Agenda {
  /** Changes are counted from this moment (the previous meeting), or from the start. */
  since: string | null;
  generatedAt: string;
  groups: Array<{
    groupId: string;
    name: string;
    units: number;
    /** Statements submitted by the group's units (latest versions). */
    statements: number;
    /** Of those, statements with at least one annotation. */
    reviewed: number;
    annotations: number;
    newAnnotations: number;
    /** Annotations by method step (S1–S3, or 'none'). */
    steps: Record<string, number>;
    /** Unit × question cells still without an annotation. */
    gaps: number;
  }>;
  gaps: Array<{ groupId: string; unitId: string; unitName: string; questions: string[] }>;
  findings: Array<{
    id: string;
    title: string;
    unitName: string;
    groupName: string;
    state: string;
    change: 'new' | 'changed';
  }>;
  overdue: Array<{
    id: string;
    title: string;
    owner: string | null;
    dueOn: string;
    meetingOn: string;
  }>;
}

/**
 * The weekly meeting's agenda, computed from the data since the previous
 * meeting: per-group progress, coverage gaps, new and changed findings, and
 * action items past their due date.
 */
export async function buildAgenda(
  db: Db,
  roundId: string,
  opts: { since: Date | null; heldOn: string; now: Date },
): Promise<Agenda> {
  const since = opts.since ?? new Date(0);
  const { framework } = await currentFramework(db, roundId);
  const questions = framework.questions.filter((q) => !q.retired).map((q) => q.code);

  const groups = await db<
    { groupId: string; name: string; units: number; statements: number; reviewed: number }[]
  >`
    SELECT g.id AS group_id, g.name,
      count(DISTINCT ua.unit_id)::int AS units,
      count(DISTINCT s.id) FILTER (WHERE sv.id IS NOT NULL)::int AS statements,
      count(DISTINCT s.id) FILTER (WHERE EXISTS (
        SELECT 1 FROM annotations a JOIN statement_versions v ON v.id = a.statement_version_id
        WHERE v.statement_id = s.id AND NOT a.deleted))::int AS reviewed
    FROM inspection_groups g
    LEFT JOIN unit_assignments ua ON ua.group_id = g.id AND ua.round_id = g.round_id
    LEFT JOIN statements s ON s.round_id = g.round_id AND s.unit_id = ua.unit_id
    LEFT JOIN LATERAL (
      SELECT v.id FROM statement_versions v WHERE v.statement_id = s.id LIMIT 1) sv ON true
    WHERE g.round_id = ${roundId}
    GROUP BY g.id, g.name, g.ordinal
    ORDER BY g.ordinal`;
  const steps = await db<{ groupId: string; step: string | null; n: number; fresh: number }[]>`
    SELECT ua.group_id, a.step, count(*)::int AS n,
      count(*) FILTER (WHERE a.created_at > ${since})::int AS fresh
    FROM annotations a
    JOIN unit_assignments ua ON ua.round_id = a.round_id AND ua.unit_id = a.unit_id
    WHERE a.round_id = ${roundId} AND NOT a.deleted
    GROUP BY ua.group_id, a.step`;
  const cells = await db<
    { groupId: string; unitId: string; unitName: string; questions: string[] }[]
  >`
    SELECT ua.group_id, ua.unit_id, u.name AS unit_name,
      COALESCE(array_agg(DISTINCT q.question) FILTER (WHERE q.question IS NOT NULL), '{}') AS questions
    FROM unit_assignments ua
    JOIN units u ON u.id = ua.unit_id
    JOIN inspection_groups g ON g.id = ua.group_id
    LEFT JOIN annotations a ON a.round_id = ua.round_id AND a.unit_id = ua.unit_id AND NOT a.deleted
    LEFT JOIN annotation_questions q ON q.annotation_id = a.id
    WHERE ua.round_id = ${roundId}
    GROUP BY ua.group_id, ua.unit_id, u.name, g.ordinal
    ORDER BY g.ordinal, u.name`;
  const findings = await db<
    {
      id: string;
      title: string;
      unitName: string;
      groupName: string;
      state: string;
      isNew: boolean;
    }[]
  >`
    SELECT f.id, f.title, u.name AS unit_name, g.name AS group_name, f.state,
      f.created_at > ${since} AS is_new
    FROM findings f
    JOIN units u ON u.id = f.unit_id
    JOIN inspection_groups g ON g.id = f.group_id
    WHERE f.round_id = ${roundId} AND f.merged_into IS NULL AND f.updated_at > ${since}
    ORDER BY g.ordinal, f.created_at`;
  const overdue = await db<
    { id: string; title: string; owner: string | null; dueOn: string; meetingOn: string }[]
  >`
    SELECT ai.id, ai.title, u.display_name AS owner,
      to_char(ai.due_on, 'YYYY-MM-DD') AS due_on, to_char(m.held_on, 'YYYY-MM-DD') AS meeting_on
    FROM action_items ai
    JOIN meetings m ON m.id = ai.meeting_id
    LEFT JOIN users u ON u.id = ai.owner_id
    WHERE ai.round_id = ${roundId} AND ai.done_at IS NULL AND ai.due_on < ${opts.heldOn}::date
    ORDER BY ai.due_on, ai.title`;

  const gaps = cells
    .map((c) => ({
      groupId: c.groupId,
      unitId: c.unitId,
      unitName: c.unitName,
      questions: questions.filter((q) => !c.questions.includes(q)),
    }))
    .filter((c) => c.questions.length > 0);
  return {
    since: opts.since ? opts.since.toISOString() : null,
    generatedAt: opts.now.toISOString(),
    groups: groups.map((g) => {
      const mine = steps.filter((s) => s.groupId === g.groupId);
      const byStep: Record<string, number> = {};
      for (const s of mine) byStep[s.step ?? 'none'] = (byStep[s.step ?? 'none'] ?? 0) + s.n;
      return {
        ...g,
        annotations: mine.reduce((n, s) => n + s.n, 0),
        newAnnotations: mine.reduce((n, s) => n + s.fresh, 0),
        steps: byStep,
        gaps: gaps
          .filter((x) => x.groupId === g.groupId)
          .reduce((n, x) => n + x.questions.length, 0),
      };
    }),
    gaps,
    findings: findings.map(({ isNew, ...f }) => ({ ...f, change: isNew ? 'new' : 'changed' })),
    overdue,
  };
}
