import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@rectify/domain';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiEnv } from '../env.ts';
import { describeZodError, errorBody } from '../errors.ts';
import { requireActor } from '../lib/actor.ts';
import { authorize } from '../lib/authorize.ts';
import { errorResponses, json, router } from '../lib/openapi.ts';
import { roundFacts } from '../queries/facts.ts';
import { exportLedger, XLSX_MIME } from './export-ledger.ts';
import { applyLedger, type LedgerFile, previewLedger } from './import-ledger.ts';
import {
  ImportOptionsSchema,
  ImportResultSchema,
  MAX_LEDGER_BYTES,
  PreviewSchema,
  UploadSchema,
} from './schemas.ts';

const params = z.object({ roundId: z.uuid() });
const upload = {
  required: true,
  content: { 'multipart/form-data': { schema: UploadSchema } },
} as const;
// The multipart envelope around the file is small; the file itself is checked again below.
const limit = bodyLimit({
  maxSize: MAX_LEDGER_BYTES + 64 * 1024,
  onError: (c) =>
    c.json(
      errorBody(
        'payload_too_large',
        `The ledger file is larger than ${MAX_LEDGER_BYTES >> 20} MB.`,
      ),
      413,
    ),
});
const refusals = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
};

const preview = createRoute({
  method: 'post',
  path: '/{roundId}/ledger/preview',
  tags: ['ledger'],
  summary: 'Read a ledger (.xlsx or .csv) and show what importing it would do; writes nothing',
  middleware: [limit] as const,
  request: { params, body: upload },
  responses: { 200: json(PreviewSchema), ...refusals },
});

const importLedger = createRoute({
  method: 'post',
  path: '/{roundId}/ledger/import',
  tags: ['ledger'],
  summary:
    'Import a ledger, all or nothing; re-importing updates tasks instead of duplicating them',
  middleware: [limit] as const,
  request: { params, body: upload },
  responses: { 200: json(ImportResultSchema), ...refusals },
});

const download = createRoute({
  method: 'get',
  path: '/{roundId}/ledger.xlsx',
  tags: ['ledger'],
  summary: "The round's ledger as an Excel workbook",
  request: { params },
  responses: {
    200: {
      description: 'The ledger',
      content: { [XLSX_MIME]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    401: errorResponses[401],
    403: errorResponses[403],
    404: errorResponses[404],
  },
});

/**
 * Ledger import and export, for administrators. Mounted under /api/rounds.
 * The access check is `requireAdmin` until the one policy covers the ledger.
 */
export const ledger = router()
  .openapi(preview, async (c) => {
    const { roundId } = c.req.valid('param');
    await requireLedgerAccess(c, roundId, 'manage');
    const form = c.req.valid('form');
    const options = parseOptions(form.options);
    const file = await ledgerFile(form.file);
    return c.json(await previewLedger(c.get('deps').sql, roundId, file, options.mapping), 200);
  })
  .openapi(importLedger, async (c) => {
    const { roundId } = c.req.valid('param');
    const actor = await requireLedgerAccess(c, roundId, 'manage');
    const form = c.req.valid('form');
    const options = parseOptions(form.options);
    const file = await ledgerFile(form.file);
    const { sql, clock } = c.get('deps');
    const result = await applyLedger(sql, roundId, file, {
      mapping: options.mapping,
      createUnits: options.createUnits,
      actor: { userId: actor.user.id, label: actor.user.username, address: c.get('address') },
      now: clock(),
    });
    return c.json(result, 200);
  })
  .openapi(download, async (c) => {
    const { roundId } = c.req.valid('param');
    await requireLedgerAccess(c, roundId, 'export');
    const { bytes, filename } = await exportLedger(c.get('deps').sql, roundId);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': XLSX_MIME,
      'content-disposition': `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
      'cache-control': 'no-store',
    });
  });

/** The ledger is round setup: administrators (`manage` on the round), through the one policy. */
async function requireLedgerAccess(
  c: Context<ApiEnv>,
  roundId: string,
  action: 'manage' | 'export',
) {
  const actor = requireActor(c);
  const round = await roundFacts(c.get('deps').sql, roundId);
  // Setting up the round's ledger is the administrators' job; exports are audited.
  await authorize(
    c,
    action === 'export' ? 'export' : 'manage',
    { kind: 'round', round },
    { resourceId: roundId },
  );
  return actor;
}

function parseOptions(raw: string | undefined): z.infer<typeof ImportOptionsSchema> {
  let value: unknown = {};
  if (raw?.trim()) {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new AppError('bad_request', 'options: not valid JSON');
    }
  }
  const parsed = ImportOptionsSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('bad_request', `options.${describeZodError(parsed.error)}`);
  }
  return parsed.data;
}

async function ledgerFile(file: File): Promise<LedgerFile> {
  if (file.size > MAX_LEDGER_BYTES) {
    throw new AppError(
      'payload_too_large',
      `The ledger file is larger than ${MAX_LEDGER_BYTES >> 20} MB.`,
    );
  }
  if (file.size === 0) throw new AppError('bad_request', 'The ledger file is empty.');
  return { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name };
}
