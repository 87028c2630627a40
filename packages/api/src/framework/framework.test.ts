import { defaultFramework, type Framework } from '@rectify/domain';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';

const clone = (fw: Framework): Framework => JSON.parse(JSON.stringify(fw));

describeEachDatabase('rounds and their framework over HTTP', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  beforeAll(async () => {
    const sql = db().sql;
    t = await createTestApi(sql);
    w = await seedWorld(t, sql);
    await sql`INSERT INTO frameworks (round_id, version, body)
              VALUES (${w.roundId}, 1, ${sql.json(defaultFramework as never)})`;
  });
  afterAll(() => t.cleanup());

  const admin = () => w.tokens.admin;
  const getFw = async (roundId: string, version?: number) => {
    const r = await t.call(
      'GET',
      `/api/rounds/${roundId}/framework${version ? `?version=${version}` : ''}`,
      {
        token: admin(),
      },
    );
    expect(r.status).toBe(200);
    return r.json as {
      version: number;
      current: number;
      framework: Framework;
      versions: unknown[];
    };
  };
  const save = (roundId: string, framework: unknown, baseVersion?: number) =>
    t.call('PUT', `/api/rounds/${roundId}/framework`, {
      token: admin(),
      body: { framework, baseVersion },
    });

  describe('versioned editing', () => {
    it('renames a question as a new version, leaving earlier findings with the old wording', async () => {
      const before = await t.call('POST', `/api/rounds/${w.roundId}/findings`, {
        token: w.tokens.member1,
        body: { unitId: w.units.a1, title: '旧措辞', questions: ['Q3'] },
      });
      expect(before.status).toBe(201);
      const oldWording = before.json.questions[0].zh;

      const fw = clone((await getFw(w.roundId)).framework);
      fw.questions.find((q) => q.code === 'Q3')!.zh = '是否存在导师制流于形式的问题？';
      fw.questions.push({
        code: 'Q13',
        focus: 'F1',
        zh: '是否建立长效机制？',
        en: 'Is there a lasting mechanism?',
      });
      const r = await save(w.roundId, fw, 1);
      expect(r.status).toBe(200);
      expect(r.json.version).toBe(2);
      expect(r.json.framework.questions).toHaveLength(defaultFramework.questions.length + 1);

      const v1 = await getFw(w.roundId, 1);
      expect(v1.framework.questions.find((q) => q.code === 'Q3')!.zh).toBe(oldWording);
      const again = await t.call('GET', `/api/findings/${before.json.id}`, {
        token: w.tokens.member1,
      });
      expect(again.json.questions[0].zh).toBe(oldWording);
      const after = await t.call('POST', `/api/rounds/${w.roundId}/findings`, {
        token: w.tokens.member1,
        body: { unitId: w.units.a1, title: '新措辞', questions: ['Q3', 'Q13'] },
      });
      expect(after.json.questions.map((q: { zh: string }) => q.zh)).toEqual([
        '是否存在导师制流于形式的问题？',
        '是否建立长效机制？',
      ]);
      // A stale editor is told, not silently overwritten.
      expect((await save(w.roundId, fw, 1)).status).toBe(409);
    });

    it('refuses to delete a question in use, listing its uses, and lets it be retired', async () => {
      const sql = db().sql;
      const [v] = await sql<{ id: string }[]>`
        WITH p AS (INSERT INTO problems (round_id, ordinal, title) VALUES (${w.roundId}, 1, '问题') RETURNING id),
             tk AS (INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
                    SELECT ${w.roundId}, id, 1, '任务', 'k' FROM p RETURNING id),
             s AS (INSERT INTO statements (round_id, task_id, unit_id)
                   SELECT ${w.roundId}, id, ${w.units.a1} FROM tk RETURNING id)
        INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
        SELECT id, 1, '{}'::jsonb, '', ${w.userIds.contact} FROM s RETURNING id`;
      await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, statement_version_id)
                VALUES ('fw-ann', ${`review.${v!.id}`}, ${w.roundId}, ${w.units.a1}, ${v!.id})`;
      await sql`INSERT INTO annotation_questions (annotation_id, question, round_id, unit_id)
                VALUES ('fw-ann', 'Q5', ${w.roundId}, ${w.units.a1})`;
      const current = await getFw(w.roundId);
      const fw = clone(current.framework);
      fw.questions = fw.questions.filter((q) => q.code !== 'Q5' && q.code !== 'Q3');
      const r = await save(w.roundId, fw);
      expect(r.status).toBe(409);
      expect(r.json.error.message).toContain('Q5: 1 annotation(s) (教务处)');
      expect(r.json.error.message).toContain('Q3');
      const uses = await t.call(
        'GET',
        `/api/rounds/${w.roundId}/framework/uses?questions=Q3,Q5,Q9`,
        {
          token: admin(),
        },
      );
      expect(uses.json.map((u: { question: string }) => u.question)).toEqual(['Q3', 'Q5']);

      const retired = clone(current.framework);
      retired.questions.find((q) => q.code === 'Q5')!.retired = true;
      expect((await save(w.roundId, retired)).status).toBe(200);
      // A retired question is no longer offered for new findings.
      const refused = await t.call('POST', `/api/rounds/${w.roundId}/findings`, {
        token: w.tokens.member1,
        body: { unitId: w.units.a1, title: 'x', questions: ['Q5'] },
      });
      expect(refused.status).toBe(400);
      // An unused question can be deleted.
      const unused = clone(retired);
      unused.questions = unused.questions.filter((q) => q.code !== 'Q13');
      expect((await save(w.roundId, unused)).status).toBe(409); // Q13 is on a finding
      unused.questions = unused.questions.filter((q) => q.code !== 'Q12');
      unused.questions.push(retired.questions.find((q) => q.code === 'Q13')!);
      expect((await save(w.roundId, unused)).status).toBe(200);
    });

    it('exports JSON that imports back unchanged, and names the field of a malformed one', async () => {
      const exported = await t.call('GET', `/api/rounds/${w.roundId}/framework.json`, {
        token: admin(),
      });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-disposition')).toContain('attachment');
      const current = await getFw(w.roundId);
      expect(exported.json).toEqual(current.framework);
      const back = await save(w.roundId, exported.json);
      expect(back.status).toBe(200);
      expect(back.json.framework).toEqual(current.framework);

      const bad = clone(current.framework);
      (bad.questions[1] as { focus: string }).focus = 'F9';
      const r = await save(w.roundId, bad);
      expect(r.status).toBe(400);
      expect(r.json.error.message).toContain('framework.questions.1.focus');
      const missing = await save(w.roundId, { name: 'x' });
      expect(missing.status).toBe(400);
      expect(missing.json.error.message).toMatch(/^framework\.theme/);
    });

    it('lets only administrators edit, and members read', async () => {
      const fw = (await getFw(w.roundId)).framework;
      const r = await t.call('PUT', `/api/rounds/${w.roundId}/framework`, {
        token: w.tokens.leader1,
        body: { framework: fw },
      });
      expect(r.status).toBe(403);
      const read = await t.call('GET', `/api/rounds/${w.roundId}/framework`, {
        token: w.tokens.member1,
      });
      expect(read.status).toBe(200);
      const stranger = await t.call('GET', `/api/rounds/${w.roundId}/framework`, {
        token: w.tokens.stranger,
      });
      expect(stranger.status).toBe(404);
    });
  });

  describe('a round created from a copy', () => {
    it('keeps the earlier round’s framework wording as its version 1', async () => {
      const source = await getFw(w.roundId);
      const r = await t.call('POST', '/api/rounds', {
        token: admin(),
        body: { name: '2027 专项巡视', copyFrom: w.roundId },
      });
      expect(r.status).toBe(201);
      const copy = await getFw(r.json.id);
      expect(copy.version).toBe(1);
      expect(copy.framework).toEqual(source.framework);
    });
  });

  describe('closing and reopening', () => {
    it('ends members’ access to working papers, keeps the archive for admins and leadership, and audits both', async () => {
      const f = await t.call('POST', `/api/rounds/${w.roundId}/findings`, {
        token: w.tokens.member1,
        body: { unitId: w.units.a1, title: '归档前' },
      });
      const read = (who: keyof World['tokens']) =>
        t.call('GET', `/api/findings/${f.json.id}`, { token: w.tokens[who] }).then((r) => r.status);
      expect(await read('member1')).toBe(200);

      const closed = await t.call('POST', `/api/rounds/${w.roundId}/state`, {
        token: admin(),
        body: { state: 'closed', comment: '巡视结束' },
      });
      expect(closed.status).toBe(200);
      expect(closed.json.state).toBe('closed');
      expect([403, 404]).toContain(await read('member1'));
      expect([403, 404]).toContain(await read('leader1'));
      expect(await read('admin')).toBe(200);
      expect(await read('leadership')).toBe(200);
      const edit = await t.call('PATCH', `/api/findings/${f.json.id}`, {
        token: admin(),
        body: { title: '改' },
      });
      expect(edit.status).toBe(403);
      const byLeader = await t.call('POST', `/api/rounds/${w.roundId}/state`, {
        token: w.tokens.leader1,
        body: { state: 'active' },
      });
      expect(byLeader.status).toBe(403);

      const reopened = await t.call('POST', `/api/rounds/${w.roundId}/state`, {
        token: admin(),
        body: { state: 'active' },
      });
      expect(reopened.json.state).toBe('active');
      expect(await read('member1')).toBe(200);
      const log = await db().sql<{ action: string }[]>`
        SELECT action FROM audit_log WHERE resource_id = ${w.roundId} AND action IN ('round.close', 'round.reopen', 'round.start') ORDER BY seq`;
      expect(log.map((l) => l.action)).toEqual(['round.close', 'round.reopen']);
    });
  });
});
