import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import {
  AppError,
  decide,
  docName,
  REPORT_DOC_FIELDS,
  REPORT_GROUPINGS,
  type Resource,
} from '@rectify/domain';
import type { Db } from '@rectify/store';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { readWhole } from '../evidence/blob-bytes.ts';
import { requireActor } from '../lib/actor.ts';
import { audit } from '../lib/audit.ts';
import { authorize, filterAllowed } from '../lib/authorize.ts';
import { errorResponses, json, jsonBody, router } from '../lib/openapi.ts';
import { authorizeRound } from '../lib/round-access.ts';
import { unitFacts } from '../queries/facts.ts';
import { signedIn } from '../statements/signed-in.ts';
import { issueReport } from './issue.ts';
import { DOCX_MIME, reportDocx } from './report-docx.ts';
import {
  draftModel,
  listReportRows,
  type ReportFacts,
  reportFacts,
  reportResource,
  reportTexts,
} from './report-store.ts';

const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
const Grouping = z.enum(REPORT_GROUPINGS);
const Ref = z.object({ id: z.string(), name: z.string() });
const tags = ['reports'];
const errors = { ...errorResponses };

const TextsSchema = z.object({
  subject: z.string(),
  opening: z.string(),
  assessment: z.string(),
  requirements: z.string(),
  signature: z.string(),
  date: z.string().nullable(),
});
const ReportSchema = z
  .object({
    id: z.string(),
    roundId: z.string(),
    roundName: z.string(),
    unit: Ref.nullable().openapi({ description: 'null: the round summary' }),
    group: Ref.nullable(),
    state: z.enum(['draft', 'issued']),
    texts: TextsSchema,
    textsDoc: z.string().openapi({
      description:
        'The live document (`/collab/<textsDoc>`) where the opening, assessment and requirements are co-edited',
    }),
    groupBy: Grouping,
    model: z.unknown().openapi({
      description:
        'ReportModel from @rectify/domain: title, blocks in reading order, attachment rows. Built live for a draft, frozen for an issued report.',
    }),
    issuedAt: z.string().nullable(),
    issuedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    sha256: z.string().nullable(),
    size: z.number().int().nullable(),
    createdAt: z.string(),
    canEdit: z.boolean(),
    canIssue: z.boolean(),
  })
  .openapi('Report');
const ReportListItemSchema = z
  .object({
    unit: Ref.nullable(),
    group: Ref.nullable(),
    report: z
      .object({
        id: z.string(),
        state: z.enum(['draft', 'issued']),
        issuedAt: z.string().nullable(),
      })
      .nullable(),
    approvedFindings: z.number().int().nullable().openapi({
      description: 'Approved, not yet issued findings; null when the caller may not see them',
    }),
    deliveredFindings: z.number().int(),
  })
  .openapi('ReportListItem');

const RoundParams = z.object({ roundId: z.uuid() });
const IdParams = z.object({ id: z.uuid() });
const PatchReport = z
  .object({
    subject: z.string().trim().min(1).max(200),
    opening: z.string().max(20_000),
    assessment: z.string().max(20_000),
    requirements: z.string().max(20_000),
    signature: z.string().trim().min(1).max(200),
    date: DateText.nullable(),
    groupBy: Grouping,
  })
  .partial()
  .openapi('PatchReport');

const today = (c: Context<ApiEnv>) => c.get('deps').clock().toISOString().slice(0, 10);
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

async function loadAuthorized(c: Context<ApiEnv>, id: string) {
  requireActor(c);
  const facts = await reportFacts(c.get('deps').sql, id);
  await authorize(c, 'read', reportResource(facts), { resourceId: id });
  return facts;
}

const LIVE_FIELDS = REPORT_DOC_FIELDS as readonly string[];

