import { appendAudit, type BlobStore, type Sql } from '@rectify/store';
import mammoth from 'mammoth';
import { readWhole } from './blob-bytes.ts';
import type { TextState } from './evidence-list.ts';
import { EXTRACT_MAX_BYTES, MAX_TEXT_CHARS } from './limits.ts';
import { pdfPageTexts } from './pdf-text.ts';
import { kindOfMime } from './sniff.ts';
import { charsetOf, decodeText } from './text-decode.ts';

/** Formats whose text is extracted (the others have none to offer: images, slides, sheets). */
export function hasExtractableText(mime: string): boolean {
  const kind = kindOfMime(mime);
  return kind === 'pdf' || kind === 'docx' || kind === 'text';
}

export interface ExtractResult {
  state: TextState;
  pages: number | null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL cannot be stored in text
const clean = (s: string) => s.replace(/\u0000/g, '').slice(0, MAX_TEXT_CHARS);

/**
 * Extracts the text of one evidence file into `evidence_pages` (one row per
 * PDF page; page 1 for DOCX and text files), sets `pages` for PDFs and
 * `text_state` to done, failed or none (no text to extract, or too large to
 * parse). Idempotent: pages are replaced. Never throws for a bad file; the
 * server also runs it at startup for evidence still pending (demo files).
 */
export async function extractEvidenceText(
  sql: Sql,
  blobs: BlobStore,
  evidenceId: string,
  clock: () => Date = () => new Date(),
): Promise<ExtractResult> {
  const [row] = await sql<{ hash: string; size: string; mime: string; roundId: string }[]>`
    SELECT hash, size, mime, round_id FROM evidence WHERE id = ${evidenceId}`;
  if (!row) return { state: 'none', pages: null };
  const size = Number(row.size);
  const kind = kindOfMime(row.mime);
  if (!hasExtractableText(row.mime) || size > EXTRACT_MAX_BYTES) {
    await record(sql, evidenceId, row.roundId, { state: 'none', pages: null }, [], clock, {
      reason: size > EXTRACT_MAX_BYTES ? 'too_large' : 'no_text_format',
    });
    return { state: 'none', pages: null };
  }
  let texts: string[];
  let pages: number | null = null;
  try {
    const bytes = await readWhole(blobs, row.hash, EXTRACT_MAX_BYTES);
    if (kind === 'pdf') {
      const pdf = await pdfPageTexts(new Uint8Array(bytes));
      texts = pdf.texts;
      pages = pdf.pages;
    } else if (kind === 'docx') {
      texts = [(await mammoth.extractRawText({ buffer: bytes })).value.trim()];
    } else {
      texts = [decodeText(bytes, charsetOf(row.mime))];
    }
  } catch (e) {
    await record(sql, evidenceId, row.roundId, { state: 'failed', pages: null }, [], clock, {
      reason: (e as Error).message?.slice(0, 200) ?? 'unknown',
    });
    return { state: 'failed', pages: null };
  }
  const result: ExtractResult = { state: 'done', pages };
  await record(sql, evidenceId, row.roundId, result, texts.map(clean), clock, {
    pages: texts.length,
  });
  return result;
}

async function record(
  sql: Sql,
  evidenceId: string,
  roundId: string,
  result: ExtractResult,
  texts: string[],
  clock: () => Date,
  details: Record<string, unknown>,
): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`DELETE FROM evidence_pages WHERE evidence_id = ${evidenceId}`;
    for (let start = 0; start < texts.length; start += 500) {
      const rows = texts
        .slice(start, start + 500)
        .map((text, i) => ({ evidenceId, page: start + i + 1, text }));
      await tx`INSERT INTO evidence_pages ${tx(rows, 'evidenceId', 'page', 'text')}`;
    }
    await tx`UPDATE evidence SET text_state = ${result.state}, pages = coalesce(${result.pages}, pages)
             WHERE id = ${evidenceId}`;
    await appendAudit(
      tx,
      {
        actorLabel: 'system',
        action: 'evidence.extract_text',
        resourceType: 'evidence',
        resourceId: evidenceId,
        roundId,
        outcome: result.state === 'failed' ? 'failed' : 'ok',
        details: { state: result.state, ...details },
      },
      clock(),
    );
  });
}

/**
 * Extraction after the answer, for large files: one at a time, so a burst of
 * big PDFs does not hold several in memory at once.
 */
let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;

export function scheduleEvidenceText(
  sql: Sql,
  blobs: BlobStore,
  evidenceId: string,
  clock?: () => Date,
): void {
  waiting++;
  queue = queue
    .then(() => extractEvidenceText(sql, blobs, evidenceId, clock))
    .catch((e) => console.error(`[evidence] text extraction of ${evidenceId} failed`, e))
    .finally(() => {
      waiting--;
    });
}

/** Resolves once no background extraction is queued or running (tests, shutdown). */
export async function evidenceTextSettled(): Promise<void> {
  while (waiting > 0) await queue;
}

/** Extracts every evidence file still pending (startup: demo files, work cut short by a restart). */
export async function extractPendingEvidenceText(
  sql: Sql,
  blobs: BlobStore,
  clock?: () => Date,
): Promise<number> {
  const rows = await sql<{ id: string }[]>`
    SELECT id FROM evidence WHERE text_state = 'pending' ORDER BY uploaded_at`;
  for (const r of rows) {
    try {
      await extractEvidenceText(sql, blobs, r.id, clock);
    } catch (e) {
      console.error(`[evidence] text extraction of ${r.id} failed`, e);
    }
  }
  return rows.length;
}
