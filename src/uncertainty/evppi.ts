/**
 * EVPPI by regression (Strong, Oakley & Brennan 2014, Med Decis Making 34:311–326): each
 * option's net benefit, less the first option's, is regressed on the input(s) φ over the
 * draws already made; the fitted values estimate E[INB_k | φ], and
 *
 *   EVPPI(φ) = mean_d max_k ĝ_k(φ_d) − max_k mean_d ĝ_k(φ_d).
 *
 * The regression is a penalised regression spline, the GAM smoother SAVI, BCEA and voi fit
 * with R's mgcv, written out here so no R runs: cubic B-splines on equally spaced knots
 * over the range of the input's drawn values, with a second-difference penalty (Eilers & Marx 1996, P-splines), the smoothing
 * parameter chosen per option by generalised cross-validation (GCV, as mgcv's default
 * for a Gaussian response). A group of inputs is fitted as an additive model — one
 * penalised spline per input — plus the pairwise products of the inputs (centred on
 * their range's midpoint) as unpenalised interaction terms, since a tensor-product GAM of more than
 * three or four inputs cannot be fitted (Strong et al. 2014, §3.3).
 *
 * The standard error is Strong et al.'s (2014, §2.5): the coefficients' posterior
 * β ~ N(β̂, σ̂²(XᵀX + λS)⁻¹) is sampled, the EVPPI recomputed for each sample, and the
 * samples' standard deviation reported. It measures the regression's uncertainty, which
 * dominates at the draws a simulation uses.
 *
 * A penalised smoother keeps each option's mean (the constant and the linear term are
 * unpenalised), so 0 ≤ EVPPI ≤ EVPI holds after the clamp the caller applies.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { hash32 } from './random.js';
import { normalQuantile } from './special.js';

export interface EvppiEstimate {
  /** EVPPI per decision, in the net benefit's units. */
  value: number;
  /** Standard error from the regression coefficients' posterior (Strong et al. 2014). */
  se: number;
  /** Parameters of the regression (basis columns), for the too-few-draws check. */
  parameters: number;
}

/** Segments of the cubic B-spline for an input alone and for each input of a group. */
const SEGMENTS_SINGLE = 10;
const SEGMENTS_GROUP = 6;
/** Posterior samples for the standard error. */
export const SE_REPLICATES = 50;
/** Draws the posterior samples are evaluated at (an evenly spaced subset beyond this). */
const SE_POINTS = 2000;
/** GCV grid: λ relative to tr(XᵀX)/tr(S), from 10⁻⁶ to 10⁶ in half-decades. */
const LAMBDA_GRID = Array.from({ length: 25 }, (_, i) => 10 ** (-6 + i / 2));

/**
 * The design matrix in a fixed-width sparse form: row d has `width` entries (column index,
 * value); a cubic B-spline row has 4 non-zero bases, an interaction 1.
 */
interface Design {
  n: number;
  q: number;
  width: number;
  index: Int32Array;
  value: Float64Array;
  penalty: Float64Array; // q × q, row-major
}

/** Cubic B-spline bases at x in [0, 1] with `segments` equal segments: first column and the 4 weights. */
function bspline(x: number, segments: number, out: Float64Array): number {
  const s = Math.min(segments - 1, Math.max(0, Math.floor(x * segments)));
  const t = Math.min(1, Math.max(0, x * segments - s));
  const t2 = t * t;
  const t3 = t2 * t;
  out[0] = (1 - t) ** 3 / 6;
  out[1] = (3 * t3 - 6 * t2 + 4) / 6;
  out[2] = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6;
  out[3] = t3 / 6;
  return s;
}

/** The input's values scaled to [0, 1] over their range (all 0.5 when every draw is the same). */
function scaled(x: Float64Array): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const w = hi - lo;
  return Float64Array.from(x, (v) => (w > 0 ? (v - lo) / w : 0.5));
}

