/**
 * The headline metrics every command can show, compare, sort by or test against:
 * one catalogue, so names, labels, units and "which way is better" agree everywhere.
 */
import type { Metrics } from '../engine/result.js';
import { formatMoney, formatNumber, formatPercent, withSign } from '../text/format.js';
import { didYouMean } from '../source/did-you-mean.js';

export type MetricKey = keyof Metrics;
/**
 * `share`: a percentage of people, 0-100 (burnout); `fraction`: a rate, 0-1 (vacancy rate, ROI).
 * Both are compared in percentage points ("pp"), never as a relative change.
 */
export type MetricKind = 'money' | 'fraction' | 'index' | 'share' | 'count' | 'wte' | 'ratio' | 'month';

export interface MetricInfo {
  key: MetricKey;
  label: string;
  kind: MetricKind;
  /** Which direction is better for a commissioner; null where neither is. */
  better: 'higher' | 'lower' | null;
  description: string;
}

const m = (
  key: MetricKey,
  label: string,
  kind: MetricKind,
  better: MetricInfo['better'],
  description: string,
): MetricInfo => ({ key, label, kind, better, description });

export const METRICS: readonly MetricInfo[] = [
  m('total_cost', 'Total cost (cash)', 'money', 'lower', 'Cost incurred over the horizon, nominal (cash) £'),
  m('total_cost_real', 'Total cost (real)', 'money', 'lower', 'Cost in real terms at the price base year (cash ÷ GDP deflator)'),
  m('total_cost_discounted', 'Total cost (PV)', 'money', 'lower', 'Real cost discounted (Green Book convention), before optimism bias'),
  m('total_cost_optimism_adjusted', 'Cost (PV) + optimism bias', 'money', 'lower', 'Discounted cost uplifted by the optimism bias: the cost in the headline NPV'),
  m('funded_budget', 'Funded budget', 'money', null, 'What the funded posts would cost if always filled, nominal £'),
  m('underspend', 'Underspend (vacancies)', 'money', null, 'Funded budget minus cost: pay not spent on vacant posts'),
  m('total_benefit', 'Total benefit (cash)', 'money', 'higher', 'Monetised benefits within the horizon at the unit values uprated to the price base'),
  m('total_benefit_real', 'Total benefit (real)', 'money', 'higher', 'Benefits at price-base prices, including lagged benefits after the horizon'),
  m('total_benefit_discounted', 'Total benefit (PV)', 'money', 'higher', 'Real benefits discounted (health effects at the health rate), including after the horizon'),
  m('benefits_after_horizon_discounted', 'Benefit after horizon (PV)', 'money', 'higher', 'Lagged benefits of support given inside the horizon that fall after it'),
  m('cashable_benefit_discounted', 'Cashable benefit (PV)', 'money', 'higher', 'The cashable share of discounted benefits'),
  m('npv', 'Net present value', 'money', 'higher', 'Discounted benefit minus discounted cost with optimism bias'),
  m('npv_optimism_adjusted', 'NPV (optimism-adjusted)', 'money', 'higher', 'The same as NPV: optimism bias is in the headline'),
  m('npv_unadjusted', 'NPV (no optimism bias)', 'money', 'higher', 'Discounted benefit minus discounted cost, without optimism bias'),
  m('bcr', 'Benefit-cost ratio', 'ratio', 'higher', 'Discounted benefit / discounted cost with optimism bias'),
  m('bcr_unadjusted', 'BCR (no optimism bias)', 'ratio', 'higher', 'Discounted benefit / discounted cost, without optimism bias'),
  m('roi', 'Return on investment', 'fraction', 'higher', 'NPV / discounted cost with optimism bias'),
  m('roi_unadjusted', 'ROI (no optimism bias)', 'fraction', 'higher', 'NPV / discounted cost, without optimism bias'),
  m('npv_evidence_adjusted', 'NPV (evidence-adjusted)', 'money', 'higher', "NPV with each stream's benefit cut by its evidence grade's haircut"),
  m('bcr_evidence_adjusted', 'BCR (evidence-adjusted)', 'ratio', 'higher', "BCR with each stream's benefit cut by its evidence grade's haircut"),
  m('payback_month', 'Payback month', 'month', 'lower', 'First month cumulative discounted benefit covers cumulative discounted cost (with optimism bias)'),
  m('episodes', 'Support episodes', 'count', 'higher', 'Support relationships started'),
  m('completed_episodes', 'Completed episodes', 'count', 'higher', 'Relationships completed with the same worker'),
  m('cost_per_episode', 'Cost per episode', 'money', 'lower', 'Total cost / episodes started'),
  m('cost_per_completed_episode', 'Cost per completed episode', 'money', 'lower', 'Total cost / episodes completed with the same worker'),
  m('wte_in_post_mean', 'Mean WTE in post', 'wte', 'higher', 'Average whole-time equivalents in post'),
  m('vacancy_rate', 'Vacancy rate', 'fraction', 'lower', 'Mean vacant WTE / mean funded WTE'),
  m('leavers', 'Leavers (WTE)', 'wte', 'lower', 'WTE leaving over the horizon, all causes'),
  m('hires', 'Hires (WTE)', 'wte', 'lower', 'WTE recruited over the horizon'),
  m('burnout_risk_mean', 'Burnt out, mean (% of team)', 'share', 'lower', 'Mean expected share of the team burnt out (reference NHS team 30.0%)'),
  m('burnout_risk_peak', 'Burnt out, peak (% of team)', 'share', 'lower', 'Highest monthly expected share of the team burnt out'),
  m('continuity', 'Continuity score', 'index', 'higher', 'Relationships completing with the same worker, 0-100'),
  m('continuity_probability', 'Continuity probability', 'fraction', 'higher', 'Mean probability a relationship completes with the same worker'),
  m('service_user_months_lost', 'Support months lost', 'count', 'lower', 'Service-user months of support lost to vacancies'),
];

