import { createRoute, z } from '@hono/zod-openapi';
import { AppError, FrameworkError, parseFramework, type RoundState } from '@rectify/domain';
import { notifyAccessRevoked } from '../lib/access-revoked.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import { signedIn } from '../statements/signed-in.ts';
import {
  frameworkVersions,
  otherUses,
  questionUses,
  removedCodes,
  requireKnownVersion,
  storeFrameworkVersion,
} from './framework-store.ts';

const RoundParams = z.object({ roundId: z.uuid() });
const tags = ['rounds'];
const errors = { ...errorResponses };

const FrameworkView = z
  .object({
    version: z.number().int(),
    current: z.number().int(),
    framework: z
      .unknown()
      .openapi({ description: 'The framework (see FrameworkSchema in @rectify/domain)' }),
    versions: z.array(
      z.object({
        version: z.number().int(),
        createdAt: z.string(),
        createdBy: z.string().nullable(),
      }),
    ),
  })
  .openapi('FrameworkView');
const UsesSchema = z
  .array(
    z.object({
      question: z.string(),
      annotations: z.number().int(),
      units: z.array(z.string()),
      findings: z.array(z.object({ id: z.string(), title: z.string(), state: z.string() })),
    }),
  )
  .openapi('QuestionUses');

const get = createRoute({
  method: 'get',
  path: '/{roundId}/framework',
  tags,
  summary: 'The round’s framework: the version in force, or an earlier one (?version=)',
  middleware: [signedIn] as const,
  request: {
    params: RoundParams,
    query: z.object({ version: z.coerce.number().int().min(1).optional() }),
  },
  responses: { 200: json(FrameworkView), ...errors },
});
const put = createRoute({
  method: 'put',
  path: '/{roundId}/framework',
  tags,
  summary:
    'Save an edited (or imported) framework as a new version; removing a code in use is refused with its uses (administrators)',
  middleware: [signedIn] as const,
  request: {
    params: RoundParams,
    body: jsonBody(
      z.object({
        framework: z.unknown(),
        /** The version the edit started from: a concurrent edit answers 409. */
        baseVersion: z.number().int().min(1).optional(),
      }),
    ),
  },
  responses: { 200: json(FrameworkView), ...errors },
});
const exportJson = createRoute({
  method: 'get',
  path: '/{roundId}/framework.json',
  tags,
  summary: 'Download the framework in force as JSON',
  middleware: [signedIn] as const,
  request: { params: RoundParams },
  responses: {
    200: { description: 'JSON file', content: { 'application/json': { schema: z.unknown() } } },
    ...errors,
  },
});
const uses = createRoute({
  method: 'get',
  path: '/{roundId}/framework/uses',
  tags,
  summary: 'Where questions are used (annotations by unit, findings)',
  middleware: [signedIn] as const,
  request: {
    params: RoundParams,
    query: z.object({
      questions: z.string().regex(/^Q\d+(,Q\d+)*$/, 'Q-codes separated by commas'),
    }),
  },
  responses: { 200: json(UsesSchema), ...errors },
});
const RoundStateView = z.object({
  id: z.string(),
  state: z.enum(['setup', 'active', 'closed']),
  closedAt: z.string().nullable(),
});
const setState = createRoute({
  method: 'post',
  path: '/{roundId}/state',
  tags,
  summary:
    'Start, close (working papers become an archive for administrators and leadership) or reopen a round (administrators)',
  middleware: [signedIn] as const,
  request: {
    params: RoundParams,
    body: jsonBody(
      z.object({
        state: z.enum(['active', 'closed']),
        comment: z.string().trim().max(1000).default(''),
      }),
    ),
  },
  responses: { 200: json(RoundStateView), ...errors },
});

async function view(c: Parameters<typeof authorizeRound>[0], roundId: string, version?: number) {
  const versions = await frameworkVersions(c.get('deps').sql, roundId);
  if (versions.length === 0) throw new AppError('not_found', 'Not found.');
  const current = versions.at(-1)!.version;
  const chosen = requireKnownVersion(versions, version ?? current);
  return {
    version: chosen.version,
    current,
    framework: chosen.framework,
    versions: versions.map(({ version, createdAt, createdBy }) => ({
      version,
      createdAt,
      createdBy,
    })),
  };
}

