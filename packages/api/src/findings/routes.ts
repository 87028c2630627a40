import { createRoute, z } from '@hono/zod-openapi';
import {
  AppError,
  FINDING_STATES,
  type FindingState,
  findingTransition,
  isFindingFrozen,
  nextFindingStates,
  type Resource,
} from '@rectify/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import {
  interviewFactsOf,
  interviewResource,
  loadInterviews,
} from '../interviews/interview-store.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { authorize, filterAllowed } from '../lib/authorize.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import { unitFacts } from '../queries/facts.ts';
import { signedIn } from '../statements/signed-in.ts';
import {
  annotationsForLink,
  cellAnnotationIds,
  checkAgainstFramework,
  currentFramework,
  type FindingFacts,
  type FindingFields,
  type FindingRow,
  findingFacts,
  frameworkAt,
  insertFinding,
  linkAnnotations,
  linkedAnnotations,
  listFindings,
  recordTransition,
  sortQuestions,
  transitionsOf,
  updateFinding,
} from './finding-store.ts';
import { findingRollup } from './rollup.ts';

const StateSchema = z.enum(FINDING_STATES);
const Code = z.string().trim().min(1).max(32);
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

const FieldsSchema = z.object({
  title: z.string().trim().min(1).max(500),
  description: z.string().max(20_000).default(''),
  questions: z
    .array(z.string().regex(/^Q\d+$/))
    .max(50)
    .optional(),
  aspect: Code.nullable().default(null),
  severity: Code.nullable().default(null),
  immediate: z.boolean().default(false),
  requirement: z.string().max(5_000).default(''),
  deadline: DateText.nullable().default(null),
});
const CreateFinding = FieldsSchema.extend({
  unitId: z.uuid(),
  annotationIds: z.array(z.string().min(1).max(100)).max(200).default([]),
  cell: z
    .object({ question: z.string().regex(/^Q\d+$/) })
    .optional()
    .openapi({
      description:
        'Also link the annotations of this unit tagged with this question (a roll-up suggestion or a coverage cell), up to 200',
    }),
}).openapi('CreateFinding');
const PatchFinding = z
  .object({
    title: z.string().trim().min(1).max(500),
    description: z.string().max(20_000),
    questions: z.array(z.string().regex(/^Q\d+$/)).max(50),
    aspect: Code.nullable(),
    severity: Code.nullable(),
    immediate: z.boolean(),
    requirement: z.string().max(5_000),
    deadline: DateText.nullable(),
    addAnnotationIds: z.array(z.string().min(1).max(100)).max(200),
  })
  .partial()
  .openapi('PatchFinding');

const QuestionRef = z.object({
  code: z.string(),
  focus: z.string(),
  zh: z.string(),
  en: z.string(),
});
const FindingSchema = z
  .object({
    id: z.string(),
    roundId: z.string(),
    group: z.object({ id: z.string(), name: z.string() }),
    unit: z.object({ id: z.string(), name: z.string() }),
    title: z.string(),
    description: z.string(),
    questions: z.array(QuestionRef),
    frameworkVersion: z.number().int(),
    aspect: z.string().nullable(),
    severity: z.string().nullable(),
    immediate: z.boolean(),
    requirement: z.string(),
    deadline: z.string().nullable(),
    state: StateSchema,
    next: z.array(StateSchema),
    createdBy: z.object({ id: z.string(), displayName: z.string() }),
    createdAt: z.string(),
    updatedAt: z.string(),
    annotationCount: z.number().int(),
  })
  .openapi('Finding');
const FindingDetailSchema = FindingSchema.extend({
  annotations: z.array(
    z.object({
      id: z.string(),
      quote: z.string(),
      body: z.string(),
      step: z.string().nullable(),
      status: z.string(),
      questions: z.array(z.string()),
      statementVersionId: z.string(),
      taskId: z.string().nullable(),
      evidence: z
        .object({ id: z.string(), name: z.string(), page: z.number().int().nullable() })
        .nullable(),
      author: z.string().nullable(),
      orphaned: z.boolean(),
    }),
  ),
  interviews: z.array(
    z.object({ id: z.string(), heldOn: z.string(), interviewers: z.array(z.string()) }),
  ),
  transitions: z.array(
    z.object({
      from: StateSchema.nullable(),
      to: StateSchema,
      actor: z.string(),
      comment: z.string(),
      at: z.string(),
    }),
  ),
}).openapi('FindingDetail');

