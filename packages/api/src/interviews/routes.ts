import { createRoute, z } from '@hono/zod-openapi';
import { AppError, docName } from '@rectify/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { authorize, filterAllowed } from '../lib/authorize.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import { unitFacts } from '../queries/facts.ts';
import { signedIn } from '../statements/signed-in.ts';
import { AttachmentSchema, attachmentsOf, interviewAttachments } from './attachments.ts';
import {
  interviewFacts,
  interviewFactsOf,
  interviewResource,
  loadInterviews,
  requireGroupPeople,
  requireUnitTasks,
  setInterviewers,
  setTasks,
} from './interview-store.ts';

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const RoundParams = z.object({ roundId: z.uuid() });
const IdParams = z.object({ id: z.uuid() });
const tags = ['interviews'];
const errors = { ...errorResponses };

const Person = z.object({ id: z.string(), displayName: z.string() });
const InterviewSchema = z
  .object({
    id: z.string(),
    roundId: z.string(),
    unit: z.object({ id: z.string(), name: z.string() }),
    group: z.object({ id: z.string(), name: z.string() }),
    heldOn: z.string(),
    place: z.string(),
    interviewee: z.object({ name: z.string(), post: z.string() }),
    interviewers: z.array(Person),
    tasks: z.array(z.object({ id: z.string(), title: z.string() })),
    createdAt: z.string(),
    recordDoc: z.string().openapi({ description: 'Live document name of the co-edited record' }),
    attachments: z.array(AttachmentSchema).openapi({
      description: 'Files attached to the record (scans of the signed record), oldest first',
    }),
  })
  .openapi('Interview');

const Fields = z.object({
  heldOn: DateText,
  place: z.string().trim().max(200).default(''),
  intervieweeName: z.string().trim().min(1).max(100),
  intervieweePost: z.string().trim().max(200).default(''),
  interviewerIds: z.array(z.uuid()).max(20).default([]),
  taskIds: z.array(z.uuid()).max(100).default([]),
});

const list = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/interviews',
  tags,
  summary:
    'Interview records the caller may read (their interviewers, the group leader, administrators)',
  middleware: [signedIn] as const,
  request: { params: RoundParams, query: z.object({ unitId: z.uuid().optional() }) },
  responses: { 200: json(z.array(InterviewSchema)), ...errors },
});
const create = createRoute({
  method: 'post',
  path: '/rounds/{roundId}/interviews',
  tags,
  summary: 'Record an interview; whoever records it is one of its interviewers',
  middleware: [signedIn] as const,
  request: { params: RoundParams, body: jsonBody(Fields.extend({ unitId: z.uuid() })) },
  responses: { 201: json(InterviewSchema, 'Created'), ...errors },
});
const get = createRoute({
  method: 'get',
  path: '/interviews/{id}',
  tags,
  summary: 'One interview record (its reading is written to the audit log)',
  middleware: [signedIn] as const,
  request: { params: IdParams },
  responses: { 200: json(InterviewSchema), ...errors },
});
const patch = createRoute({
  method: 'patch',
  path: '/interviews/{id}',
  tags,
  summary: 'Change an interview record’s details',
  middleware: [signedIn] as const,
  request: { params: IdParams, body: jsonBody(Fields.partial()) },
  responses: { 200: json(InterviewSchema), ...errors },
});

const people = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/interviews/people',
  tags,
  summary:
    'Who may be named as a co-interviewer for a unit: the leaders and members of the group inspecting it (for whoever may record its interviews)',
  middleware: [signedIn] as const,
  request: { params: RoundParams, query: z.object({ unitId: z.uuid() }) },
  responses: { 200: json(z.array(Person)), ...errors },
});

async function present(c: Context<ApiEnv>, ids: string[]) {
  const { sql } = c.get('deps');
  const rows = await loadInterviews(sql, ids);
  const files = await attachmentsOf(sql, ids);
  return rows.map((r) => ({
    ...r,
    recordDoc: docName('interview', r.id),
    attachments: files.get(r.id) ?? [],
  }));
}

