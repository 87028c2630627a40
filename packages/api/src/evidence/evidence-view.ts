import { Readable } from 'node:stream';
import { z } from '@hono/zod-openapi';
import { AppError } from '@rectify/domain';
import type { Context } from 'hono';
import type { ApiEnv } from '../env.ts';
import { readPrefix, readWhole } from './blob-bytes.ts';
import type { EvidenceRecord } from './evidence-access.ts';
import { contentDisposition } from './file-name.ts';
import { MAX_TEXT_CHARS, PREVIEW_MAX_BYTES } from './limits.ts';
import { docxToSafeHtml, xlsxToSheets } from './preview.ts';
import { isInlineViewable, kindOfMime } from './sniff.ts';
import { charsetOf, decodeText } from './text-decode.ts';

/**
 * The blob as a response: streamed, never sniffed by the browser, never
 * cached by anyone but the caller. Inline views run sandboxed, so even a file
 * that slipped past the checks cannot script the application's origin.
 */
export async function blobResponse(
  c: Context<ApiEnv>,
  ev: EvidenceRecord,
  disposition: 'attachment' | 'inline',
): Promise<Response> {
  const stream = await c.get('deps').blobs.get(ev.hash);
  const headers: Record<string, string> = {
    'content-type': ev.mime,
    'content-length': String(ev.size),
    'content-disposition': contentDisposition(disposition, ev.storedName),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
  };
  if (disposition === 'inline') headers['content-security-policy'] = 'sandbox';
  return c.body(Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>, 200, headers);
}

/** Only PDFs and images are shown inline; the rest is downloaded or previewed as JSON. */
export function assertInlineViewable(ev: EvidenceRecord): void {
  if (!isInlineViewable(ev.mime)) {
    throw new AppError(
      'unsupported_media_type',
      '此类文件不能直接在浏览器中打开，请使用预览或下载。Only PDFs and images open inline; use the preview or download.',
    );
  }
}

export const PreviewSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('pdf'), pages: z.number().int().nullable() }),
    z.object({ kind: z.literal('image'), mime: z.string() }),
    z.object({ kind: z.literal('docx'), html: z.string() }),
    z.object({
      kind: z.literal('xlsx'),
      sheets: z.array(
        z.object({ name: z.string(), rows: z.array(z.array(z.string())), truncated: z.boolean() }),
      ),
    }),
    z.object({ kind: z.literal('text'), text: z.string(), truncated: z.boolean() }),
    z.object({
      kind: z.literal('unavailable'),
      reason: z.enum(['too_large', 'unsupported', 'unreadable']),
      message: z.string(),
    }),
  ])
  .openapi('EvidencePreview');
export type Preview = z.infer<typeof PreviewSchema>;

/**
 * What the viewer shows for a file: PDFs and images load from /raw; DOCX as
 * sanitized HTML; XLSX as rows of cell text; text as text. Files too large to
 * convert in memory, or that fail to parse, are offered for download instead.
 */
export async function previewOf(c: Context<ApiEnv>, ev: EvidenceRecord): Promise<Preview> {
  const { blobs } = c.get('deps');
  const kind = kindOfMime(ev.mime);
  switch (kind) {
    case 'pdf':
      return { kind: 'pdf', pages: ev.pages };
    case 'png':
    case 'jpeg':
      return { kind: 'image', mime: ev.mime };
    case 'text': {
      const bytes = await readPrefix(blobs, ev.hash, MAX_TEXT_CHARS);
      return {
        kind: 'text',
        text: decodeText(bytes, charsetOf(ev.mime)),
        truncated: ev.size > bytes.length,
      };
    }
    case 'docx':
    case 'xlsx': {
      if (ev.size > PREVIEW_MAX_BYTES) {
        return {
          kind: 'unavailable',
          reason: 'too_large',
          message: '文件较大，无法在线预览，请下载查看。Too large to preview; download it instead.',
        };
      }
      try {
        const bytes = await readWhole(blobs, ev.hash, PREVIEW_MAX_BYTES);
        return kind === 'docx'
          ? { kind: 'docx', html: await docxToSafeHtml(bytes) }
          : { kind: 'xlsx', sheets: await xlsxToSheets(bytes) };
      } catch {
        return {
          kind: 'unavailable',
          reason: 'unreadable',
          message: '文件无法解析，请下载查看。The file could not be read; download it instead.',
        };
      }
    }
    default:
      return {
        kind: 'unavailable',
        reason: 'unsupported',
        message:
          '此类文件不支持在线预览，请下载查看。No preview for this kind of file; download it.',
      };
  }
}
