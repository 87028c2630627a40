import {
  type AnnotationData,
  annotationAt,
  annotationsOf,
  parseDocName,
  readAnnotation,
  reportDocTexts,
  textDocPlain,
  touchedAnnotationKeys,
} from '@rectify/domain';
import {
  type AnnotationProjectionRow,
  type ReportProjection,
  type ReviewProjection,
  TEXT_DOC_KINDS,
  type TextProjection,
} from '@rectify/store';
import type * as Y from 'yjs';

/**
 * Captures, right after an update was applied, what the store's projector
 * needs to keep SQL in step with the doc (`AppendOptions.projection`), or
 * undefined when the doc kind has no projection or the update touched none of it.
 */
export type CaptureProjection = (
  docName: string,
  doc: Y.Doc,
  transaction: Y.Transaction,
) => unknown | undefined;

/** One counter for the whole process, so captures of every room are ordered. */
let captures = 0;

function row(key: string, data: AnnotationData): AnnotationProjectionRow {
  // The map key is the annotation's identity (a map holds each key once).
  return { ...data, id: key };
}

/** The annotations under `keys` as they are now; keys no longer holding an annotation are removed. */
export function reviewProjectionOf(doc: Y.Doc, keys: Iterable<string>): ReviewProjection {
  const upserts: AnnotationProjectionRow[] = [];
  const removed: string[] = [];
  for (const key of keys) {
    const map = annotationAt(doc, key);
    if (map) upserts.push(row(key, readAnnotation(map)));
    else removed.push(key);
  }
  return { order: ++captures, upserts, removed };
}

/** Every annotation of a review doc (a doc seeded or carried on the server). */
export function fullReviewProjection(doc: Y.Doc): ReviewProjection {
  return reviewProjectionOf(doc, annotationsOf(doc).keys());
}

/** The default capture: the touched annotations of review documents. */
export const captureReviewProjection: CaptureProjection = (docName, doc, transaction) => {
  if (parseDocName(docName)?.kind !== 'review') return undefined;
  const keys = touchedAnnotationKeys(doc, transaction);
  return keys.size === 0 ? undefined : reviewProjectionOf(doc, keys);
};

/** One-text documents (minutes, interview records, finding descriptions): their whole plain text. */
export const captureTextProjection: CaptureProjection = (docName, doc) => {
  const kind = parseDocName(docName)?.kind;
  if (!kind || !(TEXT_DOC_KINDS as readonly string[]).includes(kind)) return undefined;
  const projection: TextProjection = { order: ++captures, text: textDocPlain(doc) };
  return projection;
};

/** Report documents: their three co-edited texts. */
export const captureReportProjection: CaptureProjection = (docName, doc) => {
  if (parseDocName(docName)?.kind !== 'report') return undefined;
  const projection: ReportProjection = { order: ++captures, texts: reportDocTexts(doc) };
  return projection;
};

/**
 * What the server captures by default: annotations of review docs, the text
 * of one-text docs, the texts of report drafts.
 */
export const captureDefaultProjection: CaptureProjection = (docName, doc, transaction) =>
  captureReviewProjection(docName, doc, transaction) ??
  captureTextProjection(docName, doc, transaction) ??
  captureReportProjection(docName, doc, transaction);
