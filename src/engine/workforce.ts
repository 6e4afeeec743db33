/**
 * Workforce flow formulas (docs/MODEL.md §2): hazards, contract effects, vacancy filling
 * and induction.
 */
import type { Contract, ContractType } from '../scenario/types.js';
import type { ReferenceData } from '../reference/types.js';
import type { Formula } from './formula.js';

const MONTHS_PER_YEAR = 12;

/** Monthly leaver probability equivalent to an annual rate: 1 − (1 − r)^(1/12). */
export function monthlyFromAnnual(annualRate: number): number {
  return 1 - Math.pow(1 - annualRate, 1 / MONTHS_PER_YEAR);
}

/**
 * Monthly leaver probability under a hazard multiplier M (proportional hazards):
 * 1 − (1 − r)^(M/12). With M = 1 it is `monthlyFromAnnual(r)`; any M ≥ 0 keeps it in
 * [0, 1] without clamping.
 */
export function monthlyHazard(annualRate: number, multiplier: number): number {
  return hazardFromLogSurvival(annualLogSurvival(annualRate), multiplier);
}

/** ln(1 − r): the log of the annual stay probability (−Infinity when r = 1). */
export function annualLogSurvival(annualRate: number): number {
  return annualRate >= 1 ? -Infinity : Math.log(1 - Math.max(0, annualRate));
}

/** `monthlyHazard` from a precomputed ln(1 − r): 1 − exp(M × ln(1 − r) / 12). */
export function hazardFromLogSurvival(logSurvival: number, multiplier: number): number {
  if (logSurvival === 0 || multiplier <= 0) return 0;
  if (logSurvival === -Infinity) return 1;
  return 1 - Math.exp((multiplier / MONTHS_PER_YEAR) * logSurvival);
}

/** Combines independent monthly separation causes: 1 − (1 − a)(1 − b). */
export function combineHazards(a: number, b: number): number {
  return 1 - (1 - a) * (1 - b);
}

/**
 * Share of open vacancies filled at the end of each month: 1 / (1 + months_to_fill).
 * A vacancy that is open at a month end is filled with this probability, so the number
 * of whole months it stands vacant is geometric with mean exactly months_to_fill.
 */
export function fillRate(monthsToFill: number): number {
  return 1 / (1 + Math.max(0, monthsToFill));
}

/** Induction length in months: weeks × 12 / weeks_per_year. */
export function inductionMonths(weeks: number, weeksPerYear: number): number {
  return (Math.max(0, weeks) * MONTHS_PER_YEAR) / weeksPerYear;
}

/**
 * Share of a month-s hiring cohort still in induction j + 1 months later (j = 0 is the
 * starter's first month): clamp(k − j, 0, 1) for j = 0 … ceil(k) − 1.
 */
export function inductionWeights(k: number): number[] {
  const w: number[] = [];
  for (let j = 0; j < Math.ceil(k); j++) w.push(Math.min(1, Math.max(0, k - j)));
  return w;
}

/** A contract with every default resolved, plus its reference multipliers. */
export interface ContractTerms {
  type: ContractType;
  /** Whole months per fixed term (0 when not fixed-term). */
  term: number;
  renewal: number;
  window: number;
  /** Hazard multiplier outside any window (1, or the sessional uplift). */
  baseMultiplier: number;
  /** Hazard multiplier inside the insecurity window (fixed-term only). */
  windowMultiplier: number;
}

export function contractTerms(contract: Contract, ref: ReferenceData): ContractTerms {
  const c = ref.contracts;
  const type = contract.type;
  const fixed = type === 'fixed_term';
  return {
    type,
    term: fixed ? Math.max(1, Math.round(contract.term_months ?? c.term_months.value)) : 0,
    renewal: fixed ? (contract.renewal_probability ?? c.renewal_probability.value) : 1,
    window: fixed ? Math.max(0, c.insecurity_window_months.value) : 0,
    // Volunteers have their own leaver rate (volunteers.annual_leaver_rate) rather than a multiplier on paid staff's.
    baseMultiplier: type === 'sessional' ? c.sessional_hazard_multiplier.value : 1,
    windowMultiplier: fixed ? c.insecurity_hazard_multiplier.value : 1,
  };
}

