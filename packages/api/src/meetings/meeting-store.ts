import { AppError, type RoundState } from '@rectify/domain';
import type { Db } from '@rectify/store';
import type { Agenda } from './agenda.ts';

export interface MeetingFacts {
  id: string;
  roundId: string;
  roundState: RoundState;
  heldOn: string;
}

export async function meetingFacts(db: Db, id: string): Promise<MeetingFacts> {
  const [row] = await db<MeetingFacts[]>`
    SELECT m.id, m.round_id, r.state AS round_state, to_char(m.held_on, 'YYYY-MM-DD') AS held_on
    FROM meetings m JOIN rounds r ON r.id = m.round_id WHERE m.id = ${id}`;
  if (!row) throw new AppError('not_found', 'Not found.');
  return row;
}

export async function actionItemFacts(db: Db, id: string): Promise<{ meetingId: string }> {
  const [row] = await db<
    { meetingId: string }[]
  >`SELECT meeting_id FROM action_items WHERE id = ${id}`;
  if (!row) throw new AppError('not_found', 'Not found.');
  return row;
}

/** When the meeting before this one looked at the data: its agenda's time, else its creation. */
export async function previousMeetingTime(
  db: Db,
  roundId: string,
  heldOn: string,
  exceptId: string | null,
): Promise<Date | null> {
  const [row] = await db<{ at: Date }[]>`
    SELECT COALESCE((agenda->>'generatedAt')::timestamptz, created_at) AS at
    FROM meetings
    WHERE round_id = ${roundId} AND held_on <= ${heldOn}::date
      ${exceptId ? db`AND id <> ${exceptId}` : db``}
    ORDER BY held_on DESC, created_at DESC LIMIT 1`;
  return row ? new Date(row.at) : null;
}

/** Checks that every attendee or owner belongs to the round (any role), naming the strangers. */
export async function requireRoundPeople(
  db: Db,
  roundId: string,
  userIds: readonly string[],
  field: string,
) {
  if (userIds.length === 0) return;
  const rows = await db<{ userId: string }[]>`
    SELECT DISTINCT m.user_id FROM memberships m
    WHERE m.round_id = ${roundId} AND m.user_id IN ${db(userIds as string[])}
    UNION SELECT id FROM users WHERE is_admin AND id IN ${db(userIds as string[])}`;
  const known = new Set(rows.map((r) => r.userId));
  const strangers = userIds.filter((u) => !known.has(u));
  if (strangers.length > 0) {
    throw new AppError(
      'bad_request',
      `${field}: not people of this round: ${strangers.join(', ')}`,
    );
  }
}

export async function setAttendees(db: Db, meetingId: string, userIds: readonly string[]) {
  await db`DELETE FROM meeting_attendees WHERE meeting_id = ${meetingId}`;
  for (const userId of new Set(userIds)) {
    await db`INSERT INTO meeting_attendees (meeting_id, user_id) VALUES (${meetingId}, ${userId})`;
  }
}

export interface MeetingSummary {
  id: string;
  roundId: string;
  heldOn: string;
  title: string;
  decisions: number;
  openActionItems: number;
  createdAt: string;
}

export async function listMeetings(db: Db, roundId: string): Promise<MeetingSummary[]> {
  const rows = await db<(Omit<MeetingSummary, 'createdAt'> & { createdAt: Date })[]>`
    SELECT m.id, m.round_id, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, m.title, m.created_at,
      (SELECT count(*)::int FROM meeting_decisions d WHERE d.meeting_id = m.id) AS decisions,
      (SELECT count(*)::int FROM action_items a WHERE a.meeting_id = m.id AND a.done_at IS NULL)
        AS open_action_items
    FROM meetings m WHERE m.round_id = ${roundId}
    ORDER BY m.held_on DESC, m.created_at DESC`;
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

export interface MeetingDetail {
  id: string;
  roundId: string;
  roundName: string;
  heldOn: string;
  title: string;
  agenda: Agenda | null;
  attendees: Array<{ id: string; displayName: string }>;
  decisions: Array<{ id: string; text: string; createdAt: string }>;
  actionItems: Array<{
    id: string;
    title: string;
    owner: { id: string; displayName: string } | null;
    dueOn: string | null;
    done: boolean;
    doneAt: string | null;
    overdue: boolean;
  }>;
  createdBy: string;
  createdAt: string;
}

export async function loadMeeting(db: Db, id: string, today: string): Promise<MeetingDetail> {
  const [m] = await db<
    {
      id: string;
      roundId: string;
      roundName: string;
      heldOn: string;
      title: string;
      agenda: Agenda | null;
      createdBy: string;
      createdAt: Date;
    }[]
  >`
    SELECT m.id, m.round_id, r.name AS round_name, to_char(m.held_on, 'YYYY-MM-DD') AS held_on,
      m.title, m.agenda, u.display_name AS created_by, m.created_at
    FROM meetings m JOIN rounds r ON r.id = m.round_id JOIN users u ON u.id = m.created_by
    WHERE m.id = ${id}`;
  if (!m) throw new AppError('not_found', 'Not found.');
  const attendees = await db<{ id: string; displayName: string }[]>`
    SELECT u.id, u.display_name FROM meeting_attendees a JOIN users u ON u.id = a.user_id
    WHERE a.meeting_id = ${id} ORDER BY u.display_name`;
  const decisions = await db<{ id: string; text: string; createdAt: Date }[]>`
    SELECT id, text, created_at FROM meeting_decisions WHERE meeting_id = ${id} ORDER BY created_at, id`;
  const items = await db<
    {
      id: string;
      title: string;
      ownerId: string | null;
      ownerName: string | null;
      dueOn: string | null;
      doneAt: Date | null;
    }[]
  >`
    SELECT a.id, a.title, a.owner_id, u.display_name AS owner_name,
      to_char(a.due_on, 'YYYY-MM-DD') AS due_on, a.done_at
    FROM action_items a LEFT JOIN users u ON u.id = a.owner_id
    WHERE a.meeting_id = ${id} ORDER BY a.created_at, a.id`;
  return {
    ...m,
    createdAt: new Date(m.createdAt).toISOString(),
    attendees,
    decisions: decisions.map((d) => ({ ...d, createdAt: new Date(d.createdAt).toISOString() })),
    actionItems: items.map((a) => ({
      id: a.id,
      title: a.title,
      owner: a.ownerId ? { id: a.ownerId, displayName: a.ownerName ?? '' } : null,
      dueOn: a.dueOn,
      done: a.doneAt !== null,
      doneAt: a.doneAt ? new Date(a.doneAt).toISOString() : null,
      overdue: a.doneAt === null && a.dueOn !== null && a.dueOn < today,
    })),
  };
}
