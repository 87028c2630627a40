import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@rectify/domain';
import { notifyAccessRevoked } from '../lib/access-revoked.ts';
import { audit } from '../lib/audit.ts';
import { explainConflicts } from '../lib/db-errors.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import { deleteRecusal, insertRecusal, listRecusals } from '../queries/recusals.ts';
import { requireReferences } from '../queries/references.ts';

const RecusalSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    displayName: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    reason: z.string(),
  })
  .openapi('Recusal');
const CreateRecusal = z
  .object({ userId: z.uuid(), unitId: z.uuid(), reason: z.string().trim().max(500).default('') })
  .openapi('CreateRecusal');
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
  path: '/{roundId}/recusals',
  tags,
  summary: 'Who is recused from which unit (administrators)',
  request: { params: RoundParams },
  responses: { 200: json(z.array(RecusalSchema)), ...errors },
});
const create = createRoute({
  method: 'post',
  path: '/{roundId}/recusals',
  tags,
  summary: 'Recuse a user from a unit: its material disappears for them (administrators)',
  request: { params: RoundParams, body: jsonBody(CreateRecusal) },
  responses: { 201: json(RecusalSchema, 'Created'), ...errors, 409: errorResponses[409] },
});
const remove = createRoute({
  method: 'delete',
  path: '/{roundId}/recusals/{userId}/{unitId}',
  tags,
  summary: 'Lift a recusal (administrators)',
  request: { params: RoundParams.extend({ userId: z.uuid(), unitId: z.uuid() }) },
  responses: { 204: { description: 'Lifted' }, ...errors },
});

export const recusals = router()
  .openapi(list, async (c) => {
    const { roundId } = c.req.valid('param');
    await authorizeRound(c, 'manage', roundId);
    return c.json(await listRecusals(c.get('deps').sql, roundId), 200);
  })
  .openapi(create, async (c) => {
    const { roundId } = c.req.valid('param');
    await authorizeRound(c, 'manage', roundId);
    const b = c.req.valid('json');
    const { sql, clock } = c.get('deps');
    const created = await explainConflicts(
      () =>
        sql.begin(async (tx) => {
          await requireReferences(tx, { roundId, userId: b.userId, unitId: b.unitId });
          await insertRecusal(tx, { roundId, ...b }, clock());
          await audit(tx, c, {
            action: 'recusal.create',
            resourceType: 'recusal',
            resourceId: `${b.userId}/${b.unitId}`,
            roundId,
            details: { userId: b.userId, unitId: b.unitId, reason: b.reason },
          });
          const all = await listRecusals(tx, roundId);
          return all.find((r) => r.userId === b.userId && r.unitId === b.unitId)!;
        }),
      { duplicate: 'The user is already recused from this unit.' },
    );
    await notifyAccessRevoked(c, [b.userId], 'recused');
    return c.json(created, 201);
  })
  .openapi(remove, async (c) => {
    const { roundId, userId, unitId } = c.req.valid('param');
    await authorizeRound(c, 'manage', roundId);
    await c.get('deps').sql.begin(async (tx) => {
      if (!(await deleteRecusal(tx, { roundId, userId, unitId }))) {
        throw new AppError('not_found', 'Not found.');
      }
      await audit(tx, c, {
        action: 'recusal.delete',
        resourceType: 'recusal',
        resourceId: `${userId}/${unitId}`,
        roundId,
        details: { userId, unitId },
      });
    });
    return c.body(null, 204);
  });
