import type { LedgerImportResult, LedgerPreview } from './ledger-api.ts';

const P1 = '学习贯彻习近平新时代中国特色社会主义思想不够深入';
const P2 = '落实立德树人根本任务有差距';

/**
 * A preview as the server answers it for a small ledger: a title row, a
 * two-level header (责任单位 → 牵头单位 / 协办单位), two problems, one task
 * with two measures and one unit the system does not know yet.
 */
export function ledgerPreview(overrides: Partial<LedgerPreview> = {}): LedgerPreview {
  const mapping = {
    headerRow: 3,
    columns: { number: 0, problem: 1, task: 2, measure: 3, lead: 4, co: 5, deadline: 6, kind: 7 },
  };
  return {
    sheet: { name: '台账', format: 'xlsx', encoding: null, rows: 9 },
    header: {
      firstRow: 2,
      lastRow: 3,
      columns: [
        { index: 0, letter: 'A', label: '序号', field: 'number' },
        { index: 1, letter: 'B', label: '巡视反馈问题', field: 'problem' },
        { index: 2, letter: 'C', label: '整改任务', field: 'task' },
        { index: 3, letter: 'D', label: '整改措施', field: 'measure' },
        { index: 4, letter: 'E', label: '责任单位/牵头单位', field: 'lead' },
        { index: 5, letter: 'F', label: '责任单位/协办单位', field: 'co' },
        { index: 6, letter: 'G', label: '完成时限', field: 'deadline' },
        { index: 7, letter: 'H', label: '任务类型', field: 'kind' },
      ],
    },
    detected: mapping,
    mapping,
    problems: [
      { title: P1, ordinal: 1, row: 4, status: 'new' },
      { title: P2, ordinal: 2, row: 7, status: 'existing' },
    ],
    tasks: [
      {
        sourceKey: 'k1',
        problem: P1,
        ordinal: 1,
        title: '健全党委理论学习中心组学习制度',
        row: 4,
        status: 'new',
        measures: [
          {
            row: 4,
            content: '修订中心组学习规则',
            lead: '党委宣传部',
            coUnits: ['党委组织部'],
            kind: 'completed',
            deadline: '2023-06-30',
            deadlineText: '2023年6月底前',
          },
          {
            row: 5,
            content: '建立学习督查通报机制',
            lead: '党委宣传部',
            coUnits: [],
            kind: 'long_term',
            deadline: null,
            deadlineText: '长期坚持',
          },
        ],
      },
      {
        sourceKey: 'k2',
        problem: P2,
        ordinal: 1,
        title: '推进党的创新理论进课堂',
        row: 7,
        status: 'updated',
        measures: [
          {
            row: 7,
            content: '完善思政课程与课程思政协同机制',
            lead: '教务处',
            coUnits: ['研究生院', '国际合作处'],
            kind: 'completed',
            deadline: '2023-06-30',
            deadlineText: '2023.6',
          },
        ],
      },
    ],
    units: {
      existing: ['党委宣传部', '党委组织部', '教务处', '研究生院'],
      proposed: [{ name: '国际合作处', rows: [7] }],
    },
    errors: [],
    warnings: [],
    counts: { created: 1, updated: 1, unchanged: 0 },
    absent: [],
    ...overrides,
  };
}

export const IMPORT_RESULT: LedgerImportResult = {
  counts: { created: 1, updated: 1, unchanged: 0 },
  problemsCreated: 1,
  unitsCreated: ['国际合作处'],
  absent: [],
};
