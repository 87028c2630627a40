import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '@rectify/domain';
import { ErrorSchema, errorResponses, json, router } from '../lib/openapi.ts';
import { signedIn } from '../statements/signed-in.ts';
import { authorizeEvidence } from './evidence-access.ts';
import { deleteEvidence } from './evidence-delete.ts';
import { EvidenceItemSchema, evidenceById, presentEvidence } from './evidence-list.ts';
import { assertInlineViewable, blobResponse, PreviewSchema, previewOf } from './evidence-view.ts';
import { MAX_ORIGINAL_NAME } from './file-name.ts';
import { uploadEvidence } from './upload.ts';

const errorJson = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorSchema } },
});

const IdParam = z.object({ id: z.uuid() });
const binary = (description: string) => ({
  description,
  content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
});

const upload = createRoute({
  method: 'post',
  path: '/',
  middleware: [signedIn] as const,
  tags: ['evidence'],
  summary: "Upload one evidence file to the unit's draft (the raw file is the request body)",
  description:
    'Send the file itself as the body (any Content-Type; Content-Length when known). The type is ' +
    'decided from the bytes: PDF, DOCX, XLSX, PPTX, JPEG, PNG or plain text, matching the name.',
  request: {
    query: z.object({
      taskId: z.uuid(),
      unitId: z.uuid(),
      filename: z.string().min(1).max(MAX_ORIGINAL_NAME),
    }),
    body: { content: { '*/*': { schema: z.string().openapi({ format: 'binary' }) } } },
  },
  responses: {
    201: json(EvidenceItemSchema, 'Stored and attached to the draft'),
    200: json(EvidenceItemSchema, 'The same file was already attached to this draft'),
    ...errorResponses,
    413: errorJson('Larger than the upload limit'),
    415: errorJson('Not an accepted type, or the content does not match the name'),
  },
});

const getOne = createRoute({
  method: 'get',
  path: '/{id}',
  middleware: [signedIn] as const,
  tags: ['evidence'],
  summary: 'One evidence file: metadata, versions, reuse elsewhere in the round (inspectors)',
  request: { params: IdParam },
  responses: { 200: json(EvidenceItemSchema), 401: errorResponses[401], 404: errorResponses[404] },
});

const remove = createRoute({
  method: 'delete',
  path: '/{id}',
  middleware: [signedIn] as const,
  tags: ['evidence'],
  summary: "Take evidence off the unit's draft (deleted unless a submitted version includes it)",
  request: { params: IdParam },
  responses: {
    200: json(z.object({ deleted: z.boolean(), unlinked: z.boolean() })),
    ...errorResponses,
  },
});

const download = createRoute({
  method: 'get',
  path: '/{id}/download',
  middleware: [signedIn] as const,
  tags: ['evidence'],
  summary: 'The file as an attachment (an export: audited)',
  request: { params: IdParam },
  responses: { 200: binary('The file'), 401: errorResponses[401], 404: errorResponses[404] },
});

const raw = createRoute({
  method: 'get',
  path: '/{id}/raw',
  middleware: [signedIn] as const,
  tags: ['evidence'],
  summary: 'A PDF or image inline, sandboxed, for the viewer',
  request: { params: IdParam },
  responses: {
    200: binary('The file'),
    401: errorResponses[401],
    404: errorResponses[404],
    415: errorJson('Not a PDF or image'),
  },
});

const preview = createRoute({
  method: 'get',
  path: '/{id}/preview',
  middleware: [signedIn] as const,
  tags: ['evidence'],
  summary: 'What the viewer shows: DOCX as sanitized HTML, XLSX as cell text, text, PDF pages',
  request: { params: IdParam },
  responses: { 200: json(PreviewSchema), 401: errorResponses[401], 404: errorResponses[404] },
});

const pageText = createRoute({
  method: 'get',
  path: '/{id}/pages/{page}/text',
  middleware: [signedIn] as const,
  tags: ['evidence'],
  summary: 'Extracted text of one page (page 1 for DOCX and text files)',
  request: {
    params: z.object({ id: z.uuid(), page: z.coerce.number().int().min(1).max(100_000) }),
  },
  responses: {
    200: json(
      z.object({
        evidenceId: z.string(),
        page: z.number().int(),
        pages: z.number().int().nullable(),
        text: z.string(),
      }),
    ),
    401: errorResponses[401],
    404: errorResponses[404],
    409: errorJson('Text not extracted (yet)'),
  },
});

/** Evidence files: upload, metadata, download, inline view, preview, page text. Mount at /api/evidence. */
export const evidence = router()
  .openapi(upload, async (c) => {
    const result = await uploadEvidence(c, c.req.valid('query'));
    return c.json(result.evidence, result.status);
  })
  .openapi(getOne, async (c) => {
    const ev = await authorizeEvidence(c, 'read', c.req.valid('param').id);
    const row = await evidenceById(c.get('deps').sql, ev.id);
    const [item] = await presentEvidence(c, ev.facts, [row!]);
    return c.json(item!, 200);
  })
  .openapi(remove, async (c) => {
    const ev = await authorizeEvidence(c, 'write', c.req.valid('param').id);
    return c.json(await deleteEvidence(c, ev), 200);
  })
  .openapi(download, async (c) => {
    const ev = await authorizeEvidence(c, 'export', c.req.valid('param').id);
    return blobResponse(c, ev, 'attachment');
  })
  .openapi(raw, async (c) => {
    const ev = await authorizeEvidence(c, 'read', c.req.valid('param').id);
    assertInlineViewable(ev);
    return blobResponse(c, ev, 'inline');
  })
  .openapi(preview, async (c) => {
    const ev = await authorizeEvidence(c, 'read', c.req.valid('param').id);
    return c.json(await previewOf(c, ev), 200);
  })
  .openapi(pageText, async (c) => {
    const { id, page } = c.req.valid('param');
    const ev = await authorizeEvidence(c, 'read', id);
    const [row] = await c.get('deps').sql<{ text: string }[]>`
      SELECT text FROM evidence_pages WHERE evidence_id = ${id} AND page = ${page}`;
    if (!row) {
      if (ev.textState === 'pending') {
        throw new AppError(
          'conflict',
          '正在提取文字，请稍后再试。The text is still being extracted.',
        );
      }
      throw new AppError('not_found', 'No text for this page.');
    }
    return c.json({ evidenceId: id, page, pages: ev.pages, text: row.text }, 200);
  });
