/**
 * The intermediate values of a full-detail projection that the result document does not
 * carry (pay rates, hazard multipliers, lags, the lowest pay point…), recorded by the engine
 * as it computes them so that `explain` can show them without computing them a second time.
 *
 * The trace is kept beside the result (a WeakMap keyed by the result object), not in it:
 * the result's JSON stays exactly as documented, and a trace lives as long as its result.
 */
import type { ScenarioResult } from './result.js';

export interface EngineTrace {
  /** §1.2 Basic salary and HCAS at reference prices, £ a year (the worker's and the supervisor's). */
  basic: number;
  hcas: number;
  supervisorBasic: number;
  supervisorHcas: number;
  /** §3.1 The floor of the pay driver: the lowest pay point in the tables and its band. */
  lowestPayPoint: { band: string; salary: number };
  /** §1.3 Employer pension rate and the apprenticeship levy rate on pay. */
  pensionRate: number;
  levyRate: number;
  /** §2.4 Vacancy fill rate f. */
  fillRate: number;
  /** §2.2 Leaver hazard multiplier from the pay gap to comparable jobs. */
  payLeavingMultiplier: number;
  /** §3.4 Effect kept by the team besides burnout (1 − λ × isolation score). */
  teamEffectiveness: number;
  /** §3.4 Effect kept through supervision besides burnout, relative to the reference team's. */
  supervisionEffectiveness: number;
  /** §5.1 Share of a paid month in the worker's own supervision (s_sup). */
  supervisionShare: number;
  /** §5.2 Each benefit stream's lag in whole months, in scenario order. */
  lags: readonly number[];
  /** Month-indexed (0 … N−1): §1.2–1.3 annual pay A, employer NI per WTE-year, employment cost E, supervisor hourly cost. */
  annualPay: Float64Array;
  niPerWte: Float64Array;
  employmentCost: Float64Array;
  supervisorHourly: Float64Array;
  /** Month-indexed: §2.3 contract hazard multiplier and term-end separation e(t); §3.3 burnout hazard multiplier. */
  contractMultiplier: Float64Array;
  termEnd: Float64Array;
  burnoutMultiplier: Float64Array;
  /** Month-indexed: §3.4 the team's sickness absence s(t) and the effectiveness of its support E(t). */
  sickness: Float64Array;
  effectiveness: Float64Array;
}

/** The month-indexed arrays of a trace. */
export const TRACE_SERIES = [
  'annualPay', 'niPerWte', 'employmentCost', 'supervisorHourly', 'contractMultiplier', 'termEnd', 'burnoutMultiplier', 'sickness', 'effectiveness',
] as const satisfies readonly (keyof EngineTrace)[];
export type TraceSeries = Record<(typeof TRACE_SERIES)[number], Float64Array>;

const traces = new WeakMap<ScenarioResult, EngineTrace>();

/** Records a full-detail projection's trace (the engine only). */
export function recordTrace(result: ScenarioResult, trace: EngineTrace): void {
  traces.set(result, trace);
}

/** The trace of a result `project` returned at full detail; undefined for any other object (a copy, a parsed file). */
export function engineTrace(result: ScenarioResult): EngineTrace | undefined {
  return traces.get(result);
}
