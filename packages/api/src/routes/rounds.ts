import { createRoute, z } from '@hono/zod-openapi';
import { AppError, FINDING_STATES, RoundSchema } from '@rectify/domain';
import { requireActor } from '../lib/actor.ts';
import { errorResponses, json, router } from '../lib/openapi.ts';
import { loadMemberships } from '../queries/memberships.ts';
import { groupOverview, setupGaps } from '../queries/overview.ts';

const RoundList = z.array(RoundSchema);
const Overview = z
  .object({
    round: RoundSchema,
    groups: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        units: z.number(),
        statementsSubmitted: z.number(),
        statementsReviewed: z.number(),
        annotations: z.number(),
        findings: z.object(Object.fromEntries(FINDING_STATES.map((s) => [s, z.number()]))),
      }),
    ),
    setup: z
      .object({ missing: z.array(z.object({ code: z.string(), message: z.string() })) })
      .nullable(),
  })
  .openapi('RoundOverview');

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['rounds'],
  summary: 'Rounds the caller takes part in (all for administrators)',
  responses: { 200: json(RoundList), 401: errorResponses[401] },
});

const overview = createRoute({
  method: 'get',
  path: '/{roundId}/overview',
  tags: ['rounds'],
  summary: 'Progress per group; for administrators, what setup is missing',
  request: { params: z.object({ roundId: z.uuid() }) },
  responses: { 200: json(Overview), 401: errorResponses[401], 404: errorResponses[404] },
});

export const rounds = router()
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    const { sql } = c.get('deps');
    const rows = await sql<z.infer<typeof RoundSchema>[]>`
      SELECT r.id, r.name, r.theme, r.state, r.starts_on::text, r.ends_on::text FROM rounds r
      WHERE ${actor.user.isAdmin}
         OR EXISTS (SELECT 1 FROM memberships m WHERE m.round_id = r.id AND m.user_id = ${actor.user.id})
      ORDER BY r.created_at DESC`;
    return c.json(rows, 200);
  })
  .openapi(overview, async (c) => {
    const actor = requireActor(c);
    const { sql } = c.get('deps');
    const { roundId } = c.req.valid('param');
    const [round] = await sql<z.infer<typeof RoundSchema>[]>`
      SELECT id, name, theme, state, starts_on::text, ends_on::text FROM rounds WHERE id = ${roundId}`;
    const memberships = (await loadMemberships(sql, actor.user.id)).filter(
      (m) => m.roundId === roundId,
    );
    if (!round || (!actor.user.isAdmin && memberships.length === 0)) {
      throw new AppError('not_found', 'No such round.');
    }
    const seesAll =
      actor.user.isAdmin || memberships.some((m) => m.role === 'leadership' || m.role === 'admin');
    const groupIds = seesAll
      ? undefined
      : memberships
          .filter((m) => m.role === 'leader' || m.role === 'member')
          .map((m) => m.groupId!);
    const groups = await groupOverview(sql, roundId, groupIds);
    const setup = actor.user.isAdmin ? { missing: await setupGaps(sql, roundId) } : null;
    return c.json({ round, groups, setup }, 200);
  });
