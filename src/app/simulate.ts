/**
 * The probabilistic analysis use case (docs/MODEL.md, "Uncertainty"): draws every ranged
 * input, projects each option per draw, and summarises. No I/O, no exit codes: rows and
 * progress go to callbacks, problems are thrown as SimulationError (the command maps them).
 *
 * Common random numbers: a column of draws is keyed by input path and distribution, so an
 * assumption the options share (same path, same distribution) takes the same value in
 * every option in a draw, and differences between options are paired.
 *
 * Memory: per option and draw only the summarised metrics (10 numbers), the decision inputs
 * and, for the fan chart, the cumulative net cost by month are held; percentiles, EVPI and
 * EVPPI need every draw of them. Scenarios and results are not kept.
 */
import type { Scenario } from '../scenario/types.js';
import type { ReferenceData } from '../reference/types.js';
import type { Metrics, ScenarioResult } from '../engine/result.js';
import { project } from '../engine/project.js';
import { parsePath, type PathSegment } from '../source/positions.js';
import type { RangedInput } from '../uncertainty/ranges.js';
import { describe as describeDistribution, distributionKey, massOutside, quantile, type Distribution } from '../uncertainty/distributions.js';
import { lhsBlocks, uniforms, type Sampling } from '../uncertainty/random.js';
import { CorrelationError, imanConover, spearman } from '../uncertainty/correlation.js';
import { summarise, type Summary, percentileSorted } from '../uncertainty/statistics.js';
import { annuity, convergence, evpi, evppi, netBenefitCurves, probabilityBest } from '../uncertainty/voi.js';
import { dummyUniforms, evppiRegression, monotoneOverGroups } from '../uncertainty/evppi.js';
import {
  GENERATOR,
  SIMULATED_METRICS,
  type AcceptabilityCurve,
  type DrawRow,
  type Evppi,
  type EvppiMethod,
  type OptionSummary,
  type SimulatedMetric,
  type SimulationInput,
  type SimulationResult,
} from '../uncertainty/simulation.js';
import { didYouMean } from '../source/did-you-mean.js';
import { runSteps, runStepsAsync, type Steps } from '../source/steps.js';
import { eventSampler } from '../uncertainty/process.js';

export class SimulationError extends Error {}

// The result's types live with the maths (src/uncertainty/simulation.ts); named here too for the callers of simulate().
export {
  GENERATOR,
  SIMULATED_METRICS,
  type AcceptabilityCurve,
  type DrawRow,
  type Evppi,
  type FanChart,
  type OptionSummary,
  type SimulatedMetric,
  type SimulationInput,
  type SimulationResult,
} from '../uncertainty/simulation.js';

export interface SimulationOption {
  name: string;
  file: string;
  scenario: Scenario;
  reference: ReferenceData;
  /** Ranged inputs, from the file or as defaults (their origin says which). */
  ranges: readonly (RangedInput & { origin?: 'file' | 'reference' | 'evidence' })[];
}

export interface Correlation {
  a: string;
  b: string;
  /** Target Spearman rank correlation, −1 < rho < 1. */
  rho: number;
}

export interface SimulateSettings {
  draws: number;
  seed: number;
  sampling: Sampling;
  correlations?: readonly Correlation[];
  /** Named groups of inputs for EVPPI (each input alone is always analysed). */
  groups?: readonly { name: string; paths: readonly string[] }[];
  /** Decisions the information would inform a year, and over how many years (EVPI scaled to a population). */
  population?: number;
  decisionYears?: number;
  /** Rate the later years' decisions are discounted at (default the Green Book 3.5%). */
  discountRate?: number;
  /** Keep the cumulative net cost by month of every draw (for the fan chart; slower: full projections). */
  fan?: boolean;
  /** Draw each month's leavers and hires as counts (src/uncertainty/process.ts). */
  process?: boolean;
  /** How EVPPI is estimated (default regression splines; `bins` the ordered-bin partition). */
  evppiMethod?: EvppiMethod;
  /** Willingness-to-pay grids; defaults scale to the options. */
  wtpPerEpisode?: readonly number[];
  wtpPerQaly?: readonly number[];
  onDraw?: (row: DrawRow) => void;
  onProgress?: (done: number, total: number) => void;
}

interface Column {
  key: string;
  path: string;
  distribution: Distribution;
  input: RangedInput;
  values: Float64Array;
  u: Float64Array;
}

