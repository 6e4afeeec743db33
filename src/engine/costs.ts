/**
 * The month's cost lines (docs/MODEL.md §6), in exact (unrounded) pence; the engine's cost
 * pass (project.ts) adds them up and rounds them by cumulative rounding (money.ts).
 *
 * P is WTE in post, I WTE in induction, N hires, A annual pay per WTE, E the employment
 * cost per WTE-year (pay + on-costs). The order of operations is part of the model: it
 * fixes every penny of the published figures.
 */
import type { CostComponent } from './result.js';
import type { Formula } from './formula.js';

const MONTHS_PER_YEAR = 12;
const PENCE = 100;

/** Pay: P × A / 12, plus volunteers' reimbursed expenses P × expenses a month (A = 0 for them). */
export function payCost(P: number, A: number, expensesMonth: number): number {
  return (P * A * PENCE) / MONTHS_PER_YEAR + P * expensesMonth * PENCE;
}

/** A month of an amount per WTE-year: P × amount / 12 (employer NI before the allowance, pension). */
export function perWteMonth(P: number, annualAmount: number): number {
  return (P * annualAmount * PENCE) / MONTHS_PER_YEAR;
}

/** Apprenticeship levy: P × levy rate × A / 12. */
export function levyCost(P: number, levyRate: number, A: number): number {
  return (P * levyRate * A * PENCE) / MONTHS_PER_YEAR;
}

/** Supervision: P × (supervision hours + volunteer coordinator hours) × supervisor hourly cost. */
export function supervisionCost(P: number, supervisionHours: number, coordinatorHours: number, supervisorHourly: number): number {
  return P * (supervisionHours + coordinatorHours) * supervisorHourly * PENCE;
}

/** Training: N × induction course cost + I × backfill_share × E / 12 + P × CPD a month. */
export function trainingCost(N: number, inductionCost: number, I: number, backfill: number, E: number, P: number, cpdMonth: number): number {
  return (N * inductionCost + (I * backfill * E) / MONTHS_PER_YEAR + P * cpdMonth) * PENCE;
}

/** Recruitment: N × recruitment cost per hire. */
export function recruitmentCost(N: number, costPerHire: number): number {
  return N * costPerHire * PENCE;
}

/** Overheads: overhead_rate × (the seven components above, in pence). */
export function overheadsCost(rate: number, pay: number, ni: number, pension: number, levy: number, supervision: number, training: number, recruitment: number): number {
  return rate * (pay + ni + pension + levy + supervision + training + recruitment);
}

/** §6.3 The month's funded budget: F × (E / 12 + expenses + supervision and coordination × hourly cost + CPD) × (1 + overhead_rate). */
export function budgetCost(F: number, E: number, expensesMonth: number, supervisionHours: number, coordinatorHours: number, supervisorHourly: number, cpdMonth: number, overheadRate: number): number {
  return F * (E / MONTHS_PER_YEAR + expensesMonth + (supervisionHours + coordinatorHours) * supervisorHourly + cpdMonth) * (1 + overheadRate) * PENCE;
}

/** The memo of workers' own supervision time: P × supervision hours × E / paid hours a year. */
export function workerSupervisionCost(P: number, supervisionHours: number, E: number, hoursPerYear: number): number {
  return (P * supervisionHours * E * PENCE) / hoursPerYear;
}

/** The cost lines' formulas as `explain` shows them (docs/MODEL.md §6). */
export const COMPONENT_FORMULAS: Record<CostComponent, Formula> = {
  pay: { text: 'P(t) × A / 12 (volunteers: P(t) × expenses_per_volunteer_per_year / 12)', section: '§6' },
  employer_ni: { text: 'P(t) × NI(A) / 12, less the Employment Allowance left in the tax year (never below zero)', section: '§6' },
  pension: { text: 'P(t) × pension(A) / 12; pension(A) = rate × max(0, min(A, cap) − floor) (floor and cap only for auto_enrolment)', section: '§6' },
  levy: { text: 'P(t) × levy rate × A / 12 (levy rate 0 when employer.annual_paybill ≤ the threshold)', section: '§6' },
  supervision: { text: 'P(t) × (hours_per_worker_per_month + volunteer coordinator hours) × supervisor hourly cost; one-to-one hours, so workers_per_supervisor does not change them (the span acts on burnout, §3.1)', section: '§6' },
  training: { text: 'N(t) × induction_course_cost_per_starter + I(t) × backfill_share × E / 12 + P(t) × cpd_cost_per_wte_per_year / 12', section: '§6' },
  recruitment: { text: 'N(t) × recruitment_cost_per_hire', section: '§6' },
  overheads: { text: 'overhead_rate × (the seven components above)', section: '§6' },
};

export const FORMULAS = {
  total: { text: 'pay + employer NI + pension + levy + supervision + training + recruitment + overheads', section: '§6' },
  beforeOverheads: { text: 'the seven components above', section: '§6' },
  budget: {
    text: 'F(t) × (E / 12 + hours_per_worker_per_month × supervisor hourly cost + cpd_cost_per_wte_per_year / 12) × (1 + overhead_rate)',
    section: '§6.3',
  },
  underspend: { text: 'funded budget − total cost', section: '§6.3' },
  workerSupervision: {
    text: 'Σ months P(t) × hours_per_worker_per_month × E / (hours_per_week × weeks_per_year); a memo, already inside pay',
    section: '§6',
  },
} as const satisfies Record<string, Formula>;
