import type { Band, BurnoutOddsRatio, EmployerType } from '../scenario/types.js';

/** Where a reference value comes from: a key into `ReferenceData.sources`. */
export type SourceKey = string;

export interface Source {
  title: string;
  publisher?: string;
  date?: string;
  url?: string;
}

export interface RefValue<T = number> {
  value: T;
  unit: string;
  description: string;
  source: SourceKey;
}

/** A value with a plausible range (low, high) for sensitivity and uncertainty analysis. */
export interface RangedRefValue extends RefValue {
  low: number;
  high: number;
}

/** Per-type employer defaults (reference `employers.types`). */
export interface EmployerDefaults {
  annual_paybill: RefValue;
  employment_allowance_eligible: RefValue<boolean>;
  /** The default finance.pension for the type. */
  pension: RefValue<'local' | 'whole_system' | 'lgps' | 'auto_enrolment'>;
}

export interface HcasArea {
  rate: number;
  min: number;
  max: number;
}

export interface BurnoutWeightRef {
  value: number;
  reason: string;
}

export interface ReferenceData {
  id: string;
  title: string;
  valid_from: string;
  notes: string;
  pay: {
    hours_per_week: RefValue;
    weeks_per_year: RefValue;
    bands: { description: string; unit: string; source: SourceKey; points: Record<Band, number[]> };
    next_award: RefValue;
    annual_leave_days: RefValue<number[]>;
    bank_holidays: RefValue;
  };
  on_costs: {
    employer_ni_rate: RefValue;
    employer_ni_threshold: RefValue;
    pension_local: RefValue;
    pension_whole_system: RefValue;
    /** Automatic-enrolment minimum employer pension contribution (`peerplan init`'s default outside the NHS). */
    pension_auto_enrolment_minimum: RefValue;
    qualifying_earnings_lower: RefValue;
    qualifying_earnings_upper: RefValue;
    pension_lgps: RefValue;
    apprenticeship_levy_rate: RefValue;
    apprenticeship_levy_threshold: RefValue;
    employment_allowance: RefValue;
  };
  employers: {
    description: string;
    unit: string;
    source: SourceKey;
    types: Record<EmployerType, EmployerDefaults>;
  };
  hcas: {
    description: string;
    unit: string;
    source: SourceKey;
    verification?: string;
    areas: Record<'fringe' | 'outer_london' | 'inner_london', HcasArea>;
  };
  workforce: {
    sickness_absence: RefValue;
    nhs_leaver_rate: RefValue;
    annual_leaver_rate: RefValue;
    months_to_fill: RefValue;
    recruitment_cost_per_hire: RefValue;
    induction_course_cost_per_starter: RefValue;
    hee_training_grant: RefValue;
    induction_weeks: RefValue;
    cpd_cost_per_wte_per_year: RefValue;
    caseload_per_wte: RefValue;
    relationship_months: RefValue;
    /** §2.2 Elasticity of the leaver hazard to the pay gap to comparable jobs. */
    pay_leaving_elasticity: RangedRefValue;
    /** Support sessions a productive WTE delivers a month (docs/MODEL.md §5.2). */
    sessions_per_wte_month: RangedRefValue;
  };
  contracts: {
    insecurity_window_months: RefValue;
    insecurity_hazard_multiplier: RefValue;
    sessional_hazard_multiplier: RefValue;
    term_months: RefValue;
    renewal_probability: RefValue;
  };
  volunteers: {
    hours_per_week: RefValue;
    expenses_per_volunteer_per_year: RefValue;
    coordinator_hours_per_volunteer_per_month: RefValue;
    annual_leaver_rate: RefValue;
  };
  supervision: {
    workers_per_supervisor: RefValue;
    hours_per_worker_per_month: RefValue;
    supervisor_band: RefValue<Band>;
  };
  burnout: {
    baseline_share: RefValue;
    reference_team: {
      description: string;
      unit: string;
      source: SourceKey;
      supervision_hours: RefValue;
      team_size: RefValue;
    };
    odds_ratios: { description: string; unit: string; source: SourceKey } & Record<BurnoutOddsRatio, RangedRefValue>;
    leaving_hazard_ratio: RangedRefValue;
    /** §3.4 Sickness absence of a burnt-out worker against one who is not. */
    absence_ratio: RangedRefValue;
    /** §3.4 Share of the effect of support lost when its worker is burnt out. */
    effectiveness_loss: RangedRefValue;
    /** §3.4 Share of the effect of support lost by a lone peer worker (no peer team), besides burnout. */
    isolation_effect_loss: RangedRefValue;
    /** §3.4 Share of the effect of support lost by an unsupervised peer worker, besides burnout. */
    supervision_effect_loss: RangedRefValue;
    fair_band: RefValue<Band>;
    /** Parameters of the burnout driver scores (docs/MODEL.md §3). */
    drivers: {
      insecurity_fixed_term: RefValue;
      insecurity_sessional: RefValue;
      insecurity_voluntary: RefValue;
      caseload_overload_full: RefValue;
    };
  };
  appraisal: {
    discount_rate: RefValue;
    discount_rate_long: RefValue;
    health_discount_rate: RefValue;
    qaly_value: RefValue;
    overhead_rate: RefValue;
    optimism_bias: RefValue;
  };
  unit_costs: Record<string, RefValue>;
  /** Ids of the appraisal data files (src/reference/appraisal/) this data set uses. */
  appraisal_data?: { green_book: string; gdp_deflator: string };
  /** The files named by appraisal_data, attached when the data set is loaded. */
  green_book?: GreenBookData;
  gdp_deflator?: DeflatorData;
  sensitivity_ranges: {
    description: string;
    unit: string;
    source: SourceKey;
    ranges: Record<string, { low: number; high: number; reason: string }>;
  };
  sources: Record<SourceKey, Source>;
}

/** One band of a discount schedule: the real annual rate for year indices from_year … to_year. */
export interface DiscountBand {
  from_year: number;
  to_year: number;
  rate: number;
  verified: boolean;
}

/** Green Book appraisal conventions (src/reference/appraisal/green-book-*.yaml). */
export interface GreenBookData {
  id: string;
  title: string;
  publisher: string;
  date: string;
  section: string;
  url: string;
  convention: string;
  schedules: Record<'standard' | 'health', { description: string; bands: DiscountBand[] }>;
  optimism_bias: { description: string };
}

/** One financial year's deflator level: the release's figure (`verified`), interpolated (`derived`) or assumed (`assumption`). */
export interface DeflatorLevel {
  value: number;
  kind: 'outturn' | 'forecast';
  verified: boolean;
  derived?: boolean;
  assumption?: boolean;
}

/** A GDP deflator series by financial year (src/reference/appraisal/*-gdp-deflator-*.yaml). */
export interface DeflatorData {
  id: string;
  title: string;
  publisher: string;
  date: string;
  url: string;
  vintage: string;
  unit: string;
  /** Growth over the previous financial year, keyed by label (`2026/27`): derived from `index` when the file records levels (deflator.ts). */
  growth: Record<string, { value: number; kind: 'outturn' | 'forecast'; verified: boolean }>;
  /** The index level of each financial year (2024/25 = 100), as the release gives it or as derived. */
  index?: Record<string, DeflatorLevel>;
  long_run_growth: { value: number; verified: boolean; description: string };
}