/**
 * Where each ranged input sits in a private copy of the option's scenario: a draw writes
 * its values there in place (the engine is pure and keeps nothing of its input), which is
 * far cheaper than copying the path to every input for each of 60,000 projections.
 */
function slots(scenario: Scenario, paths: readonly PathSegment[][]): { copy: Scenario; holders: { holder: Record<string | number, unknown>; key: string | number }[] } {
  const copy = structuredClone(scenario);
  const holders = paths.map((segs) => {
    let holder = copy as unknown as Record<string | number, unknown>;
    for (const seg of segs.slice(0, -1)) holder = holder[seg] as Record<string | number, unknown>;
    return { holder, key: segs[segs.length - 1]! };
  });
  return { copy, holders };
}

const metricValue = (m: Metrics, key: SimulatedMetric): number | null => m[key];

function qalys(result: ScenarioResult, scenario: Scenario): number {
  let q = 0;
  result.benefit_streams.forEach((s, i) => {
    const unit = scenario.benefits[i]?.unit_value ?? 0;
    if (s.health && unit > 0) q += s.total_discounted / unit;
  });
  return q;
}

/** An evenly spaced grid 0 … a round number at or above `top`, 21 points. */
function grid(top: number): number[] {
  const raw = Math.max(top, 1) / 20;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * mag).find((s) => s >= raw) ?? raw;
  return Array.from({ length: 21 }, (_, i) => Number((i * step).toPrecision(12)));
}

export function simulate(options: readonly SimulationOption[], settings: SimulateSettings): SimulationResult {
  return runSteps(simulationSteps(options, settings));
}

/** `simulate`, pausing for `checkpoint` between draws (the CLI: a signal stops a long run at once). */
export function simulateCancellable(options: readonly SimulationOption[], settings: SimulateSettings, checkpoint: () => Promise<void>): Promise<SimulationResult> {
  return runStepsAsync(simulationSteps(options, settings), checkpoint);
}

