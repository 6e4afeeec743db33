/**
 * Rank correlation between inputs by the Iman–Conover method (Iman & Conover 1982): the
 * draws of each input are kept (so Latin hypercube strata and the marginal distributions
 * are exactly preserved) and only re-ordered, so that their ranks follow van der Waerden
 * scores Φ⁻¹(i/(N+1)) mixed by Cholesky factors to the Pearson correlation 2·sin(πρ/6) whose
 * normal ranks have Spearman correlation ρ. The achieved rank correlation is close to, not
 * exactly, the target (it is reported).
 */
import { normalQuantile } from './special.js';
import { shuffled } from './random.js';

export class CorrelationError extends Error {}

/** Lower-triangular L with L·Lᵀ = A; throws when A is not positive definite. */
export function cholesky(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 1e-12)) throw new CorrelationError('the correlations cannot all hold together (the matrix is not positive definite)');
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  return l;
}

function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** Ranks 0 … n−1 (ties by position, so the order is deterministic). */
export function ranks(x: Float64Array): Int32Array {
  const idx = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const r = new Int32Array(x.length);
  idx.forEach((i, k) => (r[i] = k));
  return r;
}

/** Spearman's rank correlation of two columns. */
export function spearman(x: Float64Array, y: Float64Array): number {
  return pearson(Float64Array.from(ranks(x)), Float64Array.from(ranks(y)));
}

/**
 * Re-orders `columns` in place so their rank correlations approach `target` (a symmetric
 * matrix with ones on the diagonal). `keys` name the columns' score streams.
 */
export function imanConover(columns: Float64Array[], target: readonly (readonly number[])[], seed: number, keys: readonly string[]): void {
  const m = columns.length;
  if (m < 2) return;
  const n = columns[0]!.length;
  // The scores are normal, whose rank (Spearman) correlation ρ_s is (6/π)·asin(ρ/2) for Pearson ρ, so the
  // scores are mixed to ρ = 2·sin(π·ρ_s/6) (Pearson 1907; issue 27, D4: mixing to ρ_s itself gave 0.58 for 0.6).
  const p = cholesky(target.map((row, i) => row.map((r, j) => (i === j ? 1 : 2 * Math.sin((Math.PI * r) / 6)))));
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) scores[i] = normalQuantile((i + 1) / (n + 1));
  const r = columns.map((_, j) => shuffled(scores, seed, keys[j]!));
  const t = r.map((a) => r.map((b) => pearson(a, b)));
  const q = cholesky(t);
  const s = columns.map(() => new Float64Array(n));
  const y = new Array<number>(m);
  for (let i = 0; i < n; i++) {
    // y = Q⁻¹ rᵢ (forward substitution), then sᵢ = P y.
    for (let j = 0; j < m; j++) {
      let v = r[j]![i]!;
      for (let k = 0; k < j; k++) v -= q[j]![k]! * y[k]!;
      y[j] = v / q[j]![j]!;
    }
    for (let j = 0; j < m; j++) {
      let v = 0;
      for (let k = 0; k <= j; k++) v += p[j]![k]! * y[k]!;
      s[j]![i] = v;
    }
  }
  for (let j = 0; j < m; j++) {
    const sorted = Float64Array.from(columns[j]!).sort();
    const rk = ranks(s[j]!);
    const col = columns[j]!;
    for (let i = 0; i < n; i++) col[i] = sorted[rk[i]!]!;
  }
}
