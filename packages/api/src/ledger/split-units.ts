import { fold } from './text.ts';

const SEPARATORS = new Set(['、', '，', ',', ';', '；', '\n', '\r']);
const OPEN = new Set(['(', '（', '[', '【', '〔']);
const CLOSE = new Set([')', '）', ']', '】', '〕']);

/**
 * The unit names of a cell such as "研究生院、学生工作部；\n人事处": split on
 * 、，,;； and line breaks, but never inside brackets, so
 * "党委办公室（校长办公室、校务办）" stays one name. Not on spaces: documents
 * pad short names for alignment ("人 事 处"), and matching ignores spaces.
 * Trimmed, empties dropped, duplicates (also full-width/half-width variants)
 * kept once, in the order written.
 */
export function splitUnits(cell: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of cell) {
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && SEPARATORS.has(ch)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of parts) {
    const name = raw.trim();
    const key = fold(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}
