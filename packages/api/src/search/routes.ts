import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../lib/actor.ts';
import { errorResponses, json, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import { signedIn } from '../statements/signed-in.ts';
import { searchScopes } from './scopes.ts';
import { SEARCH_KINDS, type SearchKind, searchRound } from './search.ts';

const Kinds = z
  .string()
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(SEARCH_KINDS)).min(1));

const HitSchema = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string(),
  part: z.number().int(),
  unit: z.object({ id: z.string(), name: z.string() }).nullable(),
  snippet: z.object({ text: z.string(), highlights: z.array(z.tuple([z.number(), z.number()])) }),
  target: z.object({
    statementVersionId: z.string().optional(),
    taskId: z.string().optional(),
    title: z.string().optional(),
    evidenceName: z.string().optional(),
  }),
});
const ResultSchema = z
  .object({
    query: z.string(),
    total: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
    hits: z.array(HitSchema),
  })
  .openapi('SearchResult');

const search = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/search',
  tags: ['search'],
  summary:
    'Find a phrase (Chinese, English or numbers) in statements, evidence text, annotations, findings, interview records and minutes — only in what the caller may read',
  middleware: [signedIn] as const,
  request: {
    params: z.object({ roundId: z.uuid() }),
    query: z.object({
      q: z.string().trim().min(1, 'type at least one character').max(100),
      kinds: Kinds.optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      offset: z.coerce.number().int().min(0).max(10_000).default(0),
    }),
  },
  responses: { 200: json(ResultSchema), ...errorResponses },
});

export const searchRoutes = router().openapi(search, async (c) => {
  const { roundId } = c.req.valid('param');
  const { q, kinds, limit, offset } = c.req.valid('query');
  requireActor(c);
  const round = await authorizeRound(c, 'read', roundId);
  const sql = c.get('deps').sql;
  const scopes = await searchScopes(sql, c.get('policyActor')!, round);
  const found = await searchRound(sql, roundId, scopes, q, {
    kinds: (kinds ?? SEARCH_KINDS) as SearchKind[],
    limit,
    offset,
  });
  const unitIds = [...new Set(found.hits.map((h) => h.unitId).filter((u): u is string => !!u))];
  const names = unitIds.length
    ? await sql<
        { id: string; name: string }[]
      >`SELECT id, name FROM units WHERE id IN ${sql(unitIds)}`
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return c.json(
    {
      query: q,
      total: found.total,
      counts: found.counts,
      hits: found.hits.map(({ unitId, ...h }) => ({
        ...h,
        unit: unitId ? { id: unitId, name: nameOf.get(unitId) ?? '' } : null,
      })),
    },
    200,
  );
});
