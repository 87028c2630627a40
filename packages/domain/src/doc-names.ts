/**
 * Names of live (Yjs) documents. Built and parsed only here, so the API,
 * collab server and editor never spell a doc name by hand.
 *
 * review.<statementVersionId>  the review document of one statement version
 * finding.<findingId>          a finding's co-edited description
 * minutes.<meetingId>          a meeting's co-edited minutes
 * interview.<interviewId>      an interview record
 * report.<reportId>            an editable report draft
 */
export const DOC_KINDS = ['review', 'finding', 'minutes', 'interview', 'report'] as const;
export type DocKind = (typeof DOC_KINDS)[number];
export interface DocRef {
  kind: DocKind;
  id: string;
}

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ANY_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function docName(kind: DocKind, id: string): string {
  if (!ANY_ID.test(id)) throw new Error(`invalid document id: ${id}`);
  return `${kind}.${id}`;
}

/** Returns undefined for anything that is not a well-formed doc name. */
export function parseDocName(name: string): DocRef | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const kind = name.slice(0, dot) as DocKind;
  const id = name.slice(dot + 1);
  if (!DOC_KINDS.includes(kind) || !ANY_ID.test(id)) return undefined;
  return { kind, id };
}

export const isUuid = (s: string): boolean => ID.test(s);
