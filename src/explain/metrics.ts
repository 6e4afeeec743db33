/**
 * Which figures `explain` can trace, and the choices a user can make: the headline
 * metrics of src/metrics/catalogue.ts, each cost component, and the few other numbers
 * `run` prints (funded and productive WTE, net benefit, the supervision-time memo).
 */
import { COST_COMPONENTS, type CostComponent, type MonthResult, type ScenarioResult } from '../engine/result.js';
import { METRIC_ALIASES, METRIC_KEYS, metricInfo, unknownMetricMessage } from '../metrics/catalogue.js';
import { costLabel } from '../metrics/costs.js';

const EXTRA_LABELS: Record<string, string> = {
  funded_wte: 'Funded WTE',
  productive_wte: 'Productive WTE',
  net: 'Net benefit (benefit − cost)',
  worker_supervision_time_value: "Peer workers' own supervision time (memo)",
  benefits_after_horizon_real: 'Benefit after horizon (real)',
  total_benefit_discounted_evidence_adjusted: 'Total benefit (PV, evidence-adjusted)',
};

export const EXPLAIN_METRICS: readonly string[] = [...METRIC_KEYS, ...COST_COMPONENTS, ...Object.keys(EXTRA_LABELS)];

/**
 * Other names of a figure explain traces: the CSV's (docs/OUTPUT.md: `cost.supervision`,
 * `cost.total`, `cost_discounted`, `wte_in_post`, `burnout_risk`, …), so every name an
 * output shows can be asked about.
 */
const ALIASES: Record<string, string> = {
  ...METRIC_ALIASES,
  ...Object.fromEntries(COST_COMPONENTS.map((c) => [`cost.${c}`, c])),
  'appraisal.cost_pv': 'total_cost_discounted',
  'appraisal.cost_real': 'total_cost_real',
  // The wide comparison CSV's date of the payback month.
  payback_date: 'payback_month',
};

/**
 * CSV figures explain traces only inside a larger one: a did-you-mean to that figure,
 * with what the name is. Checked in order; the first pattern that matches answers.
 */
const INSIDE: ReadonlyArray<[RegExp, string, string]> = [
  [/^benefits\.(fiscal|economic|social|cashable)$/, 'total_benefit', 'a part of the cash benefit'],
  [/^(benefits_discounted|appraisal\.benefit_pv|benefit_by_(kind|payer)\.[a-z_]+|(social|commissioner|exchequer)_benefit)$/, 'total_benefit_discounted', 'a part or view of the benefit (PV)'],
  [/^appraisal\.benefit_real$/, 'total_benefit_real', "a year's benefit in real terms"],
  [/^(social|commissioner|exchequer)_npv$/, 'npv', 'a perspective view of the NPV'],
  [/^ledger\.icb\.cost$/, 'total_cost_optimism_adjusted', "the ledger's cost row (the cost PV with optimism bias, MODEL §7.7)"],
  [/^ledger\.[a-z_]+\.[a-z_]+\.[a-z_]+$/, 'total_benefit_discounted', 'a row of who pays, who saves: the part of the benefit (PV) going to one payer, category and kind (MODEL §7.7)'],
  [/^(social|commissioner|exchequer)_bcr$/, 'bcr', 'a perspective view of the BCR'],
  [/^(social|commissioner|exchequer)_cost$/, 'total_cost_optimism_adjusted', "a perspective view's cost (PV with optimism bias)"],
  [/^(appraisal\.)?(discount_factor|health_discount_factor)$/, 'total_cost_discounted', 'a discount factor applied inside the present values'],
  [/^appraisal\.deflator$/, 'total_cost_real', 'the GDP deflator applied inside the real-terms figures'],
  [/^pay_uplift_factor$/, 'pay', 'the pay award factor applied inside pay'],
  [/^burnout_drivers\.[a-z_]+$/, 'burnout_risk_mean', 'an odds ratio inside the burnout risk'],
  [/^(leaver_hazard|contract_months_remaining)$/, 'leavers', 'a step inside the leavers'],
  [/^vacancies_wte$/, 'vacancy_rate', 'the vacant WTE inside the vacancy rate'],
  [/^wte_in_induction$/, 'productive_wte', 'the WTE in induction inside the productive WTE'],
];

