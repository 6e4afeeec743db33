import { describe, expect, it } from 'vitest';
import {
  annualEmploymentCost,
  annualEmploymentCostPence,
  basicSalary,
  hcasAmount,
  hourlyCost,
  paidHoursPerMonth,
  payPointSalary,
  PayPointError,
  pensionRate,
  upliftFactor,
} from '../../src/engine/pay.js';
import { project } from '../../src/engine/project.js';
import { payOnlyScenario, reference } from './fixtures.js';

const ref = reference();

describe('pay points (MODEL.md §1.2)', () => {
  it('reads bottom, middle and top, and numeric indexes', () => {
    expect(basicSalary(ref, '4', 'top', null)).toBe(30162);
    expect(basicSalary(ref, '4', 'bottom', null)).toBe(27485);
    expect(basicSalary(ref, '5', 'middle', null)).toBe(33487); // three points: the middle one
    expect(basicSalary(ref, '3', 'middle', null)).toBe(25767.5); // two points: their mean
    expect(basicSalary(ref, '2', 'middle', null)).toBe(24465); // one point: that point
    expect(basicSalary(ref, '2', 'top', null)).toBe(24465);
    expect(basicSalary(ref, '6', 2, null)).toBe(46580);
    expect(basicSalary(ref, '6', 'top', 41000)).toBe(41000); // salary override
    expect(() => basicSalary(ref, '4', 2, null)).toThrow(PayPointError);
    expect(() => payPointSalary([1, 2], 0.5)).toThrow(PayPointError);
  });

  it('clamps HCAS to the area minimum and maximum', () => {
    expect(hcasAmount(ref, 'none', 30000)).toBe(0);
    expect(hcasAmount(ref, 'inner_london', 24937)).toBeCloseTo(4987.4, 9); // 20% inside £4,888–£7,377
    expect(hcasAmount(ref, 'inner_london', 24000)).toBe(4888); // 20% = £4,800 → minimum
    expect(hcasAmount(ref, 'outer_london', 24465)).toBe(4108); // 15% = £3,669.75 → minimum
    expect(hcasAmount(ref, 'fringe', 62682)).toBe(1915); // 5% = £3,134.10 → maximum
    expect(hcasAmount(ref, 'inner_london', 54710)).toBe(7377); // 20% = £10,942 → maximum
  });

  it('chooses the pension rate by perspective', () => {
    expect(pensionRate(ref, 'local')).toBe(0.1438);
    expect(pensionRate(ref, 'whole_system')).toBe(0.237);
    expect(pensionRate(ref, 0.03)).toBe(0.03);
  });

  it('uplifts by (1 + rate)^n', () => {
    expect(upliftFactor(0.033, 0)).toBe(1);
    expect(upliftFactor(0.033, 1)).toBeCloseTo(1.033, 14);
    expect(upliftFactor(0.033, 3)).toBeCloseTo(1.033 ** 3, 14);
  });
});

describe('on-costs worked example (MODEL.md §1.3)', () => {
  it('1.0 WTE Band 4 top £30,162, local pension → £38,424.41 a year', () => {
    const c = annualEmploymentCostPence(ref, 30162, pensionRate(ref, 'local'));
    expect(c).toEqual({ pay: 3016200, employer_ni: 377430, pension: 433730, levy: 15081, total: 3842441 });
  });

  it('whole-system perspective: pension £7,148.39', () => {
    const c = annualEmploymentCostPence(ref, 30162, pensionRate(ref, 'whole_system'));
    expect(c.pension).toBe(714839);
    expect(c.total).toBe(3016200 + 377430 + 714839 + 15081);
  });

  it('no NI below the £5,000 threshold', () => {
    expect(annualEmploymentCost(ref, 4000, 0).employer_ni).toBe(0);
  });

  it('the engine reproduces it over the 2025/26 year to the penny', () => {
    const r = project(payOnlyScenario(), ref);
    expect(r.years).toHaveLength(1);
    const y = r.years[0]!;
    expect(y.year).toBe('2025/26');
    expect(y.cost).toEqual({
      pay: 30162,
      employer_ni: 3774.3,
      pension: 4337.3,
      levy: 150.81,
      supervision: 0,
      training: 0,
      recruitment: 0,
      overheads: 0,
      total: 38424.41,
    });
    expect(r.metrics.total_cost).toBe(38424.41);
    expect(r.metrics.funded_budget).toBe(38424.41);
    expect(r.metrics.underspend).toBe(0);
    // Monthly: £2,513.50 pay; NI £314.525 a month rounds cumulatively to 314.53 / 314.52 alternately.
    expect(r.months[0]!.cost.pay).toBe(2513.5);
    expect(r.months.slice(0, 2).map((m) => m.cost.employer_ni)).toEqual([314.53, 314.52]);
  });
});

describe('hourly cost (MODEL.md §1.3)', () => {
  it('Band 6 middle supervisor: £52,270.91 a year / 1,955.36 hours = £26.73 an hour', () => {
    expect(paidHoursPerMonth(ref)).toBeCloseTo(162.946875, 9);
    expect(hourlyCost(ref, 40823, 0.1438)).toBeCloseTo(26.732082874, 8);
  });
});
