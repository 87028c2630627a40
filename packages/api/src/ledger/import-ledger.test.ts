import type { Sql } from '@rectify/store';
import { describeEachDatabase } from '@rectify/store/testing';
import { beforeAll, expect, it } from 'vitest';
import { insertUser } from '../testing.ts';
import { applyLedger, type LedgerFile, previewLedger } from './import-ledger.ts';
import { taskKey } from './plan-import.ts';
import {
  buildXlsx,
  ledgerRows,
  P1,
  P2,
  P3,
  realisticGb18030Csv,
  realisticXlsx,
  seedRound,
  twoBadRowsXlsx,
} from './testing.ts';

const NEW_UNIT = '国有资产管理处';

async function tableCounts(sql: Sql) {
  const [row] = await sql<Record<string, number>[]>`
    SELECT (SELECT count(*)::int FROM problems) AS problems, (SELECT count(*)::int FROM tasks) AS tasks,
           (SELECT count(*)::int FROM measures) AS measures,
           (SELECT count(*)::int FROM measure_co_units) AS co_units,
           (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM audit_log) AS audit`;
  return row!;
}

describeEachDatabase('ledger import', (db) => {
  let adminId: string;
  let roundId: string;
  let xlsx: LedgerFile;
  const actor = () => ({ userId: adminId, label: 'admin', address: '127.0.0.1' });

  beforeAll(async () => {
    adminId = await insertUser(db().sql, { username: 'admin', isAdmin: true });
    roundId = await seedRound(db().sql);
    xlsx = { bytes: await realisticXlsx(), filename: '整改台账.xlsx' };
  });

  it('previews an XLSX ledger without writing: mapping, new tasks, proposed units', async () => {
    const { sql } = db();
    const before = await tableCounts(sql);
    const p = await previewLedger(sql, roundId, xlsx);
    expect(await tableCounts(sql)).toEqual(before);
    expect(p.sheet).toEqual({ name: '台账', format: 'xlsx', encoding: null, rows: 10 });
    expect(p.header.firstRow).toBe(2);
    expect(p.header.lastRow).toBe(3);
    expect(p.header.columns.map((c) => [c.letter, c.label, c.field])).toEqual([
      ['A', '序号', 'number'],
      ['B', '巡视反馈问题', 'problem'],
      ['C', '整改任务', 'task'],
      ['D', '整改措施', 'measure'],
      ['E', '责任单位/牵头单位', 'lead'],
      ['F', '责任单位/协办单位', 'co'],
      ['G', '完成时限', 'deadline'],
      ['H', '任务类型', 'kind'],
    ]);
    expect(p.mapping).toEqual(p.detected);
    expect(p.problems.map((x) => [x.title, x.status])).toEqual([
      [P1, 'new'],
      [P2, 'new'],
    ]);
    expect(p.tasks.map((t) => t.status)).toEqual(Array(5).fill('new'));
    expect(p.counts).toEqual({ created: 5, updated: 0, unchanged: 0 });
    expect(p.units.proposed).toEqual([{ name: NEW_UNIT, rows: [9, 10] }]);
    expect(p.errors).toEqual([]);
    expect(p.absent).toEqual([]);
  });

  it('previews with the person’s mapping instead of the detected one', async () => {
    const p = await previewLedger(db().sql, roundId, xlsx, {
      columns: { problem: 1, task: 2, measure: 3, lead: 4, deadline: 6, kind: 7 },
    });
    expect(p.header.columns[5]!.field).toBeNull();
    expect(p.tasks.flatMap((t) => t.measures.map((m) => m.coUnits))).toEqual(Array(6).fill([]));
    expect(p.units.proposed).toEqual([]);
  });

  it('refuses a ledger naming a unit that was not accepted, naming its rows, and writes nothing', async () => {
    const { sql } = db();
    const before = await tableCounts(sql);
    const err = await applyLedger(sql, roundId, xlsx, { createUnits: [], actor: actor() }).catch(
      (e) => e,
    );
    expect(err).toMatchObject({
      code: 'bad_request',
      details: { rows: [9, 10], units: [NEW_UNIT] },
      message: expect.stringContaining(NEW_UNIT),
    });
    expect(await tableCounts(sql)).toEqual(before);
  });

  it('imports the XLSX ledger: problems, tasks, measures, leads, co-units, kinds and deadlines', async () => {
    const { sql } = db();
    const result = await applyLedger(sql, roundId, xlsx, {
      createUnits: [NEW_UNIT],
      actor: actor(),
      now: new Date('2026-03-02T09:00:00Z'),
    });
    expect(result).toEqual({
      counts: { created: 5, updated: 0, unchanged: 0 },
      problemsCreated: 2,
      unitsCreated: [NEW_UNIT],
      absent: [],
    });
    const rows = (await ledgerRows(sql, roundId)).map(
      ({ taskId, updatedAt, measureId, ...r }) => r,
    );
    const row = (
      problemOrdinal: number,
      problem: string,
      ordinal: number,
      title: string,
      measureOrdinal: number,
      content: string,
      lead: string,
      kind: string,
      deadline: string | null,
      deadlineText: string,
      coUnits: string[],
    ) => ({
      problemOrdinal,
      problem,
      ordinal,
      title,
      sourceKey: taskKey(problem, title),
      measureOrdinal,
      content,
      lead,
      kind,
      deadline,
      deadlineText,
      coUnits,
    });
    expect(rows).toEqual([
      row(
        1,
        P1,
        1,
        '健全党委理论学习中心组学习制度',
        1,
        '修订中心组学习规则，建立学习督查通报机制',
        '党委宣传部',
        'completed',
        '2023-06-30',
        '2023年6月底前',
        ['党委组织部'],
      ),
      row(
        1,
        P1,
        2,
        '推进党的创新理论进课堂',
        1,
        '完善思政课程与课程思政协同机制',
        '教务处',
        'long_term',
        null,
        '长期坚持',
        ['学生工作部', '研究生院'].sort(),
      ),
      row(
        1,
        P1,
        3,
        '加强基层党组织理论学习',
        1,
        '建立院系党委学习情况季度报告制度',
        '党委组织部',
        'completed',
        '2023-03-31',
        '2023-03-31',
        [],
      ),
      row(
        2,
        P2,
        1,
        '完善教师评价制度',
        1,
        '修订教师职称评审办法',
        '人事处',
        'rules',
        '2023-06-30',
        '2023.6',
        ['教务处', '科学技术研究院'].sort(),
      ),
      row(
        2,
        P2,
        1,
        '完善教师评价制度',
        2,
        '建立师德失范行为通报制度',
        '人事处',
        'rules',
        '2023-09-30',
        '2023/9/30',
        ['党委宣传部', NEW_UNIT].sort(),
      ),
      row(
        2,
        P2,
        2,
        '加强实践育人',
        1,
        '建设校外实践教育基地',
        '学生工作部',
        'supplementary',
        '2023-12-31',
        '２０２３年１２月３１日',
        ['教务处', NEW_UNIT].sort(),
      ),
    ]);
    const [unit] = await sql`SELECT name FROM units WHERE name = ${NEW_UNIT}`;
    expect(unit).toBeDefined();
    const audit = await sql<{ action: string; actorId: string; roundId: string; details: any }[]>`
      SELECT action, actor_id, round_id, details FROM audit_log ORDER BY seq`;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'ledger.import',
      actorId: adminId,
      roundId,
      details: {
        file: '整改台账.xlsx',
        format: 'xlsx',
        counts: { created: 5, updated: 0, unchanged: 0 },
        unitsCreated: [NEW_UNIT],
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
  });

  it('importing the same ledger twice yields the same rows, untouched', async () => {
    const { sql } = db();
    const before = await ledgerRows(sql, roundId);
    const result = await applyLedger(sql, roundId, xlsx, { createUnits: [], actor: actor() });
    expect(result.counts).toEqual({ created: 0, updated: 0, unchanged: 5 });
    expect(result.problemsCreated).toBe(0);
    expect(result.unitsCreated).toEqual([]);
    expect(await ledgerRows(sql, roundId)).toEqual(before);
    const p = await previewLedger(sql, roundId, xlsx);
    expect(p.tasks.map((t) => t.status)).toEqual(Array(5).fill('unchanged'));
    expect(p.problems.map((x) => x.status)).toEqual(['existing', 'existing']);
    expect(p.units.proposed).toEqual([]);
  });

  it('updates changed tasks in place, adds new ones and reports the ones no longer listed', async () => {
    const { sql } = db();
    const before = await ledgerRows(sql, roundId);
    const idOf = (rows: typeof before, title: string) =>
      rows.find((r) => r.title === title)!.taskId;
    const changed = await buildXlsx([
      ['整改任务落实情况一览表'],
      ['问题', '整改任务', '整改措施', '牵头单位', '协办单位', '完成时限'],
      [
        P1,
        '健全党委理论学习中心组学习制度',
        '修订中心组学习规则，建立学习督查通报机制',
        '党委宣传部',
        '党委组织部、教务处',
        '2023年9月底前',
      ],
      [
        P1,
        '推进党的创新理论进课堂',
        '完善思政课程与课程思政协同机制',
        '教务处',
        '研究生院、学生工作部',
        '长期坚持',
      ],
      [P1, '新增：加强理论武装', '开展专题培训', '党委宣传部', null, '2024年6月底前'],
    ]);
    const result = await applyLedger(
      sql,
      roundId,
      { bytes: changed, filename: 'v2.xlsx' },
      { createUnits: [], actor: actor() },
    );
    expect(result.counts).toEqual({ created: 1, updated: 1, unchanged: 1 });
    expect(result.absent.map((a) => a.title)).toEqual([
      '加强基层党组织理论学习',
      '完善教师评价制度',
      '加强实践育人',
    ]);
    const after = await ledgerRows(sql, roundId);
    const first = after.filter((r) => r.title === '健全党委理论学习中心组学习制度');
    expect(first).toEqual([
      expect.objectContaining({
        taskId: idOf(before, '健全党委理论学习中心组学习制度'),
        deadline: '2023-09-30',
        deadlineText: '2023年9月底前',
        coUnits: ['党委组织部', '教务处'].sort(),
      }),
    ]);
    const second = after.find((r) => r.title === '推进党的创新理论进课堂')!;
    const secondBefore = before.find((r) => r.title === '推进党的创新理论进课堂')!;
    expect(second).toEqual(secondBefore);
    expect(after.find((r) => r.title === '新增：加强理论武装')).toMatchObject({
      problem: P1,
      ordinal: 3,
      lead: '党委宣传部',
      deadline: '2024-06-30',
    });
    // Absent tasks stay, with their measures.
    expect(after.filter((r) => r.title === '完善教师评价制度')).toHaveLength(2);
  });

  it('refuses a ledger with two bad rows, naming both, and writes nothing', async () => {
    const { sql } = db();
    const before = await tableCounts(sql);
    const rows = await ledgerRows(sql, roundId);
    const err = await applyLedger(
      sql,
      roundId,
      { bytes: await twoBadRowsXlsx(), filename: 'bad.xlsx' },
      { createUnits: [], actor: actor() },
    ).catch((e) => e);
    expect(err).toMatchObject({
      code: 'bad_request',
      status: 400,
      message: expect.stringContaining('5, 7'),
      details: {
        rows: [5, 7],
        errors: [
          expect.objectContaining({ row: 5, field: 'lead' }),
          expect.objectContaining({ row: 7, field: 'deadline' }),
        ],
      },
    });
    expect(await tableCounts(sql)).toEqual(before);
    expect(await ledgerRows(sql, roundId)).toEqual(rows);
  });

  it('imports a GB18030 CSV ledger field by field, twice to the same rows', async () => {
    const { sql } = db();
    const csvRound = await seedRound(sql, 'CSV 轮次');
    const file = { bytes: realisticGb18030Csv(), filename: '台账.csv' };
    const preview = await previewLedger(sql, csvRound, file);
    expect(preview.sheet).toMatchObject({ format: 'csv', encoding: 'gb18030' });
    const first = await applyLedger(sql, csvRound, file, { createUnits: [], actor: actor() });
    expect(first.counts).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const rows = await ledgerRows(sql, csvRound);
    expect(rows.map(({ taskId, updatedAt, measureId, sourceKey, ...r }) => r)).toEqual([
      {
        problemOrdinal: 1,
        problem: P3,
        ordinal: 1,
        title: '优化干部选拔任用机制',
        measureOrdinal: 1,
        content: '修订《干部选拔任用工作实施办法》，落实"凡提四必"',
        lead: '党委组织部',
        kind: 'completed',
        deadline: '2023-12-31',
        deadlineText: '2023年底前',
        coUnits: ['人事处', '党委办公室（校长办公室）'].sort(),
      },
      {
        problemOrdinal: 1,
        problem: P3,
        ordinal: 1,
        title: '优化干部选拔任用机制',
        measureOrdinal: 2,
        content: '开展干部档案专项审核,\n建立审核台账',
        lead: '党委组织部',
        kind: 'completed',
        deadline: '2023-03-31',
        deadlineText: '2023年3月31日',
        coUnits: [],
      },
      {
        problemOrdinal: 1,
        problem: P3,
        ordinal: 2,
        title: '加强年轻干部培养',
        measureOrdinal: 1,
        content: '实施年轻干部“墩苗”计划',
        lead: '党委组织部',
        kind: 'long_term',
        deadline: null,
        deadlineText: '持续推进',
        coUnits: ['人事处', '教务处'].sort(),
      },
    ]);
    const again = await applyLedger(sql, csvRound, file, { createUnits: [], actor: actor() });
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(await ledgerRows(sql, csvRound)).toEqual(rows);
  });

  it('takes over tasks entered before ledger import (matched by problem and title) instead of duplicating them', async () => {
    const { sql } = db();
    const r = await seedRound(sql, '已有任务的轮次');
    const [p] = await sql<{ id: string }[]>`
      INSERT INTO problems (round_id, ordinal, title) VALUES (${r}, 1, ${P1}) RETURNING id`;
    const [t] = await sql<{ id: string }[]>`
      INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
      VALUES (${r}, ${p!.id}, 1, '推进党的创新理论进课堂', '1.1') RETURNING id`;
    const file = {
      bytes: await buildXlsx([
        ['问题', '整改任务', '牵头单位', '完成时限'],
        [P1, '推进党的创新理论进课堂', '教务处', '长期坚持'],
      ]),
      filename: 'x.xlsx',
    };
    const result = await applyLedger(sql, r, file, { createUnits: [], actor: actor() });
    expect(result.counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const rows = await ledgerRows(sql, r);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      taskId: t!.id,
      sourceKey: taskKey(P1, '推进党的创新理论进课堂'),
      lead: '教务处',
      kind: 'long_term',
    });
  });

  it('reads kinds from the round’s own framework', async () => {
    const { sql } = db();
    const r = await seedRound(sql, '自定义任务类型的轮次');
    const { defaultFramework } = await import('@rectify/domain');
    const fw = {
      ...defaultFramework,
      taskKinds: [{ code: 'immediate', zh: '立行立改', en: 'Immediate' }],
    };
    await sql`INSERT INTO frameworks (round_id, version, body) VALUES (${r}, 1, ${sql.json(fw as never)})`;
    const file = {
      bytes: await buildXlsx([
        ['问题', '整改任务', '牵头单位', '任务类型'],
        ['p', 'a', '教务处', '立行立改'],
        ['p', 'b', '教务处', '长期坚持'],
      ]),
      filename: 'x.xlsx',
    };
    const p = await previewLedger(sql, r, file);
    expect(p.errors).toEqual([
      expect.objectContaining({
        row: 3,
        field: 'kind',
        message: expect.stringContaining('立行立改'),
      }),
    ]);
    expect(p.tasks[0]!.measures[0]!.kind).toBe('immediate');
  });

  it('lets two imports of one round run one after the other', async () => {
    const { sql } = db();
    const r = await seedRound(sql, '并发导入的轮次');
    const file = { bytes: realisticGb18030Csv(), filename: 'a.csv' };
    const results = await Promise.all([
      applyLedger(sql, r, file, { createUnits: [], actor: actor() }),
      applyLedger(sql, r, file, { createUnits: [], actor: actor() }),
    ]);
    expect(results.map((x) => x.counts.created).sort()).toEqual([0, 2]);
    expect(await ledgerRows(sql, r)).toHaveLength(3);
  });

  it('answers 404 for a round that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(previewLedger(db().sql, missing, xlsx)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      applyLedger(db().sql, missing, xlsx, { createUnits: [NEW_UNIT], actor: actor() }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
