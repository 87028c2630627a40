import type { Sql } from '@rectify/store';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi, testClock } from '../testing.ts';
import { weeklyProgress } from './weekly-progress.ts';

/** Shanghai weeks of the seeded history: Mondays 2 March, 9 March and 16 March 2026. */
const W1 = '2026-03-02';
const W2 = '2026-03-09';
const W3 = '2026-03-16';
/** Wednesday of the third week, Shanghai time. */
const NOW = new Date('2026-03-18T10:00:00+08:00');

/**
 * Three weeks of work in two groups, each row dated:
 * group 1 (教务处, 研究生院) and group 2 (科研处), plus an unassigned unit.
 */
async function seedHistory(sql: Sql, w: World) {
  const [problem] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title) VALUES (${w.roundId}, 1, '育人导向不够鲜明') RETURNING id`;
  let ordinal = 0;
  const statement = async (unitId: string, submittedAt: string[]) => {
    ordinal += 1;
    const [t] = await sql<{ id: string }[]>`
      INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
      VALUES (${w.roundId}, ${problem!.id}, ${ordinal}, ${`任务${ordinal}`}, ${`k${ordinal}`}) RETURNING id`;
    const [s] = await sql<{ id: string }[]>`
      INSERT INTO statements (round_id, task_id, unit_id) VALUES (${w.roundId}, ${t!.id}, ${unitId}) RETURNING id`;
    const versions: string[] = [];
    for (const [i, at] of submittedAt.entries()) {
      const [v] = await sql<{ id: string }[]>`
        INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by, submitted_at)
        VALUES (${s!.id}, ${i + 1}, ${sql.json({ type: 'doc', content: [] })}, '陈述',
                ${w.userIds.contact}, ${at})
        RETURNING id`;
      versions.push(v!.id);
    }
    return { unitId, taskId: t!.id, versions };
  };
  let n = 0;
  const annotation = async (
    at: { unitId: string; taskId: string },
    versionId: string,
    createdAt: string,
    deleted = false,
  ) => {
    n += 1;
    await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, task_id, statement_version_id,
                step, quote, body_text, author_id, deleted, created_at)
              VALUES (${`ann-${n}`}, ${`review.${versionId}`}, ${w.roundId}, ${at.unitId}, ${at.taskId},
                ${versionId}, 'S2', '引文', '意见', ${w.userIds.member1}, ${deleted}, ${createdAt})`;
  };
  const finding = async (
    groupId: string,
    unitId: string,
    createdAt: string,
    mergedInto: string | null = null,
  ) => {
    const [f] = await sql<{ id: string }[]>`
      INSERT INTO findings (round_id, group_id, unit_id, title, created_by, created_at, merged_into)
      VALUES (${w.roundId}, ${groupId}, ${unitId}, '发现问题', ${w.userIds.leader1}, ${createdAt}, ${mergedInto})
      RETURNING id`;
    return f!.id;
  };
  const { a1, a2, b1, loose } = w.units;
  const { g1, g2 } = w.groups;

  // Group 1. Submitted in week 1; reviewed in week 2 — Sunday 17:00 UTC is already
  // Monday in Shanghai — and again in week 3.
  const s1 = await statement(a1, ['2026-03-03T02:00:00Z']);
  await annotation(s1, s1.versions[0]!, '2026-03-08T17:00:00Z');
  await annotation(s1, s1.versions[0]!, '2026-03-16T03:00:00Z');
  // Submitted in week 1 and again in week 2; its week-1 annotation was deleted,
  // so it was first reviewed in week 3, on version 2.
  const s2 = await statement(a2, ['2026-03-04T02:00:00Z', '2026-03-10T02:00:00Z']);
  await annotation(s2, s2.versions[0]!, '2026-03-05T02:00:00Z', true);
  await annotation(s2, s2.versions[1]!, '2026-03-17T02:00:00Z');
  // A draft never submitted.
  await statement(a1, []);
  const f1 = await finding(g1, a1, '2026-03-11T02:00:00Z');
  await finding(g1, a1, '2026-03-16T05:00:00Z', f1); // merged away
  await finding(g1, a2, '2026-03-18T01:00:00Z');

  // Group 2, starting in week 2; one annotation after "now" does not count yet.
  const s4 = await statement(b1, ['2026-03-09T03:00:00Z']);
  await annotation(s4, s4.versions[0]!, '2026-03-10T03:00:00Z');
  await annotation(s4, s4.versions[0]!, '2026-03-30T03:00:00Z');
  await finding(g2, b1, '2026-03-19T03:00:00Z');

  // A unit no group inspects counts nowhere, not even in the weeks.
  const s5 = await statement(loose, ['2026-02-16T02:00:00Z']);
  await annotation(s5, s5.versions[0]!, '2026-02-17T02:00:00Z');
}

