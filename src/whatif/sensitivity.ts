/**
 * One-way sensitivity and switching values (pure). Each numeric input is moved to the
 * low and the high end of its range, one at a time, with everything else at its base
 * value; inputs are ranked by the swing in the chosen metric. A switching value is the
 * input value at which the decision flips: the decision function (NPV, BCR − 1, or the
 * difference from the baseline option) crosses zero. It is found by bisection on the
 * deterministic engine over the input's whole valid domain, to a tolerance in the input's
 * own units (bisect.ts, switchingStep), and reported with whether it lies inside the
 * plausible range. Every switching value is verified before it is reported: the decision
 * is recomputed one step below and one step above it and must differ; one that fails is
 * reported as not found, never printed wrong.
 *
 * With a baseline option, an input whose value is the same in both options (a shared
 * assumption: pay uplift, discount rate, unit values …) is moved in both; one that
 * differs is moved in the option under study only. Each row says which.
 *
 * The work is bounded (docs/OUTPUT.md, "sensitivity"): with more than `maxInputs` inputs,
 * those with the lowest screening priority (for benefit-stream inputs, the stream's
 * present value at the base) are left out and listed; switching values, about 35
 * evaluations each against 2 for the swing, are searched for the `maxSwitching` widest
 * swings only.
 */
import { runSteps, runStepsAsync, type Steps } from '../source/steps.js';
import { findSwitch, roundToStep, switchingStep } from './bisect.js';

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

/** The decision recomputed at one input value: the metric (the option's; with a baseline, the baseline's too) and the decision function. */
export interface DecisionPoint {
  input: number;
  metric: number;
  baseline_metric: number | null;
  /** > 0 favourable. */
  decision: number;
}

export type Switching =
  | {
      kind: 'switch';
      value: number;
      inside_range: boolean;
      /** Direction of the input that makes the decision favourable. */
      favourable: 'above' | 'below';
      /** The decision recomputed one step below and above the value (they differ). */
      verification: { step: number; below: DecisionPoint; above: DecisionPoint };
    }
  /** Bisection found a crossing, but recomputing around it did not confirm a flip. */
  | { kind: 'not_found'; reason: string; candidate: number; verification: { step: number; below: DecisionPoint | null; above: DecisionPoint | null } }
  | { kind: 'none' }
  | { kind: 'flat' }
  | { kind: 'not_applicable'; reason: string }
  /** Beyond the `maxSwitching` widest swings: not searched, to bound the run time. */
  | { kind: 'not_searched' };

export interface SensitivityRow {
  param: SensitivityParam;
  /** With a baseline: `both` (a shared assumption, moved in both options) or `option` (moved in the option under study only). */
  moved_in: 'both' | 'option';
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
  /** Inputs whose whole range moves nothing (the scenario does not use them), in input order; not analysed. */
  unused?: string[];
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
  /** Whether the input is shared with the baseline option (the same value in both), so it is moved in both. */
  shared?(path: string): boolean;
  /** The baseline option's metric with a shared input set to `value`. */
  baselineMetric?(path: string, value: number): number;
}

export class InvalidValueError extends Error {}

export interface Decision {
  /** Signed: > 0 when the decision is favourable (NPV > 0; option beats the baseline). `baseline` is the baseline's metric when it moved too. */
  fn(metric: number, baseline?: number): number;
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
  return runSteps(sensitivitySteps(params, evaluator, base, metric, decision, options));
}

/** `runSensitivity`, pausing for `checkpoint` after each input when one is given (the CLI: a signal stops a long analysis at once). */
export function runSensitivityCancellable(
  params: readonly SensitivityParam[],
  evaluator: Evaluator,
  base: number,
  metric: string,
  decision: Decision | null,
  options: { tolerance?: number } & SensitivityLimits,
  checkpoint: (() => Promise<void>) | undefined,
): Promise<SensitivityResult> {
  const steps = sensitivitySteps(params, evaluator, base, metric, decision, options);
  return checkpoint ? runStepsAsync(steps, checkpoint) : Promise.resolve(runSteps(steps));
}