/** Once someone opened the live document, it holds the long texts (see `textsDoc`). */
async function liveDocExists(db: Db, id: string): Promise<boolean> {
  const name = docName('report', id);
  const [row] = await db<{ live: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM doc_updates WHERE doc_name = ${name})
        OR EXISTS (SELECT 1 FROM doc_snapshots WHERE doc_name = ${name}) AS live`;
  return row?.live ?? false;
}

function refuseIssued(f: ReportFacts) {
  if (f.state === 'issued') {
    throw new AppError('conflict', 'This report has been issued and never changes.');
  }
}

async function present(c: Context<ApiEnv>, f: ReportFacts) {
  const actor = c.get('policyActor')!;
  const resource = reportResource(f);
  const texts =
    f.state === 'issued' && f.content.texts
      ? { ...reportTexts(f), ...f.content.texts }
      : reportTexts(f);
  const model: unknown =
    f.state === 'issued'
      ? f.content.model
      : (await draftModel(c.get('deps').sql, f, today(c))).model;
  return {
    id: f.id,
    roundId: f.roundId,
    roundName: f.roundName,
    unit: f.unitId ? { id: f.unitId, name: f.unitName ?? '' } : null,
    group: f.groupId ? { id: f.groupId, name: f.groupName ?? '' } : null,
    state: f.state,
    texts,
    textsDoc: docName('report', f.id),
    groupBy: f.content.groupBy ?? 'focus',
    model,
    issuedAt: iso(f.issuedAt),
    issuedBy: f.issuedBy,
    sha256: f.blobHash,
    size: f.content.size ?? null,
    createdAt: new Date(f.createdAt).toISOString(),
    canEdit: f.state === 'draft' && decide(actor, 'write', resource).allow,
    canIssue: f.state === 'draft' && decide(actor, 'issue', resource).allow,
  };
}

const docxHeaders = (filename: string, extra: Record<string, string> = {}) => ({
  'content-type': DOCX_MIME,
  'content-disposition': `attachment; filename="report.docx"; filename*=UTF-8''${encodeURIComponent(filename.replace(/[\\/:*?"<>|]/g, '_'))}`,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  ...extra,
});

const list = createRoute({
  method: 'get',
  path: '/rounds/{roundId}/reports',
  tags,
  summary: 'Per unit of the round (and the summary first): its report, if any, and finding counts',
  middleware: [signedIn] as const,
  request: { params: RoundParams },
  responses: { 200: json(z.array(ReportListItemSchema)), ...errors },
});
const create = createRoute({
  method: 'post',
  path: '/rounds/{roundId}/reports',
  tags,
  summary: 'The draft report of a unit (unitId null: the round summary); created when missing',
  middleware: [signedIn] as const,
  request: {
    params: RoundParams,
    body: jsonBody(z.object({ unitId: z.uuid().nullable(), groupBy: Grouping.optional() })),
  },
  responses: { 200: json(ReportSchema, 'Exists'), 201: json(ReportSchema, 'Created'), ...errors },
});
const get = createRoute({
  method: 'get',
  path: '/reports/{id}',
  tags,
  summary: 'A report: its texts and its content model (the browser preview)',
  middleware: [signedIn] as const,
  request: { params: IdParams },
  responses: { 200: json(ReportSchema), ...errors },
});
const patch = createRoute({
  method: 'patch',
  path: '/reports/{id}',
  tags,
  summary: 'Change the texts of a draft (409 once issued)',
  middleware: [signedIn] as const,
  request: { params: IdParams, body: jsonBody(PatchReport) },
  responses: { 200: json(ReportSchema), ...errors },
});
const preview = createRoute({
  method: 'get',
  path: '/reports/{id}/preview.docx',
  tags,
  summary: 'A draft rendered as DOCX now (audited as an export); 409 once issued',
  middleware: [signedIn] as const,
  request: { params: IdParams },
  responses: { 200: { description: 'DOCX' }, ...errors },
});
const issue = createRoute({
  method: 'post',
  path: '/reports/{id}/issue',
  tags,
  summary: 'Issue the report: DOCX stored with its SHA-256, findings issued and frozen',
  middleware: [signedIn] as const,
  request: { params: IdParams },
  responses: { 200: json(ReportSchema), ...errors },
});
const download = createRoute({
  method: 'get',
  path: '/reports/{id}/download',
  tags,
  summary: 'The issued report’s DOCX, byte for byte as issued (audited)',
  middleware: [signedIn] as const,
  request: { params: IdParams },
  responses: { 200: { description: 'DOCX' }, ...errors },
});

export const reports = router()
  .openapi(list, async (c) => {
    const { roundId } = c.req.valid('param');
    const round = await authorizeRound(c, 'read', roundId);
    const rows = await listReportRows(c.get('deps').sql, roundId);
    const resource = (r: (typeof rows)[number]): Resource => ({
      kind: 'report',
      state: r.state ?? 'draft',
      round,
      unitId: r.unitId,
      groupId: r.groupId,
    });
    const actor = c.get('policyActor')!;
    const visible = filterAllowed(c, 'read', rows, resource);
    return c.json(
      visible.map((r) => ({
        unit: r.unitId ? { id: r.unitId, name: r.unitName ?? '' } : null,
        group: r.groupId ? { id: r.groupId, name: r.groupName ?? '' } : null,
        report: r.reportId ? { id: r.reportId, state: r.state!, issuedAt: iso(r.issuedAt) } : null,
        // Approved findings are working papers: counted only for those who may read a draft.
        approvedFindings: decide(actor, 'read', { ...resource(r), state: 'draft' } as Resource)
          .allow
          ? r.approved
          : null,
        deliveredFindings: r.delivered,
      })),
      200,
    );
  })
  .openapi(create, async (c) => {
    const { roundId } = c.req.valid('param');
    const { unitId, groupBy } = c.req.valid('json');
    const { sql } = c.get('deps');
    requireActor(c);
    const scope = unitId
      ? await unitFacts(sql, roundId, unitId)
      : { round: await authorizeRound(c, 'read', roundId), unitId: null, groupId: null };
    await authorize(c, 'write', { kind: 'report', state: 'draft', ...scope });
    if (unitId && !scope.groupId) {
      throw new AppError('conflict', 'The unit is not assigned to an inspection group.');
    }
    const { id, created } = await sql.begin(async (tx) => {
      // One report per unit and round (and one summary): serialize creators.
      await tx`SELECT pg_advisory_xact_lock(7367, hashtext(${`${roundId}/${unitId ?? 'summary'}`}))`;
      const [existing] = await tx<{ id: string }[]>`
        SELECT id FROM reports WHERE round_id = ${roundId}
          AND ${unitId ? tx`unit_id = ${unitId}` : tx`unit_id IS NULL`}
        ORDER BY created_at LIMIT 1`;
      if (existing) return { id: existing.id, created: false };
      const content = { texts: {}, groupBy: groupBy ?? 'focus' };
      const [row] = await tx<{ id: string }[]>`
        INSERT INTO reports (round_id, unit_id, content, created_at)
        VALUES (${roundId}, ${unitId}, ${tx.json(content)}, ${c.get('deps').clock()}) RETURNING id`;
      await audit(tx, c, {
        action: 'report.create',
        resourceType: 'report',
        resourceId: row!.id,
        roundId,
        details: { unitId },
      });
      return { id: row!.id, created: true };
    });
    const facts = await reportFacts(sql, id);
    // An existing report is answered only to those who may read it (an issued one, say).
    await authorize(c, 'read', reportResource(facts), { resourceId: id });
    return c.json(await present(c, facts), created ? 201 : 200);
  })
  .openapi(get, async (c) => {
    const facts = await loadAuthorized(c, c.req.valid('param').id);
    return c.json(await present(c, facts), 200);
  })
  .openapi(patch, async (c) => {
    const facts = await loadAuthorized(c, c.req.valid('param').id);
    refuseIssued(facts);
    await authorize(c, 'write', reportResource(facts), { resourceId: facts.id });
    const { groupBy, ...texts } = c.req.valid('json');
    const { sql } = c.get('deps');
    await sql.begin(async (tx) => {
      const locked = await reportFacts(tx, facts.id, true);
      refuseIssued(locked);
      if (LIVE_FIELDS.some((f) => f in texts) && (await liveDocExists(tx, facts.id))) {
        throw new AppError(
          'conflict',
          'The opening, assessment and requirements of this report are being co-edited live: change them in the live document.',
        );
      }
      const content = {
        ...locked.content,
        texts: { ...locked.content.texts, ...texts },
        groupBy: groupBy ?? locked.content.groupBy ?? 'focus',
      };
      await tx`UPDATE reports SET content = ${tx.json(content as never)} WHERE id = ${facts.id}`;
      await audit(tx, c, {
        action: 'report.update',
        resourceType: 'report',
        resourceId: facts.id,
        roundId: facts.roundId,
        details: { fields: Object.keys(c.req.valid('json')) },
      });
    });
    return c.json(await present(c, await reportFacts(sql, facts.id)), 200);
  })
  .openapi(preview, async (c) => {
    const facts = await loadAuthorized(c, c.req.valid('param').id);
    if (facts.state === 'issued') {
      throw new AppError('conflict', 'This report has been issued: download the issued file.');
    }
    await authorize(c, 'export', reportResource(facts), { resourceId: facts.id });
    const { model } = await draftModel(c.get('deps').sql, facts, today(c));
    const bytes = await reportDocx(model);
    return c.body(
      bytes as Uint8Array<ArrayBuffer>,
      200,
      docxHeaders(`${model.title}（预览）.docx`),
    );
  })
  .openapi(issue, async (c) => {
    const facts = await loadAuthorized(c, c.req.valid('param').id);
    refuseIssued(facts);
    await authorize(c, 'issue', reportResource(facts), { resourceId: facts.id });
    await issueReport(c, facts.id);
    // The live texts are frozen with the report: those editing them reconnect read-only.
    try {
      await c.get('deps').onDocAccessChanged?.(docName('report', facts.id));
    } catch (e) {
      console.error(`[api] onDocAccessChanged failed for report ${facts.id}`, e);
    }
    return c.json(await present(c, await reportFacts(c.get('deps').sql, facts.id)), 200);
  })
  .openapi(download, async (c) => {
    const facts = await loadAuthorized(c, c.req.valid('param').id);
    if (facts.state !== 'issued' || !facts.blobHash) {
      throw new AppError('conflict', 'This report has not been issued yet: preview the draft.');
    }
    await authorize(c, 'export', reportResource(facts), { resourceId: facts.id });
    const bytes = await readWhole(c.get('deps').blobs, facts.blobHash, 64 * 1024 * 1024);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== facts.blobHash) {
      console.error(
        `[api] report ${facts.id}: stored file hash ${actual} ≠ recorded ${facts.blobHash}`,
      );
      throw new AppError('internal', 'The stored report file does not match its recorded hash.');
    }
    const title = facts.content.model?.title ?? 'report';
    return c.body(
      new Uint8Array(bytes) as Uint8Array<ArrayBuffer>,
      200,
      docxHeaders(`${title}.docx`, { 'x-content-sha256': facts.blobHash }),
    );
  });