const RoundParams = z.object({ roundId: z.uuid() });
const IdParams = z.object({ id: z.uuid() });
const tags = ['findings'];
const errors = { ...errorResponses };

function resourceOf(
  f: Pick<FindingFacts, 'roundId' | 'unitId' | 'groupId' | 'state'> & {
    roundState: FindingFacts['roundState'];
  },
): Resource {
  return {
    kind: 'finding',
    state: f.state,
    round: { id: f.roundId, state: f.roundState },
    unitId: f.unitId,
    groupId: f.groupId,
  };
}

/** Loads a finding and asks the policy; a finding merged away reads as its survivor's id. */
async function authorizeFinding(c: Context<ApiEnv>, action: 'read' | 'write', id: string) {
  requireActor(c);
  const facts = await findingFacts(c.get('deps').sql, id);
  await authorize(c, action, resourceOf(facts), { resourceId: id });
  return facts;
}

async function present(c: Context<ApiEnv>, rows: FindingRow[]) {
  const sql = c.get('deps').sql;
  const cache = new Map<string, Awaited<ReturnType<typeof frameworkAt>>>();
  const out = [];
  for (const r of rows) {
    const key = `${r.roundId}@${r.frameworkVersion}`;
    if (!cache.has(key)) cache.set(key, await frameworkAt(sql, r.roundId, r.frameworkVersion));
    const fw = cache.get(key)!;
    // An issued finding keeps the wording frozen with it.
    const frozen = (r.frozen ?? null) as { questions?: z.infer<typeof QuestionRef>[] } | null;
    const questions =
      frozen?.questions ??
      r.questions.map((code) => {
        const q = fw.questions.find((x) => x.code === code);
        return { code, focus: q?.focus ?? '', zh: q?.zh ?? code, en: q?.en ?? code };
      });
    out.push({
      id: r.id,
      roundId: r.roundId,
      group: { id: r.groupId, name: r.groupName },
      unit: { id: r.unitId, name: r.unitName },
      title: r.title,
      description: r.description,
      questions,
      frameworkVersion: r.frameworkVersion,
      aspect: r.aspect,
      severity: r.severity,
      immediate: r.immediate,
      requirement: r.requirement,
      deadline: r.deadline,
      state: r.state,
      next: nextFindingStates(r.state),
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      annotationCount: r.annotationCount,
    });
  }
  return out;
}

async function detail(c: Context<ApiEnv>, facts: FindingFacts) {
  const sql = c.get('deps').sql;
  const [row] = await listFindings(sql, facts.roundId, { id: facts.id });
  const [finding] = await present(c, [row!]);
  return {
    ...finding!,
    annotations: await linkedAnnotations(sql, facts.id),
    interviews: await linkedInterviews(c, facts),
    transitions: await transitionsOf(sql, facts.id),
  };
}

/**
 * Interview records its annotations point to (step S3), each only if the
 * caller may read it: the others are not mentioned at all, not even counted.
 */
async function linkedInterviews(c: Context<ApiEnv>, facts: FindingFacts) {
  const sql = c.get('deps').sql;
  const ids = await sql<{ id: string }[]>`
    SELECT DISTINCT a.interview_id AS id FROM finding_annotations fa
    JOIN annotations a ON a.id = fa.annotation_id
    WHERE fa.finding_id = ${facts.id} AND a.interview_id IS NOT NULL AND NOT a.deleted`;
  const all = await interviewFactsOf(
    sql,
    facts.roundId,
    ids.map((r) => r.id),
  );
  const readable = filterAllowed(c, 'read', all, interviewResource);
  const rows = await loadInterviews(
    sql,
    readable.map((i) => i.id),
  );
  return rows.map((r) => ({
    id: r.id,
    heldOn: r.heldOn,
    interviewers: r.interviewers.map((p) => p.displayName),
  }));
}

