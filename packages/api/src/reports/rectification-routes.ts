import { createRoute, z } from '@hono/zod-openapi';
import { AppError, type RoundFacts } from '@rectify/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { findingFacts, recordTransition } from '../findings/finding-store.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { authorize, filterAllowed } from '../lib/authorize.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import { signedIn } from '../statements/signed-in.ts';
import {
  findingResource,
  presentItems,
  type RectificationItem,
  rectificationResource,
} from './rectification-present.ts';
import { deliveredFindings, isOverdue, responseFacts } from './rectification-store.ts';
import { rectificationLedger, XLSX_MIME } from './rectification-xlsx.ts';

const tags = ['rectification'];
const errors = { ...errorResponses };
const Person = z.object({ id: z.string(), displayName: z.string() });
const ResponseSchema = z.object({
  id: z.string(),
  measures: z.string(),
  progress: z.string(),
  evidence: z.array(
    z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number() }),
  ),
  submittedBy: Person,
  submittedAt: z.string(),
  reviewState: z.enum(['pending', 'returned', 'accepted']),
  reviewComment: z.string(),
  reviewedBy: Person.nullable(),
  reviewedAt: z.string().nullable(),
});
const Wording = z.object({ code: z.string(), focus: z.string(), zh: z.string(), en: z.string() });
const ItemSchema = z
  .object({
    finding: z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      questions: z.array(Wording),
      aspect: z.object({ code: z.string(), zh: z.string(), en: z.string() }).nullable(),
      requirement: z.string(),
      deadline: z.string().nullable(),
      immediate: z.boolean(),
      state: z.enum(['issued', 'rectifying', 'closed']),
      reportId: z.string().nullable(),
      unit: z.object({ id: z.string(), name: z.string() }),
      group: z.object({ id: z.string(), name: z.string() }),
    }),
    status: z.enum(['awaiting_answer', 'awaiting_review', 'returned', 'closed']),
    overdue: z.boolean(),
    responses: z.array(ResponseSchema),
    canAnswer: z.boolean(),
    canReview: z.boolean(),
  })
  .openapi('RectificationItem');

const RoundParams = z.object({ roundId: z.uuid() });
const IdParams = z.object({ id: z.uuid() });
const ListQuery = z.object({
  unitId: z.uuid().optional(),
  groupId: z.uuid().optional(),
  status: z.enum(['awaiting_answer', 'awaiting_review', 'returned', 'closed']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});

const today = (c: Context<ApiEnv>) => c.get('deps').clock().toISOString().slice(0, 10);

/** The delivered findings of a round the caller may follow, with their answers. */
async function visibleItems(
  c: Context<ApiEnv>,
  round: RoundFacts,
  q: z.infer<typeof ListQuery>,
  action: 'read' | 'export',
): Promise<RectificationItem[]> {
  const sql = c.get('deps').sql;
  const rows = await deliveredFindings(sql, round.id, { unitId: q.unitId, groupId: q.groupId });
  const allowed = filterAllowed(c, action, rows, (r) => rectificationResource(round, r));
  const items = await presentItems(sql, c.get('policyActor')!, round, allowed, today(c));
  return items.filter(
    (i) =>
      (!q.status || i.status === q.status) &&
      (q.overdue === undefined || i.overdue === (q.overdue === 'true')),
  );
}

/** One delivered finding, after asking the policy to read it (404 to strangers and for undelivered ones). */
async function authorizeItem(c: Context<ApiEnv>, findingId: string) {
  requireActor(c);
  const sql = c.get('deps').sql;
  const facts = await findingFacts(sql, findingId);
  const round = { id: facts.roundId, state: facts.roundState };
  await authorize(c, 'read', findingResource(round, facts), { resourceId: findingId });
  const [row] = await deliveredFindings(sql, facts.roundId, { id: findingId });
  if (!row) throw new AppError('not_found', 'This finding has not been delivered to its unit.');
  await authorize(c, 'read', rectificationResource(round, row), { resourceId: findingId });
  return { round, row };
}

async function itemOf(c: Context<ApiEnv>, round: RoundFacts, findingId: string) {
  const sql = c.get('deps').sql;
  const rows = await deliveredFindings(sql, round.id, { id: findingId });
  const [item] = await presentItems(sql, c.get('policyActor')!, round, rows, today(c));
  return item!;
}

const list = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/rectification',
  tags,
  summary: 'Delivered findings the caller may follow, with answers, status and overdue flag',
  middleware: [signedIn] as const,
  request: { params: RoundParams, query: ListQuery },
  responses: { 200: json(z.array(ItemSchema)), ...errors },
});
const one = createRoute({
  method: 'get',
  path: '/findings/{id}/rectification',
  tags,
  summary: 'One delivered finding with its answers',
  middleware: [signedIn] as const,
  request: { params: IdParams },
  responses: { 200: json(ItemSchema), ...errors },
});
const answer = createRoute({
  method: 'post',
  path: '/findings/{id}/responses',
  tags,
  summary: 'The unit answers a delivered finding: measures, progress, evidence of its own',
  middleware: [signedIn] as const,
  request: {
    params: IdParams,
    body: jsonBody(
      z
        .object({
          measures: z.string().trim().min(1).max(20_000),
          progress: z.string().trim().max(20_000).default(''),
          evidenceIds: z.array(z.uuid()).max(50).default([]),
        })
        .openapi('RectificationAnswer'),
    ),
  },
  responses: { 201: json(ItemSchema, 'Answered'), ...errors },
});
const review = createRoute({
  method: 'post',
  path: '/rectification-responses/{id}/review',
  tags,
  summary: 'Inspectors accept an answer (the finding is closed, 销号) or return it with a comment',
  middleware: [signedIn] as const,
  request: {
    params: IdParams,
    body: jsonBody(
      z
        .object({
          decision: z.enum(['accept', 'return']),
          comment: z.string().trim().max(5_000).default(''),
        })
        .openapi('RectificationReview'),
    ),
  },
  responses: { 200: json(ItemSchema), ...errors },
});
const ledger = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/rectification/ledger.xlsx',
  tags,
  summary: 'The rectification ledger (整改台账) of what the caller may follow, as XLSX (audited)',
  middleware: [signedIn] as const,
  request: { params: RoundParams, query: ListQuery },
  responses: { 200: { description: 'XLSX' }, ...errors },
});

