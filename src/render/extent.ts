/**
 * The least and greatest of many numbers. `Math.max(...values)` passes every value as
 * an argument, and a report over a thousand scenarios' months (hundreds of thousands)
 * overflows the call stack ("Maximum call stack size exceeded"): these loop instead.
 * Like Math.min/max, an empty list gives Infinity / -Infinity and NaN anywhere gives NaN.
 */
export function minOf(values: Iterable<number>): number {
  let least = Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v < least) least = v;
  }
  return least;
}

export function maxOf(values: Iterable<number>): number {
  let greatest = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v > greatest) greatest = v;
  }
  return greatest;
}
