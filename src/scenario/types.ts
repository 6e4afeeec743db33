/**
 * The scenario format, v1. Field names are the public contract documented in
 * docs/SCENARIO.md and schemas/scenario.schema.json; a test keeps the three in step.
 *
 * `ScenarioInput` is what a YAML file may say (everything optional but the version,
 * percentages as fractions or "14%" strings). `Scenario` is the resolved form the
 * engine takes: every default applied, every percentage a fraction, every field present.
 */

export const BANDS = ['2', '3', '4', '5', '6', '7', '8a'] as const;
export type Band = (typeof BANDS)[number];

export const NAMED_PAY_POINTS = ['bottom', 'middle', 'top'] as const;
export type NamedPayPoint = (typeof NAMED_PAY_POINTS)[number];
/** A named point, or a 0-based index into the band's pay points. */
export type PayPoint = NamedPayPoint | number;

export const CONTRACT_TYPES = ['permanent', 'fixed_term', 'sessional', 'voluntary'] as const;
export type ContractType = (typeof CONTRACT_TYPES)[number];

export const HIGH_COST_AREAS = ['none', 'fringe', 'outer_london', 'inner_london'] as const;
export type HighCostArea = (typeof HIGH_COST_AREAS)[number];

/**
 * What a stream's effect is counted per: each person supported (offered support; the
 * intention-to-treat basis of the trials, the default), each support relationship completed
 * with the same worker (the earlier basis, kept as an option), or each WTE-year a peer
 * worker is in post (effects on the peer workers themselves, such as moving into work).
 */
export const BENEFIT_BASES = ['person_supported', 'completed_episode', 'worker_year'] as const;
export type BenefitBasis = (typeof BENEFIT_BASES)[number];

export const BENEFIT_CATEGORIES = ['fiscal', 'economic', 'social'] as const;
export type BenefitCategory = (typeof BENEFIT_CATEGORIES)[number];
/** Who gains from a benefit (docs/MODEL.md §7.6). */
export const PAYERS = ['nhs_provider', 'icb', 'local_authority', 'dwp_hmt', 'person', 'society'] as const;
export type Payer = (typeof PAYERS)[number];
/** What kind of gain: a transfer (outside social value), cash released, capacity freed, or non-cash wellbeing. */
export const GAIN_KINDS = ['transfer', 'cash_releasing', 'capacity', 'social'] as const;
export type GainKind = (typeof GAIN_KINDS)[number];
/** One part of a stream's value: who gains, the kind of gain, and its share of the stream. */
export interface Gain {
  payer: Payer;
  kind: GainKind;
  share: number;
}

/** Discounting conventions: the Green Book's annual one (default), or monthly from each month's start. */
export const DISCOUNTING_CONVENTIONS = ['annual', 'monthly'] as const;
export type DiscountingConvention = (typeof DISCOUNTING_CONVENTIONS)[number];

/** What the appraisal does with lagged benefits of support given inside the horizon that fall after its end. */
export const AFTER_HORIZON_RULES = ['credit', 'drop'] as const;
export type AfterHorizonRule = (typeof AFTER_HORIZON_RULES)[number];

/**
 * Named pension choices: the NHS Pension Scheme from the local (14.38%) or whole-system
 * (23.78%) perspective, the Local Government Pension Scheme at the reference rate, or the
 * automatic-enrolment minimum (3% of qualifying earnings).
 */
export const PENSION_PERSPECTIVES = ['local', 'whole_system', 'lgps', 'auto_enrolment'] as const;
export type PensionPerspective = (typeof PENSION_PERSPECTIVES)[number];

export const BURNOUT_DRIVERS = [
  'supervision',
  'insecurity',
  'isolation',
  'pay',
  'caseload',
  'training',
] as const;
export type BurnoutDriver = (typeof BURNOUT_DRIVERS)[number];

/** Employer types: a scenario names one, the reference data gives each its defaults. */
export const EMPLOYER_TYPES = ['nhs_trust', 'vcse', 'local_authority', 'primary_care', 'other'] as const;
export type EmployerType = (typeof EMPLOYER_TYPES)[number];

