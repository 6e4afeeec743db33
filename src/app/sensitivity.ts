/**
 * Sensitivity: one-way sensitivity of a metric to every numeric input of a scenario,
 * and the switching values at which the decision flips (shared by `sensitivity` and
 * the report's tornado chart). Progress goes to the listener.
 */
import { readFileSync } from 'node:fs';
import { openScenario, type OpenScenario } from '../read/load-scenario.js';
import { parseOverride, type Override } from '../read/overrides.js';
import { loadReference } from '../reference/load.js';
import { project } from '../engine/project.js';
import { fromRoot } from '../paths.js';
import type { Scenario } from '../scenario/types.js';
import type { LoadedScenario } from '../scenario/origin.js';
import { metricInfo, type MetricKey } from '../metrics/catalogue.js';
import { didYouMean } from '../source/did-you-mean.js';
import { getAt } from '../source/positions.js';
import {
  InvalidValueError,
  runSensitivity,
  runSensitivityCancellable,
  SWITCH_SEARCH_EVALUATIONS,
  type Decision,
  type Evaluator,
  type SensitivityParam,
  type SensitivityDocument,
  type SensitivityResult,
} from '../whatif/sensitivity.js';
import { numericInputs, sensitivityParams } from '../whatif/params.js';
import { VERSION } from '../version.js';
import { AppError, loadFailure, usageFailure } from './errors.js';
import type { Listener, Sources } from './context.js';
import { checkTargets, readOptions, withYears } from './project.js';

/**
 * Inputs analysed at most, by default: every bundled scenario (up to about 45 numeric
 * inputs) is analysed whole, while a scenario with 100 benefit streams (some 700
 * inputs, each evaluation slower too) is cut to its largest streams' inputs.
 */
export const DEFAULT_MAX_INPUTS = 50;

/** Metrics whose sign (or position against 1) is itself the decision, without a baseline. */
const THRESHOLDS: Partial<Record<MetricKey, { threshold: number; description: string }>> = {
  npv: { threshold: 0, description: 'NPV is positive' },
  npv_optimism_adjusted: { threshold: 0, description: 'optimism-adjusted NPV is positive' },
  bcr: { threshold: 1, description: 'benefits exceed costs (BCR above 1)' },
  roi: { threshold: 0, description: 'return on investment is positive' },
  npv_unadjusted: { threshold: 0, description: 'NPV without optimism bias is positive' },
  bcr_unadjusted: { threshold: 1, description: 'benefits exceed costs without optimism bias (BCR above 1)' },
  roi_unadjusted: { threshold: 0, description: 'return on investment without optimism bias is positive' },
};

/** What to analyse: parsed options, shared by `sensitivity` and `report` (its tornado chart). */
export interface SensitivityRequest {
  file: string;
  baseline?: string | undefined;
  metric: MetricKey;
  /** ±range around the base, for inputs without a reference range (or for all, with forceRange). */
  range: number;
  forceRange: boolean;
  only?: string[] | undefined;
  overrides: Override[];
  years?: number | undefined;
  /** At most this many inputs are analysed (default DEFAULT_MAX_INPUTS). */
  maxInputs?: number | undefined;
  /** Switching values for at most this many inputs, widest swings first (default: all analysed). */
  maxSwitching?: number | undefined;
}