const list = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/findings',
  tags,
  summary: 'Findings of a round the caller may read',
  middleware: [signedIn] as const,
  request: {
    params: RoundParams,
    query: z.object({
      unitId: z.uuid().optional(),
      groupId: z.uuid().optional(),
      state: StateSchema.optional(),
    }),
  },
  responses: { 200: json(z.array(FindingSchema)), ...errors },
});
const create = createRoute({
  method: 'post',
  path: '/rounds/{roundId}/findings',
  tags,
  summary: 'Create a draft finding, optionally from annotations (their links are kept)',
  middleware: [signedIn] as const,
  request: { params: RoundParams, body: jsonBody(CreateFinding) },
  responses: { 201: json(FindingDetailSchema, 'Created'), ...errors },
});
const get = createRoute({
  method: 'get',
  path: '/findings/{id}',
  tags,
  summary: 'One finding with its annotations, their quotes, tags and evidence, and its history',
  middleware: [signedIn] as const,
  request: { params: IdParams },
  responses: { 200: json(FindingDetailSchema), ...errors },
});
const patch = createRoute({
  method: 'patch',
  path: '/findings/{id}',
  tags,
  summary: 'Change a finding that has not been issued',
  middleware: [signedIn] as const,
  request: { params: IdParams, body: jsonBody(PatchFinding) },
  responses: { 200: json(FindingDetailSchema), ...errors },
});
const transition = createRoute({
  method: 'post',
  path: '/findings/{id}/transitions',
  tags,
  summary:
    'Move a finding through its lifecycle (confirm, approve, back steps, rectifying, closed)',
  middleware: [signedIn] as const,
  request: {
    params: IdParams,
    body: jsonBody(
      z.object({ to: StateSchema, comment: z.string().trim().max(2_000).default('') }),
    ),
  },
  responses: { 200: json(FindingDetailSchema), ...errors },
});
const merge = createRoute({
  method: 'post',
  path: '/findings/{id}/merge',
  tags,
  summary: 'Merge another finding of the same unit into this one',
  middleware: [signedIn] as const,
  request: { params: IdParams, body: jsonBody(z.object({ sourceId: z.uuid() })) },
  responses: { 200: json(FindingDetailSchema), ...errors },
});
const split = createRoute({
  method: 'post',
  path: '/findings/{id}/split',
  tags,
  summary: 'Split some annotations off into a new draft finding',
  middleware: [signedIn] as const,
  request: {
    params: IdParams,
    body: jsonBody(
      z.object({
        title: z.string().trim().min(1).max(500),
        annotationIds: z.array(z.string().min(1).max(100)).min(1).max(200),
      }),
    ),
  },
  responses: { 201: json(FindingDetailSchema, 'Created'), ...errors },
});
const rollup = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/findings/rollup',
  tags,
  summary:
    'Findings and annotations per unit, focus and question, aspect and group, with cells that need a finding',
  middleware: [signedIn] as const,
  request: { params: RoundParams, query: z.object({ groupId: z.uuid().optional() }) },
  responses: { 200: json(z.unknown()), ...errors },
});

function refuseFrozen(state: FindingState) {
  if (isFindingFrozen(state)) {
    throw new AppError('conflict', 'An issued finding is frozen and cannot be changed.');
  }
}