/** The burnout odds ratios a scenario may override (`burnout.odds_ratios`). */
export const BURNOUT_ODDS_RATIOS = [
  'supervision',
  'lived_experience_supervisor',
  'peer_group_supervision',
  'isolation',
  'insecurity',
  'pay',
  'caseload',
  'training',
] as const;
export type BurnoutOddsRatio = (typeof BURNOUT_ODDS_RATIOS)[number];

/** Calendar month, `YYYY-MM`. */
export type YearMonth = string;

export interface FundingChange {
  /** First month the new funded WTE applies, `YYYY-MM`. */
  from: YearMonth;
  funded_wte: number;
}

export interface Contract {
  type: ContractType;
  /** Fixed-term only: length of each term in months. */
  term_months: number | null;
  /** Fixed-term only: share of post holders whose contract is renewed at each term end (fraction). */
  renewal_probability: number | null;
}

export interface Workforce {
  funded_wte: number;
  starting_wte: number;
  band: Band;
  pay_point: PayPoint;
  /** £ a year at 1.0 WTE; overrides the band's pay point. */
  salary: number | null;
  high_cost_area: HighCostArea;
  contract: Contract;
  team_size: number;
  funding_changes: FundingChange[];
}

export interface Employer {
  type: EmployerType;
  /** The whole employer's annual pay bill, £ (decides the apprenticeship levy). */
  annual_paybill: number;
  /** Employment Allowance left for this team each tax year, £ (0 when the employer is not eligible; by default its pay-bill share). */
  employment_allowance_available: number;
  /** Whether the employer's other staff leave the allowance unused (then the team's default is all of it). */
  employment_allowance_unused_elsewhere: boolean;
}

/** Parameters that apply only to a voluntary (unpaid) team. */
export interface Volunteers {
  hours_per_week: number;
  expenses_per_volunteer_per_year: number;
  coordinator_hours_per_volunteer_per_month: number;
  annual_leaver_rate: number;
  /** Where the team's caseload and benefit effects come from, for a volunteer team ('' when not stated). */
  evidence: string;
}

export interface Supervisor {
  band: Band;
  pay_point: PayPoint;
  lived_experience: boolean;
}

export interface Supervision {
  workers_per_supervisor: number;
  hours_per_worker_per_month: number;
  supervisor: Supervisor;
  peer_group_supervision: boolean;
}

export interface Turnover {
  /** Fraction of post holders leaving per year, before contract and burnout effects. */
  annual_leaver_rate: number;
  months_to_fill: number;
  recruitment_cost_per_hire: number;
  /** Elasticity of the leaver hazard to the pay gap to comparable jobs (docs/MODEL.md §2.2). */
  pay_leaving_elasticity: number;
}

export interface Training {
  /** Cash cost of the induction course and materials per starter (not the starter's paid time). */
  induction_course_cost_per_starter: number;
  induction_weeks: number;
  cpd_cost_per_wte_per_year: number;
  /** Fraction of a starter's induction time covered by paid backfill (cover staff). */
  backfill_share: number;
}

export interface Delivery {
  caseload_per_wte: number;
  relationship_months: number;
  /** Fraction of contracted time lost to sickness absence by a team at the reference burnout (burnout.absence_ratio moves it). */
  sickness_absence: number;
  /** Support sessions a productive WTE delivers a month: with the caseload, the dose each person receives (docs/MODEL.md §5.2). */
  sessions_per_wte_month: number;
}