/** Figures defined only over the whole horizon (ratios, payback and per-episode costs are not summed by year). */
export const HORIZON_ONLY: ReadonlySet<string> = new Set([
  'total_cost_real',
  'total_benefit_real',
  'benefits_after_horizon_discounted',
  'benefits_after_horizon_real',
  'npv_unadjusted',
  'bcr_unadjusted',
  'roi_unadjusted',
  'total_cost_optimism_adjusted',
  'cashable_benefit_discounted',
  'npv_optimism_adjusted',
  'bcr',
  'roi',
  'payback_month',
  'cost_per_episode',
  'cost_per_completed_episode',
  'worker_supervision_time_value',
  'total_benefit_discounted_evidence_adjusted',
  'npv_evidence_adjusted',
  'bcr_evidence_adjusted',
]);

export function isCostComponent(key: string): key is CostComponent {
  return (COST_COMPONENTS as readonly string[]).includes(key);
}

export function metricLabel(key: string): string {
  if (isCostComponent(key)) return costLabel(key);
  return metricInfo(key)?.label ?? (Object.hasOwn(EXTRA_LABELS, key) ? EXTRA_LABELS[key] : undefined) ?? key;
}

/** A bad --metric, --year or --month: the command reports it as a usage error. */
export class ExplainOptionError extends Error {}

export function parseMetric(name: string): string {
  const key = (Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined) ?? name;
  if (EXPLAIN_METRICS.includes(key)) return key;
  if (name === 'months') throw new ExplainOptionError('--metric: "months" is the number of months in a period of the CSV, not a calculated figure: there is nothing to explain');
  const inside = INSIDE.find(([re]) => re.test(name));
  if (inside) {
    throw new ExplainOptionError(`--metric: "${name}" is ${inside[2]}, traced as a step of a larger figure (did you mean "${inside[1]}"?); peerplan explain FILE --metric ${inside[1]} shows it`);
  }
  throw new ExplainOptionError(unknownMetricMessage('--metric', name, EXPLAIN_METRICS, Object.keys(ALIASES), (g) => (Object.hasOwn(ALIASES, g) ? ALIASES[g] : undefined) ?? g));
}

export type ScopeRequest = { kind: 'horizon' } | { kind: 'year'; year: string } | { kind: 'month'; month: string };

/**
 * `--year 2027`, `2027/28` or `2027-28`: the financial year April 2027 – March 2028, as
 * the year rows label it. Checked against the projection's years.
 */
export function parseYear(text: string, result: ScenarioResult): ScopeRequest {
  const labels = result.years.map((y) => y.year);
  const m = /^(\d{4})(?:[/-](\d{2}))?$/.exec(text.trim());
  const start = m ? Number(m[1]) : NaN;
  const label = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
  const consistent = m !== null && (m[2] === undefined || Number(m[2]) === (start + 1) % 100);
  if (consistent && labels.includes(label)) return { kind: 'year', year: label };
  const why = consistent ? `${label} is outside the horizon` : `"${text}" is not a financial year`;
  throw new ExplainOptionError(
    `--year: ${why}. Financial years in this projection: ${labels.join(', ')} (write 2027 or 2027/28 for April 2027 to March 2028)`,
  );
}

export function parseMonth(text: string, result: ScenarioResult): ScopeRequest {
  const months = result.months;
  if (months.some((m) => m.month === text.trim())) return { kind: 'month', month: text.trim() };
  const first = (months[0] as MonthResult).month;
  const last = (months[months.length - 1] as MonthResult).month;
  throw new ExplainOptionError(`--month: "${text}" is not a month of this projection; give a month YYYY-MM from ${first} to ${last}`);
}

export function checkMetricScope(metric: string, scope: ScopeRequest, result: ScenarioResult): void {
  if (scope.kind === 'horizon' || !HORIZON_ONLY.has(metric)) return;
  const allowed = EXPLAIN_METRICS.filter((k) => !HORIZON_ONLY.has(k));
  throw new ExplainOptionError(
    `--metric ${metric} is a figure for the whole horizon (${result.years[0]?.year ?? ''} to ${result.years[result.years.length - 1]?.year ?? ''}) and has no value for one ${scope.kind}; drop --${scope.kind}, or explain one of: ${allowed.join(', ')}`,
  );
}
