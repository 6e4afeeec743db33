/**
 * Switching values: where a deterministic function of one input crosses zero
 * (e.g. NPV(turnover), or cost(A) − cost(B) as turnover varies). The engine is
 * deterministic and piecewise smooth, so a sign change on a grid followed by
 * bisection finds the crossing to the requested tolerance.
 */

export type SwitchResult =
  | { kind: 'switch'; value: number; iterations: number }
  /** The function keeps one sign over the whole range. */
  | { kind: 'none'; sign: 1 | -1 | 0 }
  /** The function is exactly zero over the range: there is no single switching point. */
  | { kind: 'flat' };

export interface SwitchOptions {
  /** Grid points scanned for the first sign change before bisecting (≥ 2). */
  scan?: number;
  /** Stop when the bracket is narrower than this (in the input's units). */
  tolerance?: number;
  maxIterations?: number;
}

const sign = (v: number): 1 | -1 | 0 => (v > 0 ? 1 : v < 0 ? -1 : 0);

export function findSwitch(f: (x: number) => number, lo: number, hi: number, options: SwitchOptions = {}): SwitchResult {
  const scan = Math.max(2, options.scan ?? 9);
  const tolerance = options.tolerance ?? Math.abs(hi - lo) * 1e-6;
  const maxIterations = options.maxIterations ?? 60;
  const xs = Array.from({ length: scan }, (_, i) => lo + ((hi - lo) * i) / (scan - 1));
  const ys = xs.map(f);
  const finite = ys.filter((y) => Number.isFinite(y));
  if (finite.length > 0 && finite.every((y) => y === 0)) return { kind: 'flat' };
  // Points where f cannot be evaluated (NaN: an invalid input value) are gaps, skipped.
  let prev = -1;
  for (let i = 0; i < xs.length; i++) {
    const yi = ys[i] as number;
    if (!Number.isFinite(yi)) continue;
    if (yi === 0) return { kind: 'switch', value: xs[i] as number, iterations: 0 };
    if (prev >= 0 && sign(yi) !== sign(ys[prev] as number)) {
      let a = xs[prev] as number;
      let b = xs[i] as number;
      let fa = ys[prev] as number;
      let iterations = 0;
      while (Math.abs(b - a) > tolerance && iterations < maxIterations) {
        const mid = (a + b) / 2;
        const fm = f(mid);
        iterations++;
        if (!Number.isFinite(fm)) break;
        if (fm === 0) return { kind: 'switch', value: mid, iterations };
        if (sign(fm) === sign(fa)) {
          a = mid;
          fa = fm;
        } else {
          b = mid;
        }
      }
      return { kind: 'switch', value: (a + b) / 2, iterations };
    }
    prev = i;
  }
  return { kind: 'none', sign: sign(finite.find((y) => y !== 0) ?? 0) };
}