/** The metrics `compare` shows when --metrics is not given. */
export const DEFAULT_COMPARE_METRICS: readonly MetricKey[] = [
  'total_cost',
  'total_cost_discounted',
  'underspend',
  'total_benefit_discounted',
  'npv',
  'bcr',
  'payback_month',
  'episodes',
  'completed_episodes',
  'cost_per_completed_episode',
  'wte_in_post_mean',
  'vacancy_rate',
  'leavers',
  'burnout_risk_mean',
  'burnout_risk_peak',
  'continuity',
  'service_user_months_lost',
];

const BY_KEY = new Map(METRICS.map((info) => [info.key, info]));

export function metricInfo(key: string): MetricInfo | undefined {
  return BY_KEY.get(key as MetricKey);
}

export const METRIC_KEYS: readonly string[] = METRICS.map((info) => info.key);

/**
 * BCR and ROI measure benefit against cost: with no benefit valued they would read 0.00
 * and -100%, as if peer support had been shown to return nothing. The human outputs say
 * so in words instead (the JSON keeps the numbers); validate warns NO_BENEFITS.
 */
export const NO_BENEFITS_VALUED = 'no benefits valued';
const NEEDS_BENEFITS: ReadonlySet<string> = new Set(['bcr', 'bcr_unadjusted', 'roi', 'roi_unadjusted', 'bcr_evidence_adjusted']);

export function noBenefitsValued(key: string, metrics: { total_benefit_discounted: number; total_benefit_real?: number } | undefined): boolean {
  return metrics !== undefined && NEEDS_BENEFITS.has(key) && metrics.total_benefit_discounted === 0 && (metrics.total_benefit_real ?? 0) === 0;
}

/** Display form of a metric value. */
export function formatMetric(kind: MetricKind, value: number | string | null): string {
  if (value === null) return kind === 'month' ? 'never' : 'n/a';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'money':
      return formatMoney(value);
    case 'fraction':
      return formatPercent(value);
    case 'index':
      return formatNumber(value, 1);
    case 'share':
      return `${formatNumber(value, 1)}%`;
    case 'count':
      return formatNumber(value, 0);
    case 'wte':
      return formatNumber(value, 2);
    case 'ratio':
      return formatNumber(value, 2);
    case 'month':
      return String(value);
  }
}

/** Kinds whose differences are in percentage points: a relative change of a rate (5.3% → 14.9% is +182%) misleads. */
export function comparedInPoints(kind: MetricKind): boolean {
  return kind === 'share' || kind === 'fraction';
}

/** A signed change in a metric; shares and rates in percentage points (37.4% → 18.0% reads -19.4 pp, not -52%). */
export function formatDelta(kind: MetricKind, delta: number): string {
  const text = kind === 'share' ? `${formatNumber(delta, 1)} pp` : kind === 'fraction' ? `${formatNumber(delta * 100, 1)} pp` : formatMetric(kind, delta);
  return withSign(text, delta);
}

/** A metric name the catalogue does not hold; commands report it as a usage error. */
export class UnknownMetricError extends Error {}

/**
 * The one message for an unknown metric, whichever option named it (`--metric`,
 * `--metrics`, `--sort`, `--fail-on '...'`): the name, a did-you-mean, the known names.
 * `known` defaults to the catalogue; `guesses` are extra names worth suggesting (aliases),
 * and `shown` turns a guess into the name to suggest.
 */
export function unknownMetricMessage(
  option: string,
  name: string,
  known: readonly string[] = METRIC_KEYS,
  guesses: readonly string[] = [],
  shown: (guess: string) => string = (g) => g,
): string {
  const guess = didYouMean(name, [...known, ...guesses]);
  return `${option}: unknown metric "${name}"${guess ? ` (did you mean "${shown(guess)}"?)` : ''}. Known metrics: ${known.join(', ')}`;
}

/**
 * The names the CSV gives a headline metric in every period (its horizon total is named as
 * the per-period figure it adds up or averages: one name per quantity, docs/OUTPUT.md).
 * The JSON, the xlsx and the options keep the catalogue's names; every option that takes a
 * metric accepts these too.
 */
export const PERIOD_NAME_OF: Readonly<Partial<Record<MetricKey, string>>> = {
  total_cost: 'cost.total',
  total_cost_discounted: 'cost_discounted',
  total_benefit: 'benefits.total',
  wte_in_post_mean: 'wte_in_post',
  burnout_risk_mean: 'burnout_risk',
};

/** Other names a metric is accepted by: the CSV's per-period names, and `burnout_risk` for the mean. */
export const METRIC_ALIASES: Readonly<Record<string, MetricKey>> = Object.fromEntries(
  Object.entries(PERIOD_NAME_OF).map(([key, name]) => [name as string, key as MetricKey]),
);

/** The catalogue entry named `name` or one of its aliases (METRIC_ALIASES), or undefined. */
export function metricByAlias(name: string): MetricInfo | undefined {
  return metricInfo(name) ?? (Object.hasOwn(METRIC_ALIASES, name) ? metricInfo(METRIC_ALIASES[name] as string) : undefined);
}

/** The catalogue entry named `name` (or an alias), or an UnknownMetricError for `option`. */
export function metricByName(name: string, option: string): MetricInfo {
  const info = metricByAlias(name);
  if (!info) throw new UnknownMetricError(unknownMetricMessage(option, name, METRIC_KEYS, Object.keys(METRIC_ALIASES), (g) => METRIC_ALIASES[g] ?? g));
  return info;
}
