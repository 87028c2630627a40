import type * as Y from 'yjs';
import {
  type AnnotationData,
  createAnnotation,
  readAnnotations,
  statementOf,
} from './annotations.ts';
import { ANNOTATION } from './schema.ts';
import { statementPlainText } from './statement-text.ts';

export interface CarryResult {
  carried: Array<{ id: string; from: string; confidence: number }>;
  orphans: Array<{ id: string; from: string; confidence: number }>;
}

/** Below this a passage is not moved: it is listed as an orphan to re-attach by hand. */
export const DEFAULT_CARRY_THRESHOLD = 0.6;

const squash = (s: string) => s.replace(/[\s\p{P}]/gu, '');

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Finds the quote in the new text. An exact match scores 0.6 plus up to 0.4
 * for how much of its context matches; several exact matches are told apart
 * by context; a match only after ignoring spaces and punctuation scores at
 * most 0.7. Nothing found: confidence 0.
 */
export function locateQuote(
  text: string,
  quote: { text: string; prefix: string; suffix: string },
): { start: number; end: number; confidence: number } | undefined {
  if (!quote.text) return undefined;
  let best: { start: number; end: number; confidence: number } | undefined;
  for (let i = text.indexOf(quote.text); i >= 0; i = text.indexOf(quote.text, i + 1)) {
    const end = i + quote.text.length;
    const pre = quote.prefix
      ? commonSuffix(text.slice(0, i), quote.prefix) / quote.prefix.length
      : 1;
    const suf = quote.suffix
      ? commonPrefix(text.slice(end), quote.suffix) / quote.suffix.length
      : 1;
    const confidence = 0.6 + 0.2 * pre + 0.2 * suf;
    if (!best || confidence > best.confidence) best = { start: i, end, confidence };
  }
  if (best) return best;
  // Ignore whitespace and punctuation edits (a comma turned into 、 etc.).
  const target = squash(quote.text);
  if (target.length < 4) return undefined;
  const map: number[] = [];
  let squashed = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (squash(ch)) {
      map.push(i);
      squashed += ch;
    }
  }
  const at = squashed.indexOf(target);
  if (at < 0) return undefined;
  return { start: map[at]!, end: map[at + target.length - 1]! + 1, confidence: 0.7 };
}

/**
 * Carries open annotations of an earlier version's document into the new
 * version's document by matching their quotes. Each carried annotation records
 * its confidence; below the threshold it is added as an orphan (no anchor) for
 * a member to re-attach. Nothing moves silently.
 */
export function carryAnnotations(
  from: Y.Doc,
  to: Y.Doc,
  opts: { newId: (old: AnnotationData) => string; threshold?: number; now?: Date },
): CarryResult {
  const threshold = opts.threshold ?? DEFAULT_CARRY_THRESHOLD;
  const text = statementPlainText(statementOf(to));
  const result: CarryResult = { carried: [], orphans: [] };
  for (const old of readAnnotations(from)) {
    if (old.deleted || old.status !== 'open') continue;
    const hit = locateQuote(text, old.quote);
    const confidence = hit?.confidence ?? 0;
    const id = opts.newId(old);
    const orphan = !hit || confidence < threshold;
    const map = createAnnotation(to, {
      id,
      start: orphan ? 0 : hit.start,
      end: orphan ? 0 : hit.end,
      quote: old.quote,
      authorId: old.authorId,
      authorName: old.authorName,
      questions: old.questions,
      frameworkVersion: old.frameworkVersion,
      step: old.step,
      now: opts.now,
      carriedFrom: old.id,
      anchorConfidence: confidence,
      orphaned: orphan,
    });
    if (old.evidence) map.set(ANNOTATION.evidence, old.evidence);
    (orphan ? result.orphans : result.carried).push({ id, from: old.id, confidence });
  }
  return result;
}
