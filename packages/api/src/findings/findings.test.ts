import { defaultFramework } from '@rectify/domain';
import type { Sql } from '@rectify/store';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';

/** A submitted statement of a unit and annotations on it, written as the projection would. */
async function seedAnnotations(sql: Sql, w: World) {
  await sql`INSERT INTO frameworks (round_id, version, body)
            VALUES (${w.roundId}, 1, ${sql.json(defaultFramework as never)})`;
  const [problem] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title) VALUES (${w.roundId}, 1, '育人导向不够鲜明') RETURNING id`;
  const task = async (ordinal: number, unitId: string) => {
    const [t] = await sql<{ id: string }[]>`
      INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
      VALUES (${w.roundId}, ${problem!.id}, ${ordinal}, ${`任务${ordinal}`}, ${`k${ordinal}`}) RETURNING id`;
    const [s] = await sql<{ id: string }[]>`
      INSERT INTO statements (round_id, task_id, unit_id) VALUES (${w.roundId}, ${t!.id}, ${unitId}) RETURNING id`;
    const [v] = await sql<{ id: string }[]>`
      INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
      VALUES (${s!.id}, 1, ${sql.json({ type: 'doc', content: [] })}, '陈述', ${w.userIds.contact}) RETURNING id`;
    return { taskId: t!.id, versionId: v!.id };
  };
  const a1 = await task(1, w.units.a1);
  const b1 = await task(2, w.units.b1);
  const annotation = async (
    id: string,
    unitId: string,
    groupId: string,
    at: { taskId: string; versionId: string },
    questions: string[],
    quote: string,
  ) => {
    await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, task_id, group_id,
                statement_version_id, step, quote, body_text, author_id)
              VALUES (${id}, ${`review.${at.versionId}`}, ${w.roundId}, ${unitId}, ${at.taskId},
                ${groupId}, ${at.versionId}, 'S2', ${quote}, '与佐证不符', ${w.userIds.member1})`;
    for (const q of questions) {
      await sql`INSERT INTO annotation_questions (annotation_id, question, round_id, unit_id)
                VALUES (${id}, ${q}, ${w.roundId}, ${unitId})`;
    }
  };
  await annotation('ann-a', w.units.a1, w.groups.g1, a1, ['Q3'], '已全面完成导师制改革');
  await annotation('ann-b', w.units.a1, w.groups.g1, a1, ['Q3', 'Q5'], '覆盖率达到100%');
  await annotation('ann-c', w.units.a1, w.groups.g1, a1, ['Q7'], '制度已印发');
  await annotation('ann-z', w.units.b1, w.groups.g2, b1, ['Q1'], '科研经费管理');
}

