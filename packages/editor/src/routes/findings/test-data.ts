import type { FindingDetail, Rollup } from '../../components/findings/findings-api.ts';
import type { MeResponse } from '../../lib/contracts.ts';
import { me } from '../../test/fixtures.ts';

/** Findings-screen fixtures, as the server would answer them for round r1. */
export const MEMBER: MeResponse = me([{ role: 'member', groupId: 'g1', unitId: null }]);
export const LEADER: MeResponse = me([{ role: 'leader', groupId: 'g1', unitId: null }]);
export const LEADERSHIP: MeResponse = me([{ role: 'leadership', groupId: null, unitId: null }]);

const q3 = {
  code: 'Q3',
  focus: 'F1',
  zh: '是否存在“纸面整改”“落而不实”情况',
  en: 'Is the rectification only on paper?',
};

export function finding(over: Partial<FindingDetail> = {}): FindingDetail {
  return {
    id: 'f1',
    roundId: 'r1',
    group: { id: 'g1', name: '第一巡视组' },
    unit: { id: 'u-jw', name: '教务处' },
    title: '导师制改革落实不到位',
    description: '',
    questions: [q3],
    frameworkVersion: 1,
    aspect: 'A2',
    severity: 'major',
    immediate: true,
    requirement: '',
    deadline: '2025-12-31',
    state: 'draft',
    next: ['confirmed'],
    createdBy: { id: 'u2', displayName: '李四' },
    createdAt: '2025-05-02T02:00:00Z',
    updatedAt: '2025-05-02T02:00:00Z',
    annotationCount: 1,
    annotations: [
      {
        id: 'ann-a',
        quote: '已全面完成导师制改革',
        body: '与佐证不符',
        step: 'S2',
        status: 'open',
        questions: ['Q3'],
        statementVersionId: 'sv1',
        taskId: 't1',
        evidence: { id: 'ev1', name: '导师制实施办法.pdf', page: 3 },
        author: '李四',
        orphaned: false,
      },
    ],
    transitions: [
      { from: null, to: 'draft', actor: '李四', comment: '', at: '2025-05-02T02:00:00Z' },
    ],
    ...over,
  };
}

export function rollup(over: Partial<Rollup> = {}): Rollup {
  return {
    units: [
      { unitId: 'u-jw', unitName: '教务处', groupId: 'g1', findings: { draft: 1 }, annotations: 4 },
      { unitId: 'u-yjs', unitName: '研究生院', groupId: 'g1', findings: {}, annotations: 2 },
    ],
    groups: [{ groupId: 'g1', name: '第一巡视组', findings: { draft: 1 }, annotations: 6 }],
    focuses: [
      { code: 'F1', zh: '抓落实', en: 'Implementation', findings: 1, annotations: 4 },
      { code: 'F2', zh: '抓长远', en: 'Long term', findings: 0, annotations: 2 },
      { code: 'F3', zh: '抓协同', en: 'Coordination', findings: 0, annotations: 0 },
      { code: 'F4', zh: '抓深化', en: 'Deepening', findings: 0, annotations: 0 },
    ],
    aspects: [],
    suggestions: [
      {
        unitId: 'u-yjs',
        unitName: '研究生院',
        question: 'Q5',
        focus: 'F2',
        annotations: 2,
      },
    ],
    ...over,
  };
}
