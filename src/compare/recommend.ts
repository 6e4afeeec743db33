/**
 * Which option is best, and which the report recommends: one rule, used by every
 * output that names a best option (src/render/html.ts, src/compare/narrative.ts).
 */
import type { Metrics } from '../engine/result.js';
import { metricInfo, type MetricKey } from '../metrics/catalogue.js';

export interface Recommendation {
  /** The metric asked for (default `npv`). */
  requested: MetricKey;
  /** The metric actually used. */
  metric: MetricKey;
  /** Why `metric` differs from `requested`, in plain words; null when it does not. */
  fallback: string | null;
  /** Indices into `doc.scenarios` holding the best value (several when tied); empty for a single scenario. */
  best: number[];
  /** The best of the rest, for "ahead of" wording; null when there is none. */
  runnerUp: number | null;
}

/** Payback months compare by position in time; other metrics are numbers already. */
export function numeric(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : null;
}

/**
 * Which option the summary recommends. Rule: the best value of the chosen metric
 * (default net present value, the Green Book's measure). When no metric was chosen
 * and every option's NPV is negative (no option's monetised benefits cover its cost
 * within the horizon), NPV only says which loses least on proxy benefits, so the
 * recommendation is made on cost per completed support relationship instead (a
 * cost-effectiveness measure that does not depend on monetised benefits).
 */
export function recommend(doc: { scenarios: readonly { metrics: Metrics }[] }, requested?: MetricKey): Recommendation {
  const asked: MetricKey = requested ?? 'npv';
  let metric: MetricKey = asked;
  let fallback: string | null = null;
  const scenarios = doc.scenarios;
  const info = metricInfo(asked);
  if (!info || info.better === null) {
    metric = 'npv';
    fallback = `${info?.label ?? asked} has no better direction, so the recommendation is made on net present value.`;
  } else if (requested === undefined && scenarios.length > 1 && scenarios.every((s) => s.metrics.npv < 0)) {
    if (scenarios.some((s) => s.metrics.cost_per_completed_episode !== null)) {
      metric = 'cost_per_completed_episode';
      fallback =
        'Every option has a negative net present value over the horizon: none of them has monetised benefits that cover its cost. ' +
        'NPV would only say which option loses least on proxy benefits, so the recommendation is made on cost per completed support relationship instead.';
    }
  }
  if (scenarios.length < 2) return { requested: asked, metric, fallback, best: [], runnerUp: null };
  const better = metricInfo(metric)?.better ?? 'higher';
  return { requested: asked, metric, fallback, ...bestOptions(scenarios.map((s) => s.metrics[metric]), better) };
}

/**
 * THE rule for "the best option" on one metric, wherever peerplan names one (the
 * report's recommendation, the narrative's "Best value"): every option holding the best
 * value is best (a tie names them all, never just the first given), and the runner-up
 * is the first, in the order given, of the next best value. Options without a value
 * (a payback of "never", a ratio with no cost) take no part.
 */
export function bestOptions(values: readonly (number | string | null | undefined)[], better: 'higher' | 'lower'): { best: number[]; runnerUp: number | null } {
  const present = values.flatMap((value, i) => {
    const v = numeric(value);
    return v === null ? [] : [{ v, i }];
  });
  if (present.length === 0) return { best: [], runnerUp: null };
  const ordered = [...present].sort((a, b) => (better === 'higher' ? b.v - a.v : a.v - b.v) || a.i - b.i);
  const top = ordered[0]?.v;
  const best = ordered.filter((o) => o.v === top).map((o) => o.i);
  const rest = ordered.find((o) => o.v !== top);
  return { best, runnerUp: rest ? rest.i : null };
}