function* simulationSteps(options: readonly SimulationOption[], settings: SimulateSettings): Steps<SimulationResult> {
  const N = settings.draws;
  if (!Number.isInteger(N) || N < 2) throw new SimulationError('draws must be a whole number of at least 2');
  // Columns of draws: one per distinct (path, distribution) — common random numbers across options.
  const columns: Column[] = [];
  const byKey = new Map<string, number>();
  const optionColumns: { column: number; segments: PathSegment[]; path: string }[][] = [];
  for (const o of options) {
    const own: { column: number; segments: PathSegment[]; path: string }[] = [];
    for (const r of o.ranges) {
      const key = `${r.path}|${distributionKey(r.distribution)}`;
      let c = byKey.get(key);
      if (c === undefined) {
        c = columns.length;
        byKey.set(key, c);
        columns.push({ key, path: r.path, distribution: r.distribution, input: r, values: new Float64Array(0), u: uniforms(N, settings.seed, key, settings.sampling) });
        yield; // a million uniforms, shuffled, per column
      }
      own.push({ column: c, segments: parsePath(r.path), path: r.path });
    }
    optionColumns.push(own);
  }

  const correlations = applyCorrelations(columns, settings.correlations ?? [], settings.seed, settings.sampling);

  for (const c of columns) {
    const { min, max, integer } = c.input;
    c.values = new Float64Array(N);
    for (let d = 0; d < N; d++) {
      let v = quantile(c.distribution, c.u[d]!);
      v = Math.min(max, Math.max(min, v));
      c.values[d] = integer ? Math.round(v) : v;
      // A beta quantile costs tens of microseconds: a million of them is seconds.
      if ((d & 4095) === 4095) yield;
    }
  }

  const K = options.length;
  const detail = settings.fan ? 'full' : 'metrics';
  const store = options.map(() => Object.fromEntries(SIMULATED_METRICS.map((m) => [m, new Float64Array(N)])) as Record<SimulatedMetric, Float64Array>);
  const costPv = options.map(() => new Float64Array(N));
  const effectEpisodes = options.map(() => new Float64Array(N));
  const effectQaly = options.map(() => new Float64Array(N));
  const deterministic = options.map((o) => project(o.scenario, o.reference, { detail: 'metrics' }));
  // The fan chart's months, each option's from one full projection (the first option's label the axis).
  const fanMonths = options.map((o) => (settings.fan ? project(o.scenario, o.reference).months.map((m) => m.month) : []));
  const fanLen = fanMonths.map((m) => m.length);
  const fanData = options.map((_, k) => (settings.fan ? new Float64Array(N * fanLen[k]!) : new Float64Array(0)));

  const working = options.map((o, k) => slots(o.scenario, optionColumns[k]!.map((oc) => oc.segments)));
  const events = options.map((o, k) => (settings.process ? eventSampler(settings.seed, `${k}:${o.name}`) : undefined));
  for (let d = 0; d < N; d++) {
    for (let k = 0; k < K; k++) {
      const o = options[k]!;
      const { copy: scenario, holders } = working[k]!;
      const inputs: Record<string, number> = {};
      optionColumns[k]!.forEach((oc, j) => {
        const v = columns[oc.column]!.values[d]!;
        holders[j]!.holder[holders[j]!.key] = v;
        if (settings.onDraw) inputs[oc.path] = v;
      });
      const ev = events[k];
      const result = project(scenario, o.reference, ev ? { detail, events: ev } : { detail });
      const m = result.metrics;
      const row = {} as Record<SimulatedMetric, number | null>;
      for (const key of SIMULATED_METRICS) {
        const v = metricValue(m, key);
        row[key] = v;
        store[k]![key][d] = v === null || !Number.isFinite(v) ? Number.NaN : v;
      }
      costPv[k]![d] = m.total_cost_optimism_adjusted;
      effectEpisodes[k]![d] = m.completed_episodes;
      effectQaly[k]![d] = qalys(result, scenario);
      if (settings.fan) {
        let cum = 0;
        const base = d * fanLen[k]!;
        result.months.forEach((mo, t) => {
          cum += mo.cost.total - mo.benefits.total;
          fanData[k]![base + t] = cum;
        });
      }
      settings.onDraw?.({ draw: d + 1, option: o.name, metrics: row, inputs, effects: { qalys: effectQaly[k]![d]!, total_cost_optimism_adjusted: costPv[k]![d]! } });
    }
    if (settings.onProgress && ((d + 1) % 100 === 0 || d + 1 === N)) settings.onProgress(d + 1, N);
    yield;
  }

  const nb = store.map((s) => s.npv);
  const pBest = probabilityBest(nb);
  const blocks = settings.sampling === 'lhs' ? lhsBlocks(N) : undefined;
  const summaries: OptionSummary[] = options.map((o, k) => {
    let positive = 0;
    for (let d = 0; d < N; d++) if (nb[k]![d]! > 0) positive++;
    return {
      name: o.name,
      file: o.file,
      deterministic: Object.fromEntries(SIMULATED_METRICS.map((key) => [key, metricValue(deterministic[k]!.metrics, key)])) as Record<SimulatedMetric, number | null>,
      metrics: withRatioOfMeans(Object.fromEntries(SIMULATED_METRICS.map((key) => [key, summarise(store[k]![key], blocks)])) as Record<SimulatedMetric, Summary>, store[k]!, blocks),
      probability_best: pBest[k]!,
      probability_npv_positive: positive / N,
    };
  });

  // Acceptability curves: net monetary benefit λ·effect − cost PV (with optimism bias).
  const topEpisode = Math.max(...summaries.map((s) => (Number.isFinite(s.metrics.cost_per_completed_episode.mean) ? s.metrics.cost_per_completed_episode.mean : 0))) * 2;
  const wtpEpisode = [...(settings.wtpPerEpisode ?? grid(topEpisode))];
  const wtpQaly = [...(settings.wtpPerQaly ?? Array.from({ length: 21 }, (_, i) => i * 5000))];
  const curves: AcceptabilityCurve[] = [
    { per: 'completed_episode', wtp: wtpEpisode, ...netBenefitCurves(costPv, effectEpisodes, wtpEpisode) },
    { per: 'qaly', wtp: wtpQaly, ...netBenefitCurves(costPv, effectQaly, wtpQaly) },
  ];

  // Value of information, on NPV (higher is better).
  const evpiValue = evpi(nb);
  const population = settings.population ?? 1;
  const years = settings.decisionYears ?? 1;
  const rate = settings.discountRate ?? 0.035;
  const factor = population * annuity(years, rate);
  const paths = [...new Set(columns.map((c) => c.path))].sort();
  const groupsWanted = [...paths.map((p) => ({ name: p, paths: [p] })), ...(settings.groups ?? [])];
  for (const g of settings.groups ?? []) {
    for (const p of g.paths) if (!paths.includes(p)) throw new SimulationError(unknownPath(p, paths, `group ${g.name}`));
  }
  const method = settings.evppiMethod ?? 'regression';
  const allColumns = columns.length;
  const raw: { value: number; se: number; parameters: number }[] = [];
  for (const g of groupsWanted) {
    const chosen = columns.filter((c) => g.paths.includes(c.path));
    // Every input known: E[NB | all inputs] is the draw's own NB, so EVPPI is EVPI exactly (not with --process, whose events are not inputs).
    if (chosen.length === allColumns && !settings.process) raw.push({ value: evpiValue, se: 0, parameters: 0 });
    else raw.push(evppiFor(method, nb, chosen.map((c) => c.values), evpiValue, settings.seed, g.name));
    yield;
  }
  const monotone = monotoneOverGroups(groupsWanted.map((g) => g.paths), raw.map((r) => r.value), evpiValue);
  // The noise floor: the largest EVPPI of independent dummy inputs, estimated the same way on the same draws.
  let noiseFloor = 0;
  for (let i = 0; i < NOISE_DUMMIES && columns.length > 0; i++) {
    noiseFloor = Math.max(noiseFloor, evppiFor(method, nb, [dummyUniforms(N, settings.seed, i)], evpiValue, settings.seed, `\u0004dummy ${i}`).value);
    yield;
  }
  const evppis: Evppi[] = groupsWanted.map((g, i) => ({
    name: g.name,
    inputs: [...g.paths],
    per_decision: monotone[i]!,
    population: monotone[i]! * factor,
    se: raw[i]!.se,
    below_noise_floor: evpiValue > 0 && raw[i]!.parameters > 0 && monotone[i]! <= noiseFloor,
  }));
  const warnings = evppiWarnings(N, raw, noiseFloor, evpiValue, method);

  const inputs: SimulationInput[] = paths.map((path) => {
    const cols = columns.filter((c) => c.path === path);
    const namesFor = (ci: number): string[] => options.filter((_, k) => optionColumns[k]!.some((oc) => oc.column === ci)).map((o) => o.name);
    return {
      path,
      options: options.filter((_, k) => optionColumns[k]!.some((oc) => oc.path === path)).map((o) => o.name),
      distributions: cols.map((c) => ({
        distribution: c.distribution,
        description: describeDistribution(c.distribution, (x) => (c.input.percent ? `${Number((x * 100).toPrecision(4))}%` : String(Number(x.toPrecision(6))))),
        source: c.input.source,
        origin: originText(c.input),
        options: namesFor(columns.indexOf(c)),
        clipped: massOutside(c.distribution, c.input.min, c.input.max),
      })),
    };
  });

  const result: SimulationResult = {
    draws: N,
    seed: settings.seed,
    sampling: settings.sampling,
    process: settings.process === true,
    generator: GENERATOR,
    decision: { metric: 'npv', rule: 'the option with the highest expected NPV; net benefit for EVPI and EVPPI is NPV' },
    inputs,
    correlations,
    warnings: clippingWarnings(inputs, columns),
    options: summaries,
    acceptability: curves,
    value_of_information: {
      metric: 'npv',
      evpi_per_decision: evpiValue,
      population: { decisions_per_year: population, years, discount_rate: rate, factor, evpi: evpiValue * factor },
      evppi: evppis,
      evppi_method: method,
      noise_floor: noiseFloor,
      method: EVPPI_METHOD_TEXT[method],
      warnings,
    },
    convergence: { draws: [], options: [] },
  };
  const conv = convergence(nb);
  result.convergence = { draws: conv.draws, options: options.map((o, k) => ({ name: o.name, mean: conv.mean[k]!, mcse: conv.mcse[k]! })) };
  if (settings.fan) {
    result.fan = {
      months: fanMonths[0] ?? [],
      options: options.map((o, k) => {
        const T = fanLen[k]!;
        const out = { name: o.name, p5: [] as number[], p10: [] as number[], p50: [] as number[], p90: [] as number[], p95: [] as number[] };
        const col = new Float64Array(N);
        for (let t = 0; t < T; t++) {
          for (let d = 0; d < N; d++) col[d] = fanData[k]![d * T + t]!;
          col.sort();
          out.p5.push(percentileSorted(col, 5));
          out.p10.push(percentileSorted(col, 10));
          out.p50.push(percentileSorted(col, 50));
          out.p90.push(percentileSorted(col, 90));
          out.p95.push(percentileSorted(col, 95));
        }
        return out;
      }),
    };
  }
  return result;
}

