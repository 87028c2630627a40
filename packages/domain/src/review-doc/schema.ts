/**
 * The review document (one Y.Doc per statement version). Every shared-type
 * and field name is spelled here and nowhere else.
 */
export const SCHEMA_VERSION = 1;

export const REVIEW = {
  /** XmlFragment: the unit's submitted text, seeded by the server, read-only. */
  statement: 'statement',
  /** Y.Map<annotationId, Y.Map>: the annotations. */
  annotations: 'annotations',
  /** XmlFragment: the group's shared working notes on this statement. */
  notes: 'notes',
  /** Y.Map: facts about the doc (schema version, statement version id). */
  meta: 'meta',
} as const;

/** Fields of one annotation's Y.Map. */
export const ANNOTATION = {
  id: 'id',
  /** Uint8Array: encoded Yjs relative position of the start in `statement`. */
  anchorStart: 'anchorStart',
  anchorEnd: 'anchorEnd',
  /** { text, prefix, suffix }: the quoted passage with context, for re-anchoring. */
  quote: 'quote',
  /** Y.Array<string>: Q-codes of the round's framework. */
  questions: 'questions',
  frameworkVersion: 'frameworkVersion',
  /** 'S1' | 'S2' | 'S3' */
  step: 'step',
  /** { evidenceId, page } or absent. */
  evidence: 'evidence',
  /** Interview record linked from an S3 annotation. */
  interviewId: 'interviewId',
  /** 'open' | 'resolved' */
  status: 'status',
  /** Y.Array<{ status, by, at }>: every resolve and reopen. */
  statusHistory: 'statusHistory',
  authorId: 'authorId',
  authorName: 'authorName',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  /** XmlFragment: the co-edited body. */
  body: 'body',
  /** Y.Array<Y.Map>: replies. */
  replies: 'replies',
  /** Set when carried from an earlier version: how sure the re-anchoring was (0..1). */
  anchorConfidence: 'anchorConfidence',
  /** True when the passage could not be found again: shown as an orphan to re-attach. */
  orphaned: 'orphaned',
  /** The annotation this one was carried from (earlier statement version). */
  carriedFrom: 'carriedFrom',
  deleted: 'deleted',
} as const;

export const REPLY = {
  id: 'id',
  authorId: 'authorId',
  authorName: 'authorName',
  at: 'at',
  text: 'text',
} as const;

export const META = {
  schemaVersion: 'schemaVersion',
  statementVersionId: 'statementVersionId',
  seeded: 'seeded',
} as const;
