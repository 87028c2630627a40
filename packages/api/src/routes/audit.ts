import { createRoute, z } from '@hono/zod-openapi';
import { verifyAudit } from '@rectify/store';
import { audit } from '../lib/audit.ts';
import { authorize } from '../lib/authorize.ts';
import { errorResponses, json, router } from '../lib/openapi.ts';
import { searchAudit } from '../queries/audit.ts';

const OUTCOMES = ['ok', 'denied', 'failed'] as const;
const INSTANT = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

const AuditQuery = z.object({
  actor: z.string().trim().min(1).max(100).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  resourceType: z.string().trim().min(1).max(50).optional(),
  resourceId: z.string().trim().min(1).max(200).optional(),
  roundId: z.uuid().optional(),
  outcome: z.enum(OUTCOMES).optional(),
  from: INSTANT.optional(),
  to: INSTANT.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const AuditItem = z
  .object({
    seq: z.number(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    resourceType: z.string(),
    resourceId: z.string(),
    roundId: z.string().nullable(),
    address: z.string(),
    outcome: z.enum(OUTCOMES),
    details: z.record(z.string(), z.unknown()),
    hash: z.string(),
  })
  .openapi('AuditEntry');
const AuditPage = z
  .object({
    items: z.array(AuditItem),
    /** Pass as `before` for the next (older) page; null on the last page. */
    nextBefore: z.number().nullable(),
  })
  .openapi('AuditPage');
const Verification = z
  .object({
    ok: z.boolean(),
    checked: z.number(),
    firstBad: z.object({ seq: z.number(), reason: z.string() }).optional(),
  })
  .openapi('AuditVerification');

const errors = {
  400: errorResponses[400],
  401: errorResponses[401],
  404: errorResponses[404],
} as const;

const search = createRoute({
  method: 'get',
  path: '/',
  tags: ['audit'],
  summary: 'The audit log, newest first, filtered and paged (administrators)',
  description: 'Reading the audit log is itself written to it.',
  request: { query: AuditQuery },
  responses: { 200: json(AuditPage), ...errors },
});
const verify = createRoute({
  method: 'get',
  path: '/verify',
  tags: ['audit'],
  summary: 'Walk the hash chain and name the first row that does not verify (administrators)',
  responses: { 200: json(Verification), ...errors },
});

const AUDIT_LOG = { kind: 'audit_log' } as const;

export const auditLog = router()
  .openapi(search, async (c) => {
    await authorize(c, 'read', AUDIT_LOG);
    const { sql } = c.get('deps');
    const q = c.req.valid('query');
    const items = await searchAudit(sql, {
      ...q,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    });
    await audit(sql, c, {
      action: 'audit_log.read',
      resourceType: 'audit_log',
      details: { filter: q, rows: items.length },
    });
    const nextBefore = items.length === q.limit ? items[items.length - 1]!.seq : null;
    return c.json({ items, nextBefore }, 200);
  })
  .openapi(verify, async (c) => {
    await authorize(c, 'read', AUDIT_LOG);
    const { sql } = c.get('deps');
    const result = await verifyAudit(sql);
    await audit(sql, c, {
      action: 'audit_log.verify',
      resourceType: 'audit_log',
      details: { ok: result.ok, checked: result.checked },
    });
    return c.json(result, 200);
  });
