import * as Y from 'yjs';
import { ANNOTATION, REPLY, REVIEW } from './schema.ts';
import { offsetOf, relativePositionAt, statementPlainText } from './statement-text.ts';

export interface Quote {
  text: string;
  prefix: string;
  suffix: string;
}

export interface StatusChange {
  status: 'open' | 'resolved';
  by: string;
  at: string;
}

export interface Reply {
  id: string;
  authorId: string;
  authorName: string;
  at: string;
  text: string;
}

/** One annotation read out of the document as plain data. */
export interface AnnotationData {
  id: string;
  quote: Quote;
  questions: string[];
  frameworkVersion: number;
  step: string | null;
  evidence: { evidenceId: string; page: number | null } | null;
  interviewId: string | null;
  status: 'open' | 'resolved';
  statusHistory: StatusChange[];
  authorId: string;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  bodyText: string;
  replies: Reply[];
  anchorConfidence: number | null;
  orphaned: boolean;
  carriedFrom: string | null;
  deleted: boolean;
}

export const statementOf = (doc: Y.Doc) => doc.getXmlFragment(REVIEW.statement);
export const notesOf = (doc: Y.Doc) => doc.getXmlFragment(REVIEW.notes);
export const annotationsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(REVIEW.annotations);

const CONTEXT = 24;

/** The quote of [start, end) with a little context on each side, for re-anchoring later. */
export function quoteAt(text: string, start: number, end: number): Quote {
  return {
    text: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
  };
}

export interface NewAnnotation {
  id: string;
  /** Plain-text offsets into the statement (see statementPlainText). */
  start: number;
  end: number;
  authorId: string;
  authorName: string;
  questions?: string[];
  frameworkVersion?: number;
  step?: string | null;
  now?: Date;
  /** Already-encoded relative positions (the editor computes them from ProseMirror). */
  anchor?: { start: Uint8Array; end: Uint8Array };
  quote?: Quote;
  carriedFrom?: string;
  anchorConfidence?: number;
  orphaned?: boolean;
}

/** Adds an annotation over a passage of the statement, in one transaction. */
export function createAnnotation(doc: Y.Doc, a: NewAnnotation): Y.Map<unknown> {
  const fragment = statementOf(doc);
  const text = statementPlainText(fragment);
  const at = (a.now ?? new Date()).toISOString();
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    let startRel = a.anchor?.start;
    let endRel = a.anchor?.end;
    // An orphan has no anchor until a member re-attaches it.
    if (!a.orphaned && (!startRel || !endRel)) {
      const s = relativePositionAt(fragment, a.start, 0);
      const e = relativePositionAt(fragment, a.end, -1);
      if (!s || !e || a.end <= a.start)
        throw new Error(`no statement text at ${a.start}..${a.end}`);
      startRel = Y.encodeRelativePosition(s);
      endRel = Y.encodeRelativePosition(e);
    }
    map.set(ANNOTATION.id, a.id);
    if (startRel) map.set(ANNOTATION.anchorStart, startRel);
    if (endRel) map.set(ANNOTATION.anchorEnd, endRel);
    map.set(ANNOTATION.quote, a.quote ?? quoteAt(text, a.start, a.end));
    map.set(ANNOTATION.questions, Y.Array.from(a.questions ?? []));
    map.set(ANNOTATION.frameworkVersion, a.frameworkVersion ?? 1);
    map.set(ANNOTATION.step, a.step ?? null);
    map.set(ANNOTATION.status, 'open');
    map.set(ANNOTATION.statusHistory, Y.Array.from([{ status: 'open', by: a.authorId, at }]));
    map.set(ANNOTATION.authorId, a.authorId);
    map.set(ANNOTATION.authorName, a.authorName);
    map.set(ANNOTATION.createdAt, at);
    map.set(ANNOTATION.updatedAt, at);
    map.set(ANNOTATION.body, new Y.XmlFragment());
    map.set(ANNOTATION.replies, new Y.Array<Y.Map<unknown>>());
    if (a.carriedFrom) map.set(ANNOTATION.carriedFrom, a.carriedFrom);
    if (a.anchorConfidence !== undefined) map.set(ANNOTATION.anchorConfidence, a.anchorConfidence);
    if (a.orphaned) map.set(ANNOTATION.orphaned, true);
    annotationsOf(doc).set(a.id, map);
  });
  return map;
}

