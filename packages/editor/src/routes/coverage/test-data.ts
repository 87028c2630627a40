import { defaultFramework } from '@rectify/domain';
import type { CellDetail, Coverage, CoverageUnit } from '../../components/coverage/coverage-api.ts';
import type { MeResponse } from '../../lib/contracts.ts';
import { me } from '../../test/fixtures.ts';

export const MEMBER: MeResponse = me([{ role: 'member', groupId: 'g1', unitId: null }]);
export const LEADERSHIP: MeResponse = me([{ role: 'leadership', groupId: null, unitId: null }]);

const focuses = defaultFramework.focuses.map((f) => ({
  code: f.code,
  zh: f.zh,
  en: f.en,
  questions: defaultFramework.questions
    .filter((q) => q.focus === f.code)
    .map((q) => ({ code: q.code, zh: q.zh, en: q.en, retired: false })),
}));
const codes = focuses.flatMap((f) => f.questions.map((q) => q.code));

function unit(
  id: string,
  name: string,
  filled: Record<string, [open: number, resolved: number, authors: string[]]>,
): CoverageUnit {
  const cells = codes.map((question) => {
    const [open, resolved, authors] = filled[question] ?? [0, 0, []];
    return { question, open, resolved, authors };
  });
  return {
    id,
    name,
    statements: Object.keys(filled).length > 0 ? 2 : 0,
    annotatedStatements: Object.keys(filled).length > 0 ? 1 : 0,
    open: cells.reduce((n, c) => n + c.open, 0),
    resolved: cells.reduce((n, c) => n + c.resolved, 0),
    untagged: 0,
    cells,
  };
}

/** 教务处 checked against Q3 (2 open, 1 resolved) and Q6 (1 resolved); 研究生院 not at all. */
export function coverage(overrides: Partial<Coverage> = {}): Coverage {
  const units = [
    unit('u-jwc', '教务处', { Q3: [2, 1, ['张三', '李四']], Q6: [0, 1, ['张三']] }),
    unit('u-yjs', '研究生院', {}),
  ];
  return {
    roundId: 'r1',
    group: { id: 'g1', name: '第一巡视组' },
    groups: [{ id: 'g1', name: '第一巡视组' }],
    framework: { version: 1, focuses },
    units,
    people: [
      { name: '张三', annotations: 3, units: 1 },
      { name: '李四', annotations: 1, units: 1 },
    ],
    totals: { open: 2, resolved: 2, cells: 24, covered: 2, gaps: 22 },
    ...overrides,
  };
}

export function cellDetail(): CellDetail {
  return {
    unit: { id: 'u-jwc', name: '教务处' },
    question: {
      code: 'Q3',
      focus: 'F1',
      zh: '是否存在“纸面整改”“落而不实”情况',
      en: 'On paper only?',
    },
    annotations: [
      {
        id: 'a1',
        quote: '已全面完成本科生导师制改革',
        body: '佐证只有印发文件，没有落实记录。',
        questions: ['Q3'],
        step: 'S2',
        status: 'open',
        orphaned: false,
        author: '张三',
        createdAt: '2026-03-02T09:00:00Z',
        updatedAt: '2026-03-02T09:00:00Z',
        statementVersionId: 'v1',
        version: 1,
        task: { id: 't1', title: '完善本科生导师制' },
        evidence: { id: 'e1', name: '导师制实施办法.pdf', page: 2 },
      },
      {
        id: 'a2',
        quote: '覆盖率达到100%',
        body: '',
        questions: ['Q3', 'Q5'],
        step: null,
        status: 'resolved',
        orphaned: false,
        author: '李四',
        createdAt: '2026-03-01T09:00:00Z',
        updatedAt: '2026-03-01T09:00:00Z',
        statementVersionId: 'v2',
        version: 2,
        task: null,
        evidence: null,
      },
    ],
  };
}
