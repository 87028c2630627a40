import { AppError, type Resource, type RoundState } from '@rectify/domain';
import type { Db } from '@rectify/store';

/** What the policy needs about one interview record. */
export interface InterviewFacts {
  id: string;
  roundId: string;
  roundState: RoundState;
  unitId: string;
  groupId: string;
  interviewerIds: string[];
}

export function interviewResource(
  f: Omit<InterviewFacts, 'id' | 'groupId'> & { groupId: string | null },
): Resource {
  return {
    kind: 'interview',
    interviewerIds: f.interviewerIds,
    round: { id: f.roundId, state: f.roundState },
    unitId: f.unitId,
    groupId: f.groupId,
  };
}

const FACTS = (db: Db) => db`
  SELECT i.id, i.round_id, r.state AS round_state, i.unit_id, i.group_id,
    COALESCE((SELECT array_agg(ii.user_id::text) FROM interview_interviewers ii
              WHERE ii.interview_id = i.id), '{}') AS interviewer_ids
  FROM interviews i JOIN rounds r ON r.id = i.round_id`;

export async function interviewFacts(db: Db, id: string): Promise<InterviewFacts> {
  const [row] = await db<InterviewFacts[]>`${FACTS(db)} WHERE i.id = ${id}`;
  if (!row) throw new AppError('not_found', 'Not found.');
  return row;
}

/** Facts of every interview of a round (or of the given ids), for filtering by the policy. */
export async function interviewFactsOf(
  db: Db,
  roundId: string,
  ids?: readonly string[],
): Promise<InterviewFacts[]> {
  if (ids && ids.length === 0) return [];
  return db<InterviewFacts[]>`
    ${FACTS(db)} WHERE i.round_id = ${roundId}
    ${ids ? db`AND i.id IN ${db(ids as string[])}` : db``}`;
}

/** Interviewers must be leaders or members of the group that inspects the unit. */
export async function requireGroupPeople(
  db: Db,
  roundId: string,
  groupId: string,
  userIds: readonly string[],
): Promise<void> {
  const rows = await db<{ userId: string }[]>`
    SELECT DISTINCT user_id FROM memberships
    WHERE round_id = ${roundId} AND group_id = ${groupId} AND role IN ('leader', 'member')
      AND user_id IN ${db(userIds as string[])}`;
  const known = new Set(rows.map((r) => r.userId));
  const strangers = userIds.filter((u) => !known.has(u));
  if (strangers.length > 0) {
    throw new AppError(
      'bad_request',
      `interviewerIds: not members of the unit's inspection group: ${strangers.join(', ')}`,
    );
  }
}

/** Tasks named by an interview must be the unit's own (led or co-led). */
export async function requireUnitTasks(
  db: Db,
  roundId: string,
  unitId: string,
  taskIds: readonly string[],
): Promise<void> {
  if (taskIds.length === 0) return;
  const rows = await db<{ id: string }[]>`
    SELECT DISTINCT t.id FROM tasks t JOIN measures m ON m.task_id = t.id
    LEFT JOIN measure_co_units cu ON cu.measure_id = m.id
    WHERE t.round_id = ${roundId} AND t.id IN ${db(taskIds as string[])}
      AND (m.lead_unit_id = ${unitId} OR cu.unit_id = ${unitId})`;
  const known = new Set(rows.map((r) => r.id));
  const strangers = taskIds.filter((t) => !known.has(t));
  if (strangers.length > 0) {
    throw new AppError('bad_request', `taskIds: not tasks of this unit: ${strangers.join(', ')}`);
  }
}

export async function setInterviewers(db: Db, id: string, userIds: readonly string[]) {
  await db`DELETE FROM interview_interviewers WHERE interview_id = ${id}`;
  for (const u of new Set(userIds)) {
    await db`INSERT INTO interview_interviewers (interview_id, user_id) VALUES (${id}, ${u})`;
  }
}

export async function setTasks(db: Db, id: string, taskIds: readonly string[]) {
  await db`DELETE FROM interview_tasks WHERE interview_id = ${id}`;
  for (const t of new Set(taskIds)) {
    await db`INSERT INTO interview_tasks (interview_id, task_id) VALUES (${id}, ${t})`;
  }
}

export interface InterviewRow {
  id: string;
  roundId: string;
  unit: { id: string; name: string };
  group: { id: string; name: string };
  heldOn: string;
  place: string;
  interviewee: { name: string; post: string };
  interviewers: Array<{ id: string; displayName: string }>;
  tasks: Array<{ id: string; title: string }>;
  createdAt: string;
}

export async function loadInterviews(db: Db, ids: readonly string[]): Promise<InterviewRow[]> {
  if (ids.length === 0) return [];
  const rows = await db<
    {
      id: string;
      roundId: string;
      unitId: string;
      unitName: string;
      groupId: string;
      groupName: string;
      heldOn: string;
      place: string;
      intervieweeName: string;
      intervieweePost: string;
      createdAt: Date;
    }[]
  >`
    SELECT i.id, i.round_id, i.unit_id, u.name AS unit_name, i.group_id, g.name AS group_name,
      to_char(i.held_on, 'YYYY-MM-DD') AS held_on, i.place, i.interviewee_name,
      i.interviewee_post, i.created_at
    FROM interviews i JOIN units u ON u.id = i.unit_id JOIN inspection_groups g ON g.id = i.group_id
    WHERE i.id IN ${db(ids as string[])}
    ORDER BY i.held_on DESC, i.created_at DESC`;
  const people = await db<{ interviewId: string; id: string; displayName: string }[]>`
    SELECT ii.interview_id, u.id, u.display_name FROM interview_interviewers ii
    JOIN users u ON u.id = ii.user_id WHERE ii.interview_id IN ${db(ids as string[])}
    ORDER BY u.display_name`;
  const tasks = await db<{ interviewId: string; id: string; title: string }[]>`
    SELECT it.interview_id, t.id, t.title FROM interview_tasks it JOIN tasks t ON t.id = it.task_id
    WHERE it.interview_id IN ${db(ids as string[])} ORDER BY t.ordinal`;
  return rows.map((r) => ({
    id: r.id,
    roundId: r.roundId,
    unit: { id: r.unitId, name: r.unitName },
    group: { id: r.groupId, name: r.groupName },
    heldOn: r.heldOn,
    place: r.place,
    interviewee: { name: r.intervieweeName, post: r.intervieweePost },
    interviewers: people
      .filter((p) => p.interviewId === r.id)
      .map(({ id, displayName }) => ({ id, displayName })),
    tasks: tasks.filter((t) => t.interviewId === r.id).map(({ id, title }) => ({ id, title })),
    createdAt: new Date(r.createdAt).toISOString(),
  }));
}
