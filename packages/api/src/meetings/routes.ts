import { createRoute, z } from '@hono/zod-openapi';
import {
  AppError,
  decide,
  docName,
  type RoundFacts,
  textBlocks,
  textDocBody,
} from '@rectify/domain';
import { PgDocStore } from '@rectify/store';
import type { Context } from 'hono';
import * as Y from 'yjs';
import type { ApiEnv } from '../env.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { authorize } from '../lib/authorize.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { roundFacts } from '../queries/facts.ts';
import { signedIn } from '../statements/signed-in.ts';
import { buildAgenda } from './agenda.ts';
import {
  actionItemFacts,
  listMeetings,
  loadMeeting,
  meetingFacts,
  previousMeetingTime,
  requireRoundPeople,
  setAttendees,
} from './meeting-store.ts';
import { DOCX_MIME, minutesDocx } from './minutes-docx.ts';

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const RoundParams = z.object({ roundId: z.uuid() });
const IdParams = z.object({ id: z.uuid() });
const tags = ['meetings'];
const errors = { ...errorResponses };

const MeetingSummarySchema = z
  .object({
    id: z.string(),
    roundId: z.string(),
    heldOn: z.string(),
    title: z.string(),
    decisions: z.number().int(),
    openActionItems: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('MeetingSummary');
const Person = z.object({ id: z.string(), displayName: z.string() });
const MeetingSchema = z
  .object({
    id: z.string(),
    roundId: z.string(),
    roundName: z.string(),
    heldOn: z.string(),
    title: z.string(),
    agenda: z
      .unknown()
      .openapi({ description: 'Agenda generated from the data since the previous meeting' }),
    attendees: z.array(Person),
    decisions: z.array(z.object({ id: z.string(), text: z.string(), createdAt: z.string() })),
    actionItems: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        owner: Person.nullable(),
        dueOn: z.string().nullable(),
        done: z.boolean(),
        doneAt: z.string().nullable(),
        overdue: z.boolean(),
      }),
    ),
    createdBy: z.string(),
    createdAt: z.string(),
    minutesDoc: z.string().openapi({ description: 'Live document name of the co-edited minutes' }),
    canEdit: z.boolean(),
  })
  .openapi('Meeting');

const MeetingPersonSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    role: z.enum(['leadership', 'leader', 'member']),
    groupName: z.string().nullable(),
  })
  .openapi('MeetingPerson');

const meetingResource = (round: RoundFacts) => ({ kind: 'meeting' as const, round });

async function authorizeMeeting(
  c: Context<ApiEnv>,
  action: 'read' | 'write' | 'export',
  id: string,
) {
  requireActor(c);
  const facts = await meetingFacts(c.get('deps').sql, id);
  await authorize(c, action, meetingResource({ id: facts.roundId, state: facts.roundState }), {
    resourceId: id,
  });
  return facts;
}

const today = (c: Context<ApiEnv>) => c.get('deps').clock().toISOString().slice(0, 10);

async function present(c: Context<ApiEnv>, id: string, canEdit: boolean) {
  const m = await loadMeeting(c.get('deps').sql, id, today(c));
  return { ...m, minutesDoc: docName('minutes', id), canEdit };
}

function canWrite(c: Context<ApiEnv>, round: RoundFacts): boolean {
  return decide(c.get('policyActor')!, 'write', meetingResource(round)).allow;
}

/** The co-edited minutes as blocks, read from the live document's stored log. */
async function minutesBlocks(c: Context<ApiEnv>, id: string) {
  const store = new PgDocStore({ sql: c.get('deps').sql });
  const doc = new Y.Doc();
  try {
    for (const u of await store.load(docName('minutes', id))) Y.applyUpdate(doc, u);
    return textBlocks(textDocBody(doc));
  } finally {
    doc.destroy();
  }
}

