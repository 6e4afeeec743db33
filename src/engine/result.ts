/**
 * The result of projecting one scenario. One structure serves every output format;
 * schemas/result.schema.json and docs/OUTPUT.md describe it.
 *
 * Money: every £ figure is a number of pounds to the penny. The engine accumulates in
 * integer pence, so components add to totals exactly; only display rounds further.
 * Rates and probabilities are fractions (0-1); `burnout_risk` is the expected percentage
 * of the team burnt out and `continuity` a 0-100 score; `burnout_drivers` are odds ratios
 * against the reference NHS team; WTE figures are fractional whole-time equivalents.
 */
import type { BurnoutDriver, BenefitCategory } from '../scenario/types.js';

export const COST_COMPONENTS = [
  'pay',
  'employer_ni',
  'pension',
  'levy',
  'supervision',
  'training',
  'recruitment',
  'overheads',
] as const;
export type CostComponent = (typeof COST_COMPONENTS)[number];

export type CostBreakdown = Record<CostComponent | 'total', number>;

export interface BenefitTotals {
  total: number;
  fiscal: number;
  economic: number;
  social: number;
  cashable: number;
}

export interface MonthResult {
  /** `YYYY-MM` */
  month: string;
  /** 0-based month number from the horizon start. */
  index: number;
  /** UK financial year label, e.g. `2026/27`. */
  fiscal_year: string;
  funded_wte: number;
  wte_in_post: number;
  vacancies_wte: number;
  /** WTE in post but still in induction (not yet productive). */
  wte_in_induction: number;
  /** WTE delivering support after induction and sickness absence. */
  productive_wte: number;
  leavers: number;
  hires: number;
  /** Monthly probability that a worker in post leaves (all causes). */
  leaver_hazard: number;
  burnout_risk: number;
  burnout_drivers: Record<BurnoutDriver, number>;
  /** Probability (0-1) that a relationship starting this month completes with the same worker. */
  continuity_probability: number;
  episodes: number;
  completed_episodes: number;
  /** Service-user months of support lost to vacancies this month. */
  service_user_months_lost: number;
  funded_budget: number;
  cost: CostBreakdown;
  benefits: BenefitTotals;
  /** (1 + pay_uplift)^(uplifts in effect): the factor applied to reference-table pay this month. */
  pay_uplift_factor: number;
  /** Fixed-term only: months left in the current term at the start of the month (1 = last month); null otherwise. */
  contract_months_remaining: number | null;
  discount_factor: number;
  cost_discounted: number;
  benefits_discounted: number;
}

export interface YearResult {
  /** UK financial year label, e.g. `2026/27`. */
  year: string;
  months: number;
  funded_budget: number;
  cost: CostBreakdown;
  cost_discounted: number;
  /** Mean over the year's months. */
  funded_wte: number;
  wte_in_post: number;
  vacancy_rate: number;
  leavers: number;
  hires: number;
  burnout_risk: number;
  /** 0-100 */
  continuity: number;
  episodes: number;
  completed_episodes: number;
  benefits: BenefitTotals;
  benefits_discounted: number;
  /** benefits.total − cost.total (nominal). */
  net: number;
}

export interface Metrics {
  total_cost: number;
  total_cost_discounted: number;
  /** Discounted cost × (1 + optimism_bias). */
  total_cost_optimism_adjusted: number;
  funded_budget: number;
  /** funded_budget − total_cost: money not spent because posts stood vacant. */
  underspend: number;
  total_benefit: number;
  total_benefit_discounted: number;
  cashable_benefit_discounted: number;
  npv: number;
  npv_optimism_adjusted: number;
  /** Discounted benefit / discounted cost; null when cost is zero. */
  bcr: number | null;
  /** (benefit − cost) / cost, discounted; null when cost is zero. */
  roi: number | null;
  /** First month (`YYYY-MM`) in which cumulative discounted benefit reaches cumulative discounted cost; null if never. */
  payback_month: string | null;
  episodes: number;
  completed_episodes: number;
  cost_per_episode: number | null;
  cost_per_completed_episode: number | null;
  wte_in_post_mean: number;
  vacancy_rate: number;
  leavers: number;
  hires: number;
  burnout_risk_mean: number;
  burnout_risk_peak: number;
  /** 0-100 continuity score: 100 × continuity_probability. */
  continuity: number;
  /** Mean over the horizon's months of the probability that a relationship starting that month completes with the same worker. */
  continuity_probability: number;
  service_user_months_lost: number;
  /**
   * Memo, not added to any total: the employment cost (pay and on-costs) of the peer
   * workers' own time in supervision. It is already inside pay; it is shown so the full
   * cost of supervision (supervisor + workers' time) can be read off.
   */
  worker_supervision_time_value: number;
}

export interface BenefitStreamResult {
  name: string;
  category: BenefitCategory;
  total: number;
  total_discounted: number;
  cashable_discounted: number;
}

export interface ScenarioResult {
  name: string;
  months: MonthResult[];
  years: YearResult[];
  benefit_streams: BenefitStreamResult[];
  metrics: Metrics;
}
