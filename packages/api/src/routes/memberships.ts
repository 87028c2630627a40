import { createRoute, z } from '@hono/zod-openapi';
import { AppError, RoleSchema } from '@rectify/domain';
import { notifyAccessRevoked } from '../lib/access-revoked.ts';
import { audit } from '../lib/audit.ts';
import { explainConflicts } from '../lib/db-errors.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import {
  deleteMembership,
  insertMembership,
  listRoundMemberships,
} from '../queries/memberships.ts';
import { requireReferences } from '../queries/references.ts';

const RoundMembershipSchema = z
  .object({
    id: z.string(),
    roundId: z.string(),
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    groupId: z.string().nullable(),
    groupName: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
  })
  .openapi('RoundMembership');

/**
 * A seat in a round. Leaders and members sit in a group, a unit contact
 * answers for a unit; administrators and the leadership group have neither.
 */
const CreateMembership = z
  .object({
    userId: z.uuid(),
    role: RoleSchema,
    groupId: z.uuid().nullish(),
    unitId: z.uuid().nullish(),
  })
  .superRefine((b, ctx) => {
    const inGroup = b.role === 'leader' || b.role === 'member';
    const forUnit = b.role === 'unit_contact';
    if (inGroup && !b.groupId) {
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: `a ${b.role} needs a group` });
    }
    if (!inGroup && b.groupId) {
      ctx.addIssue({
        code: 'custom',
        path: ['groupId'],
        message: 'only leaders and members belong to a group',
      });
    }
    if (forUnit && !b.unitId) {
      ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'a unit contact needs a unit' });
    }
    if (!forUnit && b.unitId) {
      ctx.addIssue({
        code: 'custom',
        path: ['unitId'],
        message: 'only unit contacts answer for a unit',
      });
    }
  })
  .openapi('CreateMembership');

const RoundParams = z.object({ roundId: z.uuid() });
const errors = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
} as const;
const tags = ['round setup'];

const list = createRoute({
  method: 'get',
  path: '/{roundId}/memberships',
  tags,
  summary: 'Who holds which role in a round (administrators)',
  request: { params: RoundParams },
  responses: { 200: json(z.array(RoundMembershipSchema)), ...errors },
});
const create = createRoute({
  method: 'post',
  path: '/{roundId}/memberships',
  tags,
  summary: 'Give a user a role in a round (administrators)',
  request: { params: RoundParams, body: jsonBody(CreateMembership) },
  responses: { 201: json(RoundMembershipSchema, 'Created'), ...errors, 409: errorResponses[409] },
});
const remove = createRoute({
  method: 'delete',
  path: '/{roundId}/memberships/{membershipId}',
  tags,
  summary: 'Take a role away; the user’s live sessions are told at once (administrators)',
  request: { params: RoundParams.extend({ membershipId: z.uuid() }) },
  responses: { 204: { description: 'Removed' }, ...errors },
});

export const memberships = router()
  .openapi(list, async (c) => {
    const { roundId } = c.req.valid('param');
    await authorizeRound(c, 'manage', roundId);
    return c.json(await listRoundMemberships(c.get('deps').sql, roundId), 200);
  })
  .openapi(create, async (c) => {
    const { roundId } = c.req.valid('param');
    await authorizeRound(c, 'manage', roundId);
    const b = c.req.valid('json');
    const seat = {
      roundId,
      userId: b.userId,
      role: b.role,
      groupId: b.groupId ?? null,
      unitId: b.unitId ?? null,
    };
    const created = await explainConflicts(
      () =>
        c.get('deps').sql.begin(async (tx) => {
          await requireReferences(tx, seat);
          const id = await insertMembership(tx, seat);
          await audit(tx, c, {
            action: 'membership.create',
            resourceType: 'membership',
            resourceId: id,
            roundId,
            details: {
              userId: seat.userId,
              role: seat.role,
              groupId: seat.groupId,
              unitId: seat.unitId,
            },
          });
          return (await listRoundMemberships(tx, roundId, id))[0]!;
        }),
      { duplicate: 'The user already holds this role in this round.' },
    );
    return c.json(created, 201);
  })
  .openapi(remove, async (c) => {
    const { roundId, membershipId } = c.req.valid('param');
    await authorizeRound(c, 'manage', roundId);
    const removed = await c.get('deps').sql.begin(async (tx) => {
      const m = await deleteMembership(tx, roundId, membershipId);
      if (!m) throw new AppError('not_found', 'Not found.');
      await audit(tx, c, {
        action: 'membership.delete',
        resourceType: 'membership',
        resourceId: membershipId,
        roundId,
        details: { userId: m.userId, role: m.role, groupId: m.groupId, unitId: m.unitId },
      });
      return m;
    });
    await notifyAccessRevoked(c, [removed.userId], 'membership_removed');
    return c.body(null, 204);
  });
