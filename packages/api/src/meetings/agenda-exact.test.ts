import { defaultFramework } from '@rectify/domain';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { login, seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';

/**
 * The generated agenda, asserted whole against a known round under the test
 * clock: two weeks of annotations (by step, some deleted, one outside every
 * group), findings made and changed on both sides of the previous meeting,
 * and action items due before, on and after the meeting day.
 */
describeEachDatabase('the weekly agenda, exactly', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  /** Statement versions: 教务处 has two reviewed-or-not statements, 科研处 one, 后勤处 (no group) one. */
  const v = {} as Record<'a1s1' | 'a1s2' | 'b1' | 'loose', string>;
  const findings = {} as Record<
    'old' | 'changed' | 'boundary' | 'new1' | 'new2' | 'merged',
    string
  >;
  const ALL = defaultFramework.questions.map((q) => q.code);
  const except = (...covered: string[]) => ALL.filter((q) => !covered.includes(q));
  const at = (iso: string) => new Date(iso);

  beforeAll(async () => {
    const sql = db().sql;
    t = await createTestApi(sql);
    w = await seedWorld(t, sql);
    await sql`INSERT INTO frameworks (round_id, version, body)
              VALUES (${w.roundId}, 1, ${sql.json(defaultFramework as never)})`;
    const [p] = await sql<{ id: string }[]>`
      INSERT INTO problems (round_id, ordinal, title) VALUES (${w.roundId}, 1, '问题一') RETURNING id`;
    const statement = async (ordinal: number, unitId: string, withVersion: boolean) => {
      const [task] = await sql<{ id: string }[]>`
        INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
        VALUES (${w.roundId}, ${p!.id}, ${ordinal}, ${`任务${ordinal}`}, ${`k${ordinal}`}) RETURNING id`;
      const [s] = await sql<{ id: string }[]>`
        INSERT INTO statements (round_id, task_id, unit_id)
        VALUES (${w.roundId}, ${task!.id}, ${unitId}) RETURNING id`;
      if (!withVersion) return '';
      const [version] = await sql<{ id: string }[]>`
        INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
        VALUES (${s!.id}, 1, ${sql.json({ type: 'doc' })}, '陈述', ${w.userIds.contact}) RETURNING id`;
      return version!.id;
    };
    v.a1s1 = await statement(1, w.units.a1, true);
    v.a1s2 = await statement(2, w.units.a1, true);
    // 研究生院 has a statement row but nothing submitted yet: not counted.
    await statement(3, w.units.a2, false);
    v.b1 = await statement(4, w.units.b1, true);
    v.loose = await statement(5, w.units.loose, true);

    // Week one, before the first meeting (the clock starts at 2026-03-02T09:00Z).
    await annotate('x-1', 'a1s1', w.units.a1, 'S1', ['Q1'], '2026-02-25T10:00:00Z');
    // Exactly at the first meeting: not "new" at the second.
    await annotate('x-2', 'a1s1', w.units.a1, 'S2', ['Q2'], '2026-03-02T09:00:00Z');
    await annotate('x-6', 'b1', w.units.b1, 'S1', ['Q5'], '2026-02-27T10:00:00Z');
    findings.boundary = await finding('边界：上次例会时更新', w.units.a1, w.groups.g1, 'draft', {
      created: '2026-02-20T10:00:00Z',
      updated: '2026-03-02T09:00:00Z',
    });
    findings.old = await finding('早已成文的问题', w.units.a1, w.groups.g1, 'draft', {
      created: '2026-02-26T10:00:00Z',
      updated: '2026-02-28T10:00:00Z',
    });
    findings.changed = await finding('台账与实际不符', w.units.a1, w.groups.g1, 'draft', {
      created: '2026-02-27T10:00:00Z',
      updated: '2026-02-27T10:00:00Z',
    });
  });
  afterAll(() => t.cleanup());

  async function annotate(
    id: string,
    version: keyof typeof v,
    unitId: string,
    step: string | null,
    questions: string[],
    created: string,
    deleted = false,
  ) {
    const sql = db().sql;
    await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, statement_version_id,
                step, quote, author_id, created_at, updated_at, deleted)
              VALUES (${id}, ${`review.${v[version]}`}, ${w.roundId}, ${unitId}, ${v[version]},
                ${step}, '引文', ${w.userIds.member1}, ${at(created)}, ${at(created)}, ${deleted})`;
    for (const q of questions) {
      await sql`INSERT INTO annotation_questions (annotation_id, question, round_id, unit_id)
                VALUES (${id}, ${q}, ${w.roundId}, ${unitId})`;
    }
  }

  async function finding(
    title: string,
    unitId: string,
    groupId: string,
    state: string,
    times: { created: string; updated: string },
    mergedInto: string | null = null,
  ) {
    const [f] = await db().sql<{ id: string }[]>`
      INSERT INTO findings (round_id, group_id, unit_id, title, state, merged_into, created_by,
        created_at, updated_at)
      VALUES (${w.roundId}, ${groupId}, ${unitId}, ${title}, ${state}, ${mergedInto},
        ${w.userIds.member1}, ${at(times.created)}, ${at(times.updated)})
      RETURNING id`;
    return f!.id;
  }

  const agendaOf = async (heldOn: string) => {
    const r = await t.call('POST', `/api/rounds/${w.roundId}/meetings`, {
      token: w.tokens.leader1,
      body: { heldOn },
    });
    expect(r.status).toBe(201);
    return { id: r.json.id as string, agenda: r.json.agenda };
  };

  let first: string;

  it('the first meeting counts everything so far, every finding as new', async () => {
    const { id, agenda } = await agendaOf('2026-03-02');
    first = id;
    expect(agenda).toEqual({
      since: null,
      generatedAt: '2026-03-02T09:00:00.000Z',
      groups: [
        {
          groupId: w.groups.g1,
          name: '第一巡视组',
          units: 2,
          statements: 2,
          reviewed: 1,
          annotations: 2,
          newAnnotations: 2,
          steps: { S1: 1, S2: 1 },
          gaps: 10 + 12,
        },
        {
          groupId: w.groups.g2,
          name: '第二巡视组',
          units: 1,
          statements: 1,
          reviewed: 1,
          annotations: 1,
          newAnnotations: 1,
          steps: { S1: 1 },
          gaps: 11,
        },
      ],
      gaps: [
        {
          groupId: w.groups.g1,
          unitId: w.units.a1,
          unitName: '教务处',
          questions: except('Q1', 'Q2'),
        },
        { groupId: w.groups.g1, unitId: w.units.a2, unitName: '研究生院', questions: ALL },
        { groupId: w.groups.g2, unitId: w.units.b1, unitName: '科研处', questions: except('Q5') },
      ],
      findings: [
        {
          id: findings.boundary,
          title: '边界：上次例会时更新',
          unitName: '教务处',
          groupName: '第一巡视组',
          state: 'draft',
          change: 'new',
        },
        {
          id: findings.old,
          title: '早已成文的问题',
          unitName: '教务处',
          groupName: '第一巡视组',
          state: 'draft',
          change: 'new',
        },
        {
          id: findings.changed,
          title: '台账与实际不符',
          unitName: '教务处',
          groupName: '第一巡视组',
          state: 'draft',
          change: 'new',
        },
      ],
      overdue: [],
    });
  });

  it('two weeks later: new annotations by step, the empty cells, new and changed findings, overdue items', async () => {
    const item = async (title: string, ownerId: string | null, dueOn: string | null) => {
      const r = await t.call('POST', `/api/meetings/${first}/action-items`, {
        token: w.tokens.leader1,
        body: { title, ...(ownerId ? { ownerId } : {}), ...(dueOn ? { dueOn } : {}) },
      });
      expect(r.status).toBe(201);
      return (r.json.actionItems as Array<{ id: string; title: string }>).find(
        (x) => x.title === title,
      )!.id;
    };
    const interview = await item('约谈教务处负责人', w.userIds.member1, '2026-03-10');
    const records = await item('调阅研究生院会议记录', w.userIds.leader1, '2026-03-15');
    const list = await item('整理问题清单', null, '2026-03-12');
    // Due on the meeting day itself: not yet overdue.
    await item('复核科研处台账', w.userIds.member2, '2026-03-16');
    await item('长期跟踪', w.userIds.member1, null);
    const done = await item('补充谈话', w.userIds.member1, '2026-03-09');

    t.clock.advance(7 * 24 * 3600_000);
    w.tokens.leader1 = await login(t, 'leader1');
    const closed = await t.call('PATCH', `/api/action-items/${done}`, {
      token: w.tokens.leader1,
      body: { done: true },
    });
    expect(closed.status).toBe(200);
    t.clock.advance(7 * 24 * 3600_000);
    w.tokens.leader1 = await login(t, 'leader1');

    // Weeks two and three.
    await annotate('x-3', 'a1s1', w.units.a1, 'S2', ['Q1', 'Q4'], '2026-03-05T10:00:00Z');
    await annotate('x-4', 'a1s1', w.units.a1, null, [], '2026-03-10T10:00:00Z');
    // Deleted: counts nowhere, and Q7 stays an empty cell.
    await annotate('x-5', 'a1s1', w.units.a1, 'S3', ['Q7'], '2026-03-06T10:00:00Z', true);
    await annotate('x-7', 'b1', w.units.b1, 'S3', ['Q5', 'Q6'], '2026-03-12T10:00:00Z');
    // A unit no group inspects: in no group's numbers.
    await annotate('x-8', 'loose', w.units.loose, 'S1', ['Q3'], '2026-03-12T10:00:00Z');
    await db()
      .sql`UPDATE findings SET state = 'confirmed', updated_at = ${at('2026-03-04T10:00:00Z')}
                   WHERE id = ${findings.changed}`;
    findings.new1 = await finding('科研经费整改不到位', w.units.b1, w.groups.g2, 'draft', {
      created: '2026-03-03T10:00:00Z',
      updated: '2026-03-03T10:00:00Z',
    });
    findings.new2 = await finding('研究生导师考核流于形式', w.units.a2, w.groups.g1, 'approved', {
      created: '2026-03-11T10:00:00Z',
      updated: '2026-03-13T10:00:00Z',
    });
    findings.merged = await finding(
      '已并入的问题',
      w.units.a1,
      w.groups.g1,
      'draft',
      { created: '2026-03-06T10:00:00Z', updated: '2026-03-07T10:00:00Z' },
      findings.changed,
    );

    const { id, agenda } = await agendaOf('2026-03-16');
    expect(agenda).toEqual({
      since: '2026-03-02T09:00:00.000Z',
      generatedAt: '2026-03-16T09:00:00.000Z',
      groups: [
        {
          groupId: w.groups.g1,
          name: '第一巡视组',
          units: 2,
          statements: 2,
          reviewed: 1,
          annotations: 4,
          newAnnotations: 2,
          steps: { S1: 1, S2: 2, none: 1 },
          gaps: 9 + 12,
        },
        {
          groupId: w.groups.g2,
          name: '第二巡视组',
          units: 1,
          statements: 1,
          reviewed: 1,
          annotations: 2,
          newAnnotations: 1,
          steps: { S1: 1, S3: 1 },
          gaps: 10,
        },
      ],
      gaps: [
        {
          groupId: w.groups.g1,
          unitId: w.units.a1,
          unitName: '教务处',
          questions: except('Q1', 'Q2', 'Q4'),
        },
        { groupId: w.groups.g1, unitId: w.units.a2, unitName: '研究生院', questions: ALL },
        {
          groupId: w.groups.g2,
          unitId: w.units.b1,
          unitName: '科研处',
          questions: except('Q5', 'Q6'),
        },
      ],
      findings: [
        {
          id: findings.changed,
          title: '台账与实际不符',
          unitName: '教务处',
          groupName: '第一巡视组',
          state: 'confirmed',
          change: 'changed',
        },
        {
          id: findings.new2,
          title: '研究生导师考核流于形式',
          unitName: '研究生院',
          groupName: '第一巡视组',
          state: 'approved',
          change: 'new',
        },
        {
          id: findings.new1,
          title: '科研经费整改不到位',
          unitName: '科研处',
          groupName: '第二巡视组',
          state: 'draft',
          change: 'new',
        },
      ],
      overdue: [
        {
          id: interview,
          title: '约谈教务处负责人',
          owner: 'member1',
          dueOn: '2026-03-10',
          meetingOn: '2026-03-02',
        },
        {
          id: list,
          title: '整理问题清单',
          owner: null,
          dueOn: '2026-03-12',
          meetingOn: '2026-03-02',
        },
        {
          id: records,
          title: '调阅研究生院会议记录',
          owner: 'leader1',
          dueOn: '2026-03-15',
          meetingOn: '2026-03-02',
        },
      ],
    });

    // Regenerating later gives the same numbers (the previous meeting stays the reference), and
    // what was stored with the meeting is what was answered.
    t.clock.advance(3600_000);
    const again = await t.call('POST', `/api/meetings/${id}/agenda`, { token: w.tokens.leader1 });
    expect(again.status).toBe(200);
    expect(again.json.agenda).toEqual({ ...agenda, generatedAt: '2026-03-16T10:00:00.000Z' });
  });
});
