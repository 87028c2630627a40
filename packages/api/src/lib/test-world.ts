import type { Sql } from '@rectify/store';
import { type createTestApi, insertUser } from '../testing.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/**
 * A round for HTTP tests: two groups, units in each (and one unassigned), and
 * one signed-in person per seat that matters for access.
 */
export async function seedWorld(t: TestApi, sql: Sql, state: 'active' | 'closed' = 'active') {
  const people = [
    'admin',
    'leadership',
    'leader1',
    'member1',
    'member2',
    'recused',
    'contact',
    'stranger',
  ] as const;
  type Who = (typeof people)[number];
  const userIds = {} as Record<Who, string>;
  for (const who of people) {
    userIds[who] = await insertUser(sql, { username: who, isAdmin: who === 'admin' });
  }
  const [round] = await sql<{ id: string }[]>`
    INSERT INTO rounds (name, state) VALUES ('2026 专项巡视', ${state}) RETURNING id`;
  const roundId = round!.id;
  const group = async (name: string, ordinal: number) =>
    (
      await sql<{ id: string }[]>`
        INSERT INTO inspection_groups (round_id, name, ordinal)
        VALUES (${roundId}, ${name}, ${ordinal}) RETURNING id`
    )[0]!.id;
  const g1 = await group('第一巡视组', 1);
  const g2 = await group('第二巡视组', 2);
  const unit = async (name: string, groupId: string | null) => {
    const [u] = await sql<{ id: string }[]>`INSERT INTO units (name) VALUES (${name}) RETURNING id`;
    if (groupId) {
      await sql`INSERT INTO unit_assignments (round_id, unit_id, group_id)
                VALUES (${roundId}, ${u!.id}, ${groupId})`;
    }
    return u!.id;
  };
  const units = {
    a1: await unit('教务处', g1),
    a2: await unit('研究生院', g1),
    b1: await unit('科研处', g2),
    loose: await unit('后勤处', null),
  };
  const seat = async (who: Who, role: string, groupId: string | null, unitId: string | null) => {
    await sql`INSERT INTO memberships (round_id, user_id, role, group_id, unit_id)
              VALUES (${roundId}, ${userIds[who]}, ${role}, ${groupId}, ${unitId})`;
  };
  await seat('leadership', 'leadership', null, null);
  await seat('leader1', 'leader', g1, null);
  await seat('member1', 'member', g1, null);
  await seat('member2', 'member', g2, null);
  await seat('recused', 'member', g1, null);
  await seat('contact', 'unit_contact', null, units.a1);
  await sql`INSERT INTO recusals (round_id, user_id, unit_id, reason)
            VALUES (${roundId}, ${userIds.recused}, ${units.a1}, '曾在该单位任职')`;

  const tokens = {} as Record<Who, string>;
  for (const who of people) tokens[who] = await login(t, who);
  return { roundId, groups: { g1, g2 }, units, userIds, tokens };
}

export type World = Awaited<ReturnType<typeof seedWorld>>;

/** Signs in through the API and answers the bearer token. */
export async function login(t: TestApi, username: string, password = 'pw'): Promise<string> {
  const r = await t.call('POST', '/api/auth/login', { body: { username, password } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.text}`);
  return r.json.token as string;
}
