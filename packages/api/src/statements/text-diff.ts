import { diffArrays } from 'diff';

export type DiffOp = 'equal' | 'insert' | 'delete';
export interface DiffSegment {
  op: DiffOp;
  text: string;
}

/**
 * Tokens for comparing statements: each Han character on its own (Chinese
 * has no spaces, so a "word" diff would treat a whole sentence as one word),
 * runs of letters/digits as words, whitespace runs, and any other single
 * character (punctuation, symbols).
 */
const TOKEN = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}_])+|\s+|[\s\S]/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Past this many edits the comparison stops and the texts are shown as replaced. */
const MAX_EDIT_LENGTH = 20_000;

/**
 * What changed from `before` to `after`, as runs of equal, inserted and
 * deleted text that concatenate back to either side (equal + delete gives
 * `before`, equal + insert gives `after`).
 */
export function diffText(before: string, after: string): DiffSegment[] {
  const changes = diffArrays(tokenize(before), tokenize(after), {
    maxEditLength: MAX_EDIT_LENGTH,
  });
  const raw: DiffSegment[] = changes
    ? changes.map((ch) => ({
        op: ch.added ? 'insert' : ch.removed ? 'delete' : 'equal',
        text: ch.value.join(''),
      }))
    : [
        { op: 'delete', text: before },
        { op: 'insert', text: after },
      ];
  const out: DiffSegment[] = [];
  for (const s of raw) {
    if (!s.text) continue;
    const last = out.at(-1);
    if (last && last.op === s.op) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/** Characters inserted and deleted, for a one-line summary. */
export function diffStats(segments: readonly DiffSegment[]): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const s of segments) {
    const n = [...s.text].length;
    if (s.op === 'insert') inserted += n;
    if (s.op === 'delete') deleted += n;
  }
  return { inserted, deleted };
}