function design(inputs: readonly Float64Array[], n: number): Design {
  const p = inputs.length;
  const regressors = inputs.map(scaled);
  const segments = p === 1 ? SEGMENTS_SINGLE : SEGMENTS_GROUP;
  const basis = segments + 3;
  // Block j's columns: all `basis` for the first input; the others drop their first column
  // (their constant is the first block's: B-splines sum to one).
  const start: number[] = [];
  let q = 0;
  for (let j = 0; j < p; j++) {
    start.push(q);
    q += j === 0 ? basis : basis - 1;
  }
  const interactions = (p * (p - 1)) / 2;
  const interactionStart = q;
  q += interactions;
  const width = 4 * p + interactions;
  const index = new Int32Array(n * width);
  const value = new Float64Array(n * width);
  const w = new Float64Array(4);
  for (let d = 0; d < n; d++) {
    let e = d * width;
    for (let j = 0; j < p; j++) {
      const s = bspline(regressors[j]![d]!, segments, w);
      for (let a = 0; a < 4; a++) {
        const col = s + a; // column within the block's full basis
        if (j > 0 && col === 0) {
          index[e] = start[j]!; // dropped column: a zero entry on a kept one
          value[e++] = 0;
        } else {
          index[e] = start[j]! + (j === 0 ? col : col - 1);
          value[e++] = w[a]!;
        }
      }
    }
    let c = interactionStart;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        index[e] = c++;
        value[e++] = (regressors[i]![d]! - 0.5) * (regressors[j]![d]! - 0.5);
      }
    }
  }
  // Penalty: Σ over blocks of DᵀD, D the second differences of the block's full coefficients
  // (a dropped coefficient is 0).
  const penalty = new Float64Array(q * q);
  for (let j = 0; j < p; j++) {
    const col = (k: number): number => (j === 0 ? start[j]! + k : k === 0 ? -1 : start[j]! + k - 1);
    for (let r = 0; r + 2 < basis; r++) {
      const cols = [col(r), col(r + 1), col(r + 2)];
      const coef = [1, -2, 1];
      for (let a = 0; a < 3; a++) {
        for (let b = 0; b < 3; b++) {
          if (cols[a]! < 0 || cols[b]! < 0) continue;
          penalty[cols[a]! * q + cols[b]!]! += coef[a]! * coef[b]!;
        }
      }
    }
  }
  return { n, q, width, index, value, penalty };
}

/** In-place Cholesky of a q × q SPD matrix (row-major, lower triangle); false if not positive definite. */
function cholesky(a: Float64Array, q: number): boolean {
  for (let i = 0; i < q; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * q + j]!;
      for (let k = 0; k < j; k++) s -= a[i * q + k]! * a[j * q + k]!;
      if (i === j) {
        if (!(s > 0)) return false;
        a[i * q + i] = Math.sqrt(s);
      } else a[i * q + j] = s / a[j * q + j]!;
    }
  }
  return true;
}

/** Solves L Lᵀ x = b in place (L from `cholesky`). */
function cholSolve(l: Float64Array, q: number, b: Float64Array): void {
  for (let i = 0; i < q; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * q + k]! * b[k]!;
    b[i] = s / l[i * q + i]!;
  }
  for (let i = q - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < q; k++) s -= l[k * q + i]! * b[k]!;
    b[i] = s / l[i * q + i]!;
  }
}

/** Solves Lᵀ x = z in place: x ~ N(0, (L Lᵀ)⁻¹) when z ~ N(0, I). */
function backSolveT(l: Float64Array, q: number, z: Float64Array): void {
  for (let i = q - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < q; k++) s -= l[k * q + i]! * z[k]!;
    z[i] = s / l[i * q + i]!;
  }
}

interface Fit {
  fitted: Float64Array;
  /** Cholesky factor of XᵀX + λS at the chosen λ, and the residual variance. */
  factor: Float64Array;
  sigma2: number;
}