export const interviews = router()
  .openapi(people, async (c) => {
    const { roundId } = c.req.valid('param');
    const { unitId } = c.req.valid('query');
    const actor = requireActor(c);
    const { sql } = c.get('deps');
    const unit = await unitFacts(sql, roundId, unitId);
    // Asked as "may I record an interview of this unit?": strangers learn nothing.
    await authorize(
      c,
      'write',
      interviewResource({
        roundId,
        roundState: unit.round.state,
        unitId,
        groupId: unit.groupId,
        interviewerIds: [actor.user.id],
      }),
    );
    if (!unit.groupId) return c.json([], 200);
    const rows = await sql<{ id: string; displayName: string }[]>`
      SELECT DISTINCT u.id, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.round_id = ${roundId} AND m.group_id = ${unit.groupId}
        AND m.role IN ('leader', 'member') AND u.active
        AND NOT EXISTS (SELECT 1 FROM recusals r
          WHERE r.round_id = ${roundId} AND r.user_id = u.id AND r.unit_id = ${unitId})
      ORDER BY u.display_name, u.id`;
    return c.json(rows, 200);
  })
  .openapi(list, async (c) => {
    const { roundId } = c.req.valid('param');
    await authorizeRound(c, 'read', roundId);
    const { unitId } = c.req.valid('query');
    const facts = (await interviewFactsOf(c.get('deps').sql, roundId)).filter(
      (f) => !unitId || f.unitId === unitId,
    );
    const visible = filterAllowed(c, 'read', facts, interviewResource);
    return c.json(
      await present(
        c,
        visible.map((f) => f.id),
      ),
      200,
    );
  })
  .openapi(create, async (c) => {
    const { roundId } = c.req.valid('param');
    const b = c.req.valid('json');
    const actor = requireActor(c);
    const { sql, clock } = c.get('deps');
    const unit = await unitFacts(sql, roundId, b.unitId);
    const interviewerIds = [...new Set([actor.user.id, ...b.interviewerIds])];
    const resource = interviewResource({
      roundId,
      roundState: unit.round.state,
      unitId: b.unitId,
      groupId: unit.groupId,
      interviewerIds,
    });
    // A stranger to the unit learns nothing, whether or not it is assigned.
    await authorize(c, 'write', resource);
    if (!unit.groupId)
      throw new AppError('conflict', 'The unit is not assigned to an inspection group.');
    const id = await sql.begin(async (tx) => {
      await requireGroupPeople(
        tx,
        roundId,
        unit.groupId!,
        interviewerIds.filter((u) => u !== actor.user.id),
      );
      await requireUnitTasks(tx, roundId, b.unitId, b.taskIds);
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO interviews (round_id, group_id, unit_id, held_on, place, interviewee_name,
          interviewee_post, created_by, created_at)
        VALUES (${roundId}, ${unit.groupId}, ${b.unitId}, ${b.heldOn}, ${b.place}, ${b.intervieweeName},
          ${b.intervieweePost}, ${actor.user.id}, ${clock()})
        RETURNING id`;
      await setInterviewers(tx, row!.id, interviewerIds);
      await setTasks(tx, row!.id, b.taskIds);
      // Who was interviewed stays out of the log: the record is the place for it.
      await audit(tx, c, {
        action: 'interview.create',
        resourceType: 'interview',
        resourceId: row!.id,
        roundId,
        details: { unitId: b.unitId, interviewers: interviewerIds.length },
      });
      return row!.id;
    });
    const [created] = await present(c, [id]);
    return c.json(created!, 201);
  })
  .openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    requireActor(c);
    const facts = await interviewFacts(c.get('deps').sql, id);
    await authorize(c, 'read', interviewResource(facts), { resourceId: id });
    const [row] = await present(c, [id]);
    return c.json(row!, 200);
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    requireActor(c);
    const { sql } = c.get('deps');
    const facts = await interviewFacts(sql, id);
    await authorize(c, 'write', interviewResource(facts), { resourceId: id });
    const b = c.req.valid('json');
    await sql.begin(async (tx) => {
      if (b.interviewerIds !== undefined) {
        if (b.interviewerIds.length === 0) {
          throw new AppError(
            'bad_request',
            'interviewerIds: an interview needs at least one interviewer.',
          );
        }
        await requireGroupPeople(tx, facts.roundId, facts.groupId, b.interviewerIds);
        await setInterviewers(tx, id, b.interviewerIds);
      }
      if (b.taskIds !== undefined) {
        await requireUnitTasks(tx, facts.roundId, facts.unitId, b.taskIds);
        await setTasks(tx, id, b.taskIds);
      }
      const columns: Record<string, unknown> = {};
      if (b.heldOn !== undefined) columns.held_on = b.heldOn;
      if (b.place !== undefined) columns.place = b.place;
      if (b.intervieweeName !== undefined) columns.interviewee_name = b.intervieweeName;
      if (b.intervieweePost !== undefined) columns.interviewee_post = b.intervieweePost;
      if (Object.keys(columns).length > 0)
        await tx`UPDATE interviews SET ${tx(columns)} WHERE id = ${id}`;
      await audit(tx, c, {
        action: 'interview.update',
        resourceType: 'interview',
        resourceId: id,
        roundId: facts.roundId,
        details: { fields: Object.keys(b) },
      });
    });
    const [row] = await present(c, [id]);
    return c.json(row!, 200);
  })
  .route('/', interviewAttachments);
