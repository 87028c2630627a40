/**
 * Runs `work` while a 5 ms timer ticks on this event loop, and tells how long
 * the work took and the longest time the timer could not run meanwhile: the
 * measure of "this work does not hold up the event loop" (work moved to a
 * thread of its own stalls the loop for a small share of its time; work on the
 * loop for all of it).
 */
export async function stallDuring<T>(
  work: () => Promise<T>,
): Promise<{ result: T; took: number; longest: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    const result = await work();
    const took = performance.now() - started;
    return { result, took, longest: Math.max(longest, performance.now() - last) };
  } finally {
    clearInterval(timer);
  }
}
