/**
 * Summary statistics of a metric's draws. Percentiles are Hyndman & Fan's type 7 (linear
 * interpolation between order statistics, as R's and NumPy's default), so they need every
 * draw of the metric held and sorted; the mean is summed in draw order, so it is the same
 * bytes on every run; the Monte Carlo standard error of the mean is sd / √N for simple
 * random sampling, and from the replicates' means for a replicated Latin hypercube.
 */

export interface Summary {
  mean: number;
  /** Monte Carlo standard error of the mean: sample sd / √n. */
  mcse: number;
  p5: number;
  p10: number;
  p50: number;
  p90: number;
  p95: number;
  /** Draws with a value (a ratio has none when its denominator is 0). */
  n: number;
}

/** Type-7 percentile of an ascending array, p in 0–100. */
export function percentileSorted(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = ((n - 1) * p) / 100;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1]!;
  return b === a ? a : a + (h - lo) * (b - a);
}

/**
 * `blocks`: the draw ranges of independent replicates (replicated Latin hypercube): the
 * MCSE is then the standard deviation of the replicates' means / √(replicates).
 */
export function summarise(values: Float64Array, blocks?: readonly (readonly [number, number])[]): Summary {
  let n = 0;
  for (const v of values) if (!Number.isNaN(v)) n++;
  const kept = new Float64Array(n);
  let k = 0;
  for (const v of values) if (!Number.isNaN(v)) kept[k++] = v;
  let sum = 0;
  for (const v of kept) sum += v;
  const mean = n > 0 ? sum / n : Number.NaN;
  let ss = 0;
  for (const v of kept) ss += (v - mean) * (v - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  kept.sort();
  return {
    mean: allSame(kept) ? kept[0]! : mean,
    mcse: blocks && blocks.length > 1 ? replicateMcse(values, blocks) : n > 0 ? sd / Math.sqrt(n) : Number.NaN,
    p5: percentileSorted(kept, 5),
    p10: percentileSorted(kept, 10),
    p50: percentileSorted(kept, 50),
    p90: percentileSorted(kept, 90),
    p95: percentileSorted(kept, 95),
    n,
  };
}

/** Whether every value is the same: the mean is then that value exactly (no rounding in the sum). */
function allSame(sorted: Float64Array): boolean {
  return sorted.length > 0 && sorted[0] === sorted[sorted.length - 1];
}

/** sd of the replicates' means / √R (each mean over its draws with a value). */
function replicateMcse(values: Float64Array, blocks: readonly (readonly [number, number])[]): number {
  const means: number[] = [];
  for (const [start, end] of blocks) {
    let s = 0;
    let k = 0;
    for (let d = start; d < end; d++) {
      const v = values[d]!;
      if (Number.isNaN(v)) continue;
      s += v;
      k++;
    }
    if (k > 0) means.push(s / k);
  }
  const r = means.length;
  if (r < 2) return Number.NaN;
  const m = means.reduce((a, b) => a + b, 0) / r;
  const ss = means.reduce((a, b) => a + (b - m) * (b - m), 0);
  return Math.sqrt(ss / (r - 1)) / Math.sqrt(r);
}
