import * as Y from 'yjs';

/** A run of statement text held by one Y.XmlText, at `offset` in the plain text. */
interface Run {
  text: Y.XmlText;
  offset: number;
  length: number;
}

/**
 * The statement as plain text (blocks joined by '\n') with the runs that hold
 * it, so plain-text offsets and Yjs positions can be converted both ways
 * without a ProseMirror view (server, tests, re-anchoring).
 */
export function statementRuns(fragment: Y.XmlFragment): { text: string; runs: Run[] } {
  const runs: Run[] = [];
  let text = '';
  const walk = (node: Y.XmlElement | Y.XmlFragment, depth: number) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        const plain = deltaText(child);
        runs.push({ text: child, offset: text.length, length: plain.length });
        text += plain;
      } else if (child instanceof Y.XmlElement) {
        if (depth === 0 && text.length > 0) text += '\n';
        walk(child, depth + 1);
      }
    }
  };
  walk(fragment, 0);
  return { text, runs };
}

function deltaText(t: Y.XmlText): string {
  return (t.toDelta() as Array<{ insert: unknown }>)
    .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
    .join('');
}

export function statementPlainText(fragment: Y.XmlFragment): string {
  return statementRuns(fragment).text;
}

/** A relative position for a plain-text offset (end-exclusive offsets map to the run they end). */
export function relativePositionAt(
  fragment: Y.XmlFragment,
  offset: number,
  assoc: 0 | -1 = 0,
): Y.RelativePosition | undefined {
  const { runs } = statementRuns(fragment);
  for (const r of runs) {
    const inside =
      assoc === 0
        ? offset >= r.offset && offset < r.offset + r.length
        : offset > r.offset && offset <= r.offset + r.length;
    if (inside) return Y.createRelativePositionFromTypeIndex(r.text, offset - r.offset, assoc);
  }
  const last = runs.at(-1);
  if (last && offset === last.offset + last.length) {
    return Y.createRelativePositionFromTypeIndex(last.text, last.length, -1);
  }
  return undefined;
}

/** The plain-text offset a relative position points at now, or undefined if it is gone. */
export function offsetOf(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  rel: Y.RelativePosition,
): number | undefined {
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  if (!abs || !(abs.type instanceof Y.XmlText)) return undefined;
  const run = statementRuns(fragment).runs.find((r) => r.text === abs.type);
  return run ? run.offset + abs.index : undefined;
}
