import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiEnv } from '../env.ts';
import { errorBody } from '../errors.ts';
import {
  EvidenceItemSchema,
  evidenceOfVersion,
  presentEvidence,
} from '../evidence/evidence-list.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { authorize } from '../lib/authorize.ts';
import { ErrorSchema, errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { RichTextBodySchema } from './rich-text.ts';
import { signedIn } from './signed-in.ts';
import { loadVersion, saveDraft, submitStatement, versionText } from './statement-store.ts';
import { authorizeTask } from './task-scope.ts';
import { diffStats, diffText } from './text-diff.ts';

/** A statement body is JSON text; 2 MB holds the 200,000 characters allowed and their markup. */
const MAX_DRAFT_BYTES = 2 * 1024 * 1024;
const draftLimit: MiddlewareHandler<ApiEnv> = bodyLimit({
  maxSize: MAX_DRAFT_BYTES,
  onError: (c) =>
    c.json(errorBody('payload_too_large', '陈述内容过长。The statement is too long to save.'), 413),
});

const TaskUnit = z.object({ taskId: z.uuid(), unitId: z.uuid() });

const UnitRef = z.object({ id: z.string(), name: z.string() });

const VersionSchema = z
  .object({
    id: z.string(),
    statementId: z.string(),
    version: z.number().int(),
    body: z.unknown().openapi({ description: 'RichText JSON' }),
    text: z.string(),
    submittedAt: z.string(),
    submittedBy: UnitRef,
    task: z.object({
      id: z.string(),
      ordinal: z.number().int(),
      title: z.string(),
      problem: z.object({ id: z.string(), title: z.string() }),
    }),
    unit: UnitRef,
    roundId: z.string(),
    previousVersionId: z.string().nullable(),
    nextVersionId: z.string().nullable(),
    evidence: z.array(EvidenceItemSchema),
  })
  .openapi('StatementVersion');

const DiffSchema = z
  .object({
    versionId: z.string(),
    version: z.number().int(),
    previousVersionId: z.string().nullable(),
    previousVersion: z.number().int().nullable(),
    segments: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
    stats: z.object({ inserted: z.number().int(), deleted: z.number().int() }),
  })
  .openapi('StatementDiff');

const putDraft = createRoute({
  method: 'put',
  path: '/statements/draft',
  tags: ['statements'],
  summary: "Save the unit's draft statement for a task (the unit's contact)",
  middleware: [signedIn, draftLimit] as const,
  request: { body: jsonBody(TaskUnit.extend({ body: RichTextBodySchema })) },
  responses: {
    200: json(z.object({ statementId: z.string(), draftUpdatedAt: z.string() })),
    ...errorResponses,
    413: {
      description: 'The statement is too long',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

const submit = createRoute({
  method: 'post',
  path: '/statements/submit',
  middleware: [signedIn] as const,
  tags: ['statements'],
  summary: 'Submit the draft as a new, immutable version with the evidence attached to it',
  request: { body: jsonBody(TaskUnit) },
  responses: {
    201: json(
      z.object({
        id: z.string(),
        statementId: z.string(),
        version: z.number().int(),
        submittedAt: z.string(),
        evidenceCount: z.number().int(),
      }),
      'The new version',
    ),
    ...errorResponses,
  },
});

const getVersion = createRoute({
  method: 'get',
  path: '/statement-versions/{id}',
  middleware: [signedIn] as const,
  tags: ['statements'],
  summary: 'A submitted version: body, text, evidence, task and unit, neighbouring versions',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: json(VersionSchema), 401: errorResponses[401], 404: errorResponses[404] },
});

const getDiff = createRoute({
  method: 'get',
  path: '/statement-versions/{id}/diff',
  middleware: [signedIn] as const,
  tags: ['statements'],
  summary: 'What changed since the previous version, character by character for Chinese',
  request: { params: z.object({ id: z.uuid() }) },
  responses: { 200: json(DiffSchema), 401: errorResponses[401], 404: errorResponses[404] },
});

/** Drafting, submitting and reading statement versions. Mount at /api. */
export const statements = router()
  .openapi(putDraft, async (c) => {
    const { taskId, unitId, body } = c.req.valid('json');
    const scope = await authorizeTask(c, 'write', 'statement', taskId, unitId);
    const { sql, clock } = c.get('deps');
    const now = clock();
    const statementId = await sql.begin(async (tx) => {
      const id = await saveDraft(tx, scope, body, now);
      await audit(tx, c, {
        action: 'statement.draft',
        resourceType: 'statement',
        resourceId: id,
        roundId: scope.roundId,
        details: { taskId, unitId },
      });
      return id;
    });
    return c.json({ statementId, draftUpdatedAt: now.toISOString() }, 200);
  })
  .openapi(submit, async (c) => {
    const { taskId, unitId } = c.req.valid('json');
    const scope = await authorizeTask(c, 'write', 'statement', taskId, unitId);
    const actor = requireActor(c);
    const { sql, clock } = c.get('deps');
    const now = clock();
    const version = await sql.begin(async (tx) => {
      const v = await submitStatement(tx, scope, actor.user.id, now);
      await audit(tx, c, {
        action: 'statement.submit',
        resourceType: 'statement_version',
        resourceId: v.id,
        roundId: scope.roundId,
        details: { taskId, unitId, version: v.version, evidence: v.evidenceCount },
      });
      return v;
    });
    return c.json(version, 201);
  })
  .openapi(getVersion, async (c) => {
    requireActor(c);
    const { sql } = c.get('deps');
    const { id } = c.req.valid('param');
    const v = await loadVersion(sql, id);
    await authorize(c, 'read', { kind: 'statement', ...v.facts }, { resourceId: id });
    const evidence = await presentEvidence(c, v.facts, await evidenceOfVersion(sql, id));
    return c.json(
      {
        id: v.id,
        statementId: v.statementId,
        version: v.version,
        body: v.body,
        text: v.bodyText,
        submittedAt: v.submittedAt.toISOString(),
        submittedBy: { id: v.submittedById, name: v.submittedByName },
        task: {
          id: v.taskId,
          ordinal: v.taskOrdinal,
          title: v.taskTitle,
          problem: { id: v.problemId, title: v.problemTitle },
        },
        unit: { id: v.unitId, name: v.unitName },
        roundId: v.facts.round.id,
        previousVersionId: v.previousId,
        nextVersionId: v.nextId,
        evidence,
      },
      200,
    );
  })
  .openapi(getDiff, async (c) => {
    requireActor(c);
    const { sql } = c.get('deps');
    const { id } = c.req.valid('param');
    const v = await loadVersion(sql, id);
    await authorize(c, 'read', { kind: 'statement', ...v.facts }, { resourceId: id });
    const previous = v.previousId ? await versionText(sql, v.previousId) : undefined;
    const segments = diffText(previous?.text ?? '', v.bodyText);
    return c.json(
      {
        versionId: v.id,
        version: v.version,
        previousVersionId: v.previousId,
        previousVersion: previous?.version ?? null,
        segments,
        stats: diffStats(segments),
      },
      200,
    );
  });
