/**
 * Resolved `Scenario` fixtures for engine tests (every default applied, percentages as
 * fractions). `baseScenario()` mirrors scenarios/baseline.yaml; the two option builders
 * mirror scenarios/band4-permanent.yaml and scenarios/band3-fixed-term.yaml.
 * Each call returns a fresh object, so tests may mutate it.
 */
import type { Benefit, Scenario } from '../../src/scenario/types.js';
import { loadReference } from '../../src/reference/load.js';
import type { ReferenceData } from '../../src/reference/types.js';

/** A benefit stream's fields when it is not linked to the evidence library (values stated locally). */
export const LOCAL_STREAM = {
  evidence: null,
  base_rate: null,
  relative_effect: null,
  dose_months: null,
  dose_sessions: null,
  unit_cost: null,
  evidence_haircut: 0,
  source: '',
} as const;

export function reference(): ReferenceData {
  return loadReference('afc-2025-26');
}

/** The reference data's burnout odds ratios (the defaults of scenario burnout.odds_ratios). */
export function defaultOddsRatios(): Scenario['burnout']['odds_ratios'] {
  const o = reference().burnout.odds_ratios;
  return {
    supervision: o.supervision.value,
    lived_experience_supervisor: o.lived_experience_supervisor.value,
    peer_group_supervision: o.peer_group_supervision.value,
    isolation: o.isolation.value,
    insecurity: o.insecurity.value,
    pay: o.pay.value,
    caseload: o.caseload.value,
    training: o.training.value,
  };
}

export function readmissionBenefit(): Benefit {
  return {
    name: 'Avoided readmissions',
    basis: 'completed_episode',
    quantity: 0.09,
    unit_value: 11280,
    attribution: 0.5,
    deadweight: 0,
    lag_months: 6,
    drop_off: 0,
    cashable: 0.25,
    category: 'fiscal',
    payer: 'nhs_provider',
    kind: 'capacity',
    transfer_share: 0,
    health: false,
    price_year: '2026/27',
    ...LOCAL_STREAM,
  };
}

export function recoveryBenefit(): Benefit {
  return {
    name: 'Personal recovery (QALY proxy)',
    basis: 'completed_episode',
    quantity: 0.01,
    unit_value: 70000,
    attribution: 1,
    deadweight: 0.2,
    lag_months: 0,
    drop_off: 0,
    cashable: 0,
    category: 'social',
    payer: 'person',
    kind: 'social',
    transfer_share: 0,
    health: false,
    price_year: '2026/27',
    ...LOCAL_STREAM,
  };
}

export function baseScenario(): Scenario {
  return {
    peerplan: 1,
    name: 'Baseline (current team)',
    description: 'Six Band 3 permanent posts, one vacant, clinical supervision at Band 6',
    reference: 'afc-2025-26',
    horizon: { start: '2026-04', years: 5 },
    employer: { type: 'nhs_trust', annual_paybill: 250_000_000, employment_allowance_available: 0, employment_allowance_unused_elsewhere: false },
    workforce: {
      funded_wte: 6,
      starting_wte: 5,
      band: '3',
      pay_point: 'middle',
      salary: null,
      high_cost_area: 'none',
      contract: { type: 'permanent', term_months: null, renewal_probability: null },
      team_size: 6,
      funding_changes: [],
    },
    supervision: {
      workers_per_supervisor: 8,
      hours_per_worker_per_month: 2,
      supervisor: { band: '6', pay_point: 'middle', lived_experience: false },
      peer_group_supervision: false,
    },
    volunteers: { hours_per_week: 4, expenses_per_volunteer_per_year: 300, coordinator_hours_per_volunteer_per_month: 2, annual_leaver_rate: 0.3, evidence: '' },
    turnover: { annual_leaver_rate: 0.14, months_to_fill: 3.5, recruitment_cost_per_hire: 2500, pay_leaving_elasticity: 0 },
    training: { induction_course_cost_per_starter: 1000, induction_weeks: 7, cpd_cost_per_wte_per_year: 500, backfill_share: 0 },
    delivery: { caseload_per_wte: 12, relationship_months: 4, sickness_absence: 0.056, sessions_per_wte_month: 32 },
    benefits: [readmissionBenefit(), recoveryBenefit()],
    finance: { discount_rate: 0.035, pay_uplift: 0.033, pension: 'local', overhead_rate: 0.12, optimism_bias: 0, discounting: 'annual', health_discount_rate: 0.015, price_base: '2026/27', benefits_after_horizon: 'credit' },
    // Burnout's links to absence and effectiveness (§3.4) off: the hand-worked figures of the older tests; mechanisms.test.ts turns them on.
    burnout: { odds_ratios: defaultOddsRatios(), leaving_hazard_ratio: 2, absence_ratio: 1, effectiveness_loss: 0, isolation_effect_loss: 0, supervision_effect_loss: 0 },
  };
}

/** Eight permanent Band 4 (top) posts, lived-experience Band 6 supervisor at span 6, 4 h/month, peer group. */
export function band4Permanent(): Scenario {
  const s = baseScenario();
  s.name = 'Band 4 permanent, lived-experience supervision';
  s.workforce = {
    ...s.workforce,
    funded_wte: 8,
    starting_wte: 8,
    band: '4',
    pay_point: 'top',
    contract: { type: 'permanent', term_months: null, renewal_probability: null },
    team_size: 8,
  };
  s.supervision = {
    workers_per_supervisor: 6,
    hours_per_worker_per_month: 4,
    supervisor: { band: '6', pay_point: 'middle', lived_experience: true },
    peer_group_supervision: true,
  };
  return s;
}

/** Ten Band 3 (bottom) posts on 12-month fixed terms, 50% renewal, thin clinical supervision. */
export function band3FixedTerm(): Scenario {
  const s = baseScenario();
  s.name = 'Band 3 fixed-term (12-month grants)';
  s.workforce = {
    ...s.workforce,
    funded_wte: 10,
    starting_wte: 10,
    band: '3',
    pay_point: 'bottom',
    contract: { type: 'fixed_term', term_months: 12, renewal_probability: 0.5 },
    team_size: 10,
  };
  s.supervision = {
    workers_per_supervisor: 10,
    hours_per_worker_per_month: 1.5,
    supervisor: { band: '6', pay_point: 'bottom', lived_experience: false },
    peer_group_supervision: false,
  };
  return s;
}

/**
 * A scenario with nothing but pay: no turnover, training, supervision cost, overheads or
 * benefits; 1.0 WTE Band 4 top, starting 2025-04 (the reference tables' own year).
 */
export function payOnlyScenario(): Scenario {
  const s = baseScenario();
  s.horizon = { start: '2025-04', years: 1 };
  s.workforce = { ...s.workforce, funded_wte: 1, starting_wte: 1, band: '4', pay_point: 'top' };
  s.supervision = { ...s.supervision, hours_per_worker_per_month: 0 };
  s.turnover = { annual_leaver_rate: 0, months_to_fill: 3.5, recruitment_cost_per_hire: 0, pay_leaving_elasticity: 0 };
  s.training = { induction_course_cost_per_starter: 0, induction_weeks: 0, cpd_cost_per_wte_per_year: 0, backfill_share: 0 };
  s.finance = { ...s.finance, overhead_rate: 0 };
  s.benefits = [];
  return s;
}

/** A deep copy of the reference data with changes applied (the loaded one is cached and shared). */
export function referenceWith(change: (ref: ReferenceData) => void): ReferenceData {
  const ref = structuredClone(reference());
  change(ref);
  return ref;
}