/**
 * The expected cost per completed episode is E[cost] / E[episodes], the ratio of the means
 * (Briggs, Claxton & Sculpher 2006, on ICERs: the mean of per-draw ratios is not the
 * expected ratio, and ran 8–13% above it here). Its MCSE by the delta method; the
 * percentiles stay those of the per-draw ratio.
 */
function withRatioOfMeans(metrics: Record<SimulatedMetric, Summary>, draws: Record<SimulatedMetric, Float64Array>, blocks: readonly [number, number][] | undefined): Record<SimulatedMetric, Summary> {
  const c = draws.total_cost;
  const e = draws.completed_episodes;
  const n = c.length;
  let mc = 0;
  let me = 0;
  for (let d = 0; d < n; d++) {
    mc += c[d]!;
    me += e[d]!;
  }
  mc /= n;
  me /= n;
  const perDraw = metrics.cost_per_completed_episode;
  // Every draw the same (nothing drawn): the ratio is that draw's, as `run` rounds it.
  if (!(me > 0) || perDraw.n === 0 || perDraw.p5 === perDraw.p95) return metrics;
  const r = mc / me;
  // Var(C̄/Ē) ≈ Var(C − rE) / (N Ē²).
  let ss = 0;
  for (let d = 0; d < n; d++) ss += (c[d]! - r * e[d]!) ** 2;
  const residual = Float64Array.from(c, (v, d) => (v - r * e[d]!) / me);
  const mcse = blocks && blocks.length > 1 ? summarise(residual, blocks).mcse : n > 1 ? Math.sqrt(ss / (n - 1) / n) / me : 0;
  return { ...metrics, cost_per_completed_episode: { ...metrics.cost_per_completed_episode, mean: r, mcse } };
}

