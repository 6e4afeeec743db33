import { describe, expect, it } from 'vitest';
import {
  combineHazards,
  contractMultiplier,
  contractTerms,
  fillRate,
  inductionMonths,
  inductionWeights,
  monthlyFromAnnual,
  monthlyHazard,
  monthsRemaining,
  termEndSeparation,
} from '../../src/engine/workforce.js';
import { project } from '../../src/engine/project.js';
import { baseScenario, reference } from './fixtures.js';

const ref = reference();

describe('hazards (MODEL.md §2.2)', () => {
  it('converts an annual leaver rate to a monthly probability properly', () => {
    expect(monthlyFromAnnual(0.14)).toBeCloseTo(0.012489919487, 11); // 1 − 0.86^(1/12)
    expect(1 - (1 - monthlyFromAnnual(0.14)) ** 12).toBeCloseTo(0.14, 12);
    expect(monthlyHazard(0.14, 1)).toBeCloseTo(monthlyFromAnnual(0.14), 14);
  });

  it('applies multipliers as proportional hazards, never above 1', () => {
    expect(monthlyHazard(0.14, 1.5)).toBeCloseTo(0.018676257598, 11); // 1 − 0.86^(1.5/12)
    expect(monthlyHazard(0, 3)).toBe(0);
    expect(monthlyHazard(1, 1)).toBe(1);
    expect(monthlyHazard(0.99, 100)).toBeLessThanOrEqual(1);
    expect(combineHazards(0.01, 0.5)).toBeCloseTo(0.505, 14);
  });

  it('fills vacancies at 1 / (1 + months_to_fill): mean vacancy exactly months_to_fill', () => {
    expect(fillRate(3.5)).toBeCloseTo(0.222222222222, 12);
    expect(fillRate(0)).toBe(1);
    const f = fillRate(3.5);
    let mean = 0;
    for (let k = 0; k < 2000; k++) mean += k * (1 - f) ** k * f; // whole months a vacancy stays open
    expect(mean).toBeCloseTo(3.5, 9);
  });

  it('converts induction weeks to months and weights', () => {
    expect(inductionMonths(7, 52.143)).toBeCloseTo(1.61095449, 8);
    const w = inductionWeights(inductionMonths(7, 52.143));
    expect(w).toHaveLength(2);
    expect(w[0]).toBe(1);
    expect(w[1]).toBeCloseTo(0.61095449, 8);
    expect(inductionWeights(0)).toEqual([]);
  });
});

describe('contracts (MODEL.md §2.3)', () => {
  const fixed = contractTerms({ type: 'fixed_term', term_months: 12, renewal_probability: 0.6 }, ref);
  it('fixed-term: term ends every 12 months from the horizon start', () => {
    expect([0, 8, 9, 10, 11, 12].map((t) => monthsRemaining(fixed, t))).toEqual([12, 4, 3, 2, 1, 12]);
    expect([10, 11, 12, 23, 24].map((t) => termEndSeparation(fixed, t))).toEqual([0, 0.4, 0, 0.4, 0]);
    expect([8, 9, 10, 11, 12].map((t) => contractMultiplier(fixed, t))).toEqual([1, 1.5, 1.5, 1.5, 1]);
  });
  it('defaults a missing term and renewal from the reference', () => {
    const d = contractTerms({ type: 'fixed_term', term_months: null, renewal_probability: null }, ref);
    expect(d.term).toBe(12);
    expect(d.renewal).toBe(0.6);
  });
  it('sessional carries its own multiplier; permanent and voluntary none (volunteers have their own leaver rate)', () => {
    const c = (type: 'permanent' | 'sessional' | 'voluntary') =>
      contractTerms({ type, term_months: null, renewal_probability: null }, ref);
    expect(contractMultiplier(c('permanent'), 5)).toBe(1);
    expect(contractMultiplier(c('sessional'), 5)).toBe(1.5);
    expect(contractMultiplier(c('voluntary'), 5)).toBe(1);
    expect(termEndSeparation(c('permanent'), 11)).toBe(0);
    expect(monthsRemaining(c('permanent'), 3)).toBeNull();
  });
});

