/**
 * Pay and employer on-costs (docs/MODEL.md §1.2–§1.3).
 */
import type { Band, HighCostArea, PayPoint, PensionPerspective } from '../scenario/types.js';
import type { ReferenceData } from '../reference/types.js';
import { roundPence } from './money.js';
import type { Formula } from './formula.js';

const MONTHS_PER_YEAR = 12;

export class PayPointError extends RangeError {}

/**
 * The salary at a named or numbered point of a band's pay points:
 * `bottom` = first point; `top` = last; `middle` = the middle point when the band has an
 * odd number of points (Band 2's single point, the second of three), and the mean of the
 * two middle points when it has an even number (Bands 3 and 4: mean of bottom and top);
 * a number is a 0-based index and must name an existing point.
 */
export function payPointSalary(points: readonly number[], point: PayPoint, band = '?'): number {
  const n = points.length;
  if (n === 0) throw new PayPointError(`band ${band} has no pay points`);
  if (point === 'bottom') return points[0] as number;
  if (point === 'top') return points[n - 1] as number;
  if (point === 'middle') {
    if (n % 2 === 1) return points[(n - 1) / 2] as number;
    return ((points[n / 2 - 1] as number) + (points[n / 2] as number)) / 2;
  }
  if (!Number.isInteger(point) || point < 0 || point >= n) {
    throw new PayPointError(`pay point ${String(point)} does not exist in band ${band} (${n} point${n === 1 ? '' : 's'}, 0-${n - 1})`);
  }
  return points[point] as number;
}

/** Basic annual salary at 1.0 WTE at reference-table prices: the override if given, else the band's point. */
export function basicSalary(ref: ReferenceData, band: Band, point: PayPoint, override: number | null): number {
  if (override !== null) return override;
  const points = ref.pay.bands.points[band];
  if (!points) throw new PayPointError(`unknown band ${String(band)}`);
  return payPointSalary(points, point, band);
}

/** High Cost Area Supplement: clamp(rate × basic, min, max); 0 outside a high cost area. */
export function hcasAmount(ref: ReferenceData, area: HighCostArea, basic: number): number {
  if (area === 'none') return 0;
  const a = ref.hcas.areas[area];
  return Math.min(a.max, Math.max(a.min, a.rate * basic));
}

/**
 * Employer pension rate: `local` 14.38%, `whole_system` 23.78%, `lgps` the assumed LGPS
 * rate, `auto_enrolment` 3% (of qualifying earnings, see `pensionTerms`), or a given fraction.
 */
export function pensionRate(ref: ReferenceData, pension: PensionPerspective | number): number {
  if (pension === 'local') return ref.on_costs.pension_local.value;
  if (pension === 'whole_system') return ref.on_costs.pension_whole_system.value;
  if (pension === 'lgps') return ref.on_costs.pension_lgps.value;
  if (pension === 'auto_enrolment') return ref.on_costs.pension_auto_enrolment_minimum.value;
  return pension;
}

/**
 * What the employer's pension contribution is charged on: rate × max(0, min(pay, cap) − floor).
 * A scheme rate applies to all pensionable pay (floor 0, no cap); the automatic-enrolment
 * minimum applies only to qualifying earnings (£6,240 to £50,270 in 2025/26).
 */
export interface PensionTerms {
  rate: number;
  floor: number;
  cap: number;
}

export function pensionTerms(ref: ReferenceData, pension: PensionPerspective | number): PensionTerms {
  const rate = pensionRate(ref, pension);
  if (pension === 'auto_enrolment') {
    return { rate, floor: ref.on_costs.qualifying_earnings_lower.value, cap: ref.on_costs.qualifying_earnings_upper.value };
  }
  return { rate, floor: 0, cap: Infinity };
}

/** Employer pension contribution on an annual pay: rate × max(0, min(pay, cap) − floor). */
export function pensionContribution(terms: PensionTerms | number, annualPay: number): number {
  if (typeof terms === 'number') return terms * annualPay;
  return terms.rate * Math.max(0, Math.min(annualPay, terms.cap) - terms.floor);
}

