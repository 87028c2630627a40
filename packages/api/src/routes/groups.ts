import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@rectify/domain';
import { notifyAccessRevoked } from '../lib/access-revoked.ts';
import { audit } from '../lib/audit.ts';
import { explainConflicts } from '../lib/db-errors.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import {
  deleteGroup,
  findGroup,
  groupHasWorkingPapers,
  groupUserIds,
  insertGroup,
  listGroups,
  updateGroup,
} from '../queries/groups.ts';

const GroupSchema = z
  .object({ id: z.string(), roundId: z.string(), name: z.string(), ordinal: z.number() })
  .openapi('InspectionGroup');
const GroupInput = z.object({
  name: z.string().trim().min(1).max(100),
  ordinal: z.number().int().min(0).max(10_000).optional(),
});
const GroupPatch = GroupInput.partial()
  .refine((p) => p.name !== undefined || p.ordinal !== undefined, 'give name or ordinal')
  .openapi('InspectionGroupPatch');
const RoundParams = z.object({ roundId: z.uuid() });
const GroupParams = RoundParams.extend({ groupId: z.uuid() });

const errors = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
} as const;
const tags = ['round setup'];

const list = createRoute({
  method: 'get',
  path: '/{roundId}/groups',
  tags,
  summary: 'The inspection groups of a round (administrators)',
  request: { params: RoundParams },
  responses: { 200: json(z.array(GroupSchema)), ...errors },
});
const create = createRoute({
  method: 'post',
  path: '/{roundId}/groups',
  tags,
  summary: 'Add an inspection group (administrators)',
  request: { params: RoundParams, body: jsonBody(GroupInput.openapi('InspectionGroupInput')) },
  responses: { 201: json(GroupSchema, 'Created'), ...errors, 409: errorResponses[409] },
});
const patch = createRoute({
  method: 'patch',
  path: '/{roundId}/groups/{groupId}',
  tags,
  summary: 'Rename or reorder an inspection group (administrators)',
  request: { params: GroupParams, body: jsonBody(GroupPatch) },
  responses: { 200: json(GroupSchema), ...errors, 409: errorResponses[409] },
});
const remove = createRoute({
  method: 'delete',
  path: '/{roundId}/groups/{groupId}',
  tags,
  summary: 'Delete a group with its memberships and unit assignments (administrators)',
  description: 'Refused (409) once findings, interviews or annotations belong to the group.',
  request: { params: GroupParams },
  responses: { 204: { description: 'Deleted' }, ...errors, 409: errorResponses[409] },
});

const duplicate = (name: string) => `This round already has a group named “${name}”.`;

export const groups = router()
  .openapi(list, async (c) => {
    const { roundId } = c.req.valid('param');
    await authorizeRound(c, 'manage', roundId);
    return c.json(await listGroups(c.get('deps').sql, roundId), 200);
  })
  .openapi(create, async (c) => {
    const { roundId } = c.req.valid('param');
    await authorizeRound(c, 'manage', roundId);
    const body = c.req.valid('json');
    const group = await explainConflicts(
      () =>
        c.get('deps').sql.begin(async (tx) => {
          const g = await insertGroup(tx, roundId, body);
          await audit(tx, c, {
            action: 'group.create',
            resourceType: 'group',
            resourceId: g.id,
            roundId,
            details: { name: g.name },
          });
          return g;
        }),
      { duplicate: duplicate(body.name) },
    );
    return c.json(group, 201);
  })
  .openapi(patch, async (c) => {
    const { roundId, groupId } = c.req.valid('param');
    await authorizeRound(c, 'manage', roundId);
    const body = c.req.valid('json');
    const group = await explainConflicts(
      () =>
        c.get('deps').sql.begin(async (tx) => {
          const before = await findGroup(tx, roundId, groupId);
          if (!before) throw new AppError('not_found', 'Not found.');
          const after = (await updateGroup(tx, roundId, groupId, body))!;
          await audit(tx, c, {
            action: 'group.update',
            resourceType: 'group',
            resourceId: groupId,
            roundId,
            details: { before: { name: before.name, ordinal: before.ordinal }, after: body },
          });
          return after;
        }),
      { duplicate: duplicate(body.name ?? '') },
    );
    return c.json(group, 200);
  })
  .openapi(remove, async (c) => {
    const { roundId, groupId } = c.req.valid('param');
    await authorizeRound(c, 'manage', roundId);
    const userIds = await c.get('deps').sql.begin(async (tx) => {
      const group = await findGroup(tx, roundId, groupId);
      if (!group) throw new AppError('not_found', 'Not found.');
      if (await groupHasWorkingPapers(tx, groupId)) {
        throw new AppError(
          'conflict',
          `“${group.name}” already has findings, interviews or annotations; it cannot be deleted.`,
        );
      }
      const affected = await groupUserIds(tx, groupId);
      const removed = await deleteGroup(tx, roundId, groupId);
      await audit(tx, c, {
        action: 'group.delete',
        resourceType: 'group',
        resourceId: groupId,
        roundId,
        details: {
          name: group.name,
          membershipsRemoved: removed.memberships,
          unitsUnassigned: removed.units,
        },
      });
      return affected;
    });
    await notifyAccessRevoked(c, userIds, 'group_deleted');
    return c.body(null, 204);
  });
