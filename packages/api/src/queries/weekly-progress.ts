import type { Db } from '@rectify/store';

/** Weeks are the inspection office's calendar weeks, Monday to Sunday. */
export const WEEK_TIME_ZONE = 'Asia/Shanghai';

/** The chart keeps half a year; older weeks still count in the cumulative figures. */
export const MAX_WEEKS = 26;

export interface GroupWeeks {
  id: string;
  name: string;
  /** Statements with a submitted version by the end of each week (cumulative). */
  submitted: number[];
  /** Statements with a live annotation on any version by the end of each week (cumulative). */
  reviewed: number[];
  /** Live annotations created in each week. */
  annotations: number[];
  /** Findings (not merged into another) created in each week. */
  findings: number[];
}

export interface WeeklyProgress {
  /** Each week's Monday (YYYY-MM-DD), oldest first; empty while nothing has happened. */
  weeks: string[];
  groups: GroupWeeks[];
}

/**
 * Week-by-week progress per group, rebuilt from the timestamps the tables
 * already keep: the same definitions as `groupOverview`, dated. A statement
 * counts as submitted from its first version's `submitted_at`, as reviewed from
 * its first live annotation's `created_at`. Annotations deleted since are not
 * counted in any week (the table keeps no deletion time). The weeks run from
 * the first event of the groups asked for to the week of `now`, the latest
 * MAX_WEEKS of them; later events are not counted.
 */
export async function weeklyProgress(
  db: Db,
  roundId: string,
  now: Date,
  groupIds?: readonly string[],
): Promise<WeeklyProgress> {
  const [row] = await db<WeeklyProgress[]>`
    WITH g AS (
      SELECT id, name, ordinal FROM inspection_groups
      WHERE round_id = ${roundId} ${groupIds ? db`AND id = ANY(${groupIds as string[]}::uuid[])` : db``}
    ),
    st AS (
      SELECT ua.group_id,
             (SELECT min(v.submitted_at) FROM statement_versions v
               WHERE v.statement_id = s.id) AS submitted_at,
             (SELECT min(a.created_at) FROM statement_versions v
                JOIN annotations a ON a.statement_version_id = v.id AND NOT a.deleted
               WHERE v.statement_id = s.id) AS reviewed_at
      FROM statements s
      JOIN unit_assignments ua ON ua.round_id = s.round_id AND ua.unit_id = s.unit_id
      JOIN g ON g.id = ua.group_id
      WHERE s.round_id = ${roundId}
    ),
    events AS (
      SELECT group_id, 'submitted' AS kind, submitted_at AS ts FROM st WHERE submitted_at IS NOT NULL
      UNION ALL
      SELECT group_id, 'reviewed', reviewed_at FROM st WHERE reviewed_at IS NOT NULL
      UNION ALL
      SELECT ua.group_id, 'annotation', a.created_at FROM annotations a
        JOIN unit_assignments ua ON ua.round_id = a.round_id AND ua.unit_id = a.unit_id
        JOIN g ON g.id = ua.group_id
       WHERE a.round_id = ${roundId} AND NOT a.deleted
      UNION ALL
      SELECT f.group_id, 'finding', f.created_at FROM findings f
        JOIN g ON g.id = f.group_id
       WHERE f.round_id = ${roundId} AND f.merged_into IS NULL
    ),
    per_week AS (
      SELECT group_id, date_trunc('week', ts AT TIME ZONE ${WEEK_TIME_ZONE})::date AS week,
             count(*) FILTER (WHERE kind = 'submitted') AS submitted,
             count(*) FILTER (WHERE kind = 'reviewed') AS reviewed,
             count(*) FILTER (WHERE kind = 'annotation') AS annotations,
             count(*) FILTER (WHERE kind = 'finding') AS findings
      FROM events GROUP BY 1, 2
    ),
    bounds AS (
      SELECT min(p.week) AS first, n.last
      FROM (SELECT date_trunc('week', ${now.toISOString()}::timestamptz AT TIME ZONE ${WEEK_TIME_ZONE})::date AS last) n
      LEFT JOIN per_week p ON true
      GROUP BY n.last
    ),
    weeks AS (
      SELECT generate_series(
               greatest(first, last - ${(MAX_WEEKS - 1) * 7}::int)::timestamp,
               last::timestamp,
               interval '1 week')::date AS week
      FROM bounds WHERE first IS NOT NULL
    ),
    cells AS (
      SELECT g.id, g.name, g.ordinal, w.week,
             coalesce(sum(p.submitted), 0)::int AS submitted,
             coalesce(sum(p.reviewed), 0)::int AS reviewed,
             coalesce(sum(p.annotations) FILTER (WHERE p.week = w.week), 0)::int AS annotations,
             coalesce(sum(p.findings) FILTER (WHERE p.week = w.week), 0)::int AS findings
      FROM g CROSS JOIN weeks w
      -- Everything up to the week: running totals include weeks before the first shown.
      LEFT JOIN per_week p ON p.group_id = g.id AND p.week <= w.week
      GROUP BY g.id, g.name, g.ordinal, w.week
    )
    SELECT
      (SELECT coalesce(array_agg(week::text ORDER BY week), '{}'::text[]) FROM weeks) AS weeks,
      (SELECT coalesce(json_agg(json_build_object(
                 'id', g.id, 'name', g.name,
                 'submitted', coalesce(c.submitted, '[]'), 'reviewed', coalesce(c.reviewed, '[]'),
                 'annotations', coalesce(c.annotations, '[]'), 'findings', coalesce(c.findings, '[]'))
               ORDER BY g.ordinal, g.name), '[]')
         FROM g LEFT JOIN (
           SELECT id,
                  json_agg(submitted ORDER BY week) AS submitted,
                  json_agg(reviewed ORDER BY week) AS reviewed,
                  json_agg(annotations ORDER BY week) AS annotations,
                  json_agg(findings ORDER BY week) AS findings
           FROM cells GROUP BY id
         ) c ON c.id = g.id) AS groups`;
  return row!;
}