/**
 * The apprenticeship levy rate on the team's pay: 0.5% at the margin when the employer's
 * annual pay bill exceeds the £3 million threshold, else 0 (the £15,000 allowance covers
 * the whole levy of a smaller employer).
 */
export function levyRate(ref: ReferenceData, annualPaybill: number): number {
  return annualPaybill > ref.on_costs.apprenticeship_levy_threshold.value ? ref.on_costs.apprenticeship_levy_rate.value : 0;
}

/**
 * Employment Allowance set against one month's employer NI: min(NI, allowance left this tax
 * year), never more than the NI (so net NI never goes below zero). Returns the offset.
 */
export function allowanceOffset(monthNi: number, allowanceLeft: number): number {
  return Math.max(0, Math.min(monthNi, allowanceLeft));
}

/** Uplift factor after `uplifts` annual awards: (1 + rate)^uplifts, computed as exp(uplifts × ln(1 + rate)). */
export function upliftFactor(rate: number, uplifts: number): number {
  return uplifts === 0 ? 1 : Math.exp(uplifts * Math.log1p(rate));
}

export interface EmploymentCost {
  pay: number;
  employer_ni: number;
  pension: number;
  levy: number;
  total: number;
}

/** Employer NI per WTE: rate × max(0, annual pay − threshold). */
export function employerNi(ref: ReferenceData, annualPay: number): number {
  return niContribution(ref.on_costs.employer_ni_rate.value, ref.on_costs.employer_ni_threshold.value, annualPay);
}

/** rate × max(0, annual pay − threshold). */
export function niContribution(rate: number, threshold: number, annualPay: number): number {
  return rate * Math.max(0, annualPay - threshold);
}

/**
 * Annual employment cost of 1.0 WTE at `annualPay` (basic + HCAS), exact (unrounded £),
 * before any Employment Allowance (an employer-level offset, applied per tax year by the
 * engine). `pension` is a plain rate or pension terms; `levy` the levy rate (default: the
 * reference rate, as for a large employer).
 */
export function annualEmploymentCost(ref: ReferenceData, annualPay: number, pension: PensionTerms | number, levy = ref.on_costs.apprenticeship_levy_rate.value): EmploymentCost {
  const employer_ni = employerNi(ref, annualPay);
  const pensionCost = pensionContribution(pension, annualPay);
  const levyCost = levy * annualPay;
  return { pay: annualPay, employer_ni, pension: pensionCost, levy: levyCost, total: employmentTotal(annualPay, employer_ni, pensionCost, levy) };
}

/** E = A + NI(A) + pension(A) + levy rate × A: the employment cost of 1.0 WTE a year from its parts. */
export function employmentTotal(annualPay: number, ni: number, pension: number, levyRate: number): number {
  return annualPay + ni + pension + levyRate * annualPay;
}

/** The on-cost rates of one scenario: employer NI rate and threshold, pension terms, levy rate. */
export interface OnCostRates {
  niRate: number;
  niThreshold: number;
  pension: PensionTerms;
  levy: number;
}

/** Employment cost of 1.0 WTE a year at annual pay A (before the Employment Allowance): `employmentTotal` of A's on-costs. */
export function employmentCostPerWte(rates: OnCostRates, annualPay: number): number {
  return employmentTotal(annualPay, niContribution(rates.niRate, rates.niThreshold, annualPay), pensionContribution(rates.pension, annualPay), rates.levy);
}

/** Hourly employment cost: the employment cost of 1.0 WTE a year / paid hours a year. */
export function hourlyEmploymentCost(rates: OnCostRates, annualPay: number, hoursPerYear: number): number {
  return employmentCostPerWte(rates, annualPay) / hoursPerYear;
}

/**
 * The lowest pay point in the reference tables and the band holding it (the first such band
 * in table order): the floor of the burnout pay driver's scale (§3.1). Salary 0 and band ''
 * when the tables are empty. Memoised per data set.
 */
