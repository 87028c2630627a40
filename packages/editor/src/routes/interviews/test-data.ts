import { textDocBody } from '@rectify/domain';
import { createSignal } from 'solid-js';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Interview } from '../../components/interviews/interviews-api.ts';
import type { LiveDoc } from '../../lib/collab/live-doc.ts';
import type { LiveSaveState } from '../../lib/collab/save-tracker.ts';

/** Interview records, units, people and tasks as the server sends them, for the tests. */
export function interview(over: Partial<Interview> = {}): Interview {
  return {
    id: 'iv1',
    roundId: 'r1',
    unit: { id: 'unit-jwc', name: '教务处' },
    group: { id: 'g1', name: '第一巡视组' },
    heldOn: '2025-04-08',
    place: '行政楼 302 会议室',
    interviewee: { name: '赵六', post: '教务处副处长' },
    interviewers: [
      { id: 'u1', displayName: '张三' },
      { id: 'u2', displayName: '李四' },
    ],
    tasks: [{ id: 't11', title: '修订本科生导师制实施办法' }],
    createdAt: '2025-04-08T02:00:00Z',
    recordDoc: 'interview.iv1',
    ...over,
  };
}

export const UNITS = [
  { id: 'unit-jwc', name: '教务处', groupId: 'g1', groupName: '第一巡视组' },
  { id: 'unit-yjs', name: '研究生院', groupId: 'g1', groupName: '第一巡视组' },
  { id: 'unit-other', name: '财务处', groupId: 'g2', groupName: '第二巡视组' },
];

export const PEOPLE = [
  { id: 'u1', displayName: '张三' },
  { id: 'u2', displayName: '李四' },
  { id: 'u3', displayName: '王组长' },
];

export const TASKS = {
  roundId: 'r1',
  unit: { id: 'unit-jwc', name: '教务处' },
  problems: [
    {
      id: 'p2',
      ordinal: 2,
      title: '落实立德树人根本任务存在差距',
      tasks: [
        {
          id: 't11',
          ordinal: 1,
          title: '修订本科生导师制实施办法',
          role: 'lead',
          kind: 'system',
          kindLabel: '制度建设',
          deadline: '2023年6月底前',
          statement: { status: 'none', version: null, submittedAt: null, draftUpdatedAt: null },
        },
        {
          id: 't12',
          ordinal: 2,
          title: '推进本科培养方案修订',
          role: 'lead',
          kind: 'done',
          kindLabel: '集中整改期已完成',
          deadline: '2023年7月底前',
          statement: { status: 'none', version: null, submittedAt: null, draftUpdatedAt: null },
        },
      ],
    },
  ],
};

export function recordDoc(text = ''): Y.Doc {
  const doc = new Y.Doc();
  if (text) {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    textDocBody(doc).insert(0, [p]);
  }
  return doc;
}

/** A live document with no socket: the save state is driven by the test. */
export function fakeLive(doc: Y.Doc, opts: { readOnly?: boolean } = {}) {
  const awareness = new Awareness(doc);
  const [save, setSave] = createSignal<LiveSaveState>('saved');
  const opened: string[] = [];
  const live: LiveDoc = {
    name: 'interview.iv1',
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
  return {
    live,
    setSave,
    opened,
    open: (name: string) => {
      opened.push(name);
      return live;
    },
  };
}