export interface Benefit {
  name: string;
  basis: BenefitBasis;
  /** Evidence library entry the effect, dose and grade come from (null: a local stream). */
  evidence: string | null;
  /** Local rate of the outcome without peer support (fraction per person); null for an absolute stream. */
  base_rate: number | null;
  /** Risk ratio of the outcome with peer support (the evidence's, or a sourced local value); null for an absolute stream. */
  relative_effect: number | null;
  /** Months of support the effect was measured at; benefit per person scales with min(1, relationship_months / dose_months). Null: no dose scaling. */
  dose_months: number | null;
  /** Sessions of support the effect was measured at; when set, benefit per person scales with min(1, sessions per person / dose_sessions) instead of the months. Null: the months decide. */
  dose_sessions: number | null;
  /**
   * Relative stream: units valued per outcome avoided (e.g. bed days per readmission).
   * Absolute stream: units per basis.
   */
  quantity: number;
  /** Unit-cost library entry unit_value and price_year come from (null: a local value). */
  unit_cost: string | null;
  unit_value: number;
  attribution: number;
  deadweight: number;
  lag_months: number;
  /** Fraction of the benefit lost each year after the first year (persistence decay). */
  drop_off: number;
  cashable: number;
  category: BenefitCategory;
  /** Who gains from the stream (docs/MODEL.md §7.6): the unit cost's default, or by category. */
  payer: Payer;
  /** The kind of gain to `payer`; a public body's capacity is cash-releasing for the `cashable` share. */
  kind: GainKind;
  /** Share of the stream that is a transfer saved by DWP/HM Treasury (e.g. benefits no longer paid); the rest goes to payer. */
  transfer_share: number;
  /** A health effect (e.g. QALYs): discounted at the Green Book health rate. */
  health: boolean;
  /** Financial year (`2024/25`) whose prices unit_value is in; the appraisal converts it to the price base. */
  price_year: string;
  /** Optimism-bias haircut on this stream in the evidence-adjusted figures: the evidence grade's default, or a local value. */
  evidence_haircut: number;
  /** Where the stream's local values (overrides of the library, base rate) come from ('' when not stated). */
  source: string;
}

export interface Finance {
  discount_rate: number;
  pay_uplift: number;
  /** A perspective, or an explicit employer pension rate (fraction). */
  pension: PensionPerspective | number;
  overhead_rate: number;
  optimism_bias: number;
  /** `annual` (Green Book, default) or `monthly` (from each month's start, peerplan's earlier method). */
  discounting: DiscountingConvention;
  /** Real annual rate for health effects (benefit streams marked health), years 0-30. */
  health_discount_rate: number;
  /** Financial year (`2026/27`) whose prices the appraisal is in (real terms). */
  price_base: string;
  /** `credit` (default): lagged benefits of support given inside the horizon count after its end; `drop`: they do not. */
  benefits_after_horizon: AfterHorizonRule;
}

/** A value per burnout driver (month rows: each driver's odds ratio against the reference team). */
export type BurnoutWeights = Record<BurnoutDriver, number>;

export interface Burnout {
  odds_ratios: Record<BurnoutOddsRatio, number>;
  /** How much faster a burnt-out worker leaves than one who is not. */
  leaving_hazard_ratio: number;
  /** Sickness absence of a burnt-out worker against one who is not (rate ratio). */
  absence_ratio: number;
  /** Share of the effect of support lost when its worker is burnt out. */
  effectiveness_loss: number;
  /** Share of the effect of support lost by a lone peer worker, besides burnout (scaled by the isolation score). */
  isolation_effect_loss: number;
  /** Share of the effect of support lost by an unsupervised peer worker, besides burnout (scaled by the supervision score). */
  supervision_effect_loss: number;
}

export interface Horizon {
  start: YearMonth;
  years: number;
}

export interface Scenario {
  peerplan: 1;
  name: string;
  description: string;
  reference: string;
  horizon: Horizon;
  employer: Employer;
  workforce: Workforce;
  supervision: Supervision;
  volunteers: Volunteers;
  turnover: Turnover;
  training: Training;
  delivery: Delivery;
  benefits: Benefit[];
  finance: Finance;
  burnout: Burnout;
}

type DeepPartial<T> = T extends (infer U)[]
  ? DeepPartial<U>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> | null }
    : T;

/** A percentage as written in YAML: a fraction (0.14) or a string ("14%"). */
export type PercentInput = number | string;

/** What a scenario file may contain before defaults are applied (shape only). */
export type ScenarioInput = DeepPartial<Scenario> & { peerplan: 1; extends?: string };
