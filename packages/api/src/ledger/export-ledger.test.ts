import { describeEachDatabase } from '@rectify/store/testing';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { insertUser } from '../testing.ts';
import { exportLedger } from './export-ledger.ts';
import { applyLedger, previewLedger } from './import-ledger.ts';
import { readSheet } from './read-sheet.ts';
import { ledgerRows, P1, P2, realisticGb18030Csv, realisticXlsx, seedRound } from './testing.ts';

describeEachDatabase('ledger export', (db) => {
  let actor: { userId: string; label: string };
  beforeAll(async () => {
    actor = {
      userId: await insertUser(db().sql, { username: 'admin', isAdmin: true }),
      label: 'admin',
    };
  });

  it('writes a title row, a two-level header and problems merged over their rows', async () => {
    const { sql } = db();
    const roundId = await seedRound(sql, '2024年专项巡视');
    await applyLedger(
      sql,
      roundId,
      { bytes: await realisticXlsx(), filename: 'a.xlsx' },
      { createUnits: ['国有资产管理处'], actor },
    );
    const { bytes, filename } = await exportLedger(sql, roundId);
    expect(filename).toBe('2024年专项巡视整改任务落实情况一览表.xlsx');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect([...merges].sort()).toEqual(
      [
        'A1:H1',
        'A2:A3',
        'B2:B3',
        'C2:C3',
        'D2:D3',
        'E2:F2',
        'G2:G3',
        'H2:H3',
        'B4:B6',
        'B7:B9',
        'A7:A8',
        'C7:C8',
      ].sort(),
    );

    const { rows } = await readSheet(bytes, filename);
    expect(rows[0]![0]).toBe('2024年专项巡视整改任务落实情况一览表');
    expect(rows[1]).toEqual([
      '序号',
      '巡视反馈问题',
      '整改任务',
      '整改措施',
      '责任单位',
      '责任单位',
      '完成时限',
      '任务类型',
    ]);
    expect(rows[2]!.slice(4, 6)).toEqual(['牵头单位', '协办单位']);
    expect(rows.slice(3)).toEqual([
      [
        '1',
        P1,
        '健全党委理论学习中心组学习制度',
        '修订中心组学习规则，建立学习督查通报机制',
        '党委宣传部',
        '党委组织部',
        '2023年6月底前',
        '集中整改期已完成',
      ],
      [
        '2',
        P1,
        '推进党的创新理论进课堂',
        '完善思政课程与课程思政协同机制',
        '教务处',
        '学生工作部、研究生院',
        '长期坚持',
        '长期坚持',
      ],
      [
        '3',
        P1,
        '加强基层党组织理论学习',
        '建立院系党委学习情况季度报告制度',
        '党委组织部',
        '',
        '2023-03-31',
        '集中整改期已完成',
      ],
      [
        '4',
        P2,
        '完善教师评价制度',
        '修订教师职称评审办法',
        '人事处',
        '教务处、科学技术研究院',
        '2023.6',
        '制度建设',
      ],
      [
        '4',
        P2,
        '完善教师评价制度',
        '建立师德失范行为通报制度',
        '人事处',
        '党委宣传部、国有资产管理处',
        '2023/9/30',
        '制度建设',
      ],
      [
        '5',
        P2,
        '加强实践育人',
        '建设校外实践教育基地',
        '学生工作部',
        '国有资产管理处、教务处',
        '２０２３年１２月３１日',
        '补充整改任务',
      ],
    ]);
  });

  it('re-importing the export yields the same tasks, untouched', async () => {
    const { sql } = db();
    for (const [name, file] of [
      ['XLSX 往返', { bytes: await realisticXlsx(), filename: 'a.xlsx' }],
      ['CSV 往返', { bytes: realisticGb18030Csv(), filename: 'a.csv' }],
    ] as const) {
      const roundId = await seedRound(sql, name);
      await applyLedger(sql, roundId, file, { createUnits: ['国有资产管理处'], actor });
      const before = await ledgerRows(sql, roundId);
      const exported = await exportLedger(sql, roundId);
      const preview = await previewLedger(sql, roundId, exported);
      expect(preview.errors).toEqual([]);
      expect(preview.units.proposed).toEqual([]);
      const result = await applyLedger(sql, roundId, exported, { createUnits: [], actor });
      expect(result.counts).toEqual({
        created: 0,
        updated: 0,
        unchanged: before.length === 6 ? 5 : 2,
      });
      expect(result.absent).toEqual([]);
      expect(await ledgerRows(sql, roundId)).toEqual(before);
    }
  });

  it('keeps a problem without tasks and writes a date without wording as the ISO date', async () => {
    const { sql } = db();
    const roundId = await seedRound(sql, '手工录入的轮次');
    const [lonely] = await sql<{ id: string }[]>`
      INSERT INTO problems (round_id, ordinal, title) VALUES (${roundId}, 2, '尚未分解任务的问题') RETURNING id`;
    const [p] = await sql<{ id: string }[]>`
      INSERT INTO problems (round_id, ordinal, title) VALUES (${roundId}, 1, ${P1}) RETURNING id`;
    const [t] = await sql<{ id: string }[]>`
      INSERT INTO tasks (round_id, problem_id, ordinal, title, source_key)
      VALUES (${roundId}, ${p!.id}, 1, '手工任务', 'manual-1') RETURNING id`;
    await sql`
      INSERT INTO measures (task_id, ordinal, content, lead_unit_id, kind, deadline, deadline_text)
      SELECT ${t!.id}, 1, '手工措施', id, 'rules', '2024-01-31', '' FROM units WHERE name = '教务处'`;
    const { bytes } = await exportLedger(sql, roundId);
    const { rows } = await readSheet(bytes, 'x.xlsx');
    expect(rows.slice(3)).toEqual([
      ['1', P1, '手工任务', '手工措施', '教务处', '', '2024-01-31', '制度建设'],
      ['', '尚未分解任务的问题', '', '', '', '', '', ''],
    ]);
    const preview = await previewLedger(sql, roundId, { bytes, filename: 'x.xlsx' });
    expect(preview.errors).toEqual([]);
    expect(preview.problems.map((x) => [x.title, x.status])).toEqual([
      [P1, 'existing'],
      ['尚未分解任务的问题', 'existing'],
    ]);
    expect(lonely).toBeDefined();
  });

  it('answers 404 for a round that does not exist', async () => {
    await expect(
      exportLedger(db().sql, '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