/**
 * Months left in the current fixed term at the start of month t (0-based from the horizon
 * start, all terms aligned with it): term − (t mod term); 1 in the term's last month.
 * Null for contracts without a term.
 */
export function monthsRemaining(terms: ContractTerms, t: number): number | null {
  if (terms.term === 0) return null;
  return terms.term - (t % terms.term);
}

/** Contract hazard multiplier in month t: the insecurity multiplier inside the window before a term end. */
export function contractMultiplier(terms: ContractTerms, t: number): number {
  if (terms.term === 0) return terms.baseMultiplier;
  const m = terms.term - (t % terms.term);
  return m <= terms.window ? terms.windowMultiplier : terms.baseMultiplier;
}

/** Separation at the end of month t from non-renewal: 1 − renewal_probability in a term's last month, else 0. */
export function termEndSeparation(terms: ContractTerms, t: number): number {
  if (terms.term === 0) return 0;
  return (t + 1) % terms.term === 0 ? 1 - terms.renewal : 0;
}

/**
 * §2.2 Leaver hazard multiplier from the pay gap to comparable jobs: (comparable / basic)^ε,
 * comparable pay the first point of the fair band. Above 1 for pay below it, below 1 for pay
 * above it, 1 at it, with ε 0, or for unpaid volunteers (`basic` null).
 */
export function payLeavingMultiplier(basic: number | null, comparable: number, elasticity: number): number {
  if (basic === null || !(basic > 0) || !(comparable > 0) || elasticity === 0) return 1;
  return Math.exp(elasticity * Math.log(comparable / basic));
}

/** The workforce flow formulas as `explain` shows them (docs/MODEL.md §2). */
export const FORMULAS = {
  inPost: { text: 'P(0) = starting WTE; P(t + 1) = P(t)(1 − H(t)) + N(t)', section: '§2.4' },
  funded: { text: 'workforce.funded_wte, replaced from each funding change\'s month (the latest change in effect wins)', section: '§2.1' },
  vacancies: { text: 'V(t) = max(0, F(t) − P(t))', section: '§2.1' },
  hazard: { text: 'H(t) = 1 − (1 − h(t))(1 − e(t)); h(t) = 1 − (1 − r)^(M(t)/12), M(t) = contract multiplier × burnout multiplier × pay gap multiplier', section: '§2.2–2.3' },
  payLeaving: { text: '(F / basic)^ε, F = first pay point of the fair band, ε = turnover.pay_leaving_elasticity; 1 for volunteers', section: '§2.2' },
  contractPermanent: { text: '1 for a permanent post', section: '§2.3' },
  contractFixedTerm: { text: 'the insecurity multiplier in the W months before a term end (m(t) ≤ W), else 1; m(t) = T − (t mod T)', section: '§2.3' },
  contractOther: { text: 'contracts.{type}_hazard_multiplier in every month', section: '§2.3' },
  termEnd: { text: 'e(t) = 1 − ρ at the end of a term\'s last month (m(t) = 1), else 0', section: '§2.3' },
  fill: { text: 'f = 1 / (1 + months_to_fill)', section: '§2.4' },
  hires: { text: 'N(t) = f × max(0, F(t + 1) − P(t)(1 − H(t)))', section: '§2.4' },
  leavers: { text: 'L(t) = P(t) × H(t)', section: '§2.3' },
  induction: { text: 'I(t) = min(P(t), Σⱼ wⱼ × N(t − 1 − j)), wⱼ = clamp(k − j, 0, 1), k = induction_weeks × 12 / weeks_per_year', section: '§2.4' },
} as const satisfies Record<string, Formula>;
