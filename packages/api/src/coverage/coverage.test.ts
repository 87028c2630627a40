import { defaultFramework } from '@rectify/domain';
import type { Sql } from '@rectify/store';
import { describeEachDatabase } from '@rectify/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';

interface At {
  taskId: string;
  statementId: string;
  versionId: string;
}

/**
 * Statements of 教务处 (group 1) and 科研处 (group 2) and annotations on them,
 * written as the collab projection writes them. 研究生院 (group 1) has none.
 */
async function seedCoverage(sql: Sql, w: World) {
  await sql`UPDATE users SET display_name = '张三' WHERE id = ${w.userIds.member1}`;
  await sql`UPDATE users SET display_name = '李四' WHERE id = ${w.userIds.leader1}`;
  await sql`INSERT INTO frameworks (round_id, version, body)
            VALUES (${w.roundId}, 1, ${sql.json(defaultFramework as never)})`;
  const [problem] = await sql<{ id: string }[]>`
    INSERT INTO problems (round_id, ordinal, title) VALUES (${w.roundId}, 1, '育人导向不够鲜明') RETURNING id`;
  const [evidence] = await sql<{ id: string }[]>`
    INSERT INTO evidence (round_id, unit_id, hash, size, mime, original_name, stored_name, uploaded_by)
    VALUES (${w.roundId}, ${w.units.a1}, ${'a'.repeat(64)}, 10, 'application/pdf', '导师制实施办法.pdf',
      'x.pdf', ${w.userIds.contact}) RETURNING id`;
  const statement = async (ordinal: number, unitId: string): Promise<At> => {
    const [t] = await sql<{ id: string }[]>`
      INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
      VALUES (${w.roundId}, ${problem!.id}, ${ordinal}, ${`任务${ordinal}`}, ${`k${ordinal}`}) RETURNING id`;
    const [s] = await sql<{ id: string }[]>`
      INSERT INTO statements (round_id, task_id, unit_id) VALUES (${w.roundId}, ${t!.id}, ${unitId}) RETURNING id`;
    return { taskId: t!.id, statementId: s!.id, versionId: await version(s!.id, 1) };
  };
  const version = async (statementId: string, n: number) => {
    const [v] = await sql<{ id: string }[]>`
      INSERT INTO statement_versions (statement_id, version, body, body_text, submitted_by)
      VALUES (${statementId}, ${n}, ${sql.json({ type: 'doc', content: [] })}, '陈述', ${w.userIds.contact})
      RETURNING id`;
    return v!.id;
  };
  const annotation = async (
    id: string,
    unitId: string,
    at: { taskId: string; versionId: string },
    questions: string[],
    opts: {
      status?: 'open' | 'resolved';
      author?: string;
      deleted?: boolean;
      evidencePage?: number;
      createdAt?: string;
    } = {},
  ) => {
    await sql`INSERT INTO annotations (id, doc_name, round_id, unit_id, task_id, group_id,
                statement_version_id, step, status, quote, body_text, author_id, deleted,
                evidence_id, evidence_page, created_at)
              VALUES (${id}, ${`review.${at.versionId}`}, ${w.roundId}, ${unitId}, ${at.taskId},
                null, ${at.versionId}, 'S2', ${opts.status ?? 'open'}, ${`引文 ${id}`}, ${`意见 ${id}`},
                ${opts.author ?? w.userIds.member1}, ${opts.deleted ?? false},
                ${opts.evidencePage ? evidence!.id : null}, ${opts.evidencePage ?? null},
                ${opts.createdAt ?? '2026-03-02T09:00:00Z'})`;
    for (const q of questions) {
      await sql`INSERT INTO annotation_questions (annotation_id, question, round_id, unit_id)
                VALUES (${id}, ${q}, ${w.roundId}, ${unitId})`;
    }
  };

  const a1 = await statement(1, w.units.a1);
  await annotation('q3-open-1', w.units.a1, a1, ['Q3'], { evidencePage: 2 });
  await annotation('q3-open-2', w.units.a1, a1, ['Q3', 'Q5'], {
    author: w.userIds.leader1,
    createdAt: '2026-03-02T10:00:00Z',
  });
  await annotation('q3-resolved', w.units.a1, a1, ['Q3'], {
    status: 'resolved',
    createdAt: '2026-03-01T09:00:00Z',
  });
  await annotation('q7-deleted', w.units.a1, a1, ['Q7'], { deleted: true });
  await annotation('untagged', w.units.a1, a1, []);

  // A second statement of 教务处, re-submitted: its open annotation was carried into version 2.
  const carried = await statement(2, w.units.a1);
  await annotation('q1-old-open', w.units.a1, carried, ['Q1']);
  await annotation('q1-old-resolved', w.units.a1, carried, ['Q1'], { status: 'resolved' });
  const v2 = await version(carried.statementId, 2);
  await annotation('q1-carried', w.units.a1, { taskId: carried.taskId, versionId: v2 }, ['Q1']);

  const b1 = await statement(3, w.units.b1);
  await annotation('b1-q1', w.units.b1, b1, ['Q1'], { author: w.userIds.member2 });
  return { a1, carried, v2, evidenceId: evidence!.id };
}