function touch(map: Y.Map<unknown>, now: Date) {
  map.set(ANNOTATION.updatedAt, now.toISOString());
}

export function setQuestions(doc: Y.Doc, id: string, questions: string[], now = new Date()): void {
  const map = mustGet(doc, id);
  doc.transact(() => {
    const arr = map.get(ANNOTATION.questions) as Y.Array<string>;
    arr.delete(0, arr.length);
    arr.push([...new Set(questions)]);
    touch(map, now);
  });
}

/** Toggles one question tag (the keyboard path: digits tag Q1–Q12). */
export function toggleQuestion(doc: Y.Doc, id: string, question: string, now = new Date()): void {
  const current = (mustGet(doc, id).get(ANNOTATION.questions) as Y.Array<string>).toArray();
  setQuestions(
    doc,
    id,
    current.includes(question) ? current.filter((q) => q !== question) : [...current, question],
    now,
  );
}

export function setStep(doc: Y.Doc, id: string, step: string | null, now = new Date()): void {
  const map = mustGet(doc, id);
  doc.transact(() => {
    map.set(ANNOTATION.step, step);
    touch(map, now);
  });
}

export function linkEvidence(
  doc: Y.Doc,
  id: string,
  evidence: { evidenceId: string; page: number | null } | null,
  now = new Date(),
): void {
  const map = mustGet(doc, id);
  doc.transact(() => {
    if (evidence) map.set(ANNOTATION.evidence, evidence);
    else map.delete(ANNOTATION.evidence);
    touch(map, now);
  });
}

export function linkInterview(
  doc: Y.Doc,
  id: string,
  interviewId: string | null,
  now = new Date(),
): void {
  const map = mustGet(doc, id);
  doc.transact(() => {
    if (interviewId) map.set(ANNOTATION.interviewId, interviewId);
    else map.delete(ANNOTATION.interviewId);
    touch(map, now);
  });
}

/** Resolves or reopens, keeping every change in the history. */
export function setStatus(
  doc: Y.Doc,
  id: string,
  status: 'open' | 'resolved',
  by: string,
  now = new Date(),
): void {
  const map = mustGet(doc, id);
  if (map.get(ANNOTATION.status) === status) return;
  doc.transact(() => {
    map.set(ANNOTATION.status, status);
    (map.get(ANNOTATION.statusHistory) as Y.Array<StatusChange>).push([
      { status, by, at: now.toISOString() },
    ]);
    touch(map, now);
  });
}

export function addReply(doc: Y.Doc, id: string, reply: Reply): void {
  const map = mustGet(doc, id);
  doc.transact(() => {
    const r = new Y.Map<unknown>();
    r.set(REPLY.id, reply.id);
    r.set(REPLY.authorId, reply.authorId);
    r.set(REPLY.authorName, reply.authorName);
    r.set(REPLY.at, reply.at);
    r.set(REPLY.text, reply.text);
    (map.get(ANNOTATION.replies) as Y.Array<Y.Map<unknown>>).push([r]);
    touch(map, new Date(reply.at));
  });
}

/** Soft delete: the annotation disappears from views and the projection marks it deleted. */
export function deleteAnnotation(doc: Y.Doc, id: string, now = new Date()): void {
  const map = mustGet(doc, id);
  doc.transact(() => {
    map.set(ANNOTATION.deleted, true);
    touch(map, now);
  });
}

/** Re-attaches an orphan to a new passage (by hand, after a new version). */
export function reattach(
  doc: Y.Doc,
  id: string,
  start: number,
  end: number,
  now = new Date(),
): void {
  const map = mustGet(doc, id);
  const fragment = statementOf(doc);
  const s = relativePositionAt(fragment, start, 0);
  const e = relativePositionAt(fragment, end, -1);
  if (!s || !e) throw new Error(`no statement text at ${start}..${end}`);
  doc.transact(() => {
    map.set(ANNOTATION.anchorStart, Y.encodeRelativePosition(s));
    map.set(ANNOTATION.anchorEnd, Y.encodeRelativePosition(e));
    map.set(ANNOTATION.quote, quoteAt(statementPlainText(fragment), start, end));
    map.set(ANNOTATION.orphaned, false);
    map.set(ANNOTATION.anchorConfidence, 1);
    touch(map, now);
  });
}

