/**
 * Reusable working buffers for `project`. A ten-year projection needs a handful of
 * month-indexed arrays; allocating them afresh for each of 100,000 sweep runs costs more
 * than the arithmetic. The engine is synchronous and never re-entered while it runs, and
 * no buffer escapes into a result, so reuse is invisible to callers: `project` stays a
 * pure function of its inputs.
 *
 * Each slot is zero-filled over the requested length before use. Buffers may be longer
 * than requested; callers index only 0 … n−1.
 */
const pool: (Float64Array | undefined)[] = [];
const MIN_LENGTH = 512;

export function scratch(slot: number, n: number): Float64Array {
  let a = pool[slot];
  if (a === undefined || a.length < n) {
    a = new Float64Array(Math.max(n, MIN_LENGTH));
    pool[slot] = a;
  } else {
    a.fill(0, 0, n);
  }
  return a;
}
