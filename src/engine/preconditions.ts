/**
 * The engine's input preconditions (docs/MODEL.md §0). The scenario validator enforces
 * these and more with friendly messages; the engine re-checks the few that would
 * otherwise produce NaN or Infinity, and throws `EngineInputError` naming the field.
 */
import type { Scenario } from '../scenario/types.js';
import { BURNOUT_ODDS_RATIOS } from '../scenario/types.js';
import { parseYearMonth, horizonMonths } from './calendar.js';

export class EngineInputError extends RangeError {
  constructor(
    readonly path: string,
    readonly requirement: string,
    readonly value: unknown,
  ) {
    super(`engine input ${path} must be ${requirement} (got ${String(value)})`);
  }
}

// Paths are built only when a check fails (`index` ≥ 0 names a list element).
function fail(path: string, index: number, field: string, requirement: string, value: unknown): never {
  const where = index >= 0 ? `${path}[${index}].${field}` : field ? `${path}.${field}` : path;
  throw new EngineInputError(where, requirement, value);
}
function atLeast(x: number, min: number, path: string, field = '', index = -1): void {
  if (!(Number.isFinite(x) && x >= min)) fail(path, index, field, `a finite number >= ${min}`, x);
}
function above(x: number, min: number, path: string, field = '', index = -1): void {
  if (!(Number.isFinite(x) && x > min)) fail(path, index, field, `a finite number > ${min}`, x);
}
function fraction(x: number, path: string, field = '', index = -1): void {
  if (!(x >= 0 && x <= 1)) fail(path, index, field, 'a fraction between 0 and 1', x);
}
function finite(x: number, path: string, field = '', index = -1): void {
  if (!Number.isFinite(x)) fail(path, index, field, 'a finite number', x);
}

export function checkEngineInputs(s: Scenario): void {
  parseYearMonth(s.horizon.start);
  atLeast(s.horizon.years, 0, 'horizon.years');
  if (horizonMonths(s.horizon.years) < 1) fail('horizon.years', -1, '', 'at least one month', s.horizon.years);

  const w = s.workforce;
  atLeast(w.funded_wte, 0, 'workforce.funded_wte');
  atLeast(w.starting_wte, 0, 'workforce.starting_wte');
  if (w.salary !== null) atLeast(w.salary, 0, 'workforce.salary');
  atLeast(w.team_size, 0, 'workforce.team_size');
  for (let i = 0; i < w.funding_changes.length; i++) {
    const c = w.funding_changes[i]!;
    parseYearMonth(c.from);
    atLeast(c.funded_wte, 0, 'workforce.funding_changes', 'funded_wte', i);
  }
  if (w.contract.type === 'fixed_term') {
    if (w.contract.term_months !== null) atLeast(w.contract.term_months, 1, 'workforce.contract.term_months');
    if (w.contract.renewal_probability !== null) fraction(w.contract.renewal_probability, 'workforce.contract.renewal_probability');
  }

  above(s.supervision.workers_per_supervisor, 0, 'supervision.workers_per_supervisor');
  atLeast(s.supervision.hours_per_worker_per_month, 0, 'supervision.hours_per_worker_per_month');

  fraction(s.turnover.annual_leaver_rate, 'turnover.annual_leaver_rate');
  atLeast(s.turnover.months_to_fill, 0, 'turnover.months_to_fill');
  atLeast(s.turnover.recruitment_cost_per_hire, 0, 'turnover.recruitment_cost_per_hire');

  atLeast(s.training.induction_course_cost_per_starter, 0, 'training.induction_course_cost_per_starter');
  atLeast(s.training.induction_weeks, 0, 'training.induction_weeks');
  atLeast(s.training.cpd_cost_per_wte_per_year, 0, 'training.cpd_cost_per_wte_per_year');
  fraction(s.training.backfill_share, 'training.backfill_share');

  atLeast(s.delivery.caseload_per_wte, 0, 'delivery.caseload_per_wte');
  above(s.delivery.relationship_months, 0, 'delivery.relationship_months');
  fraction(s.delivery.sickness_absence, 'delivery.sickness_absence');

  for (let i = 0; i < s.benefits.length; i++) {
    const b = s.benefits[i]!;
    finite(b.quantity, 'benefits', 'quantity', i);
    finite(b.unit_value, 'benefits', 'unit_value', i);
    fraction(b.attribution, 'benefits', 'attribution', i);
    fraction(b.deadweight, 'benefits', 'deadweight', i);
    fraction(b.drop_off, 'benefits', 'drop_off', i);
    fraction(b.cashable, 'benefits', 'cashable', i);
    atLeast(b.lag_months, 0, 'benefits', 'lag_months', i);
  }

  above(s.finance.discount_rate, -1, 'finance.discount_rate');
  above(s.finance.pay_uplift, -1, 'finance.pay_uplift');
  if (typeof s.finance.pension === 'number') fraction(s.finance.pension, 'finance.pension');
  atLeast(s.finance.overhead_rate, 0, 'finance.overhead_rate');
  atLeast(s.finance.optimism_bias, 0, 'finance.optimism_bias');

  for (const k of BURNOUT_ODDS_RATIOS) above(s.burnout.odds_ratios[k], 0, 'burnout.odds_ratios', k);
  atLeast(s.burnout.leaving_hazard_ratio, 0, 'burnout.leaving_hazard_ratio');

  atLeast(s.employer.annual_paybill, 0, 'employer.annual_paybill');
  atLeast(s.employer.employment_allowance_available, 0, 'employer.employment_allowance_available');
  atLeast(s.volunteers.hours_per_week, 0, 'volunteers.hours_per_week');
  atLeast(s.volunteers.expenses_per_volunteer_per_year, 0, 'volunteers.expenses_per_volunteer_per_year');
  atLeast(s.volunteers.coordinator_hours_per_volunteer_per_month, 0, 'volunteers.coordinator_hours_per_volunteer_per_month');
  fraction(s.volunteers.annual_leaver_rate, 'volunteers.annual_leaver_rate');
}

/**
 * Paths of the numbers in a result that are not finite (NaN or ±Infinity), in document
 * order, at most `limit`. The inputs are bounded so that this should never find one; it
 * is the last check before a figure such as `£NaN` or a JSON `null` could reach a reader
 * or let a `--fail-on` gate pass.
 */
export function nonFinitePaths(value: unknown, limit = 5): string[] {
  if (!holdsNonFinite(value)) return [];
  const out: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.push(path);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length && out.length < limit; i++) walk(v[i], `${path}[${i}]`);
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) walk(child, path === '' ? k : `${path}.${k}`);
    }
  };
  walk(value, '');
  return out;
}

/**
 * Whether any number in `value` is not finite: the check every result passes, so it
 * builds no paths and tests numbers where it finds them (a result holds thousands, and
 * `run` checks one once, before its code is optimised). `x - x` is 0 for every finite x.
 */
function holdsNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return value - value !== 0;
  if (typeof value !== 'object' || value === null) return false;
  const items: unknown[] = Array.isArray(value) ? value : Object.values(value);
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (typeof x === 'number' ? x - x !== 0 : typeof x === 'object' && x !== null && holdsNonFinite(x)) return true;
  }
  return false;
}