/** Penalised least-squares fits of each response on the design, λ by GCV per response. */
function fitAll(x: Design, ys: readonly Float64Array[]): Fit[] {
  const { n, q, width, index, value, penalty } = x;
  const gram = new Float64Array(q * q);
  const xty = ys.map(() => new Float64Array(q));
  const yty = ys.map(() => 0);
  for (let d = 0; d < n; d++) {
    const e = d * width;
    for (let a = 0; a < width; a++) {
      const ia = index[e + a]!;
      const va = value[e + a]!;
      if (va === 0) continue;
      for (let b = 0; b < width; b++) gram[ia * q + index[e + b]!]! += va * value[e + b]!;
      for (let k = 0; k < ys.length; k++) xty[k]![ia]! += va * ys[k]![d]!;
    }
  }
  ys.forEach((y, k) => {
    let s = 0;
    for (let d = 0; d < n; d++) s += y[d]! * y[d]!;
    yty[k] = s;
  });
  let trG = 0;
  let trS = 0;
  for (let i = 0; i < q; i++) {
    trG += gram[i * q + i]!;
    trS += penalty[i * q + i]!;
  }
  const scale = trS > 0 ? trG / trS : 1;
  const ridge = 1e-10 * (trG / q);
  const best = ys.map(() => ({ gcv: Infinity, lambda: 0, beta: new Float64Array(q), factor: new Float64Array(0), edf: 0, rss: 0 }));
  const a = new Float64Array(q * q);
  const col = new Float64Array(q);
  const tried = new Set<number>();
  const tryLambda = (rel: number): void => {
    if (tried.has(rel)) return;
    tried.add(rel);
    const lambda = rel * scale;
    for (let i = 0; i < q * q; i++) a[i] = gram[i]! + lambda * penalty[i]!;
    for (let i = 0; i < q; i++) a[i * q + i]! += ridge;
    if (!cholesky(a, q)) return;
    // edf = tr((XᵀX + λS)⁻¹ XᵀX).
    let edf = 0;
    for (let j = 0; j < q; j++) {
      for (let i = 0; i < q; i++) col[i] = gram[i * q + j]!;
      cholSolve(a, q, col);
      edf += col[j]!;
    }
    if (!(edf < n - 1)) return;
    ys.forEach((_, k) => {
      const beta = Float64Array.from(xty[k]!);
      cholSolve(a, q, beta);
      // RSS = yᵀy − 2βᵀXᵀy + βᵀXᵀXβ.
      let bxy = 0;
      let bgb = 0;
      for (let i = 0; i < q; i++) {
        bxy += beta[i]! * xty[k]![i]!;
        let g = 0;
        for (let j = 0; j < q; j++) g += gram[i * q + j]! * beta[j]!;
        bgb += beta[i]! * g;
      }
      const rss = Math.max(0, yty[k]! - 2 * bxy + bgb);
      const gcv = (n * rss) / ((n - edf) * (n - edf));
      if (gcv < best[k]!.gcv) best[k] = { gcv, lambda, beta, factor: Float64Array.from(a), edf, rss };
    });
  };
  // Whole decades first, then the half-decades beside each response's best.
  for (const rel of LAMBDA_GRID.filter((_, i) => i % 2 === 0)) tryLambda(rel);
  const chosen = [...new Set(best.map((b) => b.lambda / scale))];
  for (const rel of chosen) {
    const i = LAMBDA_GRID.findIndex((g) => Math.abs(g - rel) <= 1e-9 * g);
    if (i < 0) continue;
    if (i > 0) tryLambda(LAMBDA_GRID[i - 1]!);
    if (i + 1 < LAMBDA_GRID.length) tryLambda(LAMBDA_GRID[i + 1]!);
  }
  return best.map((b, k) => {
    const fitted = new Float64Array(n);
    if (b.factor.length === 0) {
      // No λ could be used (a degenerate design): the response's mean, no information.
      let s = 0;
      for (let d = 0; d < n; d++) s += ys[k]![d]!;
      fitted.fill(s / n);
      return { fitted, factor: b.factor, sigma2: 0 };
    }
    for (let d = 0; d < n; d++) {
      let s = 0;
      const e = d * width;
      for (let c = 0; c < width; c++) s += value[e + c]! * b.beta[index[e + c]!]!;
      fitted[d] = s;
    }
    return { fitted, factor: b.factor, sigma2: b.rss / Math.max(1, n - b.edf) };
  });
}

/** mean_d max(0, max_k f_k(d)) − max(0, max_k mean f_k): EVPPI on increments over the first option. */
function evppiOfFitted(fitted: readonly Float64Array[], n: number): number {
  let s = 0;
  const means = fitted.map(() => 0);
  for (let d = 0; d < n; d++) {
    let m = 0;
    for (let k = 0; k < fitted.length; k++) {
      const v = fitted[k]![d]!;
      means[k]! += v;
      if (v > m) m = v;
    }
    s += m;
  }
  return s / n - Math.max(0, ...means.map((x) => x / n));
}

