import type { Sql } from '@rectify/store';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** Units that exist before the fixture ledgers are imported. */
export const KNOWN_UNITS = [
  '党委宣传部',
  '党委组织部',
  '教务处',
  '研究生院',
  '学生工作部',
  '人事处',
  '科学技术研究院',
  '党委办公室（校长办公室）',
];

export const P1 = '学习贯彻习近平新时代中国特色社会主义思想不够深入';
export const P2 = '落实立德树人根本任务有差距';
export const P3 = '干部队伍建设有短板';

type Cell = string | number | Date | null;

/** An XLSX workbook from rows (row 1 first) and merge ranges such as "B4:B6". */
export async function buildXlsx(
  rows: Cell[][],
  merges: string[] = [],
  sheetName = '台账',
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((cells, r) => {
    cells.forEach((v, c) => {
      if (v !== null && v !== '') ws.getCell(r + 1, c + 1).value = v;
    });
  });
  for (const m of merges) ws.mergeCells(m);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * The ledger as offices keep it: a title row merged across, a two-level
 * header (责任单位 over 牵头单位 / 协办单位, the other headers merged down),
 * problems merged over their task rows, a task merged over two measure rows,
 * a blank spacer row, full-width digits and spaces, co-units separated every
 * which way, and deadlines in five formats including a real date cell.
 */
export async function realisticXlsx(): Promise<Uint8Array> {
  const title = 'XX大学中央巡视整改任务落实情况一览表';
  return buildXlsx(
    [
      [title, title, title, title, title, title, title, title],
      ['序号', '巡视反馈问题', '整改任务', '整改措施', '责任单位', null, '完成时限', '任务类型'],
      [null, null, null, null, '牵头单位', '协办单位', null, null],
      [
        1,
        P1,
        '健全党委理论学习中心组学习制度',
        '修订中心组学习规则，建立学习督查通报机制',
        '党委宣传部',
        '党委组织部',
        '2023年6月底前',
        null,
      ],
      [
        2,
        null,
        '推进党的创新理论进课堂',
        '完善思政课程与课程思政协同机制',
        '教务处',
        '研究生院、学生工作部',
        '长期坚持',
        null,
      ],
      [
        3,
        null,
        '加强基层党组织理论学习',
        '建立院系党委学习情况季度报告制度',
        '党委组织部',
        null,
        new Date(Date.UTC(2023, 2, 31)),
        null,
      ],
      [null, null, null, null, null, null, null, null],
      [
        4,
        P2,
        '完善教师评价制度',
        '修订教师职称评审办法',
        '人事处',
        '教务处，科学技术研究院',
        '2023.6',
        '制度建设',
      ],
      [
        null,
        null,
        null,
        '建立师德失范行为通报制度',
        '　人事处　',
        '党委宣传部；\n国有资产管理处',
        '2023/9/30',
        '制度建设',
      ],
      [
        5,
        null,
        '加强实践育人',
        '建设校外实践教育基地',
        '学生工作部',
        '教务处,国有资产管理处',
        '２０２３年１２月３１日',
        '补充整改任务',
      ],
    ],
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
      'B8:B10',
      'A8:A9',
      'C8:C9',
    ],
  );
}

/**
 * The same kind of ledger saved by Chinese Excel as "CSV (逗号分隔)": GB18030,
 * CRLF, a merged cell's text in its first row only, quoted cells holding
 * commas, quotes and line breaks, the two-level header on two rows.
 */
export function realisticGb18030Csv(): Uint8Array {
  const lines = [
    'XX大学中央巡视整改任务落实情况一览表,,,,,,',
    '序号,存在问题,整改任务,整改措施,责任单位,,整改时限',
    ',,,,牵头单位,配合单位,',
    `1,${P3},优化干部选拔任用机制,"修订《干部选拔任用工作实施办法》，落实""凡提四必""",党委组织部,"人事处、党委办公室（校长办公室）",2023年底前`,
    ',,,"开展干部档案专项审核,\n建立审核台账",党委组织部,,2023年3月31日',
    ',,,,,,',
    `2,,加强年轻干部培养,实施年轻干部“墩苗”计划,党委组织部,"人事处\n教务处",持续推进`,
  ];
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'gb18030');
}

/** A ledger with two bad rows: row 5 has no lead unit, row 7 a deadline nobody can read. */
export async function twoBadRowsXlsx(): Promise<Uint8Array> {
  return buildXlsx([
    ['整改任务落实情况一览表'],
    ['问题', '整改任务', '牵头单位', '协办单位', '完成时限'],
    [P1, '任务一', '党委宣传部', null, '2023年6月底前'],
    [P1, '任务二', '教务处', '研究生院', '2023-06-30'],
    [P1, '任务三', null, '研究生院', '2023-06-30'],
    [P1, '任务四', '教务处', null, '长期坚持'],
    [P1, '任务五', '教务处', null, '尽快完成'],
  ]);
}

/** A round with the default framework, and the known units. */
export async function seedRound(sql: Sql, name = '2024年整改专项巡视'): Promise<string> {
  const [round] = await sql<{ id: string }[]>`
    INSERT INTO rounds (name) VALUES (${name}) RETURNING id`;
  for (const unit of KNOWN_UNITS) {
    await sql`INSERT INTO units (name) VALUES (${unit}) ON CONFLICT (name) DO NOTHING`;
  }
  return round!.id;
}

/** The round's ledger as plain rows, for comparing whole imports. */
export async function ledgerRows(sql: Sql, roundId: string) {
  return sql<Record<string, unknown>[]>`
    SELECT p.ordinal AS problem_ordinal, p.title AS problem, t.id AS task_id, t.ordinal, t.title,
           t.source_key, t.updated_at, m.id AS measure_id, m.ordinal AS measure_ordinal, m.content, lu.name AS lead,
           m.kind, m.deadline::text AS deadline, m.deadline_text,
           (SELECT coalesce(array_agg(u.name ORDER BY u.name COLLATE "C"), '{}') FROM measure_co_units mc
              JOIN units u ON u.id = mc.unit_id WHERE mc.measure_id = m.id) AS co_units
    FROM tasks t JOIN problems p ON p.id = t.problem_id
    LEFT JOIN measures m ON m.task_id = t.id LEFT JOIN units lu ON lu.id = m.lead_unit_id
    WHERE t.round_id = ${roundId}
    ORDER BY p.ordinal, t.ordinal, m.ordinal`;
}
