import { createRoute, z } from '@hono/zod-openapi';
import { publicRoute } from '../lib/authorize.ts';
import { json, router } from '../lib/openapi.ts';

const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    database: z.enum(['ok', 'unreachable']),
    blobs: z.enum(['ok', 'unreachable']),
  })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Whether the database and the blob store are reachable',
  responses: { 200: json(Health), 503: json(Health, 'A dependency is unreachable') },
});

export const health = router().openapi(route, async (c) => {
  publicRoute(c);
  const deps = c.get('deps');
  const [database, blobs] = await Promise.all([
    deps.sql`SELECT 1`.then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    ),
    deps.blobs.ping().then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    ),
  ]);
  const ok = database === 'ok' && blobs === 'ok';
  const body = {
    status: ok ? ('ok' as const) : ('degraded' as const),
    version: deps.version,
    database,
    blobs,
  };
  return ok ? c.json(body, 200) : c.json(body, 503);
});