export function lowestPayPoint(ref: ReferenceData): { band: string; salary: number } {
  const cached = lowestPayPoints.get(ref);
  if (cached !== undefined) return cached;
  let band = '';
  let min = Infinity;
  for (const [b, points] of Object.entries(ref.pay.bands.points)) {
    for (const p of points) {
      if (p < min) {
        min = p;
        band = b;
      }
    }
  }
  const lowest = { band, salary: Number.isFinite(min) ? min : 0 };
  lowestPayPoints.set(ref, lowest);
  return lowest;
}

const lowestPayPoints = new WeakMap<ReferenceData, { band: string; salary: number }>();

/**
 * The same, each component rounded to the penny and the total the sum of the rounded
 * components — the worked example: Band 4 top (£30,162), local pension →
 * NI £3,774.30, pension £4,337.30, levy £150.81, total £38,424.41. Values in pence.
 */
export function annualEmploymentCostPence(ref: ReferenceData, annualPay: number, pension: PensionTerms | number, levy = ref.on_costs.apprenticeship_levy_rate.value): EmploymentCost {
  const c = annualEmploymentCost(ref, annualPay, pension, levy);
  const pay = roundPence(c.pay * 100);
  const employer_ni = roundPence(c.employer_ni * 100);
  const pensionCost = roundPence(c.pension * 100);
  const levyCost = roundPence(c.levy * 100);
  return { pay, employer_ni, pension: pensionCost, levy: levyCost, total: pay + employer_ni + pensionCost + levyCost };
}

/** Paid hours a year at 1.0 WTE: hours_per_week × weeks_per_year (37.5 × 52.143 = 1,955.36). */
export function paidHoursPerYear(ref: ReferenceData): number {
  return ref.pay.hours_per_week.value * ref.pay.weeks_per_year.value;
}

/** Paid hours a month at 1.0 WTE (162.95). */
export function paidHoursPerMonth(ref: ReferenceData): number {
  return paidHoursPerYear(ref) / MONTHS_PER_YEAR;
}

/** Hourly employment cost: annual employment cost (pay + on-costs) / paid hours a year. */
export function hourlyCost(ref: ReferenceData, annualPay: number, pension: PensionTerms | number, levy = ref.on_costs.apprenticeship_levy_rate.value): number {
  return annualEmploymentCost(ref, annualPay, pension, levy).total / paidHoursPerYear(ref);
}

/** The pay and on-cost formulas as `explain` shows them (docs/MODEL.md §1.1–1.3). */
export const FORMULAS = {
  basicOverride: { text: 'workforce.salary, in place of the band and pay point', section: '§1.2' },
  basicPoint: { text: 'pay_point {point}: {rule}', section: '§1.2' },
  hcasNone: { text: '0 outside a high cost area', section: '§1.2' },
  hcas: { text: 'clamp(rate × basic, min, max)', section: '§1.2' },
  uplift: { text: 'U(m) = (1 + pay_uplift)^uplifts(m), uplifts(m) = max(0, financial year of m − financial year of valid_from)', section: '§1.1' },
  annualPay: { text: 'A(m) = (basic + HCAS) × U(m)', section: '§1.2' },
  annualPayVoluntary: { text: 'A = 0: voluntary roles are unpaid', section: '§1.2' },
  employerNi: { text: 'NI(A) = rate × max(0, A − threshold)', section: '§1.3' },
  pensionAutoEnrolment: { text: 'finance.pension auto_enrolment → 3% of qualifying earnings: rate × max(0, min(pay, upper) − lower)', section: '§1.3' },
  pensionScheme: { text: 'finance.pension {pension} → on_costs.{key}', section: '§1.3' },
  pensionGivenRate: { text: 'finance.pension, a rate of all pay', section: '§1.3' },
  levyRate: { text: 'the levy rate when employer.annual_paybill is above the threshold, else 0', section: '§1.3' },
  employmentCost: { text: 'E = A + NI(A) + pension(A) + levy rate × A', section: '§1.3' },
  supervisorHourly: { text: '(S + NI(S) + pension(S) + levy rate × S) / (hours_per_week × weeks_per_year), S = (supervisor basic + HCAS) × U', section: '§1.3' },
} as const satisfies Record<string, Formula>;
