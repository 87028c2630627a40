import { createSession, type Sql } from '@rectify/store';
import type { createTestApi } from '../../testing.ts';
import { insertUser } from '../../testing.ts';

type TestApi = Awaited<ReturnType<typeof createTestApi>>;

/**
 * A small active round for the portal tests:
 * - group 1 inspects 教务处 (A) and 研究生院 (B); group 2 inspects 财务处 (C);
 * - task T1 led by A with B co-leading, T2 led by A, T3 led by C;
 * - contactA/contactB/contactC answer for A/B/C; member1 is in group 1,
 *   member2 in group 2; admin is an administrator.
 * Every name is suffixed so several suites can share one database.
 */
export async function seedPortalRound(sql: Sql, t: TestApi, suffix: string) {
  const user = (name: string, isAdmin = false) =>
    insertUser(sql, { username: `${name}_${suffix}`, displayName: `${name}-${suffix}`, isAdmin });
  const users = {
    admin: await user('admin', true),
    contactA: await user('contactA'),
    contactB: await user('contactB'),
    contactC: await user('contactC'),
    member1: await user('member1'),
    member2: await user('member2'),
  };
  const [round] = await sql<{ id: string }[]>`
    INSERT INTO rounds (name, state) VALUES (${`专项巡视 ${suffix}`}, 'active') RETURNING id`;
  const roundId = round!.id;
  const group = async (name: string, ordinal: number) => {
    const [g] = await sql<{ id: string }[]>`
      INSERT INTO inspection_groups (round_id, name, ordinal) VALUES (${roundId}, ${name}, ${ordinal})
      RETURNING id`;
    return g!.id;
  };
  const g1 = await group('第一巡视组', 1);
  const g2 = await group('第二巡视组', 2);
  const unit = async (name: string, groupId: string) => {
    const [u] = await sql<{ id: string }[]>`INSERT INTO units (name) VALUES (${name}) RETURNING id`;
    await sql`INSERT INTO unit_assignments (round_id, unit_id, group_id)
              VALUES (${roundId}, ${u!.id}, ${groupId})`;
    return u!.id;
  };
  const units = {
    A: await unit(`教务处-${suffix}`, g1),
    B: await unit(`研究生院-${suffix}`, g1),
    C: await unit(`财务处-${suffix}`, g2),
  };
  const member = (userId: string, role: string, groupId: string | null, unitId: string | null) =>
    sql`INSERT INTO memberships (round_id, user_id, role, group_id, unit_id)
        VALUES (${roundId}, ${userId}, ${role}, ${groupId}, ${unitId})`;
  await member(users.admin, 'admin', null, null);
  await member(users.contactA, 'unit_contact', null, units.A);
  await member(users.contactB, 'unit_contact', null, units.B);
  await member(users.contactC, 'unit_contact', null, units.C);
  await member(users.member1, 'member', g1, null);
  await member(users.member2, 'member', g2, null);

  const [p1] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title)
    VALUES (${roundId}, 1, '落实立德树人根本任务有差距') RETURNING id`;
  const [p2] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title)
    VALUES (${roundId}, 2, '财务管理不够规范') RETURNING id`;
  const task = async (
    problemId: string,
    ordinal: number,
    title: string,
    lead: string,
    co: string[],
    kind: string,
    deadlineText: string,
  ) => {
    const [row] = await sql<{ id: string }[]>`
      INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
      VALUES (${roundId}, ${problemId}, ${ordinal}, ${title}, ${`${problemId}.${ordinal}`})
      RETURNING id`;
    const [m] = await sql<{ id: string }[]>`
      INSERT INTO measures (task_id, ordinal, content, lead_unit_id, kind, deadline_text)
      VALUES (${row!.id}, 1, ${`${title}的措施`}, ${lead}, ${kind}, ${deadlineText})
      RETURNING id`;
    for (const u of co) {
      await sql`INSERT INTO measure_co_units (measure_id, unit_id) VALUES (${m!.id}, ${u})`;
    }
    return row!.id;
  };
  const tasks = {
    T1: await task(
      p1!.id,
      1,
      '修订本科生导师制实施办法',
      units.A,
      [units.B],
      'rules',
      '2023年6月底前',
    ),
    T2: await task(p1!.id, 2, '推进课程思政建设', units.A, [], 'long_term', '长期坚持'),
    T3: await task(p2!.id, 1, '规范科研经费报销', units.C, [], 'completed', '2023年9月30日'),
  };

  // Sessions made directly: signing in six users through argon2 per suite is slow.
  const tokens = {} as Record<keyof typeof users, string>;
  for (const name of Object.keys(users) as (keyof typeof users)[]) {
    tokens[name] = (await createSession(sql, users[name], t.clock(), t.deps.auth)).token;
  }
  return { roundId, groups: { g1, g2 }, units, users, tasks, tokens };
}

export type PortalRound = Awaited<ReturnType<typeof seedPortalRound>>;