/**
 * EVPPI of the input(s) whose drawn values are `regressors` (one value per draw), with
 * its standard error. `seed` and `key` fix the posterior samples, so output is reproducible.
 */
export function evppiRegression(nb: readonly Float64Array[], regressors: readonly Float64Array[], seed: number, key: string, replicates = SE_REPLICATES): EvppiEstimate {
  const n = nb[0]?.length ?? 0;
  if (n < 3 || nb.length < 2 || regressors.length === 0) return { value: 0, se: 0, parameters: 0 };
  const base = nb[0]!;
  const ys = nb.slice(1).map((x) => {
    const y = new Float64Array(n);
    for (let d = 0; d < n; d++) y[d] = x[d]! - base[d]!;
    return y;
  });
  const x = design(regressors, n);
  const fits = fitAll(x, ys);
  const fitted = fits.map((f) => f.fitted);
  const value = evppiOfFitted(fitted, n);
  // Standard error: EVPPI over samples of the coefficients' posterior.
  const rng = xoroshiro128plus(hash32(`${seed}\u0003${key}`));
  const normal = (): number => normalQuantile(Math.max(2 ** -54, uniformFloat64(rng)));
  const { q, width, index, value: xv } = x;
  // The replicates are evaluated on a fixed, evenly spaced subset of at most SE_POINTS draws: the spread
  // between replicates comes from the coefficients, and the same points for every replicate keep the
  // subset's own sampling error out of it.
  const stride = Math.max(1, Math.ceil(n / SE_POINTS));
  const m = Math.ceil(n / stride);
  const perturbed = fits.map(() => new Float64Array(m));
  const z = new Float64Array(q);
  let sum = 0;
  let sum2 = 0;
  for (let r = 0; r < replicates; r++) {
    fits.forEach((f, k) => {
      const out = perturbed[k]!;
      if (f.factor.length === 0 || f.sigma2 === 0) {
        for (let j = 0; j < m; j++) out[j] = f.fitted[j * stride]!;
        return;
      }
      for (let i = 0; i < q; i++) z[i] = normal();
      backSolveT(f.factor, q, z);
      const sigma = Math.sqrt(f.sigma2);
      for (let j = 0; j < m; j++) {
        const d = j * stride;
        let s = 0;
        const e = d * width;
        for (let c = 0; c < width; c++) s += xv[e + c]! * z[index[e + c]!]!;
        out[j] = f.fitted[d]! + sigma * s;
      }
    });
    const v = evppiOfFitted(perturbed, m);
    sum += v;
    sum2 += v * v;
  }
  const mean = sum / replicates;
  const se = replicates > 1 ? Math.sqrt(Math.max(0, (sum2 - replicates * mean * mean) / (replicates - 1))) : 0;
  return { value: Math.max(0, value), se, parameters: q };
}

/**
 * Uniforms of an input that affects nothing: its EVPPI is the estimator's noise floor
 * (what an irrelevant input scores on these draws). Its own stream, so it moves no draw.
 */
export function dummyUniforms(n: number, seed: number, index: number): Float64Array {
  const rng = xoroshiro128plus(hash32(`${seed}\u0004dummy ${index}`));
  const out = new Float64Array(n);
  for (let d = 0; d < n; d++) out[d] = Math.max(2 ** -54, uniformFloat64(rng));
  return out;
}

/**
 * Monotone over a family of groups: a group's EVPPI is at least that of every group of
 * the family it contains (adding an input cannot lose information), and at most EVPI.
 * `raw[i]` is group i's own estimate; groups are sets of input paths.
 */
export function monotoneOverGroups(groups: readonly (readonly string[])[], raw: readonly number[], evpiValue: number): number[] {
  const sets = groups.map((g) => new Set(g));
  return groups.map((g, i) => {
    let v = raw[i]!;
    sets.forEach((h, j) => {
      if (j !== i && h.size <= g.length && [...h].every((p) => sets[i]!.has(p))) v = Math.max(v, raw[j]!);
    });
    return Math.min(evpiValue, Math.max(0, v));
  });
}
