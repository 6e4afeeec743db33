/**
 * The types of an input given as a range (src/uncertainty/ranges.ts reads them, the
 * simulation draws from them). Here, at the foot of the layers, because a loaded scenario
 * carries its ranges (origin.ts, LoadedScenario) and src/scenario imports nothing above it.
 */

export type Distribution =
  /** Beta-PERT on [low, high] with the given mode (Vose 2008: α = 1 + 4(m − a)/(c − a)). */
  | { dist: 'pert'; low: number; mode: number; high: number }
  | { dist: 'triangular'; low: number; mode: number; high: number }
  | { dist: 'uniform'; low: number; high: number }
  | { dist: 'normal'; mean: number; sd: number }
  /** ln X ~ N(meanlog, sdlog²). */
  | { dist: 'lognormal'; meanlog: number; sdlog: number }
  /** Beta(alpha, beta) on [0, 1]. */
  | { dist: 'beta'; alpha: number; beta: number };

export type DistributionKind = Distribution['dist'];

/** A ranged input as found in one file. */
export interface RangedInput {
  path: string;
  distribution: Distribution;
  /** The `source:` given with the range, if any. */
  source: string | null;
  file: string;
  line: number;
  column: number;
  /** The field's valid values: draws are clipped to them (and rounded for whole numbers). */
  min: number;
  max: number;
  integer: boolean;
  percent: boolean;
}
