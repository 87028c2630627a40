import type { DocProjector } from './doc-store.ts';

/**
 * What an update of a one-text document (meeting minutes, an interview
 * record, a finding's description) hands its projector: the whole text as it
 * was right after the update, and the capture's place in this process's order.
 */
export interface TextProjection {
  readonly order: number;
  readonly text: string;
}

/** The SQL column each one-text document kind keeps its plain text in. */
const TARGETS = {
  minutes: { table: 'meetings', column: 'minutes_text' },
  interview: { table: 'interviews', column: 'body_text' },
  finding: { table: 'findings', column: 'description_text' },
} as const;

export type TextDocKind = keyof typeof TARGETS;
export const TEXT_DOC_KINDS = Object.keys(TARGETS) as TextDocKind[];

const MAX_REMEMBERED = 100_000;

/**
 * Keeps the plain text of a one-text document in its row (for search, exports
 * and previews), in the transaction that stores the document's updates. The
 * newest capture wins; an older one retried late never overwrites it.
 */
export function createTextProjector(kind: TextDocKind): DocProjector {
  const { table, column } = TARGETS[kind];
  const committed = new Map<string, number>();
  return {
    async project(tx, docName, projections) {
      const latest = (projections as readonly TextProjection[]).reduce<TextProjection | undefined>(
        (a, p) => (!a || p.order > a.order ? p : a),
        undefined,
      );
      if (!latest || (committed.get(docName) ?? -1) > latest.order) return;
      const id = docName.slice(docName.indexOf('.') + 1);
      // Identifiers come from the constant table above, never from input.
      await tx.unsafe(`UPDATE ${table} SET ${column} = $1 WHERE id = $2::uuid`, [
        latest.text.replaceAll('\u0000', ''),
        id,
      ]);
    },
    committed(docName, projections) {
      if (committed.size > MAX_REMEMBERED) committed.clear();
      for (const p of projections as readonly TextProjection[]) {
        if ((committed.get(docName) ?? -1) < p.order) committed.set(docName, p.order);
      }
    },
  };
}

/** Projectors for every one-text document kind. */
export function textProjectors(): Record<TextDocKind, DocProjector> {
  return {
    minutes: createTextProjector('minutes'),
    interview: createTextProjector('interview'),
    finding: createTextProjector('finding'),
  };
}
