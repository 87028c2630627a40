import type { EvidenceItem, StatementStatus, TaskDetail, UnitTasks } from './contracts.ts';

/**
 * Portal fixtures shaped like the API's answers, and a scriptable
 * XMLHttpRequest for uploads. For tests only.
 */
export const UNIT_ID = 'unit-jwc';

const status = (s: Partial<StatementStatus>): StatementStatus => ({
  status: 'none',
  version: null,
  submittedAt: null,
  draftUpdatedAt: null,
  ...s,
});

const task = (
  id: string,
  ordinal: number,
  title: string,
  kind: string,
  kindLabel: string,
  deadline: string,
  statement: StatementStatus,
) => ({
  id,
  ordinal,
  title,
  role: 'lead' as const,
  kind,
  kindLabel,
  deadline,
  deadlineDate: null,
  measures: 1,
  statement,
  evidenceCount: 0,
});

export const MY_TASKS: UnitTasks[] = [
  {
    roundId: 'r1',
    unit: { id: UNIT_ID, name: '教务处' },
    problems: [
      {
        id: 'p1',
        ordinal: 1,
        title: '学习贯彻习近平新时代中国特色社会主义思想不够深入',
        tasks: [
          task('t11', 2, '推进党的创新理论进课堂', 'long_term', '长期坚持', '长期坚持', status({})),
        ],
      },
      {
        id: 'p2',
        ordinal: 2,
        title: '落实立德树人根本任务存在差距',
        tasks: [
          task(
            't21',
            1,
            '修订本科生导师制实施办法',
            'rules',
            '制度建设',
            '2023年6月底前',
            status({ status: 'submitted', version: 2, submittedAt: '2024-04-02T02:00:00Z' }),
          ),
          task(
            't22',
            4,
            '推进本科培养方案修订',
            'completed',
            '集中整改期已完成',
            '2023年7月底前',
            status({ status: 'draft', draftUpdatedAt: '2024-04-03T02:00:00Z' }),
          ),
          task(
            't23',
            5,
            '强化实践育人',
            'supplementary',
            '补充整改任务',
            '2024年6月底前',
            status({}),
          ),
        ],
      },
    ],
  },
];

export function evidence(id: string, name: string, over: Partial<EvidenceItem> = {}): EvidenceItem {
  return {
    id,
    taskId: 't21',
    unitId: UNIT_ID,
    hash: `h-${id}`,
    size: 245_760,
    mime: 'application/pdf',
    originalName: name,
    storedName: name,
    pages: 3,
    textState: 'done',
    uploadedAt: '2024-04-01T08:00:00Z',
    inDraft: true,
    versions: [],
    reusedElsewhere: [],
    ...over,
  };
}

export function taskDetail(over: Partial<TaskDetail> = {}): TaskDetail {
  return {
    task: { id: 't21', ordinal: 1, title: '修订本科生导师制实施办法' },
    problem: { id: 'p2', ordinal: 2, title: '落实立德树人根本任务存在差距' },
    roundId: 'r1',
    unit: { id: UNIT_ID, name: '教务处', role: 'lead' },
    measures: [
      {
        id: 'm1',
        ordinal: 1,
        content: '修订《本科生导师制实施办法》，明确导师职责与考核',
        kind: 'rules',
        kindLabel: '制度建设',
        deadline: '2023年6月底前',
        deadlineDate: '2023-06-30',
        lead: { id: UNIT_ID, name: '教务处' },
        coUnits: [{ id: 'unit-rsc', name: '人事处' }],
      },
    ],
    statement: {
      id: 's1',
      status: 'draft',
      version: null,
      submittedAt: null,
      draftUpdatedAt: '2024-04-03T02:00:00Z',
      draft: {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: '已完成修订。' }] }],
      },
    },
    versions: [],
    evidence: [],
    ...over,
  };
}

type Listener = (event: ProgressEvent) => void;

/**
 * Stands in for XMLHttpRequest: records each request and lets the test drive
 * its upload progress and answer.
 */
export class FakeXhr {
  static all: FakeXhr[] = [];
  method = '';
  url = '';
  body: unknown;
  headers: Record<string, string> = {};
  status = 0;
  statusText = '';
  responseText = '';
  withCredentials = false;
  aborted = false;
  private listeners = new Map<string, Listener[]>();
  readonly upload = {
    listeners: [] as Listener[],
    addEventListener: (type: string, fn: Listener) => {
      if (type === 'progress') this.upload.listeners.push(fn);
    },
  };

  constructor() {
    FakeXhr.all.push(this);
  }

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.emit('abort');
  }
  addEventListener(type: string, fn: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }

  /** The file's name, from the query string. */
  get filename(): string | null {
    return new URL(this.url, 'http://localhost').searchParams.get('filename');
  }
  progress(loaded: number, total: number) {
    const event = { loaded, total, lengthComputable: true } as ProgressEvent;
    for (const fn of this.upload.listeners) fn(event);
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.emit('load');
  }
  private emit(type: string) {
    for (const fn of this.listeners.get(type) ?? []) fn({} as ProgressEvent);
  }
}
