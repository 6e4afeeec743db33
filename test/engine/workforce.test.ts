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

describe('fixed-term renewal gap and notice-period leaving, at the defaults (MODEL.md §2.3, issue 26)', () => {
  // 10 WTE on 12-month terms, the default 60% renewed, no other leaving (r = 0), the default
  // 3.5 months to fill (f = 1/4.5) and 7 weeks' induction (1.611 months). Hand-worked:
  //   month 11 (term end): 4 not renewed leave; hires f × 4 = 0.8889;
  //   month 11 + j (j = 1…12): vacancies 4 × (1 − f)^j = 4 × (7/9)^j, so the posts stand empty
  //   Σ 4 × (7/9)^j = 4 × 3.5 × (1 − (7/9)^12) = 13.3139 WTE-months before the next term end
  //   (3.5 months a post, less the tail past month 23);
  //   month 12: 6.8889 in post, of whom the 0.8889 hired at the end of month 11 are in
  //   induction: 6.0 carry caseloads, so 60% of month 10's people start support;
  //   month 13: 6.8889 + f × 3.1111 = 7.5802 in post, induction 0.6914 + 0.8889 × 0.6110 = 1.2345.
  const s = baseScenario();
  s.horizon = { start: '2026-04', years: 2 };
  s.workforce = { ...s.workforce, funded_wte: 10, starting_wte: 10, contract: { type: 'fixed_term', term_months: 12, renewal_probability: 0.6 } };
  s.turnover = { annual_leaver_rate: 0, months_to_fill: 3.5, recruitment_cost_per_hire: 2500, pay_leaving_elasticity: 0 };
  s.training.induction_weeks = 7;
  s.burnout.absence_ratio = 1; // absence flat: productive WTE ∝ staff carrying caseloads
  const m = project(s, ref).months;
  const f = 1 / 4.5;
  const k = (7 * 12) / 52.143 - 1; // the second month's induction share, 0.61095 (52.143 weeks a year, reference)

  it('the recruitment gap: 4 posts not renewed stand empty 4 × 3.5 × (1 − (7/9)^12) = 13.31 WTE-months before the next term end', () => {
    expect(m[11]!.leavers).toBeCloseTo(4, 12);
    expect(m[11]!.hires).toBeCloseTo(4 * f, 12);
    for (let j = 1; j <= 12; j++) expect(m[11 + j]!.vacancies_wte).toBeCloseTo(4 * Math.pow(7 / 9, j), 10);
    const vacant = m.slice(12, 24).reduce((t, x) => t + x.vacancies_wte, 0);
    expect(vacant).toBeCloseTo(14 * (1 - Math.pow(7 / 9, 12)), 9);
    expect(vacant).toBeCloseTo(13.3139, 4);
  });

  it('the gap and the replacements\u2019 induction cut the people starting support to 60% the month after the term end', () => {
    expect(m[12]!.wte_in_post).toBeCloseTo(6 + 4 * f, 12);
    expect(m[12]!.wte_in_induction).toBeCloseTo(4 * f, 12);
    expect(m[12]!.episodes / m[10]!.episodes).toBeCloseTo(0.6, 9);
    const p13 = 6 + 4 * f + f * 4 * (1 - f);
    const i13 = f * 4 * (1 - f) + 4 * f * k;
    expect(m[13]!.wte_in_post).toBeCloseTo(p13, 12);
    expect(m[13]!.wte_in_induction).toBeCloseTo(i13, 9);
    expect(m[13]!.episodes / m[10]!.episodes).toBeCloseTo((p13 - i13) / 10, 9);
  });

  it('notice-period leaving: ×1.5 in the last 3 months makes 14% a year 1 − 0.86^(9/12 + 4.5/12) = 15.61%, all renewed', () => {
    const n = structuredClone(s);
    n.workforce.contract.renewal_probability = 1; // no term-end separations: only the notice period
    n.turnover = { annual_leaver_rate: 0.14, months_to_fill: 1e12, recruitment_cost_per_hire: 2500, pay_leaving_elasticity: 0 }; // no refills
    n.burnout.leaving_hazard_ratio = 1; // burnout off
    const year1 = project(n, ref).months.slice(0, 12).reduce((t, x) => t + x.leavers, 0);
    expect(year1).toBeCloseTo(10 * (1 - Math.pow(0.86, 13.5 / 12)), 6);
    expect(year1).toBeCloseTo(1.5606, 4);
    const permanent = structuredClone(n);
    permanent.workforce.contract = { type: 'permanent', term_months: null, renewal_probability: null };
    expect(project(permanent, ref).months.slice(0, 12).reduce((t, x) => t + x.leavers, 0)).toBeCloseTo(1.4, 6);
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