function originText(input: RangedInput & { origin?: string }): string {
  if (input.origin === 'reference') return 'reference data (sensitivity range, mean at the scenario value)';
  if (input.origin === 'evidence') return 'evidence library (2×2 counts)';
  return `${input.file}:${input.line}:${input.column}`;
}

/** Share of a distribution's mass outside the field's valid values above which the run warns. */
const CLIP_WARN = 0.01;

/** A warning for each distribution with more than 1% of its mass outside the field's valid values: those draws are clipped. */
function clippingWarnings(inputs: readonly SimulationInput[], columns: readonly Column[]): string[] {
  const out: string[] = [];
  for (const i of inputs) {
    for (const d of i.distributions) {
      if (!(d.clipped > CLIP_WARN)) continue;
      const c = columns.find((col) => col.path === i.path && col.distribution === d.distribution)!;
      const fmt = (x: number): string => (c.input.percent ? `${Number((x * 100).toPrecision(4))}%` : String(Number(x.toPrecision(6))));
      let mean = 0;
      for (const v of c.values) mean += v / c.values.length;
      const bounds = [c.input.min > -Number.MAX_VALUE ? `below ${fmt(c.input.min)}` : '', c.input.max < Number.MAX_VALUE ? `above ${fmt(c.input.max)}` : ''].filter((b) => b !== '').join(' or ');
      out.push(
        `${i.path}: ${(d.clipped * 100).toFixed(1)}% of ${d.description} lies ${bounds}, outside the field's valid values, and is drawn at the nearest valid value (mean of the draws ${fmt(mean)}); narrow the range or choose a bounded distribution`,
      );
    }
  }
  return out;
}

/** Independent dummy inputs whose largest EVPPI is the noise floor. */
const NOISE_DUMMIES = 4;
/** Draws per regression parameter below which the EVPPIs are flagged (our rule, docs/MODEL.md §12). */
const DRAWS_PER_PARAMETER = 50;
/** A noise floor above this share of EVPI is flagged. */
const FLOOR_SHARE = 0.05;

const EVPPI_METHOD_TEXT: Record<EvppiMethod, string> = {
  regression:
    'EVPI = mean over draws of the best NPV − the best mean NPV. EVPPI by regression (Strong, Oakley & Brennan 2014): each option\'s NPV less the first\'s on the input\'s cumulative probability by a penalised cubic regression spline (P-spline, λ by GCV); a group by an additive spline per input plus pairwise interaction terms; standard error from the coefficients\' posterior; a group is never below a group it contains, and all inputs together give EVPI',
  bins: 'EVPI = mean over draws of the best NPV − the best mean NPV. EVPPI by non-parametric regression (Strong, Oakley & Brennan 2014) on a partition: ordered bins of ⌊√N⌋ for one input (Strong & Oakley 2013), a k-d median split for a group; no standard error',
};

