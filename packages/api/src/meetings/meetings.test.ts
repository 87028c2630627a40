import { defaultFramework, docName, textDocBody } from '@rectify/domain';
import { PgDocStore } from '@rectify/store';
import { describeEachDatabase } from '@rectify/store/testing';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { login, seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';

describeEachDatabase('the leaders’ weekly meeting over HTTP', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  let versionId: string;
  beforeAll(async () => {
    const sql = db().sql;
    t = await createTestApi(sql);
    w = await seedWorld(t, sql);
    await sql`INSERT INTO frameworks (round_id, version, body)
              VALUES (${w.roundId}, 1, ${sql.json(defaultFramework as never)})`;
    const [p] = await sql<{ id: string }[]>`
      INSERT INTO problems (round_id, ordinal, title) VALUES (${w.roundId}, 1, '问题一') RETURNING id`;
    const [task] = await sql<{ id: string }[]>`
      INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
      VALUES (${w.roundId}, ${p!.id}, 1, '任务', 'k1') RETURNING id`;
    const [s] = await sql<{ id: string }[]>`
      INSERT INTO statements (round_id, task_id, unit_id) VALUES (${w.roundId}, ${task!.id}, ${w.units.a1}) RETURNING id`;
    const [v] = await sql<{ id: string }[]>`
      INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
      VALUES (${s!.id}, 1, ${sql.json({ type: 'doc' })}, '陈述', ${w.userIds.contact}) RETURNING id`;
    versionId = v!.id;
  });
  afterAll(() => t.cleanup());

  const annotate = async (id: string, question: string, at: Date) => {
    const sql = db().sql;
    await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, group_id, statement_version_id,
                step, quote, author_id, created_at, updated_at)
              VALUES (${id}, ${`review.${versionId}`}, ${w.roundId}, ${w.units.a1}, ${w.groups.g1},
                ${versionId}, 'S1', '引文', ${w.userIds.member1}, ${at}, ${at})`;
    await sql`INSERT INTO annotation_questions (annotation_id, question, round_id, unit_id)
              VALUES (${id}, ${question}, ${w.roundId}, ${w.units.a1})`;
  };

  describe('access', () => {
    it('is for group leaders, the leadership group (reading) and administrators only', async () => {
      const list = (who: keyof World['tokens']) =>
        t.call('GET', `/api/rounds/${w.roundId}/meetings`, { token: w.tokens[who] });
      for (const who of ['leader1', 'leadership', 'admin'] as const) {
        expect({ who, status: (await list(who)).status }).toEqual({ who, status: 200 });
      }
      for (const who of ['member1', 'member2', 'contact', 'stranger'] as const) {
        expect({ who, status: (await list(who)).status }).toEqual({ who, status: 404 });
      }
      const byLeadership = await t.call('POST', `/api/rounds/${w.roundId}/meetings`, {
        token: w.tokens.leadership,
        body: { heldOn: '2026-03-02' },
      });
      expect(byLeadership.status).toBe(403);
    });

    it('lists the people a leader may pick as attendees and owners: inspectors and leadership only', async () => {
      const people = await t.call('GET', `/api/rounds/${w.roundId}/meetings/people`, {
        token: w.tokens.leader1,
      });
      expect(people.status).toBe(200);
      expect(
        people.json.map((p: { displayName: string; role: string; groupName: string | null }) => [
          p.displayName,
          p.role,
          p.groupName,
        ]),
      ).toEqual([
        ['leadership', 'leadership', null],
        ['leader1', 'leader', '第一巡视组'],
        ['member1', 'member', '第一巡视组'],
        ['recused', 'member', '第一巡视组'],
        ['member2', 'member', '第二巡视组'],
      ]);
      const byMember = await t.call('GET', `/api/rounds/${w.roundId}/meetings/people`, {
        token: w.tokens.member1,
      });
      expect(byMember.status).toBe(404);
    });
  });

  describe('agenda, decisions, action items and minutes', () => {
    let first: string;
    it('generates the first agenda from everything so far: progress, steps, gaps, findings', async () => {
      await annotate('m-ann-1', 'Q1', t.clock());
      const r = await t.call('POST', `/api/rounds/${w.roundId}/meetings`, {
        token: w.tokens.leader1,
        body: { heldOn: '2026-03-02', attendeeIds: [w.userIds.leader1, w.userIds.leadership] },
      });
      expect(r.status).toBe(201);
      first = r.json.id;
      const agenda = r.json.agenda;
      expect(agenda.since).toBeNull();
      const g1 = agenda.groups.find((g: { groupId: string }) => g.groupId === w.groups.g1);
      expect(g1).toMatchObject({
        units: 2,
        statements: 1,
        reviewed: 1,
        annotations: 1,
        newAnnotations: 1,
        steps: { S1: 1 },
      });
      const questions = defaultFramework.questions.length;
      // Two units of group 1, one cell covered.
      expect(g1.gaps).toBe(2 * questions - 1);
      const a1Gaps = agenda.gaps.find((x: { unitId: string }) => x.unitId === w.units.a1);
      expect(a1Gaps.questions).not.toContain('Q1');
      expect(r.json.attendees.map((a: { id: string }) => a.id).sort()).toEqual(
        [w.userIds.leader1, w.userIds.leadership].sort(),
      );
      expect(r.json.minutesDoc).toBe(docName('minutes', first));
      expect(r.json.canEdit).toBe(true);
    });

    it('records decisions and action items, and lists overdue ones on the next agenda', async () => {
      const d = await t.call('POST', `/api/meetings/${first}/decisions`, {
        token: w.tokens.leader1,
        body: { text: '下周集中审阅研究生院材料' },
      });
      expect(d.status).toBe(201);
      expect(d.json.decisions.map((x: { text: string }) => x.text)).toEqual([
        '下周集中审阅研究生院材料',
      ]);
      const item = await t.call('POST', `/api/meetings/${first}/action-items`, {
        token: w.tokens.leader1,
        body: { title: '约谈教务处负责人', ownerId: w.userIds.member1, dueOn: '2026-03-05' },
      });
      expect(item.status).toBe(201);
      expect(item.json.actionItems[0]).toMatchObject({
        title: '约谈教务处负责人',
        owner: { id: w.userIds.member1 },
        dueOn: '2026-03-05',
        done: false,
      });
      const stranger = await t.call('POST', `/api/meetings/${first}/action-items`, {
        token: w.tokens.leader1,
        body: { title: 'x', ownerId: w.userIds.stranger },
      });
      expect(stranger.status).toBe(400);
      expect(stranger.json.error.message).toContain('ownerId');

      t.clock.advance(7 * 24 * 3600_000);
      // A week later everyone has signed in again.
      for (const who of ['leader1', 'member1', 'leadership'] as const) {
        w.tokens[who] = await login(t, who);
      }
      await annotate('m-ann-2', 'Q2', t.clock());
      const f = await t.call('POST', `/api/rounds/${w.roundId}/findings`, {
        token: w.tokens.member1,
        body: { unitId: w.units.a1, title: '导师制落实不到位' },
      });
      expect(f.status).toBe(201);
      const next = await t.call('POST', `/api/rounds/${w.roundId}/meetings`, {
        token: w.tokens.leader1,
        body: { heldOn: '2026-03-09' },
      });
      const agenda = next.json.agenda;
      expect(agenda.since).not.toBeNull();
      const g1 = agenda.groups.find((g: { groupId: string }) => g.groupId === w.groups.g1);
      expect(g1).toMatchObject({ annotations: 2, newAnnotations: 1 });
      expect(agenda.findings).toEqual([
        expect.objectContaining({ title: '导师制落实不到位', change: 'new', state: 'draft' }),
      ]);
      expect(agenda.overdue).toEqual([
        expect.objectContaining({
          title: '约谈教务处负责人',
          dueOn: '2026-03-05',
          meetingOn: '2026-03-02',
        }),
      ]);

      // Done items leave the overdue list; past meetings stay readable.
      await t.call('PATCH', `/api/action-items/${item.json.actionItems[0].id}`, {
        token: w.tokens.leader1,
        body: { done: true },
      });
      const again = await t.call('POST', `/api/meetings/${next.json.id}/agenda`, {
        token: w.tokens.leader1,
      });
      expect(again.json.agenda.overdue).toEqual([]);
      const past = await t.call('GET', `/api/meetings/${first}`, { token: w.tokens.leadership });
      expect(past.status).toBe(200);
      expect(past.json.canEdit).toBe(false);
      expect(past.json.actionItems[0].done).toBe(true);
    });

    it('exports the minutes, with the co-edited text, as a DOCX that reads back, and audits it', async () => {
      const doc = new Y.Doc();
      const p = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      text.insert(0, '会议听取了第一组工作汇报。');
      p.insert(0, [text]);
      textDocBody(doc).insert(0, [p]);
      const store = new PgDocStore({ sql: db().sql });
      await store.append(docName('minutes', first), Y.encodeStateAsUpdate(doc));
      await store.drain();

      const r = await t.app.request(`/api/meetings/${first}/minutes.docx`, {
        headers: { authorization: `Bearer ${w.tokens.leader1}` },
      });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('wordprocessingml');
      const { value } = await mammoth.extractRawText({
        buffer: Buffer.from(await r.arrayBuffer()),
      });
      for (const expected of [
        '组长例会纪要',
        '2026年3月2日',
        '会议听取了第一组工作汇报。',
        '下周集中审阅研究生院材料',
        '约谈教务处负责人',
        '第一巡视组',
      ]) {
        expect(value).toContain(expected);
      }
      const [logged] = await db().sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM audit_log WHERE action = 'meeting.export' AND resource_id = ${first}`;
      expect(logged!.n).toBe(1);
      const denied = await t.app.request(`/api/meetings/${first}/minutes.docx`, {
        headers: { authorization: `Bearer ${w.tokens.member1}` },
      });
      expect(denied.status).toBe(404);
    });
  });
});
