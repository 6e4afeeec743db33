import type { PerspectivesResult } from './perspectives.js';
import type { LedgerResult } from './ledger.js';
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
import type { StreamFactor } from './benefits.js';
export type { StreamFactor };

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
  /** Standard discount factor of the month (annual convention: its financial year's factor). */
  discount_factor: number;
  /** Appraisal present value of the month's cost: real terms (price base), discounted. */
  cost_discounted: number;
  /** Appraisal present value of the month's benefits (horizon months only; see metrics.benefits_after_horizon_discounted). */
  benefits_discounted: number;
}

/** A financial year's appraisal figures: real terms at the price base year, discounted (docs/MODEL.md §7). */
export interface YearAppraisal {
  /** Price base year, e.g. `2026/27`. */
  price_base: string;
  /** GDP deflator index of the year relative to the price base (1 at the base): cash = real × deflator. */
  deflator: number;
  /** Cash cost ÷ deflator. */
  cost_real: number;
  /** Benefits in the year at price-base prices (horizon months only). */
  benefit_real: number;
  /** Standard (3.5%) factor: annual convention 1 / (1 + r)^t for year t; monthly, the year's first month's factor. */
  discount_factor: number;
  /** The health schedule's (1.5%) factor, for streams marked health. */
  health_discount_factor: number;
  cost_pv: number;
  benefit_pv: number;
}

/** The conventions a result was appraised under, for outputs to state. */
export interface AppraisalBasis {
  price_base: string;
  deflator: { id: string; title: string; vintage: string; /** Whether every deflator figure the appraisal used is a verified one. */ verified: boolean };
  discounting: 'annual' | 'monthly';
  conventions: { id: string; title: string; section: string };
  discount_rate: number;
  discount_rate_after_30: number;
  health_discount_rate: number;
  benefits_after_horizon: 'credit' | 'drop';
  optimism_bias: number;
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
  appraisal: YearAppraisal;
}

export interface Metrics {
  /** Cash (nominal) cost over the horizon. */
  total_cost: number;
  /** Cost in real terms at the price base year. */
  total_cost_real: number;
  /** Present value of the real cost (the appraisal's, before optimism bias). */
  total_cost_discounted: number;
  /** Present value of cost × (1 + optimism_bias): the cost in the headline NPV, BCR and ROI. */
  total_cost_optimism_adjusted: number;
  funded_budget: number;
  /** funded_budget − total_cost: money not spent because posts stood vacant. */
  underspend: number;
  /** Benefits within the horizon at the unit values as entered (the cash view). */
  total_benefit: number;
  /** Benefits at price-base prices, including those after the horizon when credited. */
  total_benefit_real: number;
  /** Present value of benefits (appraisal), including those after the horizon when credited. */
  total_benefit_discounted: number;
  /** The part of total_benefit_real and total_benefit_discounted that falls after the horizon's end (0 with benefits_after_horizon: drop). */
  benefits_after_horizon_real: number;
  benefits_after_horizon_discounted: number;
  cashable_benefit_discounted: number;
  /** Headline: benefit PV − cost PV with optimism bias. */
  npv: number;
  /** The same as npv (kept for earlier readers). */
  npv_optimism_adjusted: number;
  /** benefit PV − cost PV, without optimism bias. */
  npv_unadjusted: number;
  /** Headline: benefit PV / (cost PV with optimism bias); null when cost is zero. */
  bcr: number | null;
  bcr_unadjusted: number | null;
  /** Headline: npv / (cost PV with optimism bias); null when cost is zero. */
  roi: number | null;
  roi_unadjusted: number | null;
  /** Discounted benefit less each stream's evidence-grade haircut (docs/MODEL.md §5.4). */
  total_benefit_discounted_evidence_adjusted: number;
  npv_evidence_adjusted: number;
  bcr_evidence_adjusted: number | null;
  /** First month (`YYYY-MM`) in which cumulative discounted benefit reaches cumulative discounted cost (with optimism bias); null if never. */
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
  /** Discounted at the health rate. */
  health: boolean;
  /** Financial year of the unit value's prices. */
  price_year: string;
  /** Cash view: within the horizon, at price-base prices (the unit value uprated). */
  total: number;
  /** At price-base prices, including after the horizon when credited. */
  total_real: number;
  total_discounted: number;
  cashable_discounted: number;
  after_horizon_discounted: number;
  /** Evidence library entry of the effect, and unit cost of the value (null: local). */
  evidence: string | null;
  unit_cost: string | null;
  /** Optimism-bias haircut from the evidence grade (docs/MODEL.md §5.4). */
  evidence_haircut: number;
  /** total_discounted × (1 − evidence_haircut), to the penny. */
  total_discounted_evidence_adjusted: number;
  /** The factors of the value per basis unit, in order (the last is their product with the unit value). */
  factors: StreamFactor[];
}

export interface ScenarioResult {
  name: string;
  months: MonthResult[];
  years: YearResult[];
  benefit_streams: BenefitStreamResult[];
  metrics: Metrics;
  appraisal: AppraisalBasis;
  /** §7.6 Benefit by kind and by who gains; the social, commissioner and Exchequer views. */
  perspectives?: PerspectivesResult;
  /** §7.7 Who pays, who saves: PV by organisation, category, kind and financial year (the perspectives are its sums). */
  ledger?: LedgerResult;
}
