/**
 * The expected value of sample information of a local study of a binary outcome (e.g.
 * readmission within a year) on a stream's risk ratio, by the regression method of Strong,
 * Oakley, Brennan & Breeze (2015, Med Decis Making 35:570–583): for each draw d of the
 * probabilistic analysis, a study's data are simulated given that draw's risk ratio, a
 * summary statistic of the data is computed, and each option's net benefit is regressed on
 * it (the same penalised spline as EVPPI, evppi.ts); then
 *
 *   EVSI(n) = mean_d max_k ĝ_k(T_d) − max_k mean_d NB_k,
 *
 * since E[NB_k | study data] is the regression of NB_k on a sufficient summary of the data.
 * The study: n people in each arm, control risk p₀ (the stream's base rate) and
 * intervention risk p₀·RR_d; events drawn binomially; the summary is the log risk ratio
 * with ½ added to each cell. ENBS(n) = EVSI(n) × the population factor − the study's cost;
 * the optimal n is the one with the largest ENBS among those tried.
 *
 * Not yet offered on the command line (issue 27, item 5): the estimator and its check
 * against the closed form of a normal prior and normal data (test/unit/uncertainty/evsi.test.ts).
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { hash32 } from './random.js';
import { evppiRegression } from './evppi.js';

/** Successes in n trials of probability p (inverse transform, n small enough for a local study). */
function binomial(n: number, p: number, u: () => number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (u() < p) k++;
  return k;
}

/** Summary statistics of simulated two-arm studies of `perArm` people each, one per draw of the risk ratio. */
export function studySummaries(riskRatio: Float64Array, baseRate: number, perArm: number, seed: number): Float64Array {
  const rng = xoroshiro128plus(hash32(`${seed}\u0005evsi ${perArm}`));
  const u = (): number => uniformFloat64(rng);
  return Float64Array.from(riskRatio, (rr) => {
    const p1 = Math.min(1, Math.max(0, baseRate * rr));
    const x1 = binomial(perArm, p1, u);
    const x0 = binomial(perArm, baseRate, u);
    return Math.log((x1 + 0.5) / (perArm + 0.5) / ((x0 + 0.5) / (perArm + 0.5)));
  });
}

/** EVSI per decision of a study whose summary statistic per draw is `summary` (regression of each option's NB on it). */
export function evsiFromSummary(nb: readonly Float64Array[], summary: Float64Array, seed: number, key: string): { value: number; se: number } {
  const e = evppiRegression(nb, [summary], seed, key);
  return { value: e.value, se: e.se };
}

export interface EvsiRow {
  per_arm: number;
  evsi: number;
  se: number;
  /** EVSI × population factor − study cost. */
  enbs: number;
}

/** EVSI and ENBS for each study size; `cost(n)` is the study's cost with n people per arm. */
export function evsiCurve(
  nb: readonly Float64Array[],
  riskRatio: Float64Array,
  baseRate: number,
  sizes: readonly number[],
  population: number,
  cost: (perArm: number) => number,
  seed: number,
): { rows: EvsiRow[]; optimal: EvsiRow | null } {
  const rows = sizes.map((n) => {
    const e = evsiFromSummary(nb, studySummaries(riskRatio, baseRate, n, seed), seed, `evsi ${n}`);
    return { per_arm: n, evsi: e.value, se: e.se, enbs: e.value * population - cost(n) };
  });
  const optimal = rows.reduce<EvsiRow | null>((b, r) => (b === null || r.enbs > b.enbs ? r : b), null);
  return { rows, optimal };
}
