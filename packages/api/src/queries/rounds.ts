import { defaultFramework, type Framework, type Round, type RoundState } from '@rectify/domain';
import type { Db } from '@rectify/store';
import type { RoundScope } from '../lib/abilities.ts';

/**
 * The rounds a user takes part in (every round for administrators), each
 * with its groups: what the abilities in /auth/me are asked about.
 */
export async function roundScopes(db: Db, userId: string, isAdmin: boolean): Promise<RoundScope[]> {
  const rows = await db<{ id: string; state: RoundState; groupIds: string[] }[]>`
    SELECT r.id, r.state,
           coalesce(array_agg(g.id::text ORDER BY g.ordinal, g.name)
                    FILTER (WHERE g.id IS NOT NULL), '{}') AS group_ids
    FROM rounds r LEFT JOIN inspection_groups g ON g.round_id = r.id
    WHERE ${isAdmin} OR r.id IN (SELECT round_id FROM memberships WHERE user_id = ${userId})
    GROUP BY r.id ORDER BY r.created_at`;
  return rows.map((r) => ({ round: { id: r.id, state: r.state }, groupIds: r.groupIds }));
}

/** A new round in setup, with version 1 of its framework: the one that ships, or a copy. */
export async function insertRound(
  db: Db,
  r: { name: string; theme: string; startsOn: string | null; endsOn: string | null },
  createdBy: string,
  now: Date,
  framework: Framework = defaultFramework,
): Promise<Round> {
  const [round] = await db<Round[]>`
    INSERT INTO rounds (name, theme, starts_on, ends_on, framework_version, created_at)
    VALUES (${r.name}, ${r.theme}, ${r.startsOn}, ${r.endsOn}, 1, ${now})
    RETURNING id, name, theme, state, starts_on::text, ends_on::text`;
  await db`INSERT INTO frameworks (round_id, version, body, created_at, created_by)
           VALUES (${round!.id}, 1, ${db.json(framework as never)}, ${now}, ${createdBy})`;
  return round!;
}
