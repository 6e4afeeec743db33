/**
 * One-way sensitivity and switching values (pure). Each numeric input is moved to the
 * low and the high end of its range, one at a time, with everything else at its base
 * value; inputs are ranked by the swing in the chosen metric. A switching value is the
 * input value at which the decision flips: the decision function (NPV, BCR − 1, or the
 * difference from the baseline option) crosses zero. It is found by bisection on the
 * deterministic engine over the input's whole valid domain, and reported with whether
 * it lies inside the plausible range.
 *
 * The work is bounded (docs/OUTPUT.md, "sensitivity"): with more than `maxInputs` inputs,
 * those with the lowest screening priority (for benefit-stream inputs, the stream's
 * present value at the base) are left out and listed; switching values, about 35
 * evaluations each against 2 for the swing, are searched for the `maxSwitching` widest
 * swings only.
 */
import { findSwitch } from './bisect.js';

export interface SensitivityParam {
  path: string;
  base: number;
  low: number;
  high: number;
  /** Where the range came from: the reference data's plausible range, or ±range around the base. */
  range_source: 'reference' | 'plus_minus';
  reason: string | null;
  /** Valid values of the input (schema bounds), searched for a switching value. */
  domain: [number, number];
  integer: boolean;
  percent: boolean;
}

export type Switching =
  | { kind: 'switch'; value: number; inside_range: boolean; /** Direction of the input that makes the decision favourable. */ favourable: 'above' | 'below' }
  | { kind: 'none' }
  | { kind: 'flat' }
  | { kind: 'not_applicable'; reason: string }
  /** Beyond the `maxSwitching` widest swings: not searched, to bound the run time. */
  | { kind: 'not_searched' };

export interface SensitivityRow {
  param: SensitivityParam;
  /** The metric with the input at its low and high value; null where that value is invalid. */
  metric_low: number | null;
  metric_high: number | null;
  swing: number;
  switching: Switching;
  /** Why an end of the range could not be evaluated (a rule between inputs broke). */
  invalid: string | null;
}

export interface SensitivityResult {
  metric: string;
  base: number;
  /** What "the decision" means, in words, e.g. "NPV is positive". */
  decision: string | null;
  /** The decision function at the base: > 0 favourable. */
  decision_at_base: number | null;
  rows: SensitivityRow[];
  /** Inputs not analysed, to bound the run time (the lowest screening priority), in input order. */
  left_out: string[];
}

export interface SensitivityLimits {
  /** At most this many inputs are analysed; the rest, lowest priority first, are left out. */
  maxInputs?: number;
  /** Switching values are searched for at most this many inputs, the widest swings first. */
  maxSwitching?: number;
  /** Screening priority of an input (higher is analysed first); ties keep input order. */
  priority?: (param: SensitivityParam) => number;
  /** Called as the work advances, in evaluations (an estimate until the swings are known). */
  onProgress?: (done: number, total: number) => void;
}

/** About how many evaluations a switching-value search takes (17-point scan, then bisection). */
export const SWITCH_SEARCH_EVALUATIONS = 35;

/** The inputs to analyse, at most `max`, by priority; ties and the result keep input order. */
export function screenInputs(
  params: readonly SensitivityParam[],
  max: number,
  priority: (param: SensitivityParam) => number = () => 0,
): { kept: SensitivityParam[]; leftOut: string[] } {
  if (params.length <= max) return { kept: [...params], leftOut: [] };
  const ranked = params.map((p, i) => ({ p, i, score: priority(p) })).sort((a, b) => b.score - a.score || a.i - b.i);
  const keep = new Set(ranked.slice(0, Math.max(0, max)).map((r) => r.i));
  return { kept: params.filter((_, i) => keep.has(i)), leftOut: params.filter((_, i) => !keep.has(i)).map((p) => p.path) };
}

export interface Evaluator {
  /** The metric with one input set to `value`; throws InvalidValueError if the value breaks a rule. */
  metric(path: string, value: number): number;
}

export class InvalidValueError extends Error {}

export interface Decision {
  /** Signed: > 0 when the decision is favourable (NPV > 0; option beats the baseline). */
  fn(metric: number): number;
  description: string;
}

function evaluateSafe(ev: Evaluator, path: string, value: number): { value: number | null; error: string | null } {
  try {
    return { value: ev.metric(path, value), error: null };
  } catch (err) {
    if (err instanceof InvalidValueError) return { value: null, error: err.message };
    throw err;
  }
}

export function runSensitivity(
  params: readonly SensitivityParam[],
  evaluator: Evaluator,
  base: number,
  metric: string,
  decision: Decision | null,
  options: { tolerance?: number } & SensitivityLimits = {},
): SensitivityResult {
  const { kept, leftOut } = screenInputs(params, options.maxInputs ?? Infinity, options.priority);
  const searches = decision ? Math.min(kept.length, options.maxSwitching ?? Infinity) : 0;
  const total = kept.length * 2 + searches * SWITCH_SEARCH_EVALUATIONS;
  let done = 0;
  const advance = (n: number): void => {
    done += n;
    options.onProgress?.(Math.min(done, total), total);
  };

  // The swings first (two evaluations each), then switching values for the widest.
  const swings = kept.map((param) => {
    const low = evaluateSafe(evaluator, param.path, param.low);
    const high = evaluateSafe(evaluator, param.path, param.high);
    advance(2);
    return { param, low, high, swing: low.value === null || high.value === null ? 0 : Math.abs(high.value - low.value) };
  });
  // Widest swing first; ties in input order, so output is stable.
  const order = swings.map((r, i) => [r, i] as const).sort((x, y) => y[0].swing - x[0].swing || x[1] - y[1]);
  const searched = new Set(order.slice(0, searches).map(([, i]) => i));

  const rows = swings.map(({ param, low, high, swing }, index): SensitivityRow => {
    let switching: Switching = { kind: 'not_applicable', reason: 'no decision rule for this metric (use --baseline, or --metric npv, bcr or roi)' };
    if (decision && !searched.has(index)) switching = { kind: 'not_searched' };
    else if (decision) {
      const [a, b] = param.domain;
      const fn = (x: number): number => {
        const value = param.integer ? Math.round(x) : x;
        const r = evaluateSafe(evaluator, param.path, value);
        return r.value === null ? Number.NaN : decision.fn(r.value);
      };
      const found = findSwitch(fn, a, b, { scan: 17, tolerance: options.tolerance ?? Math.max((b - a) * 1e-5, param.integer ? 0.5 : 0) });
      if (found.kind === 'switch') {
        const value = param.integer ? Math.round(found.value) : found.value;
        const step = (b - a) * 1e-3;
        const above = fn(Math.min(b, value + Math.max(step, param.integer ? 1 : 0)));
        switching = {
          kind: 'switch',
          value,
          inside_range: value >= Math.min(param.low, param.high) && value <= Math.max(param.low, param.high),
          favourable: above > 0 ? 'above' : 'below',
        };
      } else {
        switching = found.kind === 'flat' ? { kind: 'flat' } : { kind: 'none' };
      }
      advance(SWITCH_SEARCH_EVALUATIONS);
    }
    return {
      param,
      metric_low: low.value,
      metric_high: high.value,
      swing,
      switching,
      invalid: low.error ?? high.error,
    };
  });
  return {
    metric,
    base,
    decision: decision?.description ?? null,
    decision_at_base: decision ? decision.fn(base) : null,
    rows: order.map(([, i]) => rows[i] as SensitivityRow),
    left_out: leftOut,
  };
}
