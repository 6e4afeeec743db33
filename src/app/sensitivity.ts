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
  runSensitivityCancellable,
  SWITCH_SEARCH_EVALUATIONS,
  type Decision,
  type Evaluator,
  type SensitivityParam,
  type SensitivityDocument,
  type SensitivityResult,
  type PerspectiveSwitching,
  type Switching,
} from '../whatif/sensitivity.js';
import { numericInputs, sensitivityParams } from '../whatif/params.js';
import { VERSION } from '../version.js';
import { AppError, loadFailure, usageFailure } from './errors.js';
import type { Listener, Sources } from './context.js';
import { checkTargets, readOptions, withYears, yearsWarnings } from './project.js';

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
  /** The figure analysed: the metric, or (§7.6) a perspective's NPV. */
  type Read = (r: ReturnType<typeof project>) => number | null;
  const readMetric: Read = (r) => {
    const v = r.metrics[metric];
    return typeof v === 'number' ? v : null;
  };
  const metricOf = (s: Scenario, read: Read = readMetric): number | null => read(project(atYears(s), loadReference(s.reference), { detail: 'metrics' }));
  /** The metric at a scenario the user gave: it must have a value there. */
  const value = (s: Scenario): number => {
    const v = metricOf(s);
    if (v === null) throw usageFailure(`--metric ${metric} has no value for ${s.name} (e.g. a payback month of "never"); choose another metric`);
    return v;
  };

  checkTargets(overrides, req.baseline === undefined ? [req.file] : [req.file, req.baseline], sources.cwd);
  const focal = await load(req.file, overrides);
  yearsWarnings([focal.loaded], years, listener);
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
  const allParams = sensitivityParams(scenario, loadReference(scenario.reference), schema, {
    range: req.range,
    forceRange: req.forceRange,
    ...(req.only ? { only: req.only } : {}),
  });
  // #28 item 10: the volunteers.* inputs mean nothing to a paid team; never offer them (unless named in --params).
  const params = req.only || scenario.workforce.contract.type === 'voluntary' ? allParams : allParams.filter((p) => !p.path.startsWith('volunteers.'));

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
  const metricAt = (source: typeof focal.source, tag: string, path: string, x: number, read: Read = readMetric, what: string = metric): number => {
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
    const v = metricOf(outcome.loaded.scenario, read);
    if (v === null) throw new InvalidValueError(`${what} has no value at ${key}`);
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
  // #28 item 10. Screening by a cheap one-at-a-time swing: the metric at the two ends of
  // each input's range (the baseline's too for an input moved in both), the same two
  // evaluations the analysis makes, cached, so an input that is kept costs nothing more.
  // An input whose range moves nothing is one this scenario does not use (an employer pay
  // bill far above the levy threshold, the isolation odds ratio of a team of 6 or more): it
  // is named once, not drawn as a flat bar. Inputs with no range (a base of zero) stay.
  const baseValue = value(scenario);
  /** The metric at one end; an end that breaks a rule counts as the base (the row will say why). */
  const endOf = (at: (path: string, x: number) => number, path: string, x: number, base: number): number => {
    try {
      return at(path, x);
    } catch (err) {
      if (err instanceof InvalidValueError) return base;
      throw err;
    }
  };
  const swingOf = (p: SensitivityParam): number => {
    const own = Math.abs(endOf(evaluator.metric, p.path, p.high, baseValue) - endOf(evaluator.metric, p.path, p.low, baseValue));
    const moveBoth = evaluator.shared?.(p.path) === true ? evaluator.baselineMetric : undefined;
    const both = moveBoth && baseline ? Math.abs(endOf(moveBoth, p.path, p.high, baseline.metric) - endOf(moveBoth, p.path, p.low, baseline.metric)) : 0;
    return Math.max(own, both);
  };
  // Evaluating every input is cheap for the bundled scenarios (about 60 inputs, a few ms
  // each) but not for one with hundreds of benefit-stream inputs (100 streams: some 730).
  // Beyond 200 inputs (or four times the bound), the streams' inputs are screened without evaluating, as
  // before: by the stream's present value at the base (about the most they can move the
  // result), after every other input, which is still screened by its swing.
  const maxInputs = req.maxInputs ?? DEFAULT_MAX_INPUTS;
  const evaluateAll = params.length <= Math.max(4 * maxInputs, SCREEN_BY_EVALUATION_UP_TO);
  const streams = evaluateAll ? [] : project(atYears(scenario), loadReference(scenario.reference)).benefit_streams;
  const streamOf = (path: string): number | null => {
    const m = /^benefits\[(\d+)\]\./.exec(path);
    return m ? Number(m[1]) : null;
  };
  const screen = (p: SensitivityParam): number => {
    const stream = streamOf(p.path);
    if (evaluateAll) return p.low === p.high ? -1 : swingOf(p); // no range (a base of zero): not moved, shown as such, after those that move
    if (stream !== null) return Math.abs(streams[stream]?.total_discounted ?? 0);
    return p.low !== p.high && swingOf(p) === 0 ? 0 : Number.MAX_VALUE; // every other input first, in input order
  };
  // Screening evaluates, so a signal must be able to stop it between evaluations, as it stops the analysis.
  const swings = new Map<string, number>();
  for (const p of params) {
    swings.set(p.path, screen(p));
    await listener.checkpoint?.();
  }
  const unused = req.only ? [] : params.filter((p) => swings.get(p.path) === 0).map((p) => p.path);
  const analysable = params.filter((p) => !unused.includes(p.path));
  const priority = (p: SensitivityParam): number => swings.get(p.path) ?? 0;
  // An evaluation takes about 1 ms for a bundled scenario but 25 ms or more for a large
  // one, so the bar is shown whatever the count (it is cleared at the end).
  const analysed = Math.min(analysable.length, maxInputs);
  const work = analysed * 2 + (decision ? Math.min(analysed, req.maxSwitching ?? analysed) * SWITCH_SEARCH_EVALUATIONS : 0);
  let result: SensitivityResult;
  try {
    const limits = {
      maxInputs,
      ...(req.maxSwitching !== undefined ? { maxSwitching: req.maxSwitching } : {}),
      priority,
      onProgress: (done: number, total: number) => listener.progress?.('sensitivity', Math.round((done / total) * work), work),
    };
    result = await runSensitivityCancellable(analysable, evaluator, value(scenario), metric, decision, limits, listener.checkpoint?.bind(listener));
    result = { ...result, unused };
  } finally {
    listener.progressEnd?.();
  }
  // §7.6 Each perspective's NPV against zero, for the inputs whose headline switching value was searched (--metric npv, no baseline).
  const views = !baseline && (metric === 'npv' || metric === 'npv_optimism_adjusted') ? await perspectiveSwitching(params, result, (view) => ({
    base: metricOf(scenario, (r) => r.perspectives?.[view].npv ?? null) ?? 0,
    metric: (path, x) => metricAt(focal.source, `${view}:`, path, x, (r) => r.perspectives?.[view].npv ?? null, `the ${view} NPV`),
  }), listener) : undefined;
  const doc: SensitivityDocument = {
    peerplan_version: VERSION,
    file: req.file,
    name: scenario.name,
    hash: focal.loaded.hash,
    baseline: baseline ? { file: req.baseline as string, name: baseline.loaded.scenario.name, metric: baseline.metric } : null,
    range: `±${plainText(req.range * 100)}%`,
    result,
    ...(views ? { perspectives: views } : {}),
  };
  return { doc, chain: [...focal.loaded.chain, ...(baseline?.loaded.chain ?? [])] };
}