export const rectification = router()
  .openapi(list, async (c) => {
    const round = await authorizeRound(c, 'read', c.req.valid('param').roundId);
    return c.json(await visibleItems(c, round, c.req.valid('query'), 'read'), 200);
  })
  .openapi(one, async (c) => {
    const { round } = await authorizeItem(c, c.req.valid('param').id);
    return c.json(await itemOf(c, round, c.req.valid('param').id), 200);
  })
  .openapi(answer, async (c) => {
    const { id } = c.req.valid('param');
    const { round, row } = await authorizeItem(c, id);
    await authorize(c, 'write', rectificationResource(round, row), { resourceId: id });
    const b = c.req.valid('json');
    const { sql, clock } = c.get('deps');
    const actor = requireActor(c);
    await sql.begin(async (tx) => {
      const [f] = await tx<
        { state: string }[]
      >`SELECT state FROM findings WHERE id = ${id} FOR UPDATE`;
      if (f!.state === 'closed') {
        throw new AppError(
          'conflict',
          'This finding has been closed (销号); it takes no more answers.',
        );
      }
      const [last] = await tx<{ reviewState: string; submittedAt: Date }[]>`
        SELECT review_state, submitted_at FROM rectification_responses WHERE finding_id = ${id}
        ORDER BY submitted_at DESC, id DESC LIMIT 1`;
      if (last?.reviewState === 'pending') {
        throw new AppError('conflict', 'The previous answer is still awaiting review.');
      }
      const evidenceIds = [...new Set(b.evidenceIds)];
      if (evidenceIds.length > 0) {
        const found = await tx<{ id: string }[]>`
          SELECT id FROM evidence WHERE id IN ${tx(evidenceIds)}
            AND round_id = ${row.roundId} AND unit_id = ${row.unitId}
            AND NOT EXISTS (SELECT 1 FROM interview_attachments ia WHERE ia.evidence_id = evidence.id)`;
        const ok = new Set(found.map((e) => e.id));
        const bad = evidenceIds.filter((e) => !ok.has(e));
        if (bad.length > 0) {
          throw new AppError(
            'bad_request',
            `evidenceIds: not evidence of this unit: ${bad.join(', ')}`,
          );
        }
      }
      // Answers are ordered by time: never at or before the previous one, whatever the clock says.
      const after = last ? new Date(last.submittedAt).getTime() + 1 : 0;
      const now = new Date(Math.max(clock().getTime(), after));
      const [r] = await tx<{ id: string }[]>`
        INSERT INTO rectification_responses (finding_id, measures, progress, submitted_by, submitted_at)
        VALUES (${id}, ${b.measures}, ${b.progress}, ${actor.user.id}, ${now}) RETURNING id`;
      for (const e of evidenceIds) {
        await tx`INSERT INTO rectification_evidence (response_id, evidence_id) VALUES (${r!.id}, ${e})`;
      }
      if (f!.state === 'issued') {
        await recordTransition(tx, {
          findingId: id,
          from: 'issued',
          to: 'rectifying',
          actorId: actor.user.id,
          comment: '单位报送整改情况',
          at: now,
        });
      }
      await audit(tx, c, {
        action: 'rectification.answer',
        resourceType: 'rectification',
        resourceId: id,
        roundId: row.roundId,
        details: { responseId: r!.id, evidence: evidenceIds.length },
      });
    });
    return c.json(await itemOf(c, round, id), 201);
  })
  .openapi(review, async (c) => {
    const { id } = c.req.valid('param');
    requireActor(c);
    const { sql, clock } = c.get('deps');
    const facts = await responseFacts(sql, id);
    if (!facts) throw new AppError('not_found', 'Not found.');
    const { round, row } = await authorizeItem(c, facts.findingId);
    await authorize(c, 'review', rectificationResource(round, row), {
      resourceId: facts.findingId,
    });
    const { decision, comment } = c.req.valid('json');
    if (decision === 'return' && comment === '') {
      throw new AppError('bad_request', 'comment: say what is missing when returning an answer.');
    }
    const actor = requireActor(c);
    await sql.begin(async (tx) => {
      const [f] = await tx<{ state: string }[]>`
        SELECT state FROM findings WHERE id = ${facts.findingId} FOR UPDATE`;
      const [last] = await tx<{ id: string; reviewState: string }[]>`
        SELECT id, review_state FROM rectification_responses WHERE finding_id = ${facts.findingId}
        ORDER BY submitted_at DESC, id DESC LIMIT 1`;
      if (last?.id !== id || last.reviewState !== 'pending' || f!.state !== 'rectifying') {
        throw new AppError(
          'conflict',
          'Only the latest answer, while awaiting review, can be reviewed.',
        );
      }
      const now = clock();
      await tx`
        UPDATE rectification_responses
        SET review_state = ${decision === 'accept' ? 'accepted' : 'returned'},
          review_comment = ${comment}, reviewed_by = ${actor.user.id}, reviewed_at = ${now}
        WHERE id = ${id}`;
      if (decision === 'accept') {
        await recordTransition(tx, {
          findingId: facts.findingId,
          from: 'rectifying',
          to: 'closed',
          actorId: actor.user.id,
          comment: comment || '整改到位，予以销号',
          at: now,
        });
      }
      await audit(tx, c, {
        action: `rectification.${decision}`,
        resourceType: 'rectification',
        resourceId: facts.findingId,
        roundId: round.id,
        details: { responseId: id, comment },
      });
    });
    return c.json(await itemOf(c, round, facts.findingId), 200);
  })
  .openapi(ledger, async (c) => {
    const round = await authorizeRound(c, 'read', c.req.valid('param').roundId);
    const items = await visibleItems(c, round, c.req.valid('query'), 'export');
    const [r] = await c.get('deps').sql<
      { name: string }[]
    >`SELECT name FROM rounds WHERE id = ${round.id}`;
    const title = `${r!.name}反馈问题整改台账`;
    const bytes = await rectificationLedger(title, items);
    await audit(c.get('deps').sql, c, {
      action: 'rectification.export',
      resourceType: 'rectification',
      resourceId: c.req.valid('query').unitId ?? '',
      roundId: round.id,
      details: {
        rows: items.length,
        overdue: items.filter((i) => isOverdue(i.finding, today(c))).length,
      },
    });
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': XLSX_MIME,
      'content-disposition': `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(`${title.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
  });
