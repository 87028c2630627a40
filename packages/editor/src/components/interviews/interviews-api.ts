import { request } from '../../lib/api.ts';
import { reviewApi } from '../../lib/workspace/review-api.ts';

/** The interview contract (packages/api/src/interviews/routes.ts), as the screens read it. */
export interface Person {
  id: string;
  displayName: string;
}

export interface Interview {
  id: string;
  roundId: string;
  unit: { id: string; name: string };
  group: { id: string; name: string };
  /** `YYYY-MM-DD` */
  heldOn: string;
  place: string;
  interviewee: { name: string; post: string };
  interviewers: Person[];
  tasks: Array<{ id: string; title: string }>;
  createdAt: string;
  /** Live document of the co-edited record (`interview.<id>`). */
  recordDoc: string;
  /** Files attached to the record (scans of the signed record); absent in older answers. */
  attachments?: Attachment[];
}

/** A file attached to a record; `id` is its evidence id (open it through /api/evidence/{id}/…). */
export interface Attachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  pages: number | null;
  uploadedAt: string;
}

export interface InterviewFields {
  heldOn: string;
  place: string;
  intervieweeName: string;
  intervieweePost: string;
  interviewerIds: string[];
  taskIds: string[];
}

export interface TaskChoice {
  id: string;
  title: string;
  /** Problem and task ordinals, e.g. `2.3`. */
  where: string;
}

const seg = encodeURIComponent;

export const interviewsApi = {
  list: (roundId: string) => request<Interview[]>('GET', `/api/rounds/${seg(roundId)}/interviews`),
  /** One unit's records the user may read (the server filters by the policy). */
  ofUnit: (roundId: string, unitId: string) =>
    request<Interview[]>('GET', `/api/rounds/${seg(roundId)}/interviews?unitId=${seg(unitId)}`),
  removeAttachment: (id: string, evidenceId: string) =>
    request<{ deleted: true }>(
      'DELETE',
      `/api/interviews/${seg(id)}/attachments/${seg(evidenceId)}`,
    ),
  get: (id: string) => request<Interview>('GET', `/api/interviews/${seg(id)}`),
  create: (roundId: string, body: InterviewFields & { unitId: string }) =>
    request<Interview>('POST', `/api/rounds/${seg(roundId)}/interviews`, { body }),
  update: (id: string, body: Partial<InterviewFields>) =>
    request<Interview>('PATCH', `/api/interviews/${seg(id)}`, { body }),
  /** The unit's group: who may be named a co-interviewer. */
  people: (roundId: string, unitId: string) =>
    request<Person[]>('GET', `/api/rounds/${seg(roundId)}/interviews/people?unitId=${seg(unitId)}`),
  units: (roundId: string) => reviewApi.roundUnits(roundId),
  /** The unit's tasks, flat, in ledger order. */
  tasks: async (roundId: string, unitId: string): Promise<TaskChoice[]> => {
    const all = await reviewApi.unitTasks(roundId, unitId);
    return all.problems.flatMap((p) =>
      p.tasks.map((t) => ({ id: t.id, title: t.title, where: `${p.ordinal}.${t.ordinal}` })),
    );
  },
};

/** Newest first; the same day by creation. */
export function byDate(a: Interview, b: Interview): number {
  return b.heldOn.localeCompare(a.heldOn) || b.createdAt.localeCompare(a.createdAt);
}

/** Today as `YYYY-MM-DD` in the browser's time zone (an interview is dated where it was held). */
export function localToday(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