describe('fixed-term expiry example (MODEL.md §2.6)', () => {
  // 10 WTE on 12-month terms, half renewed, no other leaving (annual rate 0), vacancies
  // filled at 1/(1+1) = 50% a month. Hand-worked:
  //   months 0–10: 10 in post, no leavers;
  //   month 11 (term end): leavers 10 × 0.5 = 5, hires 0.5 × (10 − 5) = 2.5;
  //   month 12: 7.5 in post, 2.5 vacant, hires 0.5 × 2.5 = 1.25;  month 13: 8.75 in post.
  //   A 4-month relationship starting in month 8 spans the term end: P = 0.5; month 7: P = 1.
  const s = baseScenario();
  s.horizon = { start: '2026-04', years: 2 };
  s.workforce = {
    ...s.workforce,
    funded_wte: 10,
    starting_wte: 10,
    contract: { type: 'fixed_term', term_months: 12, renewal_probability: 0.5 },
  };
  s.turnover = { annual_leaver_rate: 0, months_to_fill: 1, recruitment_cost_per_hire: 2500, pay_leaving_elasticity: 0 };
  const r = project(s, ref);
  const m = r.months;

  it('loses the non-renewed half at the term end and refills at the fill rate', () => {
    expect(m.slice(0, 11).every((x) => x.wte_in_post === 10 && x.leavers === 0 && x.hires === 0)).toBe(true);
    expect(m[11]!.leaver_hazard).toBe(0.5);
    expect(m[11]!.leavers).toBe(5);
    expect(m[11]!.hires).toBe(2.5);
    expect(m[11]!.cost.recruitment).toBe(6250);
    expect(m[12]!.wte_in_post).toBe(7.5);
    expect(m[12]!.vacancies_wte).toBe(2.5);
    expect(m[12]!.hires).toBe(1.25);
    expect(m[13]!.wte_in_post).toBe(8.75);
    expect(m[23]!.leavers).toBeCloseTo(m[23]!.wte_in_post * 0.5, 12);
  });

  it('starters from month 11 are in induction in month 12 (1.61 months of 7 weeks)', () => {
    expect(m[12]!.wte_in_induction).toBe(2.5);
    expect(m[13]!.wte_in_induction).toBeCloseTo(1.25 + 2.5 * 0.61095449, 6);
  });

  it('breaks relationships that span the term end', () => {
    expect(m[7]!.continuity_probability).toBe(1);
    expect(m[8]!.continuity_probability).toBe(0.5);
    expect(m[11]!.continuity_probability).toBe(0.5);
    expect(m[12]!.continuity_probability).toBe(1);
    // Beyond the horizon the term cycle continues: month 20 spans month 23 (in horizon),
    // month 23's relationship spans months 23–26, including the term end at 23.
    expect(m[23]!.continuity_probability).toBe(0.5);
  });

  it('insecurity raises the hazard in the 3 months before expiry', () => {
    const s2 = structuredClone(s);
    s2.turnover.annual_leaver_rate = 0.14;
    s2.burnout.leaving_hazard_ratio = 1; // burnout's effect on leaving off
    const m2 = project(s2, ref).months;
    expect(m2[8]!.leaver_hazard).toBeCloseTo(monthlyHazard(0.14, 1), 14);
    expect(m2[9]!.leaver_hazard).toBeCloseTo(monthlyHazard(0.14, 1.5), 14);
    expect(m2[11]!.leaver_hazard).toBeCloseTo(combineHazards(monthlyHazard(0.14, 1.5), 0.5), 14);
  });
});