export const frameworkRoutes = router()
  .openapi(get, async (c) => {
    const { roundId } = c.req.valid('param');
    await authorizeRound(c, 'read', roundId);
    return c.json(await view(c, roundId, c.req.valid('query').version), 200);
  })
  .openapi(exportJson, async (c) => {
    const { roundId } = c.req.valid('param');
    await authorizeRound(c, 'read', roundId);
    const v = await view(c, roundId);
    return c.json(v.framework as never, 200, {
      'content-disposition': `attachment; filename="framework-v${v.version}.json"`,
    });
  })
  .openapi(uses, async (c) => {
    const { roundId } = c.req.valid('param');
    await authorizeRound(c, 'manage', roundId);
    const codes = c.req.valid('query').questions.split(',');
    return c.json(await questionUses(c.get('deps').sql, roundId, codes), 200);
  })
  .openapi(put, async (c) => {
    const { roundId } = c.req.valid('param');
    const round = await authorizeRound(c, 'manage', roundId);
    if (round.state === 'closed')
      throw new AppError('conflict', 'The round is closed; reopen it to edit its framework.');
    const b = c.req.valid('json');
    let framework: ReturnType<typeof parseFramework>;
    try {
      framework = parseFramework(b.framework);
    } catch (e) {
      if (e instanceof FrameworkError)
        throw new AppError('bad_request', `framework.${e.message}`, { field: e.field });
      throw e;
    }
    const actor = requireActor(c);
    const { sql, clock } = c.get('deps');
    await sql.begin(async (tx) => {
      await tx`SELECT id FROM rounds WHERE id = ${roundId} FOR UPDATE`;
      const versions = await frameworkVersions(tx, roundId);
      const latest = versions.at(-1)!;
      if (b.baseVersion !== undefined && b.baseVersion !== latest.version) {
        throw new AppError(
          'conflict',
          `The framework was changed meanwhile (now version ${latest.version}); reload and edit again.`,
        );
      }
      const removed = removedCodes(latest.framework, framework);
      const used = await questionUses(tx, roundId, removed.questions);
      if (used.length > 0) {
        const list = used
          .map(
            (u) =>
              `${u.question}: ${u.annotations} annotation(s)${u.units.length ? ` (${u.units.join('、')})` : ''}, ${u.findings.length} finding(s)`,
          )
          .join('; ');
        throw new AppError(
          'conflict',
          `Questions in use cannot be deleted; retire them instead. ${list}`,
          {
            uses: used,
          },
        );
      }
      const others = await otherUses(tx, roundId, removed);
      if (others.length > 0) {
        throw new AppError('conflict', `Codes in use cannot be deleted: ${others.join('; ')}`);
      }
      const version = await storeFrameworkVersion(tx, roundId, framework, actor.user.id, clock());
      await audit(tx, c, {
        action: 'framework.update',
        resourceType: 'round',
        resourceId: roundId,
        roundId,
        details: { version, from: latest.version, removed },
      });
    });
    return c.json(await view(c, roundId), 200);
  })
  .openapi(setState, async (c) => {
    const { roundId } = c.req.valid('param');
    const round = await authorizeRound(c, 'manage', roundId);
    const { state, comment } = c.req.valid('json');
    if (round.state === state) return c.json(await roundState(c, roundId), 200);
    const { sql, clock } = c.get('deps');
    const affected = await sql.begin(async (tx) => {
      const at = clock();
      await tx`UPDATE rounds SET state = ${state}, closed_at = ${state === 'closed' ? at : null}
               WHERE id = ${roundId}`;
      const action =
        state === 'closed'
          ? 'round.close'
          : round.state === 'closed'
            ? 'round.reopen'
            : 'round.start';
      await audit(tx, c, {
        action,
        resourceType: 'round',
        resourceId: roundId,
        roundId,
        details: { from: round.state, to: state, comment },
      });
      const people = await tx<{ userId: string }[]>`
        SELECT DISTINCT user_id FROM memberships
        WHERE round_id = ${roundId} AND role IN ('leader', 'member', 'unit_contact')`;
      return people.map((p) => p.userId);
    });
    // Closing ends members' live sessions on the round's documents: they reconnect and meet the policy.
    if (state === 'closed') await notifyAccessRevoked(c, affected, 'round_closed');
    return c.json(await roundState(c, roundId), 200);
  });

async function roundState(c: Parameters<typeof authorizeRound>[0], roundId: string) {
  const [r] = await c.get('deps').sql<{ id: string; state: RoundState; closedAt: Date | null }[]>`
    SELECT id, state, closed_at FROM rounds WHERE id = ${roundId}`;
  return {
    id: r!.id,
    state: r!.state,
    closedAt: r!.closedAt ? new Date(r!.closedAt).toISOString() : null,
  };
}