describeEachDatabase('findings over HTTP', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    w = await seedWorld(t, db().sql);
    await seedAnnotations(db().sql, w);
  });
  afterAll(() => t.cleanup());

  const create = (who: keyof World['tokens'], body: Record<string, unknown>) =>
    t.call('POST', `/api/rounds/${w.roundId}/findings`, { token: w.tokens[who], body });
  const move = (who: keyof World['tokens'], id: string, to: string, comment = '') =>
    t.call('POST', `/api/findings/${id}/transitions`, {
      token: w.tokens[who],
      body: { to, comment },
    });

  describe('creating from annotations', () => {
    it('keeps the links, takes the questions of the annotations and shows their quotes', async () => {
      const r = await create('member1', {
        unitId: w.units.a1,
        title: '导师制改革落实不到位',
        annotationIds: ['ann-a', 'ann-b'],
        aspect: 'A2',
        severity: 'major',
        immediate: true,
        requirement: '限期完善导师遴选机制',
        deadline: '2026-12-31',
      });
      expect(r.status).toBe(201);
      expect(r.json.state).toBe('draft');
      expect(r.json.questions.map((q: { code: string }) => q.code)).toEqual(['Q3', 'Q5']);
      expect(r.json.questions[0].zh).toBe(
        defaultFramework.questions.find((q) => q.code === 'Q3')!.zh,
      );
      expect(r.json.annotations.map((a: { quote: string }) => a.quote).sort()).toEqual(
        ['已全面完成导师制改革', '覆盖率达到100%'].sort(),
      );
      expect(r.json.annotations[0].questions.length).toBeGreaterThan(0);
      expect(r.json).toMatchObject({
        immediate: true,
        severity: 'major',
        aspect: 'A2',
        deadline: '2026-12-31',
        unit: { id: w.units.a1, name: '教务处' },
        group: { id: w.groups.g1 },
        next: ['confirmed'],
      });
      expect(r.json.transitions).toEqual([
        expect.objectContaining({ from: null, to: 'draft', actor: 'member1' }),
      ]);
    });

    it('refuses annotations of another unit and codes outside the framework, naming the field', async () => {
      const foreign = await create('member1', {
        unitId: w.units.a1,
        title: 'x',
        annotationIds: ['ann-z'],
      });
      expect(foreign.status).toBe(400);
      expect(foreign.json.error.message).toContain('annotationIds');
      const badQ = await create('member1', { unitId: w.units.a1, title: 'x', questions: ['Q99'] });
      expect(badQ.status).toBe(400);
      expect(badQ.json.error.message).toContain('Q99');
      const badSeverity = await create('member1', {
        unitId: w.units.a1,
        title: 'x',
        severity: 'huge',
      });
      expect(badSeverity.status).toBe(400);
      expect(badSeverity.json.error.message).toContain('severity');
      const empty = await create('member1', { unitId: w.units.a1, title: '' });
      expect(empty.status).toBe(400);
      expect(empty.json.error.message).toContain('title');
    });
  });

  describe('who reaches a finding', () => {
    let id: string;
    beforeAll(async () => {
      const r = await create('leader1', {
        unitId: w.units.a1,
        title: '台账不实',
        annotationIds: ['ann-c'],
      });
      id = r.json.id;
    });

    it('answers 404 to a member of another group, a recused member and the unit contact', async () => {
      for (const who of ['member2', 'recused', 'contact', 'stranger'] as const) {
        const r = await t.call('GET', `/api/findings/${id}`, { token: w.tokens[who] });
        expect({ who, status: r.status }).toEqual({ who, status: 404 });
      }
      for (const who of ['member1', 'leader1', 'leadership', 'admin'] as const) {
        const r = await t.call('GET', `/api/findings/${id}`, { token: w.tokens[who] });
        expect({ who, status: r.status }).toEqual({ who, status: 200 });
      }
    });

    it('lists to each caller only the findings they may read', async () => {
      const titles = async (who: keyof World['tokens']) => {
        const r = await t.call('GET', `/api/rounds/${w.roundId}/findings`, {
          token: w.tokens[who],
        });
        return r.status === 200
          ? (r.json as unknown as { title: string }[]).map((f) => f.title)
          : r.status;
      };
      expect(await titles('member1')).toContain('台账不实');
      expect(await titles('member2')).toEqual([]);
      expect(await titles('recused')).toEqual([]);
      expect(await titles('contact')).toEqual([]);
    });

    it('does not let a member of another group create a finding on the unit', async () => {
      const r = await create('member2', { unitId: w.units.a1, title: '越权' });
      expect(r.status).toBe(404);
    });

    it('lets leadership read but not change', async () => {
      const r = await t.call('PATCH', `/api/findings/${id}`, {
        token: w.tokens.leadership,
        body: { title: '改' },
      });
      expect(r.status).toBe(403);
    });
  });

  describe('lifecycle', () => {
    it('goes draft → confirmed → approved only by the roles allowed, recording who and why', async () => {
      const f = (await create('member1', { unitId: w.units.a2, title: '研究生培养' })).json;
      expect((await move('member1', f.id, 'approved')).status).toBe(409);
      expect((await move('member1', f.id, 'confirmed', '小组讨论一致')).status).toBe(200);
      const byMember = await move('member1', f.id, 'approved');
      expect(byMember.status).toBe(403);
      const byLeader = await move('leader1', f.id, 'approved', '同意');
      expect(byLeader.status).toBe(200);
      expect(byLeader.json.state).toBe('approved');
      expect(byLeader.json.transitions.map((x: { to: string }) => x.to)).toEqual([
        'draft',
        'confirmed',
        'approved',
      ]);
      expect(byLeader.json.transitions[1]).toMatchObject({
        actor: 'member1',
        comment: '小组讨论一致',
      });
      // An approved finding is changed only by the leader.
      const edit = await t.call('PATCH', `/api/findings/${f.id}`, {
        token: w.tokens.member1,
        body: { title: '改动' },
      });
      expect(edit.status).toBe(403);
      // A back step.
      expect((await move('leader1', f.id, 'confirmed', '需补充事实')).json.state).toBe('confirmed');
      // Nobody issues by hand: that happens with the report.
      expect((await move('leader1', f.id, 'issued')).status).toBe(409);
      const audit = await db().sql<{ action: string }[]>`
        SELECT action FROM audit_log WHERE resource_id = ${f.id} ORDER BY seq`;
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['finding.create', 'finding.confirm', 'finding.approve']),
      );
    });

    it('freezes an issued finding', async () => {
      const f = (await create('member1', { unitId: w.units.a2, title: '将被下发' })).json;
      await db().sql`UPDATE findings SET state = 'issued' WHERE id = ${f.id}`;
      const edit = await t.call('PATCH', `/api/findings/${f.id}`, {
        token: w.tokens.leader1,
        body: { title: '改动' },
      });
      expect(edit.status).toBe(403);
      expect((await move('member1', f.id, 'rectifying')).json.state).toBe('rectifying');
      // Delivered findings become visible to the unit's contact only for its own unit.
      const contact = await t.call('GET', `/api/findings/${f.id}`, { token: w.tokens.contact });
      expect(contact.status).toBe(404);
    });
  });

  describe('merge and split', () => {
    it('merges two findings of one unit, moving links and questions, and splits them again', async () => {
      const a = (
        await create('member1', { unitId: w.units.a1, title: '甲', annotationIds: ['ann-a'] })
      ).json;
      const b = (
        await create('member1', { unitId: w.units.a1, title: '乙', annotationIds: ['ann-c'] })
      ).json;
      const merged = await t.call('POST', `/api/findings/${a.id}/merge`, {
        token: w.tokens.member1,
        body: { sourceId: b.id },
      });
      expect(merged.status).toBe(200);
      expect(merged.json.annotations.map((x: { id: string }) => x.id).sort()).toEqual([
        'ann-a',
        'ann-c',
      ]);
      expect(merged.json.questions.map((q: { code: string }) => q.code)).toEqual(['Q3', 'Q7']);
      const list = await t.call('GET', `/api/rounds/${w.roundId}/findings?unitId=${w.units.a1}`, {
        token: w.tokens.member1,
      });
      expect((list.json as unknown as { id: string }[]).some((f) => f.id === b.id)).toBe(false);
      const again = await t.call('POST', `/api/findings/${a.id}/merge`, {
        token: w.tokens.member1,
        body: { sourceId: b.id },
      });
      expect(again.status).toBe(409);

      const split = await t.call('POST', `/api/findings/${a.id}/split`, {
        token: w.tokens.member1,
        body: { title: '丙', annotationIds: ['ann-c'] },
      });
      expect(split.status).toBe(201);
      expect(split.json.annotations.map((x: { id: string }) => x.id)).toEqual(['ann-c']);
      expect(split.json.questions.map((q: { code: string }) => q.code)).toEqual(['Q7']);
      const left = await t.call('GET', `/api/findings/${a.id}`, { token: w.tokens.member1 });
      expect(left.json.annotations.map((x: { id: string }) => x.id)).toEqual(['ann-a']);
      const all = await t.call('POST', `/api/findings/${a.id}/split`, {
        token: w.tokens.member1,
        body: { title: '丁', annotationIds: ['ann-a'] },
      });
      expect(all.status).toBe(400);
    });

    it('refuses to merge findings of different units', async () => {
      const a = (await create('member1', { unitId: w.units.a1, title: '一' })).json;
      const b = (await create('member1', { unitId: w.units.a2, title: '二' })).json;
      const r = await t.call('POST', `/api/findings/${a.id}/merge`, {
        token: w.tokens.member1,
        body: { sourceId: b.id },
      });
      expect(r.status).toBe(400);
    });
  });

  describe('linked interviews', () => {
    it('shows an interview behind a finding only to those who may read the record', async () => {
      const sql = db().sql;
      const [interview] = await sql<{ id: string }[]>`
        INSERT INTO interviews (round_id, group_id, unit_id, held_on, interviewee_name, created_by)
        VALUES (${w.roundId}, ${w.groups.g1}, ${w.units.a1}, '2026-03-04', '赵六', ${w.userIds.leader1})
        RETURNING id`;
      await sql`INSERT INTO interview_interviewers (interview_id, user_id)
                VALUES (${interview!.id}, ${w.userIds.leader1})`;
      await sql`UPDATE annotations SET interview_id = ${interview!.id} WHERE id = 'ann-b'`;
      const f = await create('member1', {
        unitId: w.units.a1,
        title: '访谈佐证',
        annotationIds: ['ann-b'],
      });
      const asLeader = await t.call('GET', `/api/findings/${f.json.id}`, {
        token: w.tokens.leader1,
      });
      expect(asLeader.json.interviews).toEqual([
        { id: interview!.id, heldOn: '2026-03-04', interviewers: ['leader1'] },
      ]);
      const asMember = await t.call('GET', `/api/findings/${f.json.id}`, {
        token: w.tokens.member1,
      });
      expect(asMember.status).toBe(200);
      expect(asMember.json.interviews).toEqual([]);
      expect(JSON.stringify(asMember.json)).not.toContain(interview!.id);
      const asLeadership = await t.call('GET', `/api/findings/${f.json.id}`, {
        token: w.tokens.leadership,
      });
      expect(asLeadership.json.interviews).toEqual([]);
    });
  });

  describe('roll-ups', () => {
    it('counts per unit, question, focus, aspect and group, and suggests cells without a finding', async () => {
      const r = await t.call('GET', `/api/rounds/${w.roundId}/findings/rollup`, {
        token: w.tokens.member1,
      });
      expect(r.status).toBe(200);
      const units = r.json.units as Array<{
        unitId: string;
        annotations: number;
        findings: Record<string, number>;
      }>;
      expect(units.map((u) => u.unitId).sort()).toEqual([w.units.a1, w.units.a2].sort());
      expect(units.find((u) => u.unitId === w.units.a1)!.annotations).toBe(3);
      const q3 = r.json.questions.find((q: { code: string }) => q.code === 'Q3');
      expect(q3.annotations).toBe(2);
      expect(q3.findings).toBeGreaterThan(0);
      const focusOfQ3 = defaultFramework.questions.find((q) => q.code === 'Q3')!.focus;
      expect(
        r.json.focuses.find((f: { code: string }) => f.code === focusOfQ3).annotations,
      ).toBeGreaterThanOrEqual(2);
      expect(r.json.groups.map((g: { groupId: string }) => g.groupId)).toEqual([w.groups.g1]);
      expect(r.json.steps.S2).toBe(3);
      // Group 2's annotation is invisible here, and so is its cell.
      expect(r.json.suggestions.some((s: { question: string }) => s.question === 'Q1')).toBe(false);
      const other = await t.call('GET', `/api/rounds/${w.roundId}/findings/rollup`, {
        token: w.tokens.member2,
      });
      expect(other.json.suggestions).toEqual([
        expect.objectContaining({ unitId: w.units.b1, question: 'Q1', annotations: 1 }),
      ]);
      // Creating a finding from that cell links the cell's annotations, and the gap closes.
      const fromCell = await t.call('POST', `/api/rounds/${w.roundId}/findings`, {
        token: w.tokens.member2,
        body: {
          unitId: w.units.b1,
          title: '从建议创建',
          questions: ['Q1'],
          cell: { question: 'Q1' },
        },
      });
      expect(fromCell.status).toBe(201);
      const linked = await t.call('GET', `/api/findings/${fromCell.json.id}`, {
        token: w.tokens.member2,
      });
      expect((linked.json.annotations as Array<{ id: string }>).map((a) => a.id)).toEqual([
        'ann-z',
      ]);
      const after = await t.call('GET', `/api/rounds/${w.roundId}/findings/rollup`, {
        token: w.tokens.member2,
      });
      expect(after.json.suggestions).toEqual([]);
      const contact = await t.call('GET', `/api/rounds/${w.roundId}/findings/rollup`, {
        token: w.tokens.contact,
      });
      expect(contact.json.units).toEqual([]);
      expect(contact.json.suggestions).toEqual([]);
    });
  });
});