const GROUP_1 = {
  name: '第一巡视组',
  submitted: [2, 2, 2],
  reviewed: [0, 1, 2],
  annotations: [0, 1, 2],
  findings: [0, 1, 1],
};
const GROUP_2 = {
  name: '第二巡视组',
  submitted: [0, 1, 1],
  reviewed: [0, 1, 1],
  annotations: [0, 1, 0],
  findings: [0, 0, 1],
};

describeEachDatabase('weekly progress per group', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  const clock = testClock(NOW);
  beforeAll(async () => {
    t = await createTestApi(db().sql, { clock });
    w = await seedWorld(t, db().sql);
    await seedHistory(db().sql, w);
  });
  afterAll(() => t.cleanup());

  const weekly = (who: keyof World['tokens'], roundId = w.roundId) =>
    t.call('GET', `/api/rounds/${roundId}/progress/weekly`, { token: w.tokens[who] });

  it('counts each group’s statements and work week by week, in Shanghai weeks', async () => {
    const r = await weekly('admin');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      weeks: [W1, W2, W3],
      groups: [
        { id: w.groups.g1, ...GROUP_1 },
        { id: w.groups.g2, ...GROUP_2 },
      ],
    });
    expect((await weekly('leadership')).json).toEqual(r.json);
  });

  it('ends at the week of the clock, not of the database', async () => {
    const r = await weeklyProgress(db().sql, w.roundId, new Date('2026-03-10T00:00:00Z'));
    expect(r.weeks).toEqual([W1, W2]);
    expect(r.groups.map((g) => g.reviewed)).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  describe('for a group’s own people', () => {
    it('shows a member of group 1 only group 1', async () => {
      const r = await weekly('member1');
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ weeks: [W1, W2, W3], groups: [{ id: w.groups.g1, ...GROUP_1 }] });
      expect((await weekly('leader1')).json).toEqual(r.json);
    });

    it('starts group 2’s weeks at its own first work, not the other group’s', async () => {
      const r = await weekly('member2');
      expect(r.json).toEqual({
        weeks: [W2, W3],
        groups: [
          {
            id: w.groups.g2,
            name: '第二巡视组',
            submitted: [1, 1],
            reviewed: [1, 1],
            annotations: [1, 0],
            findings: [0, 1],
          },
        ],
      });
    });
  });

  it('answers a unit contact as the overview does: no group’s numbers', async () => {
    const overview = await t.call('GET', `/api/rounds/${w.roundId}/overview`, {
      token: w.tokens.contact,
    });
    const r = await weekly('contact');
    expect(r.status).toBe(overview.status);
    expect(overview.json.groups).toEqual([]);
    expect(r.json).toEqual({ weeks: [], groups: [] });
  });

  it('hides the round from a stranger', async () => {
    const r = await weekly('stranger');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('not_found');
    const none = await t.call(
      'GET',
      '/api/rounds/00000000-0000-4000-8000-000000000000/progress/weekly',
      {
        token: w.tokens.admin,
      },
    );
    expect(none.status).toBe(404);
  });

  it('answers a round where nothing has happened with no weeks', async () => {
    const [round] = await db().sql<{ id: string }[]>`
      INSERT INTO rounds (name, state) VALUES ('空轮次', 'active') RETURNING id`;
    const [group] = await db().sql<{ id: string }[]>`
      INSERT INTO inspection_groups (round_id, name, ordinal) VALUES (${round!.id}, '第一巡视组', 1)
      RETURNING id`;
    const r = await weekly('admin', round!.id);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      weeks: [],
      groups: [
        {
          id: group!.id,
          name: '第一巡视组',
          submitted: [],
          reviewed: [],
          annotations: [],
          findings: [],
        },
      ],
    });
  });

  it('keeps the latest 26 weeks, still counting the older ones in the running totals', async () => {
    clock.advance(40 * 7 * 86_400_000);
    try {
      // Sessions end after hours idle: sign in again at the new time.
      const token = await login(t, 'admin');
      const r = await t.call('GET', `/api/rounds/${w.roundId}/progress/weekly`, { token });
      expect(r.json.weeks).toHaveLength(26);
      expect(r.json.weeks[25]).toBe('2026-12-21');
      expect(r.json.weeks[0]).toBe('2026-06-29');
      const [g1, g2] = r.json.groups;
      expect(g1.submitted).toEqual(Array(26).fill(2));
      expect(g1.reviewed).toEqual(Array(26).fill(2));
      expect(g1.annotations).toEqual(Array(26).fill(0));
      // The annotation of 30 March now counts among group 2's (in a week before those shown).
      expect(g2.reviewed).toEqual(Array(26).fill(1));
      expect(g2.findings).toEqual(Array(26).fill(0));
    } finally {
      clock.advance(-40 * 7 * 86_400_000);
    }
  });
});