describe('funding changes (MODEL.md §2.5)', () => {
  it('a cut is absorbed by attrition: no hires until in post falls below funded', () => {
    const s = baseScenario();
    s.workforce = { ...s.workforce, funded_wte: 6, starting_wte: 6, funding_changes: [{ from: '2027-04', funded_wte: 4 }] };
    const m = project(s, ref).months;
    expect(m[12]!.funded_wte).toBe(4);
    expect(m[11]!.hires).toBe(0); // recruiting against next month's 4 funded posts
    expect(m[12]!.wte_in_post).toBeGreaterThan(4);
    expect(m[12]!.vacancies_wte).toBe(0);
  });
  it('growth recruits against the new posts from the month before they start', () => {
    const s = baseScenario();
    s.workforce = { ...s.workforce, funded_wte: 4, starting_wte: 4, funding_changes: [{ from: '2027-04', funded_wte: 8 }] };
    s.turnover.annual_leaver_rate = 0;
    const m = project(s, ref).months;
    expect(m[10]!.hires).toBe(0);
    expect(m[11]!.hires).toBeCloseTo(4 / 4.5, 12);
    expect(m[12]!.wte_in_post).toBeCloseTo(4 + 4 / 4.5, 12);
  });
});

describe('volunteers (MODEL.md §2.7)', () => {
  /** Ten volunteers, 4 hours a week, no turnover, one year from April 2025, no overheads, no burnout feedback. */
  function volunteers() {
    const s = baseScenario();
    s.horizon = { start: '2025-04', years: 1 };
    s.workforce = { ...s.workforce, funded_wte: 10, starting_wte: 10, team_size: 10, contract: { type: 'voluntary', term_months: null, renewal_probability: null } };
    s.volunteers = { hours_per_week: 4, expenses_per_volunteer_per_year: 300, coordinator_hours_per_volunteer_per_month: 2, annual_leaver_rate: 0, evidence: '' };
    s.supervision = { ...s.supervision, hours_per_worker_per_month: 0 };
    s.training = { ...s.training, cpd_cost_per_wte_per_year: 0 };
    s.finance = { ...s.finance, overhead_rate: 0 };
    s.delivery = { ...s.delivery, sickness_absence: 0 };
    s.burnout.leaving_hazard_ratio = 1;
    return s;
  }

  it('draw no salary: the pay line is their expenses, with no NI, pension or levy', () => {
    const y = project(volunteers(), ref).years[0]!;
    expect(y.cost.pay).toBe(3000); // 10 × £300
    expect(y.cost.employer_ni).toBe(0);
    expect(y.cost.pension).toBe(0);
    expect(y.cost.levy).toBe(0);
  });

  it('cost the coordinator time at the supervisor hourly cost', () => {
    // 10 volunteers × 2 hours × 12 months = 240 hours at the Band 6 middle supervisor's
    // £26.73208 an hour (£52,270.91 / 1,955.36 hours, local pension, levy) = £6,415.70.
    const y = project(volunteers(), ref).years[0]!;
    expect(y.cost.supervision).toBeCloseTo(240 * 26.732082874, 1);
  });

  it('deliver their hours as a share of a WTE: 4 / 37.5 of a paid worker', () => {
    const r = project(volunteers(), ref);
    expect(r.months[0]!.productive_wte).toBeCloseTo((10 * 4) / 37.5, 12);
  });

  it('leave at their own rate, not the paid staff rate', () => {
    const s = volunteers();
    s.volunteers.annual_leaver_rate = 0.3;
    s.turnover.annual_leaver_rate = 0.9; // not used for a voluntary team
    expect(project(s, ref).months[0]!.leaver_hazard).toBeCloseTo(monthlyHazard(0.3, 1), 14);
  });

  it('no longer dominate: the baseline run by volunteers has a BCR below 1 (it was 7.58 with paid caseload, hours and turnover)', () => {
    // Six volunteers at 4 hours a week deliver 6 × 4/37.5 = 0.64 WTE-equivalents, not 6 WTE,
    // and leave at 30% a year, so the benefits fall with the delivery while coordination,
    // supervision, recruitment and overheads remain.
    const s = baseScenario();
    s.workforce = { ...s.workforce, starting_wte: 6, contract: { type: 'voluntary', term_months: null, renewal_probability: null } };
    const r = project(s, ref);
    expect(r.metrics.bcr!).toBeLessThan(1);
    expect(r.metrics.episodes).toBeLessThan(project(baseScenario(), ref).metrics.episodes * 0.15);
  });
});
