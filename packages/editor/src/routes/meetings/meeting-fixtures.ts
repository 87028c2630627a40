import { createSignal } from 'solid-js';
import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type {
  Meeting,
  MeetingPerson,
  MeetingSummary,
} from '../../components/meetings/meetings-api.ts';
import type { LiveDoc } from '../../lib/collab/live-doc.ts';
import type { LiveSaveState } from '../../lib/collab/save-tracker.ts';

/** A round's meetings, people and one meeting as the server sends them, for the tests. */
export const SUMMARIES: MeetingSummary[] = [
  {
    id: 'm2',
    roundId: 'r1',
    heldOn: '2025-03-09',
    title: '组长例会',
    decisions: 0,
    openActionItems: 1,
    createdAt: '2025-03-09T01:00:00Z',
  },
  {
    id: 'm1',
    roundId: 'r1',
    heldOn: '2025-03-02',
    title: '组长例会',
    decisions: 2,
    openActionItems: 0,
    createdAt: '2025-03-02T01:00:00Z',
  },
];

export const PEOPLE: MeetingPerson[] = [
  { id: 'p-lead', displayName: '领导小组成员', role: 'leadership', groupName: null },
  { id: 'u1', displayName: '张三', role: 'leader', groupName: '第一巡视组' },
  { id: 'p-m1', displayName: '李四', role: 'member', groupName: '第一巡视组' },
  { id: 'p-l2', displayName: '赵组长', role: 'leader', groupName: '第二巡视组' },
];

export function meeting(over: Partial<Meeting> = {}): Meeting {
  return {
    id: 'm2',
    roundId: 'r1',
    roundName: '2025年度整改专项巡视',
    heldOn: '2025-03-09',
    title: '组长例会',
    agenda: {
      since: '2025-03-02T01:00:00.000Z',
      generatedAt: '2025-03-09T01:00:00.000Z',
      groups: [
        {
          groupId: 'g1',
          name: '第一巡视组',
          units: 2,
          statements: 10,
          reviewed: 4,
          annotations: 7,
          newAnnotations: 3,
          steps: { S1: 5, S2: 2 },
          gaps: 21,
        },
        {
          groupId: 'g2',
          name: '第二巡视组',
          units: 1,
          statements: 0,
          reviewed: 0,
          annotations: 1,
          newAnnotations: 0,
          steps: { none: 1 },
          gaps: 12,
        },
      ],
      gaps: [
        { groupId: 'g1', unitId: 'a1', unitName: '教务处', questions: ['Q2', 'Q5', 'Q12'] },
        { groupId: 'g2', unitId: 'b1', unitName: '科研处', questions: ['Q1', 'Q2'] },
      ],
      findings: [
        {
          id: 'f1',
          title: '导师制落实不到位',
          unitName: '教务处',
          groupName: '第一巡视组',
          state: 'draft',
          change: 'new',
        },
      ],
      overdue: [
        {
          id: 'ai0',
          title: '约谈教务处负责人',
          owner: '李四',
          dueOn: '2025-03-05',
          meetingOn: '2025-03-02',
        },
      ],
    },
    attendees: [
      { id: 'u1', displayName: '张三' },
      { id: 'p-lead', displayName: '领导小组成员' },
    ],
    decisions: [{ id: 'd1', text: '下周集中审阅研究生院材料', createdAt: '2025-03-09T02:00:00Z' }],
    actionItems: [
      {
        id: 'ai1',
        title: '补充调阅培养方案',
        owner: { id: 'p-m1', displayName: '李四' },
        dueOn: '2025-03-06',
        done: false,
        doneAt: null,
        overdue: true,
      },
      {
        id: 'ai2',
        title: '整理第一组台账',
        owner: null,
        dueOn: null,
        done: true,
        doneAt: '2025-03-09T03:00:00Z',
        overdue: false,
      },
    ],
    createdBy: '张三',
    createdAt: '2025-03-09T01:00:00Z',
    minutesDoc: 'minutes.m2',
    canEdit: true,
    ...over,
  };
}

/** A live document with no socket: the save state is driven by the test. */
export function fakeLive(doc: Y.Doc, opts: { readOnly?: boolean } = {}) {
  const awareness = new Awareness(doc);
  const [save, setSave] = createSignal<LiveSaveState>('saved');
  const live: LiveDoc = {
    name: 'minutes.m2',
    doc,
    provider: {} as never,
    awareness,
    user: { id: 'u1', name: '张三', color: '#2f6db5' },
    connection: () => 'connected',
    synced: () => true,
    tried: () => true,
    save,
    ended: () => undefined,
    serverReadOnly: () => opts.readOnly ?? false,
    users: () => [],
    destroy: () => awareness.destroy(),
  };
  return { live, setSave };
}
