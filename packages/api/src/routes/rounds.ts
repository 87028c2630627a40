import { createRoute, z } from '@hono/zod-openapi';
import { defaultFramework, FINDING_STATES, type Round, RoundSchema } from '@rectify/domain';
import { frameworkVersions } from '../framework/framework-store.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { authorize, filterAllowed } from '../lib/authorize.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import { DATE } from '../lib/schemas.ts';
import { roundFacts } from '../queries/facts.ts';
import { groupOverview, setupGaps } from '../queries/overview.ts';
import { insertRound } from '../queries/rounds.ts';
import { weeklyProgress } from '../queries/weekly-progress.ts';

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

const WeeklyProgress = z
  .object({
    weeks: z.array(DATE).openapi({
      description: 'Each week’s Monday (Asia/Shanghai), oldest first; empty while nothing happened',
    }),
    groups: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        submitted: z.array(z.number()).openapi({ description: 'Statements submitted, cumulative' }),
        reviewed: z.array(z.number()).openapi({ description: 'Statements reviewed, cumulative' }),
        annotations: z.array(z.number()).openapi({ description: 'Annotations made that week' }),
        findings: z.array(z.number()).openapi({ description: 'Findings raised that week' }),
      }),
    ),
  })
  .openapi('WeeklyProgress');

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['rounds'],
  summary: 'Rounds the caller takes part in (all for administrators)',
  responses: { 200: json(z.array(RoundSchema)), 401: errorResponses[401] },
});

const CreateRound = z
  .object({
    name: z.string().trim().min(1).max(200),
    theme: z.string().trim().max(500).default(defaultFramework.theme.zh),
    startsOn: DATE.nullish(),
    endsOn: DATE.nullish(),
    /** Start from a copy of an earlier round's framework (its version in force). */
    copyFrom: z.uuid().optional(),
  })
  .refine((r) => !r.startsOn || !r.endsOn || r.endsOn >= r.startsOn, {
    path: ['endsOn'],
    message: 'must not be before startsOn',
  })
  .openapi('CreateRound');

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['rounds'],
  summary:
    'Start a round in setup, with the framework that ships as its version 1 (administrators)',
  request: { body: jsonBody(CreateRound) },
  responses: {
    201: json(RoundSchema, 'Created'),
    400: errorResponses[400],
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

const overview = createRoute({
  method: 'get',
  path: '/{roundId}/overview',
  tags: ['rounds'],
  summary: 'Progress per group; for administrators, what setup is missing',
  request: { params: z.object({ roundId: z.uuid() }) },
  responses: { 200: json(Overview), 401: errorResponses[401], 404: errorResponses[404] },
});

const weekly = createRoute({
  method: 'get',
  path: '/{roundId}/progress/weekly',
  tags: ['rounds'],
  summary: 'Progress per group, week by week (the latest 26 weeks)',
  request: { params: z.object({ roundId: z.uuid() }) },
  responses: { 200: json(WeeklyProgress), 401: errorResponses[401], 404: errorResponses[404] },
});

export const rounds = router()
  .openapi(list, async (c) => {
    requireActor(c);
    const { sql } = c.get('deps');
    const rows = await sql<Round[]>`
      SELECT id, name, theme, state, starts_on::text, ends_on::text FROM rounds ORDER BY created_at DESC`;
    const visible = filterAllowed(c, 'read', rows, (r) => ({
      kind: 'round',
      round: { id: r.id, state: r.state },
    }));
    return c.json(visible, 200);
  })
  .openapi(create, async (c) => {
    await authorize(c, 'manage', { kind: 'system' });
    const { sql, clock } = c.get('deps');
    const b = c.req.valid('json');
    const actor = requireActor(c);
    if (b.copyFrom) await authorizeRound(c, 'read', b.copyFrom);
    const round = await sql.begin(async (tx) => {
      const source = b.copyFrom
        ? (await frameworkVersions(tx, b.copyFrom)).at(-1)?.framework
        : undefined;
      const r = await insertRound(
        tx,
        { name: b.name, theme: b.theme, startsOn: b.startsOn ?? null, endsOn: b.endsOn ?? null },
        actor.user.id,
        clock(),
        source,
      );
      await audit(tx, c, {
        action: 'round.create',
        resourceType: 'round',
        resourceId: r.id,
        roundId: r.id,
        details: { name: r.name, frameworkVersion: 1, copyFrom: b.copyFrom ?? null },
      });
      return r;
    });
    return c.json(round, 201);
  })
  .openapi(overview, async (c) => {
    const { sql } = c.get('deps');
    const { roundId } = c.req.valid('param');
    const facts = await roundFacts(sql, roundId);
    await authorize(c, 'read', { kind: 'round', round: facts }, { resourceId: roundId });
    const [round] = await sql<Round[]>`
      SELECT id, name, theme, state, starts_on::text, ends_on::text FROM rounds WHERE id = ${roundId}`;
    const all = await groupOverview(sql, roundId);
    // A group's numbers are shown to those who may read its units' statements.
    const groups = filterAllowed(c, 'read', all, (g) => ({
      kind: 'statement',
      round: facts,
      unitId: '',
      groupId: g.id,
    }));
    const admin =
      filterAllowed(c, 'manage', [facts], (r) => ({ kind: 'round', round: r })).length > 0;
    const setup = admin ? { missing: await setupGaps(sql, roundId) } : null;
    return c.json({ round: round!, groups, setup }, 200);
  })
  .openapi(weekly, async (c) => {
    const { sql, clock } = c.get('deps');
    const { roundId } = c.req.valid('param');
    const facts = await roundFacts(sql, roundId);
    await authorize(c, 'read', { kind: 'round', round: facts }, { resourceId: roundId });
    const all = await sql<{ id: string }[]>`
      SELECT id FROM inspection_groups WHERE round_id = ${roundId}`;
    // The overview's rule: a group's numbers go to those who may read its units' statements.
    const groups = filterAllowed(c, 'read', all, (g) => ({
      kind: 'statement',
      round: facts,
      unitId: '',
      groupId: g.id,
    }));
    const progress = await weeklyProgress(
      sql,
      roundId,
      clock(),
      groups.map((g) => g.id),
    );
    return c.json(progress, 200);
  });
