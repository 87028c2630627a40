import type { FindingState } from '@rectify/domain';
import { request } from '../../lib/api.ts';

/**
 * The leaders' meeting API as these screens read it
 * (packages/api/src/meetings/routes.ts); only the fields shown are spelled out.
 */
export interface MeetingSummary {
  id: string;
  roundId: string;
  heldOn: string;
  title: string;
  decisions: number;
  openActionItems: number;
  createdAt: string;
}

export interface AgendaGroup {
  groupId: string;
  name: string;
  units: number;
  /** Statements submitted by the group's units. */
  statements: number;
  /** Of those, statements with at least one annotation. */
  reviewed: number;
  annotations: number;
  newAnnotations: number;
  /** Annotations by method step: S1, S2, S3, or `none`. */
  steps: Record<string, number>;
  /** Unit × question cells still without an annotation. */
  gaps: number;
}

export interface Agenda {
  since: string | null;
  generatedAt: string;
  groups: AgendaGroup[];
  gaps: Array<{ groupId: string; unitId: string; unitName: string; questions: string[] }>;
  findings: Array<{
    id: string;
    title: string;
    unitName: string;
    groupName: string;
    state: FindingState;
    change: 'new' | 'changed';
  }>;
  overdue: Array<{
    id: string;
    title: string;
    owner: string | null;
    dueOn: string;
    meetingOn: string;
  }>;
}

export interface Person {
  id: string;
  displayName: string;
}

export interface ActionItem {
  id: string;
  title: string;
  owner: Person | null;
  dueOn: string | null;
  done: boolean;
  doneAt: string | null;
  overdue: boolean;
}

export interface Meeting {
  id: string;
  roundId: string;
  roundName: string;
  heldOn: string;
  title: string;
  agenda: Agenda | null;
  attendees: Person[];
  decisions: Array<{ id: string; text: string; createdAt: string }>;
  actionItems: ActionItem[];
  createdBy: string;
  createdAt: string;
  /** Name of the live document holding the co-edited minutes. */
  minutesDoc: string;
  canEdit: boolean;
}

/** Someone who may attend or own an action item. */
export interface MeetingPerson extends Person {
  role: 'leadership' | 'leader' | 'member';
  groupName: string | null;
}

const enc = encodeURIComponent;

export const meetingsApi = {
  list: (roundId: string) =>
    request<MeetingSummary[]>('GET', `/api/rounds/${enc(roundId)}/meetings`),
  people: (roundId: string) =>
    request<MeetingPerson[]>('GET', `/api/rounds/${enc(roundId)}/meetings/people`),
  create: (roundId: string, body: { heldOn: string; title?: string; attendeeIds: string[] }) =>
    request<Meeting>('POST', `/api/rounds/${enc(roundId)}/meetings`, { body }),
  get: (id: string) => request<Meeting>('GET', `/api/meetings/${enc(id)}`),
  update: (id: string, body: { heldOn?: string; title?: string; attendeeIds?: string[] }) =>
    request<Meeting>('PATCH', `/api/meetings/${enc(id)}`, { body }),
  regenerate: (id: string) => request<Meeting>('POST', `/api/meetings/${enc(id)}/agenda`),
  addDecision: (id: string, text: string) =>
    request<Meeting>('POST', `/api/meetings/${enc(id)}/decisions`, { body: { text } }),
  removeDecision: (id: string, decisionId: string) =>
    request<Meeting>('DELETE', `/api/meetings/${enc(id)}/decisions/${enc(decisionId)}`),
  addActionItem: (
    id: string,
    body: { title: string; ownerId: string | null; dueOn: string | null },
  ) => request<Meeting>('POST', `/api/meetings/${enc(id)}/action-items`, { body }),
  updateActionItem: (
    itemId: string,
    body: { title?: string; ownerId?: string | null; dueOn?: string | null; done?: boolean },
  ) => request<Meeting>('PATCH', `/api/action-items/${enc(itemId)}`, { body }),
  docxUrl: (id: string) => `/api/meetings/${enc(id)}/minutes.docx`,
};

/** Today as `YYYY-MM-DD` in the browser's own time zone (the date a meeting is held on). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