export async function analyseSensitivity(req: SensitivityRequest, sources: Sources, listener: Listener = {}): Promise<{ doc: SensitivityDocument; chain: string[] }> {
  const load = async (file: string, overrides: readonly Override[]) => {
    const source = await openScenario(file, await readOptions(sources, file));
    const outcome = source.resolve(overrides);
    if (outcome.diagnostics.length > 0) listener.diagnostics?.(outcome.diagnostics);
    if (!outcome.loaded) throw new AppError('invalid scenario', loadFailure(outcome.diagnostics), true);
    return { source, loaded: outcome.loaded };
  };
  const { metric, overrides, years } = req;
  const atYears = (s: Scenario): Scenario => withYears(s, years);
  const metricOf = (s: Scenario): number | null => {
    const v = project(atYears(s), loadReference(s.reference), { detail: 'metrics' }).metrics[metric];
    return typeof v === 'number' ? v : null;
  };
  /** The metric at a scenario the user gave: it must have a value there. */
  const value = (s: Scenario): number => {
    const v = metricOf(s);
    if (v === null) throw usageFailure(`--metric ${metric} has no value for ${s.name} (e.g. a payback month of "never"); choose another metric`);
    return v;
  };

  checkTargets(overrides, req.baseline === undefined ? [req.file] : [req.file, req.baseline], sources.cwd);
  const focal = await load(req.file, overrides);
  let baseline: { loaded: LoadedScenario; source: OpenScenario; metric: number } | null = null;
  if (req.baseline !== undefined) {
    const b = await load(req.baseline, overrides);
    baseline = { loaded: b.loaded, source: b.source, metric: value(b.loaded.scenario) };
  }

  const scenario = focal.loaded.scenario;
  const known = numericInputs(scenario).map(([p]) => p);
  for (const p of req.only ?? []) {
    if (!known.includes(p) && !known.some((k) => k.replace(/\[\d+\]/g, '[*]') === p)) {
      const guess = didYouMean(p, known);
      throw usageFailure(`--params: "${p}" is not a numeric input of this scenario${guess ? ` (did you mean "${guess}"?)` : ''}`);
    }
  }
  const schema = JSON.parse(readFileSync(fromRoot('schemas', 'scenario.schema.json'), 'utf8'));
  const params = sensitivityParams(scenario, loadReference(scenario.reference), schema, {
    range: req.range,
    forceRange: req.forceRange,
    ...(req.only ? { only: req.only } : {}),
  });

  const info = metricInfo(metric);
  let decision: Decision | null = null;
  if (baseline) {
    if (!info?.better) throw usageFailure(`--metric ${metric} has no better direction, so two options cannot swap places on it; choose e.g. npv or total_cost`);
    const b = baseline.metric;
    decision = {
      // A shared assumption moves the baseline too: compare with its metric at the same value.
      fn: info.better === 'higher' ? (m, at = b) => m - at : (m, at = b) => at - m,
      description: `${scenario.name} beats ${baseline.loaded.scenario.name} on ${info.label.toLowerCase()}`,
    };
  } else {
    const t = THRESHOLDS[metric];
    if (t) decision = { fn: (m) => m - t.threshold, description: t.description };
  }

  const cache = new Map<string, number>();
  const metricAt = (source: typeof focal.source, tag: string, path: string, x: number): number => {
    const param = params.find((p) => p.path === path);
    const text = param?.percent ? `${plainText(x * 100)}%` : plainText(x);
    const key = `${path}=${text}`;
    const hit = cache.get(tag + key);
    if (hit !== undefined) return hit;
    const outcome = source.resolve([...overrides, parseOverride(key)]);
    if (!outcome.loaded) {
      const first = outcome.diagnostics.find((d) => d.severity === 'error');
      throw new InvalidValueError(first ? `${first.code}: ${first.message}` : `${key} is not valid`);
    }
    const v = metricOf(outcome.loaded.scenario);
    if (v === null) throw new InvalidValueError(`${metric} has no value at ${key}`);
    cache.set(tag + key, v);
    return v;
  };
  const baselineScenario = baseline?.loaded.scenario;
  const evaluator: Evaluator = {
    metric: (path, x) => metricAt(focal.source, '', path, x),
    ...(baseline && baselineScenario
      ? {
          // The same value in both options: an assumption they share, so it moves in both.
          shared: (path: string) => getAt(baselineScenario, path) === getAt(scenario, path),
          baselineMetric: (path: string, x: number) => metricAt(baseline.source, 'baseline:', path, x),
        }
      : {}),
  };
  // Screening without evaluating anything: a benefit stream's inputs can move the result
  // by at most about that stream's value, so streams are ranked by their present value
  // at the base; every other input comes first.
  const streams = project(atYears(scenario), loadReference(scenario.reference)).benefit_streams;
  const priority = (p: SensitivityParam): number => {
    const stream = /^benefits\[(\d+)\]\./.exec(p.path);
    return stream ? Math.abs(streams[Number(stream[1])]?.total_discounted ?? 0) : Infinity;
  };
  const maxInputs = req.maxInputs ?? DEFAULT_MAX_INPUTS;
  // An evaluation takes about 1 ms for a bundled scenario but 25 ms or more for a large
  // one, so the bar is shown whatever the count (it is cleared at the end).
  const analysed = Math.min(params.length, maxInputs);
  const work = analysed * 2 + (decision ? Math.min(analysed, req.maxSwitching ?? analysed) * SWITCH_SEARCH_EVALUATIONS : 0);
  let result: SensitivityResult;
  try {
    const limits = {
      maxInputs,
      ...(req.maxSwitching !== undefined ? { maxSwitching: req.maxSwitching } : {}),
      priority,
      onProgress: (done: number, total: number) => listener.progress?.('sensitivity', Math.round((done / total) * work), work),
    };
    const checkpoint = listener.checkpoint?.bind(listener);
    result = checkpoint
      ? await runSensitivityCancellable(params, evaluator, value(scenario), metric, decision, limits, checkpoint)
      : runSensitivity(params, evaluator, value(scenario), metric, decision, limits);
  } finally {
    listener.progressEnd?.();
  }
  const doc: SensitivityDocument = {
    peerplan_version: VERSION,
    file: req.file,
    name: scenario.name,
    hash: focal.loaded.hash,
    baseline: baseline ? { file: req.baseline as string, name: baseline.loaded.scenario.name, metric: baseline.metric } : null,
    range: `±${plainText(req.range * 100)}%`,
    result,
  };
  return { doc, chain: [...focal.loaded.chain, ...(baseline?.loaded.chain ?? [])] };
}

/** A number as a --set value: enough digits for bisection, no exponent. */
function plainText(x: number): string {
  return Number(x.toPrecision(12)).toString();
}
