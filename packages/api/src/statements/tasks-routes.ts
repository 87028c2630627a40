import { createRoute, z } from '@hono/zod-openapi';
import { requireActor } from '../lib/actor.ts';
import { authorize } from '../lib/authorize.ts';
import { errorResponses, json, router } from '../lib/openapi.ts';
import { roundFacts, unitFacts } from '../queries/facts.ts';
import { signedIn } from './signed-in.ts';
import { loadTaskDetail, TaskDetailSchema } from './task-detail.ts';
import { authorizeTask } from './task-scope.ts';
import { loadUnitTasks, UnitTasksSchema } from './unit-tasks.ts';

const myTasks = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/my-tasks',
  middleware: [signedIn] as const,
  tags: ['portal'],
  summary: 'Unit portal: the tasks of the units the caller answers for, grouped by problem',
  request: { params: z.object({ roundId: z.uuid() }) },
  responses: {
    200: json(z.array(UnitTasksSchema), 'One entry per unit the caller is the contact of'),
    401: errorResponses[401],
    404: errorResponses[404],
  },
});

const unitTasks = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/units/{unitId}/tasks',
  middleware: [signedIn] as const,
  tags: ['portal'],
  summary: "A unit's tasks, grouped by problem (its inspection group, leadership, administrators)",
  request: { params: z.object({ roundId: z.uuid(), unitId: z.uuid() }) },
  responses: { 200: json(UnitTasksSchema), 401: errorResponses[401], 404: errorResponses[404] },
});

const taskDetail = createRoute({
  method: 'get',
  path: '/tasks/{taskId}',
  middleware: [signedIn] as const,
  tags: ['portal'],
  summary: 'A task as one unit sees it: problem, measures, statement, versions, evidence',
  request: {
    params: z.object({ taskId: z.uuid() }),
    query: z.object({ unitId: z.uuid() }),
  },
  responses: { 200: json(TaskDetailSchema), 401: errorResponses[401], 404: errorResponses[404] },
});

/** Task lists and task pages for the unit portal and for inspectors. Mount at /api. */
export const tasks = router()
  .openapi(myTasks, async (c) => {
    requireActor(c);
    const { sql } = c.get('deps');
    const { roundId } = c.req.valid('param');
    const round = await roundFacts(sql, roundId);
    await authorize(c, 'read', { kind: 'round', round }, { resourceId: roundId });
    const unitIds = [
      ...new Set(
        (c.get('policyActor')?.memberships ?? [])
          .filter((m) => m.roundId === roundId && m.role === 'unit_contact' && m.unitId)
          .map((m) => m.unitId!),
      ),
    ];
    const out = [];
    for (const unitId of unitIds) {
      const facts = await unitFacts(sql, roundId, unitId);
      await authorize(c, 'read', { kind: 'task', ...facts }, { resourceId: unitId });
      out.push(await loadUnitTasks(sql, roundId, unitId));
    }
    return c.json(out, 200);
  })
  .openapi(unitTasks, async (c) => {
    requireActor(c);
    const { sql } = c.get('deps');
    const { roundId, unitId } = c.req.valid('param');
    const facts = await unitFacts(sql, roundId, unitId);
    await authorize(c, 'read', { kind: 'task', ...facts }, { resourceId: unitId });
    return c.json(await loadUnitTasks(sql, roundId, unitId), 200);
  })
  .openapi(taskDetail, async (c) => {
    const { taskId } = c.req.valid('param');
    const { unitId } = c.req.valid('query');
    const scope = await authorizeTask(c, 'read', 'task', taskId, unitId);
    return c.json(await loadTaskDetail(c, scope), 200);
  });