export const findings = router()
  .openapi(list, async (c) => {
    const { roundId } = c.req.valid('param');
    const round = await authorizeRound(c, 'read', roundId);
    const rows = await listFindings(c.get('deps').sql, roundId, c.req.valid('query'));
    const visible = filterAllowed(c, 'read', rows, (r) =>
      resourceOf({ ...r, roundState: round.state }),
    );
    return c.json(await present(c, visible), 200);
  })
  .openapi(create, async (c) => {
    const { roundId } = c.req.valid('param');
    const b = c.req.valid('json');
    const { sql, clock } = c.get('deps');
    const unit = await unitFacts(sql, roundId, b.unitId);
    if (!unit.groupId) {
      // Ask the policy first so a stranger learns nothing about the unit.
      await authorize(c, 'write', { kind: 'finding', state: 'draft', ...unit });
      throw new AppError('conflict', 'The unit is not assigned to an inspection group.');
    }
    await authorize(c, 'write', {
      kind: 'finding',
      state: 'draft',
      round: unit.round,
      unitId: unit.unitId,
      groupId: unit.groupId,
    });
    const actor = requireActor(c);
    const id = await sql.begin(async (tx) => {
      const { version, framework } = await currentFramework(tx, roundId);
      const annotationIds = b.cell
        ? [
            ...new Set([
              ...b.annotationIds,
              ...(await cellAnnotationIds(tx, roundId, b.unitId, b.cell.question)),
            ]),
          ].slice(0, 200)
        : b.annotationIds;
      const linked = await annotationsForLink(tx, roundId, b.unitId, annotationIds);
      const questions = sortQuestions(framework, b.questions ?? linked.flatMap((a) => a.questions));
      const fields: FindingFields = { ...b, questions };
      checkAgainstFramework(framework, fields);
      const id = await insertFinding(tx, {
        ...fields,
        roundId,
        unitId: b.unitId,
        groupId: unit.groupId!,
        frameworkVersion: version,
        createdBy: actor.user.id,
        annotationIds,
        at: clock(),
      });
      await audit(tx, c, {
        action: 'finding.create',
        resourceType: 'finding',
        resourceId: id,
        roundId,
        details: { unitId: b.unitId, annotations: annotationIds.length },
      });
      return id;
    });
    return c.json(await detail(c, await findingFacts(sql, id)), 201);
  })
  .openapi(get, async (c) => {
    const facts = await authorizeFinding(c, 'read', c.req.valid('param').id);
    return c.json(await detail(c, facts), 200);
  })
  .openapi(patch, async (c) => {
    const facts = await authorizeFinding(c, 'write', c.req.valid('param').id);
    refuseFrozen(facts.state);
    const { addAnnotationIds, ...fields } = c.req.valid('json');
    const { sql, clock } = c.get('deps');
    await sql.begin(async (tx) => {
      const [row] = await tx<
        {
          frameworkVersion: number;
          questions: string[];
          aspect: string | null;
          severity: string | null;
        }[]
      >`
        SELECT framework_version, questions, aspect, severity FROM findings WHERE id = ${facts.id} FOR UPDATE`;
      const fw = await frameworkAt(tx, facts.roundId, row!.frameworkVersion);
      if (fields.questions) fields.questions = sortQuestions(fw, fields.questions);
      checkAgainstFramework(fw, {
        questions: fields.questions ?? [],
        aspect: fields.aspect ?? null,
        severity: fields.severity ?? null,
      });
      if (addAnnotationIds?.length) {
        await annotationsForLink(tx, facts.roundId, facts.unitId, addAnnotationIds);
        await linkAnnotations(tx, facts.id, addAnnotationIds);
      }
      await updateFinding(tx, facts.id, fields, clock());
      await audit(tx, c, {
        action: 'finding.update',
        resourceType: 'finding',
        resourceId: facts.id,
        roundId: facts.roundId,
        details: { fields: Object.keys(fields), added: addAnnotationIds?.length ?? 0 },
      });
    });
    return c.json(await detail(c, facts), 200);
  })
  .openapi(transition, async (c) => {
    const { id } = c.req.valid('param');
    const { to, comment } = c.req.valid('json');
    requireActor(c);
    const { sql, clock } = c.get('deps');
    const facts = await findingFacts(sql, id);
    // Reading first: a caller who may not see the finding gets 404, not a lecture on states.
    await authorize(c, 'read', resourceOf(facts), { resourceId: id });
    const step = findingTransition(facts.state, to);
    if (!step) {
      throw new AppError('conflict', `A finding cannot go from ${facts.state} to ${to}.`);
    }
    await authorize(c, step.action, resourceOf(facts), { resourceId: id });
    const actor = requireActor(c);
    await sql.begin(async (tx) => {
      const [locked] = await tx<{ state: FindingState }[]>`
        SELECT state FROM findings WHERE id = ${id} FOR UPDATE`;
      if (locked!.state !== facts.state) {
        throw new AppError('conflict', 'The finding changed meanwhile; reload and try again.');
      }
      await recordTransition(tx, {
        findingId: id,
        from: facts.state,
        to,
        actorId: actor.user.id,
        comment,
        at: clock(),
      });
      await audit(tx, c, {
        action: `finding.${step.action}`,
        resourceType: 'finding',
        resourceId: id,
        roundId: facts.roundId,
        details: { from: facts.state, to, comment },
      });
    });
    return c.json(await detail(c, await findingFacts(sql, id)), 200);
  })
  .openapi(merge, async (c) => {
    const target = await authorizeFinding(c, 'write', c.req.valid('param').id);
    const source = await authorizeFinding(c, 'write', c.req.valid('json').sourceId);
    if (source.id === target.id)
      throw new AppError('bad_request', 'sourceId: a finding cannot merge with itself.');
    if (source.unitId !== target.unitId) {
      throw new AppError('bad_request', 'sourceId: only findings of the same unit can be merged.');
    }
    if (source.mergedInto || target.mergedInto) {
      throw new AppError('conflict', 'One of the findings was already merged into another.');
    }
    refuseFrozen(source.state);
    refuseFrozen(target.state);
    const { sql, clock } = c.get('deps');
    await sql.begin(async (tx) => {
      const rows = await tx<
        {
          id: string;
          questions: string[];
          description: string;
          title: string;
          frameworkVersion: number;
        }[]
      >`
        SELECT id, questions, description_text AS description, title, framework_version
        FROM findings WHERE id IN (${target.id}, ${source.id}) FOR UPDATE`;
      const t = rows.find((r) => r.id === target.id)!;
      const s = rows.find((r) => r.id === source.id)!;
      const fw = await frameworkAt(tx, target.roundId, t.frameworkVersion);
      await tx`INSERT INTO finding_annotations (finding_id, annotation_id)
               SELECT ${target.id}, annotation_id FROM finding_annotations WHERE finding_id = ${source.id}
               ON CONFLICT DO NOTHING`;
      const description = [
        t.description,
        s.description ? `【${s.title}】${s.description}` : `【${s.title}】`,
      ]
        .filter((x) => x.trim() !== '')
        .join('\n\n');
      await updateFinding(
        tx,
        target.id,
        { questions: sortQuestions(fw, [...t.questions, ...s.questions]), description },
        clock(),
      );
      await tx`UPDATE findings SET merged_into = ${target.id}, updated_at = ${clock()} WHERE id = ${source.id}`;
      await audit(tx, c, {
        action: 'finding.merge',
        resourceType: 'finding',
        resourceId: target.id,
        roundId: target.roundId,
        details: { sourceId: source.id },
      });
    });
    return c.json(await detail(c, target), 200);
  })
  .openapi(split, async (c) => {
    const original = await authorizeFinding(c, 'write', c.req.valid('param').id);
    refuseFrozen(original.state);
    const b = c.req.valid('json');
    const { sql, clock } = c.get('deps');
    const actor = requireActor(c);
    const newId = await sql.begin(async (tx) => {
      const linked = await tx<{ annotationId: string }[]>`
        SELECT annotation_id FROM finding_annotations WHERE finding_id = ${original.id}`;
      const have = new Set(linked.map((l) => l.annotationId));
      const strangers = b.annotationIds.filter((a) => !have.has(a));
      if (strangers.length > 0) {
        throw new AppError(
          'bad_request',
          `annotationIds: not linked to this finding: ${strangers.join(', ')}`,
        );
      }
      if (new Set(b.annotationIds).size >= have.size) {
        throw new AppError(
          'bad_request',
          'annotationIds: leave at least one annotation with the original finding.',
        );
      }
      const [o] = await tx<
        {
          frameworkVersion: number;
          aspect: string | null;
          severity: string | null;
          immediate: boolean;
          requirement: string;
          deadline: string | null;
        }[]
      >`
        SELECT framework_version, aspect, severity, immediate, requirement,
          to_char(deadline, 'YYYY-MM-DD') AS deadline
        FROM findings WHERE id = ${original.id} FOR UPDATE`;
      const fw = await frameworkAt(tx, original.roundId, o!.frameworkVersion);
      const moved = await annotationsForLink(
        tx,
        original.roundId,
        original.unitId,
        b.annotationIds,
      );
      const id = await insertFinding(tx, {
        title: b.title,
        description: '',
        questions: sortQuestions(
          fw,
          moved.flatMap((a) => a.questions),
        ),
        aspect: o!.aspect,
        severity: o!.severity,
        immediate: o!.immediate,
        requirement: o!.requirement,
        deadline: o!.deadline,
        roundId: original.roundId,
        unitId: original.unitId,
        groupId: original.groupId,
        frameworkVersion: o!.frameworkVersion,
        createdBy: actor.user.id,
        annotationIds: b.annotationIds,
        at: clock(),
      });
      await tx`DELETE FROM finding_annotations
               WHERE finding_id = ${original.id} AND annotation_id IN ${tx(b.annotationIds)}`;
      await audit(tx, c, {
        action: 'finding.split',
        resourceType: 'finding',
        resourceId: original.id,
        roundId: original.roundId,
        details: { newFindingId: id, annotations: b.annotationIds.length },
      });
      return id;
    });
    return c.json(await detail(c, await findingFacts(sql, newId)), 201);
  })
  .openapi(rollup, async (c) => {
    const { roundId } = c.req.valid('param');
    const round = await authorizeRound(c, 'read', roundId);
    return c.json(await findingRollup(c, round, c.req.valid('query').groupId), 200);
  });