type Cell = { question: string; open: number; resolved: number; authors: string[] };
type Unit = { id: string; name: string; cells: Cell[] } & Record<string, unknown>;

/** The non-empty cells of a unit as `Q3: 2/1 张三,李四`. */
const filled = (u: Unit) =>
  u.cells
    .filter((c) => c.open + c.resolved > 0)
    .map((c) => `${c.question}: ${c.open}/${c.resolved} ${c.authors.join(',')}`);

describeEachDatabase('coverage over HTTP', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  let seeded: Awaited<ReturnType<typeof seedCoverage>>;
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    w = await seedWorld(t, db().sql);
    seeded = await seedCoverage(db().sql, w);
  });
  afterAll(() => t.cleanup());

  const matrix = (who: keyof World['tokens'] | null, query = '') =>
    t.call('GET', `/api/rounds/${w.roundId}/coverage${query}`, {
      token: who ? w.tokens[who] : undefined,
    });
  const cell = (who: keyof World['tokens'], unitId: string, question: string) =>
    t.call('GET', `/api/rounds/${w.roundId}/coverage/cell?unitId=${unitId}&question=${question}`, {
      token: w.tokens[who],
    });
  const unitNamed = (json: Record<string, any>, name: string): Unit =>
    (json.units as Unit[]).find((u) => u.name === name)!;

  describe('the matrix', () => {
    it('shows a member their own group: twelve columns under four focuses, one row per unit', async () => {
      const r = await matrix('member1');
      expect(r.status).toBe(200);
      expect(r.json.group).toEqual({ id: w.groups.g1, name: '第一巡视组' });
      expect(r.json.groups).toEqual([{ id: w.groups.g1, name: '第一巡视组' }]);
      expect(
        r.json.framework.focuses.map((f: { code: string; questions: { code: string }[] }) => [
          f.code,
          f.questions.map((q) => q.code).join(' '),
        ]),
      ).toEqual([
        ['F1', 'Q1 Q2 Q3'],
        ['F2', 'Q4 Q5 Q6'],
        ['F3', 'Q7 Q8 Q9'],
        ['F4', 'Q10 Q11 Q12'],
      ]);
      expect(r.json.framework.focuses[0].questions[2].zh).toBe(
        defaultFramework.questions.find((q) => q.code === 'Q3')!.zh,
      );
      expect(r.json.units.map((u: Unit) => u.name).sort()).toEqual(['教务处', '研究生院'].sort());
      for (const u of r.json.units as Unit[]) {
        expect(u.cells.map((c) => c.question)).toEqual([
          'Q1',
          'Q2',
          'Q3',
          'Q4',
          'Q5',
          'Q6',
          'Q7',
          'Q8',
          'Q9',
          'Q10',
          'Q11',
          'Q12',
        ]);
      }
    });

    it('counts open and resolved annotations per cell with who annotated, skipping deleted and carried-over rows', async () => {
      const r = await matrix('member1');
      const jwc = unitNamed(r.json, '教务处');
      expect(filled(jwc)).toEqual(['Q1: 1/1 张三', 'Q3: 2/1 李四,张三', 'Q5: 1/0 李四']);
      // Distinct annotations: the Q3+Q5 one counts once; the untagged one counts here only.
      expect(jwc).toMatchObject({
        open: 4,
        resolved: 2,
        untagged: 1,
        statements: 2,
        annotatedStatements: 2,
      });
      expect(r.json.people).toEqual([
        { name: '张三', annotations: 5, units: 1 },
        { name: '李四', annotations: 1, units: 1 },
      ]);
    });

    it('keeps a unit nobody annotated as a row of gaps, and totals the gaps', async () => {
      const r = await matrix('member1');
      const yjs = unitNamed(r.json, '研究生院');
      expect(yjs.cells).toHaveLength(12);
      expect(
        yjs.cells.every((c) => c.open === 0 && c.resolved === 0 && c.authors.length === 0),
      ).toBe(true);
      expect(yjs).toMatchObject({ open: 0, resolved: 0, statements: 0 });
      expect(r.json.totals).toEqual({ open: 4, resolved: 2, cells: 24, covered: 3, gaps: 21 });
    });

    it('keeps the open annotations of an old version until the new version carries them', async () => {
      const sql = db().sql;
      // Before the carry (version 2 has no rows yet) the old open annotation is the one that counts.
      await sql`UPDATE annotations SET statement_version_id = ${seeded.carried.versionId}
                WHERE id = 'q1-carried'`;
      await sql`UPDATE annotations SET deleted = true WHERE id = 'q1-carried'`;
      try {
        const r = await matrix('member1');
        expect(filled(unitNamed(r.json, '教务处'))[0]).toBe('Q1: 1/1 张三');
        const d = await cell('member1', w.units.a1, 'Q1');
        expect(d.json.annotations.map((a: { id: string }) => a.id)).toEqual([
          'q1-old-open',
          'q1-old-resolved',
        ]);
      } finally {
        await sql`UPDATE annotations SET statement_version_id = ${seeded.v2}, deleted = false
                  WHERE id = 'q1-carried'`;
      }
      const d = await cell('member1', w.units.a1, 'Q1');
      expect(d.json.annotations.map((a: { id: string }) => a.id)).toEqual([
        'q1-carried',
        'q1-old-resolved',
      ]);
    });

    it('lets the leadership group and administrators read every group, switching by groupId', async () => {
      for (const who of ['leadership', 'admin'] as const) {
        const first = await matrix(who);
        expect(first.status).toBe(200);
        expect(first.json.groups.map((g: { name: string }) => g.name)).toEqual([
          '第一巡视组',
          '第二巡视组',
        ]);
        expect(first.json.group.id).toBe(w.groups.g1);
        const second = await matrix(who, `?groupId=${w.groups.g2}`);
        expect(second.status).toBe(200);
        expect(second.json.group.name).toBe('第二巡视组');
        expect(second.json.units.map((u: Unit) => u.name)).toEqual(['科研处']);
        expect(filled(second.json.units[0])).toEqual(['Q1: 1/0 member2']);
      }
    });

    it('scopes a member to their own group: another group’s matrix does not exist for them', async () => {
      const own = await matrix('member2');
      expect(own.json.group.id).toBe(w.groups.g2);
      expect(own.json.groups).toEqual([{ id: w.groups.g2, name: '第二巡视组' }]);
      expect(own.json.units.map((u: Unit) => u.name)).toEqual(['科研处']);
      const foreign = await matrix('member2', `?groupId=${w.groups.g1}`);
      expect(foreign.status).toBe(404);
      expect(foreign.json.error.code).toBe('not_found');
      const unknown = await matrix('member1', `?groupId=${crypto.randomUUID()}`);
      expect(unknown.status).toBe(404);
    });

    it('hides the units a member is recused from', async () => {
      const r = await matrix('recused');
      expect(r.status).toBe(200);
      expect(r.json.units.map((u: Unit) => u.name)).toEqual(['研究生院']);
      expect(r.json.people).toEqual([]);
      expect(r.json.totals.open).toBe(0);
      expect((await cell('recused', w.units.a1, 'Q3')).status).toBe(404);
    });

    it('answers concurrent requests each by its own caller’s units, however many share a read', async () => {
      const [alone, recusedAlone] = [await matrix('member1'), await matrix('recused')];
      const together = await Promise.all(
        Array.from({ length: 6 }, (_, i) => matrix(i % 2 === 0 ? 'member1' : 'recused')),
      );
      for (const [i, r] of together.entries()) {
        expect(r.status).toBe(200);
        expect(r.json).toEqual(i % 2 === 0 ? alone.json : recusedAlone.json);
      }
      expect(recusedAlone.json.units.map((u: Unit) => u.name)).toEqual(['研究生院']);
    });

    it('refuses unit contacts and strangers as if nothing were there, and writes the refusal to the audit log', async () => {
      for (const who of ['contact', 'stranger'] as const) {
        const r = await matrix(who);
        expect(r.status, who).toBe(404);
        expect(r.json.error.code).toBe('not_found');
        const g = await matrix(who, `?groupId=${w.groups.g1}`);
        expect(g.status, who).toBe(404);
      }
      const [denied] = await db().sql<{ n: number }[]>`
        SELECT count(*)::int AS n FROM audit_log
        WHERE actor_id = ${w.userIds.contact} AND outcome = 'denied' AND resource_type = 'annotation'`;
      expect(denied!.n).toBeGreaterThanOrEqual(2);
    });

    it('answers 401 without a session and 400 for a malformed group id', async () => {
      expect((await matrix(null)).status).toBe(401);
      const bad = await matrix('member1', '?groupId=nope');
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('bad_request');
    });
  });

  describe('the drill-down', () => {
    it('lists a cell’s annotations, open first, with quote, tags, step, author and where to open them', async () => {
      const r = await cell('member1', w.units.a1, 'Q3');
      expect(r.status).toBe(200);
      expect(r.json.unit).toEqual({ id: w.units.a1, name: '教务处' });
      expect(r.json.question).toMatchObject({ code: 'Q3', focus: 'F1' });
      const rows = r.json.annotations as Array<Record<string, any>>;
      expect(rows.map((a) => [a.id, a.status, a.author, a.questions.join('+')])).toEqual([
        ['q3-open-1', 'open', '张三', 'Q3'],
        ['q3-open-2', 'open', '李四', 'Q3+Q5'],
        ['q3-resolved', 'resolved', '张三', 'Q3'],
      ]);
      expect(rows[0]).toMatchObject({
        quote: '引文 q3-open-1',
        body: '意见 q3-open-1',
        step: 'S2',
        statementVersionId: seeded.a1.versionId,
        version: 1,
        task: { id: seeded.a1.taskId, title: '任务1' },
        evidence: { id: seeded.evidenceId, name: '导师制实施办法.pdf', page: 2 },
        orphaned: false,
      });
      expect(rows[1]!.evidence).toBeNull();
    });

    it('answers an empty list for a gap, and counts that agree with the matrix', async () => {
      const gap = await cell('member1', w.units.a2, 'Q3');
      expect(gap.status).toBe(200);
      expect(gap.json.annotations).toEqual([]);
      const m = await matrix('member1');
      const jwc = unitNamed(m.json, '教务处');
      for (const c of jwc.cells) {
        const d = await cell('member1', w.units.a1, c.question);
        expect(d.json.annotations.length, c.question).toBe(c.open + c.resolved);
      }
    });

    it('refuses another group’s member, a unit contact (even of that unit) and unknown questions', async () => {
      expect((await cell('member2', w.units.a1, 'Q3')).status).toBe(404);
      expect((await cell('contact', w.units.a1, 'Q3')).status).toBe(404);
      expect((await cell('leadership', w.units.a1, 'Q3')).status).toBe(200);
      expect((await cell('member1', w.units.a1, 'Q99')).status).toBe(404);
      expect((await cell('member1', w.units.a1, 'X1')).status).toBe(400);
    });
  });
});
