/**
 * Text helpers shared by the ledger reader and planner.
 *
 * Cells keep their Chinese punctuation (a task title reads "完善制度，加强督查",
 * not "完善制度,加强督查"); only spaces are normalised. Comparisons of header
 * names, unit names and deadlines go through `fold`, which also maps
 * full-width letters, digits and punctuation to their ASCII forms.
 */

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]/g;

/** A cell as people mean it: no invisible characters, one space between words, trimmed lines. */
export function cleanCell(raw: string): string {
  return raw
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .replace(ODD_SPACES, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** The comparison key of a name or label: NFKC (full width → ASCII), no whitespace. */
export function fold(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}

/** Spreadsheet column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