const list = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/meetings',
  tags,
  summary: 'The leaders’ meetings of a round, newest first',
  middleware: [signedIn] as const,
  request: { params: RoundParams },
  responses: { 200: json(z.array(MeetingSummarySchema)), ...errors },
});
const people = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/meetings/people',
  tags,
  summary:
    'Who may attend a meeting or own an action item: the round’s inspectors and leadership group',
  middleware: [signedIn] as const,
  request: { params: RoundParams },
  responses: { 200: json(z.array(MeetingPersonSchema)), ...errors },
});
const create = createRoute({
  method: 'post',
  path: '/rounds/{roundId}/meetings',
  tags,
  summary: 'Schedule a meeting; its agenda is generated from the data since the previous one',
  middleware: [signedIn] as const,
  request: {
    params: RoundParams,
    body: jsonBody(
      z.object({
        heldOn: DateText,
        title: z.string().trim().min(1).max(200).default('组长例会'),
        attendeeIds: z.array(z.uuid()).max(200).default([]),
      }),
    ),
  },
  responses: { 201: json(MeetingSchema, 'Created'), ...errors },
});
const get = createRoute({
  method: 'get',
  path: '/meetings/{id}',
  tags,
  summary: 'One meeting: agenda, attendees, decisions and action items',
  middleware: [signedIn] as const,
  request: { params: IdParams },
  responses: { 200: json(MeetingSchema), ...errors },
});
const patch = createRoute({
  method: 'patch',
  path: '/meetings/{id}',
  tags,
  summary: 'Change a meeting’s date, title or attendees',
  middleware: [signedIn] as const,
  request: {
    params: IdParams,
    body: jsonBody(
      z
        .object({
          heldOn: DateText,
          title: z.string().trim().min(1).max(200),
          attendeeIds: z.array(z.uuid()).max(200),
        })
        .partial(),
    ),
  },
  responses: { 200: json(MeetingSchema), ...errors },
});
const regenerate = createRoute({
  method: 'post',
  path: '/meetings/{id}/agenda',
  tags,
  summary: 'Generate the agenda again from the data as it is now',
  middleware: [signedIn] as const,
  request: { params: IdParams },
  responses: { 200: json(MeetingSchema), ...errors },
});
const addDecision = createRoute({
  method: 'post',
  path: '/meetings/{id}/decisions',
  tags,
  summary: 'Record a decision of the meeting',
  middleware: [signedIn] as const,
  request: {
    params: IdParams,
    body: jsonBody(z.object({ text: z.string().trim().min(1).max(2_000) })),
  },
  responses: { 201: json(MeetingSchema, 'Created'), ...errors },
});
const removeDecision = createRoute({
  method: 'delete',
  path: '/meetings/{id}/decisions/{decisionId}',
  tags,
  summary: 'Remove a decision recorded by mistake',
  middleware: [signedIn] as const,
  request: { params: IdParams.extend({ decisionId: z.uuid() }) },
  responses: { 200: json(MeetingSchema), ...errors },
});
const addItem = createRoute({
  method: 'post',
  path: '/meetings/{id}/action-items',
  tags,
  summary: 'Record an action item with its owner and due date',
  middleware: [signedIn] as const,
  request: {
    params: IdParams,
    body: jsonBody(
      z.object({
        title: z.string().trim().min(1).max(500),
        ownerId: z.uuid().nullable().default(null),
        dueOn: DateText.nullable().default(null),
      }),
    ),
  },
  responses: { 201: json(MeetingSchema, 'Created'), ...errors },
});
const patchItem = createRoute({
  method: 'patch',
  path: '/action-items/{id}',
  tags,
  summary: 'Change an action item or mark it done',
  middleware: [signedIn] as const,
  request: {
    params: IdParams,
    body: jsonBody(
      z
        .object({
          title: z.string().trim().min(1).max(500),
          ownerId: z.uuid().nullable(),
          dueOn: DateText.nullable(),
          done: z.boolean(),
        })
        .partial(),
    ),
  },
  responses: { 200: json(MeetingSchema), ...errors },
});
const docx = createRoute({
  method: 'get',
  path: '/meetings/{id}/minutes.docx',
  tags,
  summary: 'The minutes as a DOCX file',
  middleware: [signedIn] as const,
  request: { params: IdParams },
  responses: {
    200: { description: 'DOCX', content: { [DOCX_MIME]: { schema: z.any() } } },
    ...errors,
  },
});

