import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@rectify/domain';
import { requireActor } from '../lib/actor.ts';
import { authorize } from '../lib/authorize.ts';
import { errorResponses, json, router } from '../lib/openapi.ts';
import { signedIn } from '../statements/signed-in.ts';
import { loadVersion } from '../statements/statement-store.ts';
import {
  type AnnotationRow,
  annotationFacts,
  annotationsOfVersion,
  findAnnotation,
} from './annotation-store.ts';

const AnnotationSchema = z
  .object({
    id: z.string(),
    statementVersionId: z.string(),
    roundId: z.string(),
    unitId: z.string(),
    taskId: z.string().nullable(),
    groupId: z.string().nullable().openapi({ description: 'The group when it was last edited' }),
    questions: z.array(z.string()),
    frameworkVersion: z.number().int(),
    step: z.string().nullable(),
    status: z.enum(['open', 'resolved']),
    quote: z.string(),
    bodyText: z.string().openapi({ description: 'The co-edited body as plain text' }),
    evidence: z.object({ id: z.string(), page: z.number().int().nullable() }).nullable(),
    interviewId: z.string().nullable(),
    anchorConfidence: z.number().nullable().openapi({
      description: 'How sure carrying it from an earlier version was (0–1); null if not carried',
    }),
    orphaned: z.boolean().openapi({
      description: 'Its passage was not found in this version: a member re-attaches it by hand',
    }),
    author: z.object({ id: z.string(), name: z.string() }).nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Annotation');

const present = (a: AnnotationRow): z.infer<typeof AnnotationSchema> => ({
  id: a.id,
  statementVersionId: a.statementVersionId,
  roundId: a.roundId,
  unitId: a.unitId,
  taskId: a.taskId,
  groupId: a.groupId,
  questions: a.questions,
  frameworkVersion: a.frameworkVersion,
  step: a.step,
  status: a.status,
  quote: a.quote,
  bodyText: a.bodyText,
  evidence: a.evidenceId ? { id: a.evidenceId, page: a.evidencePage } : null,
  interviewId: a.interviewId,
  anchorConfidence: a.anchorConfidence,
  orphaned: a.orphaned,
  author: a.authorId ? { id: a.authorId, name: a.authorName ?? '' } : null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

const readErrors = { 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };

const getOne = createRoute({
  method: 'get',
  path: '/annotations/{id}',
  middleware: [signedIn] as const,
  tags: ['annotations'],
  summary: 'One annotation, as the live review document last stored it',
  request: { params: z.object({ id: z.string().min(1).max(200) }) },
  responses: { 200: json(AnnotationSchema), ...readErrors },
});

const listOfVersion = createRoute({
  method: 'get',
  path: '/statement-versions/{id}/annotations',
  middleware: [signedIn] as const,
  tags: ['annotations'],
  summary: "A statement version's annotations (deleted ones left out); orphans are flagged",
  request: {
    params: z.object({ id: z.uuid() }),
    query: z.object({
      status: z.enum(['open', 'resolved']).optional(),
      orphaned: z
        .enum(['true', 'false'])
        .optional()
        .transform((v) => (v === undefined ? undefined : v === 'true')),
    }),
  },
  responses: { 200: json(z.array(AnnotationSchema)), 400: errorResponses[400], ...readErrors },
});

/**
 * Annotations read from their SQL projection (kept by collab in the
 * transaction that stores each update). Working papers: the policy decides
 * on the unit and the group inspecting it now; every read is audited.
 * Mount at /api.
 */
export const annotations = router()
  .openapi(getOne, async (c) => {
    requireActor(c);
    const { sql } = c.get('deps');
    const { id } = c.req.valid('param');
    const row = await findAnnotation(sql, id);
    if (!row) throw new AppError('not_found', 'Not found.');
    await authorize(c, 'read', { kind: 'annotation', ...annotationFacts(row) }, { resourceId: id });
    if (row.deleted) throw new AppError('not_found', 'Not found.');
    return c.json(present(row), 200);
  })
  .openapi(listOfVersion, async (c) => {
    requireActor(c);
    const { sql } = c.get('deps');
    const { id } = c.req.valid('param');
    const filter = c.req.valid('query');
    const version = await loadVersion(sql, id);
    await authorize(c, 'read', { kind: 'annotation', ...version.facts }, { resourceId: id });
    const rows = await annotationsOfVersion(sql, id, filter);
    return c.json(rows.map(present), 200);
  });
