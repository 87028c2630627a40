import { FINDING_STATES, type FindingState } from '@rectify/domain';
import type { Db } from '@rectify/store';

export interface GroupOverview {
  id: string;
  name: string;
  units: number;
  statementsSubmitted: number;
  statementsReviewed: number;
  annotations: number;
  findings: Record<FindingState, number>;
}

/** Per-group progress of a round, for the groups given (all when undefined). */
export async function groupOverview(
  db: Db,
  roundId: string,
  groupIds?: string[],
): Promise<GroupOverview[]> {
  const rows = await db<
    (Omit<GroupOverview, 'findings'> & { findings: Record<string, number> | null })[]
  >`
    WITH g AS (
      SELECT id, name, ordinal FROM inspection_groups
      WHERE round_id = ${roundId} ${groupIds ? db`AND id = ANY(${groupIds}::uuid[])` : db``}
    ),
    st AS (
      SELECT ua.group_id, s.id,
             EXISTS (SELECT 1 FROM statement_versions v WHERE v.statement_id = s.id) AS submitted,
             EXISTS (SELECT 1 FROM statement_versions v JOIN annotations a
                       ON a.statement_version_id = v.id AND NOT a.deleted
                     WHERE v.statement_id = s.id) AS reviewed
      FROM statements s
      JOIN unit_assignments ua ON ua.round_id = s.round_id AND ua.unit_id = s.unit_id
      WHERE s.round_id = ${roundId}
    )
    SELECT g.id, g.name,
      (SELECT count(*)::int FROM unit_assignments ua WHERE ua.group_id = g.id) AS units,
      (SELECT count(*)::int FROM st WHERE st.group_id = g.id AND st.submitted) AS statements_submitted,
      (SELECT count(*)::int FROM st WHERE st.group_id = g.id AND st.reviewed) AS statements_reviewed,
      (SELECT count(*)::int FROM annotations a
         JOIN unit_assignments ua ON ua.round_id = a.round_id AND ua.unit_id = a.unit_id
        WHERE a.round_id = ${roundId} AND ua.group_id = g.id AND NOT a.deleted) AS annotations,
      (SELECT jsonb_object_agg(state, n) FROM (
         SELECT state, count(*)::int AS n FROM findings f
         WHERE f.group_id = g.id AND f.merged_into IS NULL GROUP BY state) x) AS findings
    FROM g ORDER BY g.ordinal, g.name`;
  return rows.map((r) => ({
    ...r,
    findings: Object.fromEntries(FINDING_STATES.map((s) => [s, r.findings?.[s] ?? 0])) as Record<
      FindingState,
      number
    >,
  }));
}

export interface SetupGap {
  code: 'no_groups' | 'no_ledger' | 'group_without_members' | 'unit_without_group';
  message: string;
}

/** What an administrator still has to set up before the round can run. */
export async function setupGaps(db: Db, roundId: string): Promise<SetupGap[]> {
  const gaps: SetupGap[] = [];
  const [counts] = await db<{ groups: number; tasks: number }[]>`
    SELECT (SELECT count(*)::int FROM inspection_groups WHERE round_id = ${roundId}) AS groups,
           (SELECT count(*)::int FROM tasks WHERE round_id = ${roundId}) AS tasks`;
  if (!counts?.groups) gaps.push({ code: 'no_groups', message: '还没有巡视组' });
  if (!counts?.tasks) gaps.push({ code: 'no_ledger', message: '还没有导入整改台账' });
  const empty = await db<{ name: string }[]>`
    SELECT g.name FROM inspection_groups g
    WHERE g.round_id = ${roundId}
      AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = g.id)
    ORDER BY g.ordinal`;
  for (const g of empty) {
    gaps.push({ code: 'group_without_members', message: `${g.name}还没有成员` });
  }
  const orphans = await db<{ name: string }[]>`
    SELECT DISTINCT u.name FROM measures m
    JOIN tasks t ON t.id = m.task_id
    JOIN units u ON u.id = m.lead_unit_id
    WHERE t.round_id = ${roundId}
      AND NOT EXISTS (SELECT 1 FROM unit_assignments ua WHERE ua.round_id = ${roundId} AND ua.unit_id = u.id)
    ORDER BY u.name`;
  for (const u of orphans) {
    gaps.push({ code: 'unit_without_group', message: `${u.name}还没有分配巡视组` });
  }
  return gaps;
}
