/**
 * The distributions an input may be given as, each drawn by its quantile function from a
 * uniform (so Latin hypercube sampling and rank correlation apply to every kind alike).
 * Parameters are in the model's own units (fractions for percentages).
 */
import type { Distribution, DistributionKind } from '../scenario/ranges.js';
import { betaQuantile, lnInvBeta, normalCdf, normalQuantile } from './special.js';

export type { Distribution, DistributionKind } from '../scenario/ranges.js';

export const DISTRIBUTION_KINDS: readonly DistributionKind[] = ['pert', 'triangular', 'uniform', 'normal', 'lognormal', 'beta'];

/** z of the 90th percentile of the standard normal: p10/p90 ranges are fitted with it. */
export const Z90 = 1.2815515655446004;

/** A beta's shape and −ln B(a, b), per distribution: a simulation draws thousands of quantiles of each. */
const betaShapes = new WeakMap<Distribution, { alpha: number; beta: number; afac: number }>();
function betaShape(d: Distribution, alpha: number, beta: number): { alpha: number; beta: number; afac: number } {
  let shape = betaShapes.get(d);
  if (shape === undefined) {
    shape = { alpha, beta, afac: lnInvBeta(alpha, beta) };
    betaShapes.set(d, shape);
  }
  return shape;
}

/** The value at cumulative probability u (0 < u < 1). */
export function quantile(d: Distribution, u: number): number {
  switch (d.dist) {
    case 'uniform':
      return d.low + u * (d.high - d.low);
    case 'triangular': {
      const { low: a, mode: m, high: c } = d;
      if (c === a) return a;
      const f = (m - a) / (c - a);
      return u < f ? a + Math.sqrt(u * (c - a) * (m - a)) : c - Math.sqrt((1 - u) * (c - a) * (c - m));
    }
    case 'pert': {
      const { low: a, mode: m, high: c } = d;
      if (c === a) return a;
      const shape = betaShapes.get(d) ?? betaShape(d, 1 + (4 * (m - a)) / (c - a), 1 + (4 * (c - m)) / (c - a));
      return a + betaQuantile(u, shape.alpha, shape.beta, shape.afac) * (c - a);
    }
    case 'normal':
      return d.mean + d.sd * normalQuantile(u);
    case 'lognormal':
      return Math.exp(d.meanlog + d.sdlog * normalQuantile(u));
    case 'beta': {
      const shape = betaShapes.get(d) ?? betaShape(d, d.alpha, d.beta);
      return betaQuantile(u, shape.alpha, shape.beta, shape.afac);
    }
  }
}

/**
 * The value a point analysis (`run`, `compare`) uses for a ranged input: the mode of a
 * three-point range (the author's "most likely"), the median of a p10/p90 fit and of a
 * normal or lognormal, the mean of a beta, the midpoint of a uniform.
 */
export function central(d: Distribution): number {
  switch (d.dist) {
    case 'pert':
    case 'triangular':
      return d.mode;
    case 'uniform':
      return (d.low + d.high) / 2;
    case 'normal':
      return d.mean;
    case 'lognormal':
      return Math.exp(d.meanlog);
    case 'beta':
      return d.alpha / (d.alpha + d.beta);
  }
}

/** A stable text key of a distribution: the same input path and key share one column of draws (common random numbers). */
export function distributionKey(d: Distribution): string {
  return Object.entries(d)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v.toPrecision(17) : String(v)}`)
    .join(';');
}

/** A short human description, e.g. `PERT(10%, 14%, 20%)`. */
export function describe(d: Distribution, fmt: (x: number) => string): string {
  switch (d.dist) {
    case 'pert':
      return `PERT(${fmt(d.low)}, ${fmt(d.mode)}, ${fmt(d.high)})`;
    case 'triangular':
      return `triangular(${fmt(d.low)}, ${fmt(d.mode)}, ${fmt(d.high)})`;
    case 'uniform':
      return `uniform(${fmt(d.low)}, ${fmt(d.high)})`;
    case 'normal':
      return `normal(mean ${fmt(d.mean)}, sd ${fmt(d.sd)})`;
    case 'lognormal':
      return `lognormal(median ${fmt(Math.exp(d.meanlog))}, sdlog ${d.sdlog.toPrecision(3)})`;
    case 'beta':
      return `beta(${d.alpha.toPrecision(4)}, ${d.beta.toPrecision(4)})`;
  }
}

/**
 * The share of a distribution's mass outside [min, max] (a field's valid values), which
 * draws are clipped to. Bounded kinds are checked to lie within the field when read, so
 * only a normal or lognormal can spill over.
 */
export function massOutside(d: Distribution, min: number, max: number): number {
  switch (d.dist) {
    case 'normal': {
      const below = min > -Number.MAX_VALUE ? normalCdf((min - d.mean) / d.sd) : 0;
      const above = max < Number.MAX_VALUE ? 1 - normalCdf((max - d.mean) / d.sd) : 0;
      return below + above;
    }
    case 'lognormal': {
      const below = min > 0 ? normalCdf((Math.log(min) - d.meanlog) / d.sdlog) : 0;
      const above = max < Number.MAX_VALUE ? 1 - normalCdf((Math.log(max) - d.meanlog) / d.sdlog) : 0;
      return below + above;
    }
    default:
      return 0;
  }
}