function* sensitivitySteps(
  params: readonly SensitivityParam[],
  evaluator: Evaluator,
  base: number,
  metric: string,
  decision: Decision | null,
  options: { tolerance?: number } & SensitivityLimits,
): Steps<SensitivityResult> {
  const { kept, leftOut } = screenInputs(params, options.maxInputs ?? Infinity, options.priority);
  const searches = decision ? Math.min(kept.length, options.maxSwitching ?? Infinity) : 0;
  const total = kept.length * 2 + searches * SWITCH_SEARCH_EVALUATIONS;
  let done = 0;
  const advance = (n: number): void => {
    done += n;
    options.onProgress?.(Math.min(done, total), total);
  };

  // The swings first (two evaluations each), then switching values for the widest.
  const swings = [];
  for (const param of kept) {
    const low = evaluateSafe(evaluator, param.path, param.low);
    const high = evaluateSafe(evaluator, param.path, param.high);
    advance(2);
    swings.push({ param, low, high, swing: low.value === null || high.value === null ? 0 : Math.abs(high.value - low.value) });
    yield;
  }
  // Widest swing first; ties in input order, so output is stable.
  const order = swings.map((r, i) => [r, i] as const).sort((x, y) => y[0].swing - x[0].swing || x[1] - y[1]);
  const searched = new Set(order.slice(0, searches).map(([, i]) => i));

  const rows: SensitivityRow[] = [];
  for (const [index, { param, low, high, swing }] of swings.entries()) {
    const both = evaluator.shared?.(param.path) === true;
    let switching: Switching = { kind: 'not_applicable', reason: 'no decision rule for this metric (use --baseline, or --metric npv, bcr or roi)' };
    if (decision && !searched.has(index)) switching = { kind: 'not_searched' };
    else if (decision) {
      const [a, b] = param.domain;
      const at = (x: number): DecisionPoint | null => {
        const value = param.integer ? Math.round(x) : x;
        const r = evaluateSafe(evaluator, param.path, value);
        if (r.value === null) return null;
        let baseline: number | null = null;
        if (both && evaluator.baselineMetric) {
          try {
            baseline = evaluator.baselineMetric(param.path, value);
          } catch (err) {
            if (err instanceof InvalidValueError) return null;
            throw err;
          }
        }
        return { input: value, metric: r.value, baseline_metric: baseline, decision: decision.fn(r.value, baseline ?? undefined) };
      };
      const fn = (x: number): number => at(x)?.decision ?? Number.NaN;
      const found = findSwitch(fn, a, b, {
        scan: 17,
        ...(options.tolerance !== undefined
          ? { tolerance: options.tolerance }
          : { toleranceAt: (x: number) => (param.integer ? 0.5 : switchingStep(x, param) / 4) }),
      });
      if (found.kind === 'switch') switching = verify(found.value, param, at);
      else switching = found.kind === 'flat' ? { kind: 'flat' } : { kind: 'none' };      advance(SWITCH_SEARCH_EVALUATIONS);
    }
    rows.push({
      param,
      moved_in: both ? 'both' : 'option',
      metric_low: low.value,
      metric_high: high.value,
      swing,
      switching,
      invalid: low.error ?? high.error,
    });
    yield;
  }
  return {
    metric,
    base,
    decision: decision?.description ?? null,
    decision_at_base: decision ? decision.fn(base) : null,
    rows: order.map(([, i]) => rows[i] as SensitivityRow),
    left_out: leftOut,
  };
}

/**
 * The reported switching value: the crossing rounded to its step (0.01% of the value or one
 * unit of display precision), confirmed by recomputing the decision one step below and one
 * step above it, which must fall on opposite sides (favourable > 0, unfavourable ≤ 0).
 */
function verify(x: number, param: SensitivityParam, at: (x: number) => DecisionPoint | null): Switching {
  const step = switchingStep(x, param);
  const value = param.integer ? Math.round(x) : roundToStep(x, step);
  const [lo, hi] = param.domain;
  const below = value - step >= lo ? at(value - step) : null;
  const above = value + step <= hi ? at(value + step) : null;
  const verification = { step, below, above };
  if (below === null || above === null) {
    return { kind: 'not_found', reason: 'the decision cannot be recomputed on both sides of the crossing (the edge of the valid values, or a rule between inputs)', candidate: value, verification };
  }
  if (below.decision > 0 === above.decision > 0) {
    return { kind: 'not_found', reason: 'recomputing just below and just above the crossing gives the same decision', candidate: value, verification };
  }
  return {
    kind: 'switch',
    value,
    inside_range: value >= Math.min(param.low, param.high) && value <= Math.max(param.low, param.high),
    favourable: above.decision > 0 ? 'above' : 'below',
    verification: { step, below, above },
  };
}

/**
 * §7.5, §7.6 Switching values of a perspective's NPV (social, commissioner, Exchequer): the
 * input value at which the view's NPV changes sign, searched and verified as the headline's
 * are, for the inputs whose headline switching value was searched (in the headline's order).
 */
export interface PerspectiveSwitching {
  view: 'social' | 'commissioner' | 'exchequer';
  /** e.g. "the social NPV is positive". */
  decision: string;
  /** The view's NPV at the base values. */
  base: number;
  rows: Array<{ path: string; switching: Switching }>;
}

/** The document `sensitivity` writes (every format renders it): the analysis of one scenario. */
export interface SensitivityDocument {
  peerplan_version: string;
  file: string;
  name: string;
  hash: string;
  baseline: { file: string; name: string; metric: number } | null;
  range: string;
  result: SensitivityResult;
  /** With --metric npv and no baseline: the switching values of each perspective's NPV. */
  perspectives?: PerspectiveSwitching[];
}
