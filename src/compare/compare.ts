/**
 * Side-by-side comparison of projected scenarios (pure): for each metric the value
 * per scenario, the difference from the baseline, a rank and the best value; and
 * the inputs that differ between scenarios, so the cause sits beside the effect.
 */
import type { ScenarioResult } from '../engine/result.js';
import type { Scenario } from '../scenario/types.js';
import type { BaselineReason } from './baseline.js';
import { flattenLeaves, type LeafValue } from '../scenario/flatten.js';
import { comparedInPoints, metricInfo, noBenefitsValued, type MetricInfo, type MetricKey } from '../metrics/catalogue.js';

export interface Compared {
  name: string;
  scenario: Scenario;
  result: ScenarioResult;
}

export interface ComparisonRow {
  metric: MetricInfo;
  values: Array<number | string | null>;
  /** value − baseline value (months for payback); null where either is missing. */
  deltas: Array<number | null>;
  /**
   * delta / baseline value; null where a relative change would mislead: a rate or share
   * (compared in points), or a baseline that is missing, negative or near zero.
   */
  delta_ratios: Array<number | null>;
  /** 1 = best; equal values share a rank; null where the metric has no better direction or no value. */
  ranks: Array<number | null>;
  /** Indices of the scenarios holding the best value. */
  best: number[];
}

export interface InputDifference {
  path: string;
  values: LeafValue[];
}

export interface Comparison {
  names: string[];
  baseline: number;
  /** Why that option is the baseline (src/compare/baseline.ts); absent where the caller did not say. */
  baseline_reason?: BaselineReason;
  rows: ComparisonRow[];
  input_differences: InputDifference[];
}

/** Payback months compare by position in time; other metrics are numbers already. */
function numeric(value: number | string | null): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : null;
}

/** Number of sorted values below `v` (strictly, or also equal to it). */
function countBelow(sorted: readonly number[], v: number, orEqual: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = sorted[mid] as number;
    if (s < v || (orEqual && s === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rank = 1 + the number of values strictly better; found by binary search, as a batch compares thousands. */
function rank(values: Array<number | null>, better: 'higher' | 'lower' | null): Array<number | null> {
  if (better === null) return values.map(() => null);
  const sorted = values.filter((v): v is number => v !== null && !Number.isNaN(v)).sort((a, b) => a - b);
  return values.map((v) => {
    if (v === null) return null;
    if (Number.isNaN(v)) return 1; // nothing compares better than NaN
    const ahead = better === 'higher' ? sorted.length - countBelow(sorted, v, true) : countBelow(sorted, v, false);
    return ahead + 1;
  });
}

/**
 * Share of the largest value in the row below which a positive baseline counts as
 * near zero: a change of £300,000 on a £900 base (+33,000%) says nothing a reader can use.
 */
export const NEAR_ZERO_SHARE = 0.01;

/**
 * Whether a percentage difference from this baseline means anything: not for rates and
 * shares (points instead), and not on a negative base (−£100k → −£400k is "−300%",
 * read as an improvement) or one near zero.
 */
function relativeBase(base: number | null, nums: ReadonlyArray<number | null>, kind: MetricInfo['kind']): boolean {
  if (base === null || !Number.isFinite(base) || base <= 0 || comparedInPoints(kind) || kind === 'month') return false;
  const largest = nums.reduce<number>((max, v) => (v === null || !Number.isFinite(v) ? max : Math.max(max, Math.abs(v))), 0);
  return base >= NEAR_ZERO_SHARE * largest;
}

export function compareRow(items: readonly Compared[], key: MetricKey, baseline: number): ComparisonRow {
  const metric = metricInfo(key);
  if (!metric) throw new Error(`unknown metric ${key}`);
  const values = items.map((item) => item.result.metrics[key]);
  // A BCR or ROI of an option that values no benefit is no figure to compare or rank ("no benefits valued").
  return rowOfValues(metric, values, baseline, (i) => noBenefitsValued(key, (items[i] as Compared).result.metrics));
}

/** A comparison row from the options' values (`blank(i)`: option i has no figure to compare). */
export function rowOfValues(metric: MetricInfo, values: Array<number | string | null>, baseline: number, blank: (i: number) => boolean = () => false): ComparisonRow {
  const nums = values.map((v, i) => (blank(i) ? null : numeric(v)));
  const base = nums[baseline] ?? null;
  const deltas = nums.map((v) => (v === null || base === null ? null : v - base));
  const delta_ratios = deltas.map((d) => (d === null || !relativeBase(base, nums, metric.kind) ? null : d / (base as number)));
  const ranks = rank(nums, metric.better);
  const best = ranks.flatMap((r, i) => (r === 1 ? [i] : []));
  return { metric, values, deltas, delta_ratios, ranks, best: best.length === values.length && values.length > 1 ? [] : best };
}

/** Inputs whose resolved values are not the same in every scenario (name and description excluded). */
export function inputDifferences(items: readonly Compared[]): InputDifference[] {
  const maps = items.map((item) => new Map(flattenLeaves(item.scenario)));
  const paths: string[] = [];
  const seen = new Set<string>();
  for (const map of maps) {
    for (const path of map.keys()) {
      if (!seen.has(path)) {
        seen.add(path);
        paths.push(path);
      }
    }
  }
  return paths
    .filter((path) => path !== 'name' && path !== 'description' && path !== 'baseline')
    .map((path) => ({ path, values: maps.map((map) => (map.has(path) ? (map.get(path) ?? null) : null)) }))
    .filter(({ values }) => values.some((v) => v !== values[0]));
}

export function compareScenarios(
  items: readonly Compared[],
  options: { baseline: number; metrics: readonly MetricKey[]; sort?: MetricKey; baselineReason?: BaselineReason },
): Comparison {
  let order = items.map((_, i) => i);
  if (options.sort) {
    const sortRow = compareRow(items, options.sort, options.baseline);
    // Best first; scenarios without a value last; ties keep the order given.
    const key = (i: number): number => sortRow.ranks[i] ?? (numeric(sortRow.values[i] ?? null) === null ? Infinity : 0);
    order = [...order].sort((a, b) => key(a) - key(b) || a - b);
  }
  const sorted = order.map((i) => items[i] as Compared);
  const baseline = order.indexOf(options.baseline);
  return {
    names: sorted.map((item) => item.name),
    baseline,
    ...(options.baselineReason ? { baseline_reason: options.baselineReason } : {}),
    rows: options.metrics.map((key) => compareRow(sorted, key, baseline)),
    input_differences: inputDifferences(sorted),
  };
}

/**
 * The benefit streams each option values, when they are not the same in every option:
 * their NPVs and BCRs then count different things (a stream is known by its name).
 * Null when every option values the same streams.
 */
export function benefitStreamsDiffer(items: readonly Compared[]): Array<{ name: string; streams: string[] }> | null {
  const sets = items.map((item) => ({ name: item.name, streams: item.scenario.benefits.map((b) => b.name) }));
  const key = (streams: string[]): string => JSON.stringify([...streams].sort());
  const first = sets[0];
  return first && sets.some((s) => key(s.streams) !== key(first.streams)) ? sets : null;
}

/** The warning `compare` and `report` give when options value different benefit streams, as lines of plain text. */
export function benefitStreamsWarning(differ: ReadonlyArray<{ name: string; streams: string[] }>): string[] {
  return [
    'the options value different benefit streams, so their benefits, NPVs and BCRs are not like for like:',
    ...differ.map((d) => `  ${d.name}: ${d.streams.length === 0 ? 'no benefits valued' : d.streams.join('; ')}`),
  ];
}
