import { createRoute, z } from '@hono/zod-openapi';
import { audit } from '../lib/audit.ts';
import { authorize } from '../lib/authorize.ts';
import { explainConflicts } from '../lib/db-errors.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { insertUnit, listUnits } from '../queries/units.ts';

const UnitSchema = z.object({ id: z.string(), name: z.string() }).openapi('Unit');
const CreateUnit = z.object({ name: z.string().trim().min(1).max(200) }).openapi('CreateUnit');
const errors = {
  400: errorResponses[400],
  401: errorResponses[401],
  404: errorResponses[404],
} as const;

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['units'],
  summary: 'The institution’s units, across rounds (administrators)',
  responses: { 200: json(z.array(UnitSchema)), ...errors },
});
const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['units'],
  summary: 'Add a unit (administrators)',
  request: { body: jsonBody(CreateUnit) },
  responses: { 201: json(UnitSchema, 'Created'), ...errors, 409: errorResponses[409] },
});

const SYSTEM = { kind: 'system' } as const;

export const units = router()
  .openapi(list, async (c) => {
    await authorize(c, 'manage', SYSTEM);
    return c.json(await listUnits(c.get('deps').sql), 200);
  })
  .openapi(create, async (c) => {
    await authorize(c, 'manage', SYSTEM);
    const { name } = c.req.valid('json');
    const unit = await explainConflicts(
      () =>
        c.get('deps').sql.begin(async (tx) => {
          const u = await insertUnit(tx, name);
          await audit(tx, c, {
            action: 'unit.create',
            resourceType: 'unit',
            resourceId: u.id,
            details: { name },
          });
          return u;
        }),
      { duplicate: `A unit named “${name}” exists already.` },
    );
    return c.json(unit, 201);
  });
