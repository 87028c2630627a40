import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError, isAppError } from '@rectify/domain';
import type { TransactionSql } from '@rectify/store';
import type { Context } from 'hono';
import type { ApiDeps } from '../deps.ts';
import type { ApiEnv } from '../env.ts';
import { lockBlob, releaseBlob } from './blob-refs.ts';
import { extractEvidenceText, hasExtractableText, scheduleEvidenceText } from './extract-text.ts';
import { cleanOriginalName, sanitizeStoredName } from './file-name.ts';
import { EXTRACT_MAX_BYTES, formatBytes, maxUploadBytes, SYNC_EXTRACT_BYTES } from './limits.ts';
import { judge, judgeName, sniffBlob } from './sniff.ts';

/**
 * One uploaded file, stored in the blob store and judged by its bytes, but
 * not yet recorded anywhere: until a row references the hash, the caller owns
 * the blob and must record it (`recordUpload`) or release it.
 */
export interface ReceivedFile {
  hash: string;
  size: number;
  mime: string;
  originalName: string;
  storedName: string;
  /** Text will be extracted (`finishUpload`): the type has text and the file is not too large to parse. */
  extractable: boolean;
  /** The `text_state` the evidence row starts in. */
  textState: 'pending' | 'none';
}

/** What the caller's record step answers: the evidence row, and whether it is new. */
export interface RecordedUpload {
  id: string;
  created: boolean;
}

function tooLarge(limit: number): AppError {
  const size = formatBytes(limit);
  return new AppError(
    'payload_too_large',
    `文件过大：单个文件不能超过 ${size}。请压缩或拆分后再上传。 The file is larger than the ${size} limit.`,
    { maxBytes: limit },
  );
}

function declaredLength(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  if (!/^\d{1,16}$/.test(header.trim())) {
    throw new AppError('bad_request', 'Content-Length is not a number.');
  }
  return Number(header.trim());
}

const empty = () => new AppError('bad_request', '文件为空。The file is empty.');

/**
 * Streams the raw request body into the blob store (hashed on the way, never
 * held in memory; an over-long body is cut off at the limit) and decides its
 * type from the stored bytes. A name of a refused type is refused before any
 * byte is read; an empty file, or one that is not what its name says, is
 * refused and its blob released. Call it after authorizing the request.
 */
export async function receiveUpload(c: Context<ApiEnv>, filename: string): Promise<ReceivedFile> {
  const deps = c.get('deps');
  const originalName = cleanOriginalName(filename);
  const storedName = sanitizeStoredName(originalName);
  const byName = judgeName(storedName);
  if (!byName.ok) throw new AppError('unsupported_media_type', byName.message);

  const limit = maxUploadBytes(deps);
  const size = declaredLength(c.req.header('content-length'));
  if (size !== undefined && size > limit) throw tooLarge(limit);
  const body = c.req.raw.body;
  if (!body || size === 0) throw empty();

  let put: Awaited<ReturnType<typeof deps.blobs.put>>;
  try {
    put = await deps.blobs.put(Readable.fromWeb(body as WebReadableStream<Uint8Array>), {
      size,
      maxBytes: limit,
    });
  } catch (e) {
    if (isAppError(e) && e.code === 'payload_too_large') throw tooLarge(limit);
    throw e;
  }
  if (put.size === 0) {
    await releaseBlob(deps.sql, deps.blobs, put.hash);
    throw empty();
  }

  const verdict = judge(storedName, await sniffBlob(deps.blobs, put.hash, put.size));
  if (!verdict.ok) {
    await releaseBlob(deps.sql, deps.blobs, put.hash);
    throw new AppError('unsupported_media_type', verdict.message, {
      ...(verdict.detected ? { detected: verdict.detected } : {}),
    });
  }

  // Files too large to parse never wait for text that will not come.
  const extractable = hasExtractableText(verdict.mime) && put.size <= EXTRACT_MAX_BYTES;
  return {
    hash: put.hash,
    size: put.size,
    mime: verdict.mime,
    originalName,
    storedName,
    extractable,
    textState: extractable ? 'pending' : 'none',
  };
}

/**
 * Runs the caller's record step (which rows, which audit entry, which dedupe
 * rule) in one transaction that holds the blob's lock, after making sure the
 * bytes are still there: a refused upload of the same bytes may have removed
 * them meanwhile. If recording fails, nothing references the bytes, so the
 * blob is released rather than left behind.
 */
export async function recordUpload(
  deps: ApiDeps,
  received: ReceivedFile,
  record: (tx: TransactionSql) => Promise<RecordedUpload>,
): Promise<RecordedUpload> {
  try {
    return await deps.sql.begin(async (tx) => {
      await lockBlob(tx, received.hash);
      if (!(await deps.blobs.has(received.hash))) {
        throw new AppError(
          'conflict',
          '上传未完成，请重试。The upload was interrupted; try again.',
        );
      }
      return record(tx);
    });
  } catch (e) {
    await releaseBlob(deps.sql, deps.blobs, received.hash).catch(() => undefined);
    throw e;
  }
}

/**
 * Extracts the text of a newly recorded file: at once for small files, in the
 * background for large ones. A reused row already has (or awaits) its text.
 */
export async function finishUpload(
  deps: ApiDeps,
  stored: RecordedUpload,
  received: ReceivedFile,
): Promise<void> {
  if (!stored.created || !received.extractable) return;
  if (received.size <= SYNC_EXTRACT_BYTES) {
    await extractEvidenceText(deps.sql, deps.blobs, stored.id, deps.clock);
  } else {
    scheduleEvidenceText(deps.sql, deps.blobs, stored.id, deps.clock);
  }
}
