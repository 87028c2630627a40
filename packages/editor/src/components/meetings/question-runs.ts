/**
 * Question codes folded into runs for reading: Q1, Q2, Q3, Q5 → "Q1–Q3", "Q5".
 * A unit with nothing annotated yet shows one "Q1–Q12" rather than twelve chips.
 * Codes that are not Q-numbers are kept as they are, after the runs.
 */
export function questionRuns(codes: readonly string[]): string[] {
  const numbers: number[] = [];
  const other: string[] = [];
  for (const code of codes) {
    const m = /^Q(\d+)$/.exec(code);
    if (m) numbers.push(Number(m[1]));
    else other.push(code);
  }
  numbers.sort((a, b) => a - b);
  const runs: string[] = [];
  let start: number | undefined;
  let prev: number | undefined;
  const close = () => {
    if (start === undefined || prev === undefined) return;
    runs.push(start === prev ? `Q${start}` : `Q${start}–Q${prev}`);
  };
  for (const n of numbers) {
    if (prev !== undefined && n === prev + 1) {
      prev = n;
      continue;
    }
    if (prev === n) continue;
    close();
    start = n;
    prev = n;
  }
  close();
  return [...runs, ...other];
}
