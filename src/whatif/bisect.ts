/**
 * Switching values: where a deterministic function of one input crosses zero
 * (e.g. NPV(turnover), or cost(A) − cost(B) as turnover varies). The engine is
 * deterministic and piecewise smooth, so a sign change on a grid followed by
 * bisection finds the crossing to the requested tolerance.
 */

export type SwitchResult =
  | { kind: 'switch'; value: number; iterations: number; /** The final bracket, when bisection ran. */ bracket?: [number, number] }
  /** The function keeps one sign over the whole range. */
  | { kind: 'none'; sign: 1 | -1 | 0 }
  /** The function is exactly zero over the range: there is no single switching point. */
  | { kind: 'flat' };

export interface SwitchOptions {
  /** Grid points scanned for the first sign change before bisecting (≥ 2). */
  scan?: number;
  /** Stop when the bracket is narrower than this (in the input's units). */
  tolerance?: number;
  /** A tolerance that depends on where the bracket is (its midpoint); overrides `tolerance`. */
  toleranceAt?: (x: number) => number;
  maxIterations?: number;
}

/**
 * The precision a switching value is found and reported to, in the input's own units:
 * 0.01% of the value or one unit of its display precision (a penny or 0.01 of the unit,
 * 0.01 percentage point, one for a whole number), whichever is finer.
 */
export function switchingStep(x: number, param: { percent: boolean; integer: boolean }): number {
  if (param.integer) return 1;
  const unit = param.percent ? 1e-4 : 0.01;
  const relative = Math.abs(x) * 1e-4;
  return relative > 0 && relative < unit ? relative : unit;
}

/** x rounded to the decimal grid no coarser than `step` (so the printed value is the one verified). */
export function roundToStep(x: number, step: number): number {
  if (step >= 1) return Math.round(x / step) * step;
  const places = Math.min(15, Math.ceil(-Math.log10(step) - 1e-9));
  return Number(x.toFixed(places));
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
      const tol = options.toleranceAt ?? (() => tolerance);
      while (Math.abs(b - a) > tol((a + b) / 2) && iterations < maxIterations) {
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
      return { kind: 'switch', value: (a + b) / 2, iterations, bracket: [Math.min(a, b), Math.max(a, b)] };
    }
    prev = i;
  }
  return { kind: 'none', sign: sign(finite.find((y) => y !== 0) ?? 0) };
}