function evppiFor(method: EvppiMethod, nb: readonly Float64Array[], regressors: readonly Float64Array[], evpiValue: number, seed: number, key: string): { value: number; se: number; parameters: number } {
  if (method === 'bins') return { value: evppi(nb, regressors, evpiValue), se: 0, parameters: Math.floor(Math.sqrt(nb[0]?.length ?? 0)) };
  const e = evppiRegression(nb, regressors, seed, key);
  return { ...e, value: Math.min(evpiValue, e.value) };
}

function evppiWarnings(n: number, raw: readonly { parameters: number }[], floor: number, evpiValue: number, method: EvppiMethod): string[] {
  const out: string[] = [];
  const parameters = Math.max(0, ...raw.map((r) => r.parameters));
  if (parameters > 0 && n < DRAWS_PER_PARAMETER * parameters) {
    out.push(`${n.toLocaleString('en-GB')} draws are too few for the largest EVPPI regression (${parameters} parameters): use at least --draws ${(DRAWS_PER_PARAMETER * parameters).toLocaleString('en-GB')}`);
  }
  if (evpiValue > 0 && floor > FLOOR_SHARE * evpiValue) {
    out.push(`the noise floor is ${Math.round((100 * floor) / evpiValue)}% of EVPI: EVPPIs near it cannot be told from an irrelevant input; use more --draws`);
  }
  if (method === 'bins') out.push('the ordered-bin estimator (--evppi-method bins) is biased upward at few draws and gives no standard error');
  return out;
}

function unknownPath(path: string, paths: readonly string[], where: string): string {
  const hint = didYouMean(path, paths);
  return `${where} names ${path}, which no option holds as a range${hint ? ` (did you mean ${hint}?)` : ''}; ranged inputs: ${paths.join(', ') || 'none'}`;
}

function applyCorrelations(columns: Column[], wanted: readonly Correlation[], seed: number, sampling: Sampling): SimulationResult['correlations'] {
  if (wanted.length === 0) return [];
  const paths = [...new Set(columns.map((c) => c.path))].sort();
  for (const w of wanted) {
    for (const p of [w.a, w.b]) if (!paths.includes(p)) throw new SimulationError(unknownPath(p, paths, `--correlate ${w.a},${w.b}`));
    if (w.a === w.b) throw new SimulationError(`--correlate names ${w.a} twice; give two different inputs`);
    if (!(w.rho > -1 && w.rho < 1)) throw new SimulationError(`--correlate ${w.a},${w.b}: the rank correlation must be between -1 and 1 (exclusive), got ${w.rho}`);
    // The same pair twice (either way round): only one target can hold (issue #24, N12).
    const twice = wanted.find((x) => x !== w && ((x.a === w.a && x.b === w.b) || (x.a === w.b && x.b === w.a)));
    if (twice) throw new SimulationError(`--correlate names the pair ${w.a},${w.b} twice (${w.rho} and ${twice.rho}); give each pair once`);
  }
  const involved = columns.map((c, i) => ({ c, i })).filter(({ c }) => wanted.some((w) => w.a === c.path || w.b === c.path));
  const target = involved.map(({ c: ci }) =>
    involved.map(({ c: cj }) => {
      if (ci === cj) return 1;
      const w = wanted.find((x) => (x.a === ci.path && x.b === cj.path) || (x.b === ci.path && x.a === cj.path));
      return w ? w.rho : 0;
    }),
  );
  try {
    // Under a replicated Latin hypercube each replicate is re-ordered on its own, so each stays a Latin hypercube.
    const n = involved[0]?.c.u.length ?? 0;
    for (const [b, [start, end]] of (sampling === 'lhs' ? lhsBlocks(n) : [[0, n] as [number, number]]).entries()) {
      imanConover(involved.map(({ c }) => c.u.subarray(start, end)), target, seed, involved.map(({ c }) => (b === 0 ? c.key : `${c.key}#${b}`)));
    }
  } catch (err) {
    if (err instanceof CorrelationError) throw new SimulationError(`--correlate: ${err.message}; lower some of the correlations`);
    throw err;
  }
  return wanted.map((w) => {
    const a = columns.find((c) => c.path === w.a)!;
    const b = columns.find((c) => c.path === w.b)!;
    return { between: [w.a, w.b] as [string, string], target: w.rho, achieved: spearman(a.u, b.u) };
  });
}
