import { buildReportModel, defaultFramework } from '@rectify/domain';
import type { RectificationItem } from '../../components/follow-up/follow-up-api.ts';
import type { Report, ReportRow, ReportTexts } from '../../components/reports/reports-api.ts';

/** Reports and follow-up items as the server sends them, for tests and screenshots. */
export const TEXTS: ReportTexts = {
  subject: '中央巡视整改落实情况',
  opening: '根据校党委统一部署，第一巡视组对教务处开展了整改专项巡视。现将巡视情况反馈如下。',
  assessment: '教务处党委高度重视巡视整改工作，整改工作取得阶段性成效。',
  requirements: '（一）压实整改责任。要切实担负起整改主体责任。',
  signature: '校党委第一巡视组',
  date: '2026-03-02',
};

export function reportOf(over: Partial<Report> = {}): Report {
  const texts = { ...TEXTS, ...over.texts };
  const groupBy = over.groupBy ?? 'focus';
  const model = buildReportModel({
    unitName: '教务处',
    framework: defaultFramework,
    texts,
    groupBy,
    findings: [
      {
        id: 'f1',
        unitName: '教务处',
        title: '导师制改革落实不到位',
        description: '抽查12个学院，5个学院未建立导师工作台账',
        state: 'approved',
        questions: ['Q3'],
        aspect: 'A2',
        immediate: false,
        requirement: '限期建立导师工作台账',
        deadline: '2026-12-31',
        createdAt: '2026-02-01T00:00:00Z',
        evidence: [{ name: '党委会会议纪要.pdf', page: 4 }],
      },
    ],
  });
  return {
    id: 'rep1',
    roundId: 'r1',
    roundName: '2025年度整改专项巡视',
    unit: { id: 'unit-jwc', name: '教务处' },
    group: { id: 'g1', name: '第一巡视组' },
    state: 'draft',
    textsDoc: 'report.rep1',
    groupBy,
    model,
    issuedAt: null,
    issuedBy: null,
    sha256: null,
    size: null,
    createdAt: '2026-03-01T08:00:00Z',
    canEdit: true,
    canIssue: true,
    ...over,
    texts,
  };
}

export const ISSUED: Report = reportOf({
  state: 'issued',
  issuedAt: '2026-03-02T09:00:00Z',
  issuedBy: { id: 'u-leader', displayName: '李组长' },
  sha256: 'ab'.repeat(32),
  size: 20_480,
  canEdit: false,
  canIssue: false,
});

export const ROWS: ReportRow[] = [
  {
    unit: { id: 'unit-jwc', name: '教务处' },
    group: { id: 'g1', name: '第一巡视组' },
    report: null,
    approvedFindings: 2,
    deliveredFindings: 0,
  },
  {
    unit: { id: 'unit-yjs', name: '研究生院' },
    group: { id: 'g1', name: '第一巡视组' },
    report: { id: 'rep2', state: 'issued', issuedAt: '2026-03-01T09:00:00Z' },
    approvedFindings: 0,
    deliveredFindings: 3,
  },
];

export function itemOf(over: Partial<RectificationItem> = {}): RectificationItem {
  return {
    finding: {
      id: 'f1',
      title: '导师制改革落实不到位',
      description: '抽查12个学院，5个学院未建立导师工作台账',
      questions: [{ code: 'Q3', focus: 'F1', zh: '是否真改实改', en: 'Really fixed?' }],
      aspect: { code: 'A2', zh: '工作落实', en: 'Implementation' },
      requirement: '限期建立导师工作台账',
      deadline: '2026-03-01',
      immediate: false,
      state: 'issued',
      reportId: 'rep1',
      unit: { id: 'unit-jwc', name: '教务处' },
      group: { id: 'g1', name: '第一巡视组' },
    },
    status: 'awaiting_answer',
    overdue: true,
    responses: [],
    canAnswer: true,
    canReview: false,
    ...over,
  };
}

export const RETURNED = itemOf({
  status: 'returned',
  finding: { ...itemOf().finding, state: 'rectifying' },
  responses: [
    {
      id: 'resp1',
      measures: '修订导师遴选办法',
      progress: '已完成修订',
      evidence: [{ id: 'ev1', name: '导师遴选办法.pdf', mime: 'application/pdf', size: 1000 }],
      submittedBy: { id: 'u-unit', displayName: '王联络员' },
      submittedAt: '2026-03-03T02:00:00Z',
      reviewState: 'returned',
      reviewComment: '佐证材料不足，请补充培训记录',
      reviewedBy: { id: 'u-m1', displayName: '张组员' },
      reviewedAt: '2026-03-04T02:00:00Z',
    },
  ],
});