/** The perspectives' switching values: each view's NPV as the decision, over the inputs the headline searched. */
async function perspectiveSwitching(
  params: readonly SensitivityParam[],
  headline: SensitivityResult,
  evaluatorOf: (view: PerspectiveSwitching['view']) => { base: number; metric: Evaluator['metric'] },
  listener: Listener,
): Promise<PerspectiveSwitching[]> {
  const searched = new Set(headline.rows.filter((r) => r.switching.kind !== 'not_searched' && r.switching.kind !== 'not_applicable').map((r) => r.param.path));
  const kept = params.filter((p) => searched.has(p.path) && p.low !== p.high);
  const labels = { social: 'social (Green Book)', commissioner: 'commissioner\u2019s', exchequer: 'Exchequer' } as const;
  const out: PerspectiveSwitching[] = [];
  for (const view of ['social', 'commissioner', 'exchequer'] as const) {
    const ev = evaluatorOf(view);
    const decision: Decision = { fn: (m) => m, description: `the ${labels[view]} NPV is positive` };
    const r = await runSensitivityCancellable(kept, { metric: ev.metric }, ev.base, `${view}_npv`, decision, {}, listener.checkpoint?.bind(listener));
    const byPath = new Map(r.rows.map((row) => [row.param.path, row.switching]));
    out.push({ view, decision: decision.description, base: ev.base, rows: headline.rows.filter((row) => byPath.has(row.param.path)).map((row) => ({ path: row.param.path, switching: byPath.get(row.param.path) as Switching })) });
  }
  return out;
}

/** Up to this many inputs (or four times --max-inputs), every input is screened by evaluating its swing. */
const SCREEN_BY_EVALUATION_UP_TO = 200;

/** A number as a --set value: enough digits for bisection, no exponent. */
function plainText(x: number): string {
  return Number(x.toPrecision(12)).toString();
}
