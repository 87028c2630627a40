import { createRoute, z } from '@hono/zod-openapi';
import { notifyAccessRevoked } from '../lib/access-revoked.ts';
import { audit } from '../lib/audit.ts';
import { authorize, filterAllowed } from '../lib/authorize.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { authorizeRound, authorizeUnit } from '../lib/round-access.ts';
import { groupUserIds } from '../queries/groups.ts';
import { requireReferences } from '../queries/references.ts';
import { roundUnits, setAssignment } from '../queries/units.ts';

const RoundUnitSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    groupId: z.string().nullable(),
    groupName: z.string().nullable(),
  })
  .openapi('RoundUnit');
const Assignment = z
  .object({ groupId: z.uuid().nullable() })
  .openapi('UnitAssignment', { description: 'The group to inspect the unit; null unassigns it.' });
const RoundParams = z.object({ roundId: z.uuid() });
const UnitParams = RoundParams.extend({ unitId: z.uuid() });
const errors = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
} as const;
const tags = ['round setup'];

const list = createRoute({
  method: 'get',
  path: '/{roundId}/units',
  tags,
  summary: 'Units with the group inspecting each, as far as the caller may see them',
  description:
    'Administrators and the leadership group see every unit, a group its own units, a unit contact only their unit.',
  request: { params: RoundParams },
  responses: { 200: json(z.array(RoundUnitSchema)), ...errors },
});
const one = createRoute({
  method: 'get',
  path: '/{roundId}/units/{unitId}',
  tags,
  summary: 'One unit with its group (404 unless the caller may see the unit)',
  request: { params: UnitParams },
  responses: { 200: json(RoundUnitSchema), ...errors },
});
const assign = createRoute({
  method: 'put',
  path: '/{roundId}/units/{unitId}/assignment',
  tags,
  summary: 'Assign a unit to an inspection group (administrators)',
  request: { params: UnitParams, body: jsonBody(Assignment) },
  responses: { 200: json(RoundUnitSchema), ...errors },
});

export const roundUnitsRouter = router()
  .openapi(list, async (c) => {
    const { roundId } = c.req.valid('param');
    const round = await authorizeRound(c, 'read', roundId);
    const units = await roundUnits(c.get('deps').sql, roundId);
    const visible = filterAllowed(c, 'read', units, (u) => ({
      kind: 'task',
      round,
      unitId: u.id,
      groupId: u.groupId,
    }));
    return c.json(visible, 200);
  })
  .openapi(one, async (c) => {
    const { roundId, unitId } = c.req.valid('param');
    await authorizeUnit(c, 'read', roundId, unitId);
    const [unit] = await roundUnits(c.get('deps').sql, roundId, unitId);
    return c.json(unit!, 200);
  })
  .openapi(assign, async (c) => {
    const { roundId, unitId } = c.req.valid('param');
    // Those who may not see the unit learn nothing about it, not even a 403.
    const unit = await authorizeUnit(c, 'read', roundId, unitId);
    await authorize(c, 'manage', { kind: 'round', round: unit.round }, { resourceId: roundId });
    const { groupId } = c.req.valid('json');
    const { sql } = c.get('deps');
    const result = await sql.begin(async (tx) => {
      await requireReferences(tx, { roundId, groupId });
      await setAssignment(tx, roundId, unitId, groupId);
      await audit(tx, c, {
        action: 'unit.assign',
        resourceType: 'unit',
        resourceId: unitId,
        roundId,
        details: { from: unit.groupId, to: groupId },
      });
      const losing =
        unit.groupId && unit.groupId !== groupId ? await groupUserIds(tx, unit.groupId) : [];
      return { losing, row: (await roundUnits(tx, roundId, unitId))[0]! };
    });
    await notifyAccessRevoked(c, result.losing, 'unit_reassigned');
    return c.json(result.row, 200);
  });
