import { fold } from './text.ts';

/** What a deadline cell says about the kind of task. */
export type KindHint = 'long_term' | 'completed';

export type DeadlineResult =
  | {
      ok: true;
      /** ISO date, or null when the cell names no date (长期坚持, empty). */
      date: string | null;
      kindHint?: KindHint;
      /** Set when the date was picked out of free text: worth a look in the preview. */
      note?: string;
    }
  | { ok: false; message: string };

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };
const LONG_TERM = /长期|持续|常态|久久为功/;
const DONE = /^(立行立改|已完成|已整改|已整改完成|已落实|已完成整改)$/;

/**
 * Reads a deadline as ledgers write it: "2023年6月底前" and "2023.6" mean the
 * end of June 2023, "2023年底前" the end of 2023; "2023-06-30", "2023/6/30",
 * "2023年3月31日", Excel date cells (already ISO) and date serials are days.
 * "长期坚持" / "持续推进" name no date and hint a long-term task. A cell that
 * mixes words and dates yields its latest date with a note; anything else is
 * an error for the row.
 */
export function parseDeadline(text: string): DeadlineResult {
  const t = fold(text);
  if (!t) return { ok: true, date: null };
  const core = t.replace(/(完成|完毕|结束)$/, '').replace(/(之前|以前|前|内)$/, '');
  const strict = strictDate(core);
  if (strict !== undefined) {
    return strict ? { ok: true, date: strict } : invalid(text);
  }
  if (LONG_TERM.test(t)) {
    const dates = datesIn(t);
    return { ok: true, date: latest(dates), kindHint: 'long_term' };
  }
  if (DONE.test(t)) return { ok: true, date: null, kindHint: 'completed' };
  const found = latest(datesIn(t));
  if (found) {
    return { ok: true, date: found, note: `read "${text}" as ${found}, the latest date in it` };
  }
  return { ok: false, message: `the deadline "${text}" is not a date this import understands` };
}

function invalid(text: string): DeadlineResult {
  return { ok: false, message: `the deadline "${text}" is not a real date` };
}

type Groups = (string | undefined)[];

/** Whole-cell date patterns, tried in order (on folded text with 前/完成 stripped). */
const STRICT: [RegExp, (g: Groups) => string | null][] = [
  [/^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, (g) => ymd(g[1], g[2], g[3])],
  [
    /^(\d{4})年(\d{1,2})月(份|底|末|上旬|中旬|下旬)?$/,
    (g) => ymd(g[1], g[2], g[3] === '上旬' ? '10' : g[3] === '中旬' ? '20' : undefined),
  ],
  [/^(\d{4})年(?:年)?(底|末|度)?$/, (g) => ymd(g[1], '12')],
  [/^(\d{4})年?(上|下)半年(底|末)?$/, (g) => ymd(g[1], g[2] === '上' ? '6' : '12')],
  [
    /^(\d{4})年?第?([一二三四1-4])季度(底|末)?$/,
    (g) => ymd(g[1], String((CN_DIGIT[g[2]!] ?? Number(g[2])) * 3)),
  ],
  [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, (g) => ymd(g[1], g[2], g[3])],
  [/^(\d{4})[-/.](\d{1,2})$/, (g) => ymd(g[1], g[2])],
  [/^(\d{4})(\d{2})(\d{2})$/, (g) => ymd(g[1], g[2], g[3])],
  [/^(\d{5})(\.\d+)?$/, (g) => fromSerial(Number(g[1]))],
];

/** A whole-cell date: the ISO date, null for an impossible date, undefined for no match. */
function strictDate(s: string): string | null | undefined {
  for (const [re, toDate] of STRICT) {
    const m = re.exec(s);
    if (m) return toDate([...m]);
  }
  return undefined;
}

/**
 * An ISO date from year, month and (when given) day; without a day, the last
 * day of the month, since "6月底前" and "2023.6" both mean "by the end of June".
 */
function ymd(y?: string, m?: string, d?: string): string | null {
  const year = Number(y);
  const month = Number(m);
  if (year < 1990 || year > 2100 || month < 1 || month > 12) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = d === undefined ? last : Number(d);
  if (day < 1 || day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** An Excel date serial (1900 system; 25569 is 1970-01-01) typed into a text or number cell. */
function fromSerial(n: number): string | null {
  if (n < 32874 || n > 73415) return null; // 1990-01-01 … 2100-12-31
  return new Date((n - 25569) * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Dates mentioned in free text. A month without a year ("…，12月底前全面落实")
 * takes the year mentioned before it.
 */
function datesIn(s: string): string[] {
  const out: string[] = [];
  let year: string | undefined;
  const re =
    /(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?|(\d{1,2})月(?:(\d{1,2})日)?|(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?/g;
  for (const m of s.matchAll(re)) {
    let date: string | null = null;
    if (m[1]) {
      year = m[1];
      date = ymd(m[1], m[2] ?? '12', m[3]);
    } else if (m[4] && year) {
      date = ymd(year, m[4], m[5]);
    } else if (m[6]) {
      year = m[6];
      date = ymd(m[6], m[7], m[8]);
    }
    if (date) out.push(date);
  }
  return out;
}

const latest = (dates: string[]) => (dates.length ? [...dates].sort().at(-1)! : null);
