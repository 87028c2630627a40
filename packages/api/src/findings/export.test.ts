import { defaultFramework } from '@rectify/domain';
import type { Sql } from '@rectify/store';
import { describeEachDatabase } from '@rectify/store/testing';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWorld, type World } from '../lib/test-world.ts';
import { createTestApi } from '../testing.ts';

/** One submitted statement per unit with annotations on it, as the projection writes them. */
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
  const a2 = await task(2, w.units.a2);
  const b1 = await task(3, w.units.b1);
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
  await annotation('ann-a', w.units.a1, w.groups.g1, a1, ['Q3', 'Q5'], '已全面完成导师制改革');
  await annotation('ann-m', w.units.a2, w.groups.g1, a2, ['Q7'], '研究生培养方案已修订');
  await annotation('ann-z', w.units.b1, w.groups.g2, b1, ['Q1'], '科研经费管理');
}

/** The data rows (below the title and header rows) of the first sheet. */
async function sheetRows(body: ArrayBuffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row, n) => {
    if (n < 2) return;
    const values = (row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)));
    rows.push(values);
  });
  return rows;
}

describeEachDatabase('findings and annotations exported to XLSX', (db) => {
  let t: Awaited<ReturnType<typeof createTestApi>>;
  let w: World;
  beforeAll(async () => {
    t = await createTestApi(db().sql);
    w = await seedWorld(t, db().sql);
    await seedAnnotations(db().sql, w);
    const create = async (who: 'member1' | 'member2', body: Record<string, unknown>) => {
      const r = await t.call('POST', `/api/rounds/${w.roundId}/findings`, {
        token: w.tokens[who],
        body,
      });
      expect(r.status).toBe(201);
    };
    await create('member1', {
      unitId: w.units.a1,
      title: '导师制改革落实不到位',
      annotationIds: ['ann-a'],
      aspect: 'A2',
      severity: 'major',
      immediate: true,
      requirement: '限期完善导师遴选机制',
      deadline: '2026-12-31',
    });
    await create('member2', { unitId: w.units.b1, title: '科研经费管理不规范' });
  });
  afterAll(() => t.cleanup());

  const download = (who: keyof World['tokens'], what: 'findings' | 'annotations') =>
    t.app.request(`/api/rounds/${w.roundId}/${what}.xlsx`, {
      headers: { authorization: `Bearer ${w.tokens[who]}` },
    });

  describe('findings.xlsx', () => {
    it('gives a member only their group’s findings, with the wording of the questions', async () => {
      const res = await download('member1', 'findings');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="findings.xlsx"; filename*=UTF-8''${encodeURIComponent('2026 专项巡视发现问题清单.xlsx')}`,
      );
      const rows = await sheetRows(await res.arrayBuffer());
      expect(rows[0]).toEqual([
        '序号',
        '发现问题',
        '被巡视单位',
        '巡视组',
        '状态',
        '对应问题',
        '问题方面',
        '严重程度',
        '立行立改',
        '整改要求',
        '完成时限',
        '批注数',
        '创建人',
        '创建时间',
      ]);
      expect(rows).toHaveLength(2);
      const [row] = rows.slice(1);
      expect(row!.slice(0, 5)).toEqual([
        '1',
        '导师制改革落实不到位',
        '教务处',
        '第一巡视组',
        '草稿',
      ]);
      const q3 = defaultFramework.questions.find((q) => q.code === 'Q3')!;
      expect(row![5]!.split('\n')[0]).toBe(`Q3 ${q3.zh}`);
      expect(row![6]).toBe(defaultFramework.aspects.find((a) => a.code === 'A2')!.zh);
      expect(row!.slice(7, 12)).toEqual(['较重', '是', '限期完善导师遴选机制', '2026-12-31', '1']);
    });

    it('gives the leadership group every group’s findings', async () => {
      const rows = await sheetRows(await (await download('leadership', 'findings')).arrayBuffer());
      expect(
        rows
          .slice(1)
          .map((r) => r[1])
          .sort(),
      ).toEqual(['导师制改革落实不到位', '科研经费管理不规范'].sort());
    });

    it('refuses a unit contact as if the export did not exist, and audits exports both ways', async () => {
      expect((await download('contact', 'findings')).status).toBe(404);
      const log = await db().sql<{ action: string; outcome: string }[]>`
        SELECT action, outcome FROM audit_log WHERE round_id = ${w.roundId} AND action = 'finding.export'`;
      expect(log.map((l) => l.outcome)).toContain('denied');
      expect(log.some((l) => l.outcome !== 'denied')).toBe(true);
    });
  });

  describe('annotations.xlsx', () => {
    it('gives a member the annotations of their group’s units only', async () => {
      const res = await download('member1', 'annotations');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(
        encodeURIComponent('2026 专项巡视批注清单.xlsx'),
      );
      const rows = await sheetRows(await res.arrayBuffer());
      expect(rows[0]!.slice(0, 5)).toEqual(['序号', '被巡视单位', '整改任务', '引文', '批注']);
      const data = rows.slice(1);
      expect(data.map((r) => r[3]).sort()).toEqual(
        ['已全面完成导师制改革', '研究生培养方案已修订'].sort(),
      );
      const a = data.find((r) => r[3] === '已全面完成导师制改革')!;
      expect(a.slice(1, 8)).toEqual([
        '教务处',
        '任务1',
        '已全面完成导师制改革',
        '与佐证不符',
        'Q3、Q5',
        defaultFramework.methodSteps.find((s) => s.code === 'S2')!.zh,
        '未解决',
      ]);
    });

    it('leaves out the units a member is recused from', async () => {
      const rows = await sheetRows(await (await download('recused', 'annotations')).arrayBuffer());
      expect(rows.slice(1).map((r) => r[1])).toEqual(['研究生院']);
    });

    it('refuses a unit contact and a stranger', async () => {
      expect((await download('contact', 'annotations')).status).toBe(404);
      expect([403, 404]).toContain((await download('stranger', 'annotations')).status);
    });
  });
});
