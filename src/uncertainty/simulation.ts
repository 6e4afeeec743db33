/**
 * What a probabilistic analysis returns (docs/MODEL.md, "Uncertainty"; src/app/simulate.ts
 * runs it): the summarised metrics, the decision's value of information and the fan chart.
 * Types and constants only, so that the result document (src/result/document.ts) and the
 * renderers can hold a simulation without importing the application layer.
 */
import type { Metrics } from '../engine/result.js';
import type { Distribution } from './distributions.js';
import type { Sampling } from './random.js';
import type { Summary } from './statistics.js';

/** The metrics summarised per option (money in £, rates as fractions). */
export const SIMULATED_METRICS = [
  'npv',
  'total_cost',
  'total_cost_discounted',
  'total_benefit_discounted',
  'cost_per_completed_episode',
  'completed_episodes',
  'vacancy_rate',
  'leavers',
  'burnout_risk_peak',
  'continuity',
] as const satisfies readonly (keyof Metrics)[];
export type SimulatedMetric = (typeof SIMULATED_METRICS)[number];

export interface DrawRow {
  draw: number;
  option: string;
  metrics: Record<SimulatedMetric, number | null>;
  /** The input values of this draw in this option, by path (absent where the option holds it fixed). */
  inputs: Record<string, number>;
  /** What the acceptability curves use: QALYs gained (discounted) and the cost PV with optimism bias. */
  effects: { qalys: number; total_cost_optimism_adjusted: number };
}

/** The --draws-out columns after the metrics: the effects behind the acceptability curves. */
export const DRAW_EFFECTS = ['qalys', 'total_cost_optimism_adjusted'] as const;

export interface SimulationInput {
  path: string;
  /** Options that hold this input as a range, by name. */
  options: string[];
  distributions: {
    distribution: Distribution;
    description: string;
    source: string | null;
    origin: string;
    options: string[];
    /** Share of the distribution's mass outside the field's valid values (drawn at the nearest valid value). */
    clipped: number;
  }[];
}

export interface OptionSummary {
  name: string;
  file: string;
  /** The metrics at the central values (the `run` figures). */
  deterministic: Record<SimulatedMetric, number | null>;
  metrics: Record<SimulatedMetric, Summary>;
  probability_best: number;
  probability_npv_positive: number;
}

export interface AcceptabilityCurve {
  /** What the willingness to pay is per. */
  per: 'completed_episode' | 'qaly';
  wtp: number[];
  /** probability_best[i][k]: option k at wtp[i]. */
  probability_best: number[][];
  /** EVPI on net monetary benefit at wtp[i] (per decision). */
  evpi: number[];
  /** The option with the highest mean net monetary benefit at wtp[i] (index into options): the acceptability frontier. */
  frontier: number[];
  /** expected_loss[i][k]: E[max_j NMB_j − NMB_k] at wtp[i]; the frontier option's is EVPI. */
  expected_loss: number[][];
}

/** Running mean and MCSE (sd/√n) of each option's NPV by number of draws. */
export interface Convergence {
  draws: number[];
  options: { name: string; mean: number[]; mcse: number[] }[];
}

export interface Evppi {
  name: string;
  inputs: string[];
  per_decision: number;
  population: number;
  /** Standard error of per_decision (regression: the coefficients' posterior; 0 where exact). */
  se: number;
  /** Whether per_decision is at or below the noise floor (not distinguishable from an irrelevant input). */
  below_noise_floor: boolean;
}

/** How EVPPI is estimated: regression splines (default) or the ordered-bin partition. */
export type EvppiMethod = 'regression' | 'bins';

export interface FanChart {
  months: string[];
  options: { name: string; p5: number[]; p10: number[]; p50: number[]; p90: number[]; p95: number[] }[];
}

export interface SimulationResult {
  draws: number;
  seed: number;
  sampling: Sampling;
  /** Whether each draw also drew the team's monthly events as counts (--process). */
  process: boolean;
  generator: string;
  decision: { metric: 'npv'; rule: string };
  inputs: SimulationInput[];
  correlations: { between: [string, string]; target: number; achieved: number }[];
  /** What the reader should know before reading the figures (e.g. a distribution clipped at the field's valid values). */
  warnings: string[];
  options: OptionSummary[];
  acceptability: AcceptabilityCurve[];
  value_of_information: {
    metric: 'npv';
    evpi_per_decision: number;
    population: { decisions_per_year: number; years: number; discount_rate: number; factor: number; evpi: number };
    evppi: Evppi[];
    evppi_method: EvppiMethod;
    /** EVPPI of an independent dummy input on these draws (the largest of several): estimates at or below it are noise. */
    noise_floor: number;
    method: string;
    /** Reasons the EVPPIs need more draws to be read (empty when none). */
    warnings: string[];
  };
  convergence: Convergence;
  fan?: FanChart;
}

export const GENERATOR = 'xoroshiro128+ (pure-rand), one stream per input column seeded by FNV-1a of seed and column key';