function mustGet(doc: Y.Doc, id: string): Y.Map<unknown> {
  const map = annotationsOf(doc).get(id);
  if (!map) throw new Error(`no annotation ${id}`);
  return map;
}

/** Plain text of a rich-text fragment (annotation bodies, notes), blocks on their own lines. */
export function fragmentText(fragment: Y.XmlFragment | undefined): string {
  if (!fragment) return '';
  const lines: string[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement, line: string[]): void => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        line.push(
          (child.toDelta() as Array<{ insert: unknown }>)
            .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
            .join(''),
        );
      } else if (child instanceof Y.XmlElement) {
        const inner: string[] = [];
        walk(child, inner);
        if (inner.length) lines.push(inner.join(''));
      }
    }
  };
  const top: string[] = [];
  walk(fragment, top);
  if (top.length) lines.unshift(top.join(''));
  return lines.join('\n');
}

export function readAnnotation(map: Y.Map<unknown>): AnnotationData {
  const replies =
    (map.get(ANNOTATION.replies) as Y.Array<Y.Map<unknown>> | undefined)?.toArray() ?? [];
  return {
    id: String(map.get(ANNOTATION.id)),
    quote: (map.get(ANNOTATION.quote) as Quote | undefined) ?? { text: '', prefix: '', suffix: '' },
    questions: (map.get(ANNOTATION.questions) as Y.Array<string> | undefined)?.toArray() ?? [],
    frameworkVersion: Number(map.get(ANNOTATION.frameworkVersion) ?? 1),
    step: (map.get(ANNOTATION.step) as string | null | undefined) ?? null,
    evidence: (map.get(ANNOTATION.evidence) as AnnotationData['evidence'] | undefined) ?? null,
    interviewId: (map.get(ANNOTATION.interviewId) as string | undefined) ?? null,
    status: map.get(ANNOTATION.status) === 'resolved' ? 'resolved' : 'open',
    statusHistory:
      (map.get(ANNOTATION.statusHistory) as Y.Array<StatusChange> | undefined)?.toArray() ?? [],
    authorId: String(map.get(ANNOTATION.authorId) ?? ''),
    authorName: String(map.get(ANNOTATION.authorName) ?? ''),
    createdAt: String(map.get(ANNOTATION.createdAt) ?? ''),
    updatedAt: String(map.get(ANNOTATION.updatedAt) ?? ''),
    bodyText: fragmentText(map.get(ANNOTATION.body) as Y.XmlFragment | undefined),
    replies: replies.map((r) => ({
      id: String(r.get(REPLY.id)),
      authorId: String(r.get(REPLY.authorId)),
      authorName: String(r.get(REPLY.authorName)),
      at: String(r.get(REPLY.at)),
      text: String(r.get(REPLY.text)),
    })),
    anchorConfidence: (map.get(ANNOTATION.anchorConfidence) as number | undefined) ?? null,
    orphaned: map.get(ANNOTATION.orphaned) === true,
    carriedFrom: (map.get(ANNOTATION.carriedFrom) as string | undefined) ?? null,
    deleted: map.get(ANNOTATION.deleted) === true,
  };
}

export function readAnnotations(doc: Y.Doc): AnnotationData[] {
  return [...annotationsOf(doc).values()].map(readAnnotation);
}

/** Where an annotation's passage is now, in plain-text offsets, or undefined when gone. */
export function annotationRange(
  doc: Y.Doc,
  id: string,
): { start: number; end: number } | undefined {
  const map = annotationsOf(doc).get(id);
  const s = map?.get(ANNOTATION.anchorStart) as Uint8Array | undefined;
  const e = map?.get(ANNOTATION.anchorEnd) as Uint8Array | undefined;
  if (!s || !e) return undefined;
  const fragment = statementOf(doc);
  const start = offsetOf(doc, fragment, Y.decodeRelativePosition(s));
  const end = offsetOf(doc, fragment, Y.decodeRelativePosition(e));
  return start === undefined || end === undefined ? undefined : { start, end };
}