export const meetings = router()
  .openapi(list, async (c) => {
    const { roundId } = c.req.valid('param');
    requireActor(c);
    const round = await roundFacts(c.get('deps').sql, roundId);
    await authorize(c, 'read', meetingResource(round), { resourceId: roundId });
    return c.json(await listMeetings(c.get('deps').sql, roundId), 200);
  })
  .openapi(people, async (c) => {
    const { roundId } = c.req.valid('param');
    requireActor(c);
    const { sql } = c.get('deps');
    const round = await roundFacts(sql, roundId);
    await authorize(c, 'read', meetingResource(round), { resourceId: roundId });
    // One row a person, by their most senior seat: leadership, then leaders by group, then members.
    const rows = await sql<
      {
        id: string;
        displayName: string;
        role: 'leadership' | 'leader' | 'member';
        groupName: string | null;
      }[]
    >`
      SELECT id, display_name, role, group_name FROM (
        SELECT DISTINCT ON (u.id) u.id, u.display_name, m.role, g.name AS group_name,
          CASE m.role WHEN 'leadership' THEN 0 WHEN 'leader' THEN 1 ELSE 2 END AS rank,
          g.ordinal
        FROM memberships m JOIN users u ON u.id = m.user_id
        LEFT JOIN inspection_groups g ON g.id = m.group_id
        WHERE m.round_id = ${roundId} AND u.active
          AND m.role IN ('leadership', 'leader', 'member')
        ORDER BY u.id, rank, g.ordinal NULLS FIRST) p
      ORDER BY rank, ordinal NULLS FIRST, display_name`;
    return c.json(rows, 200);
  })
  .openapi(create, async (c) => {
    const { roundId } = c.req.valid('param');
    const b = c.req.valid('json');
    requireActor(c);
    const { sql, clock } = c.get('deps');
    const round = await roundFacts(sql, roundId);
    await authorize(c, 'write', meetingResource(round), { resourceId: roundId });
    const actor = requireActor(c);
    const id = await sql.begin(async (tx) => {
      await requireRoundPeople(tx, roundId, b.attendeeIds, 'attendeeIds');
      const since = await previousMeetingTime(tx, roundId, b.heldOn, null);
      const agenda = await buildAgenda(tx, roundId, { since, heldOn: b.heldOn, now: clock() });
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO meetings (round_id, held_on, title, agenda, created_by, created_at)
        VALUES (${roundId}, ${b.heldOn}, ${b.title}, ${tx.json(agenda as never)}, ${actor.user.id}, ${clock()})
        RETURNING id`;
      await setAttendees(tx, row!.id, b.attendeeIds);
      await audit(tx, c, {
        action: 'meeting.create',
        resourceType: 'meeting',
        resourceId: row!.id,
        roundId,
        details: { heldOn: b.heldOn, attendees: b.attendeeIds.length },
      });
      return row!.id;
    });
    return c.json(await present(c, id, true), 201);
  })
  .openapi(get, async (c) => {
    const facts = await authorizeMeeting(c, 'read', c.req.valid('param').id);
    const round = { id: facts.roundId, state: facts.roundState };
    return c.json(await present(c, facts.id, canWrite(c, round)), 200);
  })
  .openapi(patch, async (c) => {
    const facts = await authorizeMeeting(c, 'write', c.req.valid('param').id);
    const b = c.req.valid('json');
    await c.get('deps').sql.begin(async (tx) => {
      if (b.heldOn !== undefined)
        await tx`UPDATE meetings SET held_on = ${b.heldOn} WHERE id = ${facts.id}`;
      if (b.title !== undefined)
        await tx`UPDATE meetings SET title = ${b.title} WHERE id = ${facts.id}`;
      if (b.attendeeIds !== undefined) {
        await requireRoundPeople(tx, facts.roundId, b.attendeeIds, 'attendeeIds');
        await setAttendees(tx, facts.id, b.attendeeIds);
      }
      await audit(tx, c, {
        action: 'meeting.update',
        resourceType: 'meeting',
        resourceId: facts.id,
        roundId: facts.roundId,
        details: { fields: Object.keys(b) },
      });
    });
    return c.json(await present(c, facts.id, true), 200);
  })
  .openapi(regenerate, async (c) => {
    const facts = await authorizeMeeting(c, 'write', c.req.valid('param').id);
    const { sql, clock } = c.get('deps');
    await sql.begin(async (tx) => {
      const since = await previousMeetingTime(tx, facts.roundId, facts.heldOn, facts.id);
      const agenda = await buildAgenda(tx, facts.roundId, {
        since,
        heldOn: facts.heldOn,
        now: clock(),
      });
      await tx`UPDATE meetings SET agenda = ${tx.json(agenda as never)} WHERE id = ${facts.id}`;
      await audit(tx, c, {
        action: 'meeting.agenda',
        resourceType: 'meeting',
        resourceId: facts.id,
        roundId: facts.roundId,
      });
    });
    return c.json(await present(c, facts.id, true), 200);
  })
  .openapi(addDecision, async (c) => {
    const facts = await authorizeMeeting(c, 'write', c.req.valid('param').id);
    const { text } = c.req.valid('json');
    const { sql, clock } = c.get('deps');
    await sql.begin(async (tx) => {
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO meeting_decisions (meeting_id, text, created_at)
        VALUES (${facts.id}, ${text}, ${clock()}) RETURNING id`;
      await audit(tx, c, {
        action: 'meeting.decision',
        resourceType: 'meeting',
        resourceId: facts.id,
        roundId: facts.roundId,
        details: { decisionId: row!.id },
      });
    });
    return c.json(await present(c, facts.id, true), 201);
  })
  .openapi(removeDecision, async (c) => {
    const { id, decisionId } = c.req.valid('param');
    const facts = await authorizeMeeting(c, 'write', id);
    await c.get('deps').sql.begin(async (tx) => {
      const gone =
        await tx`DELETE FROM meeting_decisions WHERE id = ${decisionId} AND meeting_id = ${id}`;
      if (gone.count === 0) throw new AppError('not_found', 'Not found.');
      await audit(tx, c, {
        action: 'meeting.decision.delete',
        resourceType: 'meeting',
        resourceId: id,
        roundId: facts.roundId,
        details: { decisionId },
      });
    });
    return c.json(await present(c, id, true), 200);
  })
  .openapi(addItem, async (c) => {
    const facts = await authorizeMeeting(c, 'write', c.req.valid('param').id);
    const b = c.req.valid('json');
    const { sql, clock } = c.get('deps');
    await sql.begin(async (tx) => {
      if (b.ownerId) await requireRoundPeople(tx, facts.roundId, [b.ownerId], 'ownerId');
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO action_items (meeting_id, round_id, title, owner_id, due_on, created_at)
        VALUES (${facts.id}, ${facts.roundId}, ${b.title}, ${b.ownerId}, ${b.dueOn}, ${clock()})
        RETURNING id`;
      await audit(tx, c, {
        action: 'meeting.action_item',
        resourceType: 'meeting',
        resourceId: facts.id,
        roundId: facts.roundId,
        details: { actionItemId: row!.id },
      });
    });
    return c.json(await present(c, facts.id, true), 201);
  })
  .openapi(patchItem, async (c) => {
    const { id } = c.req.valid('param');
    requireActor(c);
    const { sql, clock } = c.get('deps');
    const item = await actionItemFacts(sql, id);
    const facts = await authorizeMeeting(c, 'write', item.meetingId);
    const b = c.req.valid('json');
    await sql.begin(async (tx) => {
      if (b.ownerId) await requireRoundPeople(tx, facts.roundId, [b.ownerId], 'ownerId');
      if (b.title !== undefined)
        await tx`UPDATE action_items SET title = ${b.title} WHERE id = ${id}`;
      if (b.ownerId !== undefined)
        await tx`UPDATE action_items SET owner_id = ${b.ownerId} WHERE id = ${id}`;
      if (b.dueOn !== undefined)
        await tx`UPDATE action_items SET due_on = ${b.dueOn} WHERE id = ${id}`;
      if (b.done !== undefined) {
        await tx`UPDATE action_items SET done_at = ${b.done ? clock() : null} WHERE id = ${id}`;
      }
      await audit(tx, c, {
        action: 'meeting.action_item.update',
        resourceType: 'meeting',
        resourceId: facts.id,
        roundId: facts.roundId,
        details: { actionItemId: id, fields: Object.keys(b) },
      });
    });
    return c.json(await present(c, facts.id, true), 200);
  })
  .openapi(docx, async (c) => {
    const facts = await authorizeMeeting(c, 'export', c.req.valid('param').id);
    const m = await loadMeeting(c.get('deps').sql, facts.id, today(c));
    const bytes = await minutesDocx({
      roundName: m.roundName,
      title: m.title,
      heldOn: m.heldOn,
      attendees: m.attendees.map((a) => a.displayName),
      agenda: m.agenda,
      minutes: await minutesBlocks(c, facts.id),
      decisions: m.decisions.map((d) => d.text),
      actionItems: m.actionItems.map((a) => ({
        title: a.title,
        owner: a.owner?.displayName ?? null,
        dueOn: a.dueOn,
        done: a.done,
      })),
    });
    const filename = `${m.title}纪要-${m.heldOn}.docx`;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': DOCX_MIME,
      'content-disposition': `attachment; filename="minutes.docx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });
