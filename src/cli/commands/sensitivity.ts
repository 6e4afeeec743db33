/**
 * `peerplan sensitivity`: one-way sensitivity of a metric to every numeric input,
 * a tornado chart, and the switching values at which the decision flips.
 */
import { readFileSync } from 'node:fs';
import type { CommandContext } from '../io.js';
import { CliError, loadFailureExit, usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { openScenario } from '../../read/load-scenario.js';
import { parseOverride, type Override } from '../../read/overrides.js';
import { formatDiagnostics } from '../../source/diagnostics.js';
import { parsePercent } from '../../validate/percent.js';
import { loadReference } from '../../reference/load.js';
import { project } from '../../engine/project.js';
import { fromRoot } from '../../paths.js';
import type { Scenario } from '../../scenario/types.js';
import type { LoadedScenario } from '../../scenario/origin.js';
import { metricInfo, METRIC_KEYS, type MetricKey } from '../../metrics/catalogue.js';
import { didYouMean } from '../../source/did-you-mean.js';
import {
  InvalidValueError,
  runSensitivity,
  SWITCH_SEARCH_EVALUATIONS,
  type Decision,
  type Evaluator,
  type SensitivityParam,
  type SensitivityResult,
} from '../../whatif/sensitivity.js';
import { progressBar } from '../progress.js';
import { numericInputs, sensitivityParams } from '../../whatif/params.js';
import type { SensitivityDocument } from '../../render/sensitivity.js';
import { emit, outputWidth, parseOverrides, parseYears } from './pipeline.js';
import { VERSION } from '../../version.js';
import { getAt } from '../../source/positions.js';

export interface SensitivityOptions {
  baseline?: string;
  metric: string;
  range?: string;
  params?: string;
  format: 'table' | 'json' | 'csv';
  out?: string;
  set?: string[];
  years?: string;
  maxInputs?: string;
}

/**
 * Inputs analysed at most, by default: every bundled scenario (up to about 45 numeric
 * inputs) is analysed whole, while a scenario with 100 benefit streams (some 700
 * inputs, each evaluation slower too) is cut to its largest streams' inputs.
 */
export const DEFAULT_MAX_INPUTS = 50;

function parseMaxInputs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_INPUTS;
  if (!/^[1-9][0-9]{0,5}$/.test(text.trim())) throw usageError(`--max-inputs must be a whole number from 1 to 999999 (got "${text}"), e.g. --max-inputs 100`);
  return Number(text);
}

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

function parseRange(text: string | undefined): number {
  if (text === undefined) return 0.2;
  const parsed = parsePercent(text.includes('%') ? text : Number(text), 1);
  if (parsed === undefined || parsed <= 0) throw usageError(`--range must be a percentage above 0 and at most 100% (got "${text}"), e.g. --range 20%`);
  return parsed;
}

function metricKey(name: string): MetricKey {
  if (metricInfo(name)) return name as MetricKey;
  const guess = didYouMean(name, METRIC_KEYS);
  throw usageError(`--metric: unknown metric "${name}"${guess ? ` (did you mean "${guess}"?)` : ''}. Known metrics: ${METRIC_KEYS.join(', ')}`);
}

async function load(ctx: CommandContext, file: string, overrides: ReturnType<typeof parseOverrides>) {
  const source = await openScenario(file, { cwd: ctx.io.cwd, allowExtendsOutside: ctx.global.allowExtendsOutside });
  const outcome = source.resolve(overrides);
  const shown = ctx.global.quiet ? outcome.diagnostics.filter((d) => d.severity === 'error') : outcome.diagnostics;
  if (shown.length > 0) ctx.io.stderr.write(formatDiagnostics(shown, { color: ctx.global.color }));
  if (!outcome.loaded) throw new CliError('invalid scenario', loadFailureExit(outcome.diagnostics), true);
  return { source, loaded: outcome.loaded };
}

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
  /** A progress bar on a terminal's standard error. */
  progress?: boolean | undefined;
}

export async function analyseSensitivity(ctx: CommandContext, req: SensitivityRequest): Promise<{ doc: SensitivityDocument; chain: string[] }> {
  const { metric, overrides, years } = req;
  const withYears = (s: Scenario): Scenario => (years === undefined ? s : { ...s, horizon: { ...s.horizon, years } });
  const metricOf = (s: Scenario): number | null => {
    const v = project(withYears(s), loadReference(s.reference), { detail: 'metrics' }).metrics[metric];
    return typeof v === 'number' ? v : null;
  };
  /** The metric at a scenario the user gave: it must have a value there. */
  const value = (s: Scenario): number => {
    const v = metricOf(s);
    if (v === null) throw usageError(`--metric ${metric} has no value for ${s.name} (e.g. a payback month of "never"); choose another metric`);
    return v;
  };

  const focal = await load(ctx, req.file, overrides);
  let baseline: { loaded: LoadedScenario; source: Awaited<ReturnType<typeof load>>['source']; metric: number } | null = null;
  if (req.baseline !== undefined) {
    const b = await load(ctx, req.baseline, overrides);
    baseline = { loaded: b.loaded, source: b.source, metric: value(b.loaded.scenario) };
  }

  const scenario = focal.loaded.scenario;
  const known = numericInputs(scenario).map(([p]) => p);
  for (const p of req.only ?? []) {
    if (!known.includes(p) && !known.some((k) => k.replace(/\[\d+\]/g, '[*]') === p)) {
      const guess = didYouMean(p, known);
      throw usageError(`--params: "${p}" is not a numeric input of this scenario${guess ? ` (did you mean "${guess}"?)` : ''}`);
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
    if (!info?.better) throw usageError(`--metric ${metric} has no better direction, so two options cannot swap places on it; choose e.g. npv or total_cost`);
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
  const streams = project(withYears(scenario), loadReference(scenario.reference)).benefit_streams;
  const priority = (p: SensitivityParam): number => {
    const stream = /^benefits\[(\d+)\]\./.exec(p.path);
    return stream ? Math.abs(streams[Number(stream[1])]?.total_discounted ?? 0) : Infinity;
  };
  const maxInputs = req.maxInputs ?? DEFAULT_MAX_INPUTS;
  // An evaluation takes about 1 ms for a bundled scenario but 25 ms or more for a large
  // one, so the bar is shown whatever the count (it is cleared at the end).
  const analysed = Math.min(params.length, maxInputs);
  const work = analysed * 2 + (decision ? Math.min(analysed, req.maxSwitching ?? analysed) * SWITCH_SEARCH_EVALUATIONS : 0);
  const bar = progressBar(ctx, 'sensitivity', work, req.progress === true);
  let result: SensitivityResult;
  try {
    result = runSensitivity(params, evaluator, value(scenario), metric, decision, {
      maxInputs,
      ...(req.maxSwitching !== undefined ? { maxSwitching: req.maxSwitching } : {}),
      priority,
      onProgress: (done, total) => bar.tick(Math.round((done / total) * work)),
    });
  } finally {
    bar.end();
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

export async function sensitivityCommand(ctx: CommandContext, file: string, opts: SensitivityOptions): Promise<ExitCode> {
  const overrides = parseOverrides(opts.set);
  const years = parseYears(opts.years);
  const metric = metricKey(opts.metric);
  const range = parseRange(opts.range);
  const maxInputs = parseMaxInputs(opts.maxInputs);
  const only = opts.params?.split(',').map((p) => p.trim()).filter(Boolean);
  const { doc, chain } = await analyseSensitivity(ctx, {
    file,
    baseline: opts.baseline,
    metric,
    range,
    forceRange: opts.range !== undefined,
    only,
    overrides,
    years,
    maxInputs,
    progress: !ctx.global.quiet,
  });
  const render = await import('../../render/sensitivity.js');
  const text =
    opts.format === 'json'
      ? render.renderSensitivityJson(doc)
      : opts.format === 'csv'
        ? render.renderSensitivityCsv(doc)
        : render.renderSensitivityText(doc, { width: outputWidth(ctx) });
  emit(ctx, text, opts.out, chain);
  return EXIT.OK;
}

/** A number as a --set value: enough digits for bisection, no exponent. */
function plainText(x: number): string {
  return Number(x.toPrecision(12)).toString();
}
