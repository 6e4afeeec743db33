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
  levyRate,
  pensionContribution,
  pensionRate,
  pensionTerms,
  upliftFactor,
} from '../../src/engine/pay.js';
import { project } from '../../src/engine/project.js';
import { payOnlyScenario, reference } from './fixtures.js';
import type { Scenario } from '../../src/scenario/types.js';

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
    expect(hcasAmount(ref, 'inner_london', 30162)).toBeCloseTo(6032.4, 9); // 20% inside £5,610–£8,465
    expect(hcasAmount(ref, 'outer_london', 33487)).toBeCloseTo(5023.05, 9); // 15% inside £4,714–£5,941
    expect(hcasAmount(ref, 'fringe', 31049)).toBeCloseTo(1552.45, 9); // 5% inside £1,304–£2,197
  });

  // 2025/26 values (the 2022 values uprated by the 2023, 2024 and 2025 awards), pinned band by
  // band: each area's minimum binds at the bottom of Band 2 and its maximum at the top of 8a.
  it.each([
    ['inner_london', 0.2, 5610, 8465],
    ['outer_london', 0.15, 4714, 5941],
    ['fringe', 0.05, 1304, 2197],
  ] as const)('HCAS 2025/26 %s: %s of basic, minimum £%i, maximum £%i', (area, rate, min, max) => {
    expect(ref.hcas.areas[area]).toEqual({ rate, min, max });
    expect(hcasAmount(ref, area, 24465)).toBe(min); // Band 2: rate × £24,465 is under the minimum
    expect(hcasAmount(ref, area, 62682)).toBe(max); // Band 8a top: rate × £62,682 is over the maximum
    expect(hcasAmount(ref, area, min / rate - 1)).toBe(min);
    expect(hcasAmount(ref, area, max / rate + 1)).toBe(max);
  });

  // The 2022 bounds (NHS Employers, Annex 9) × the 2023 (5%), 2024 (5.5%) and 2025 (3.6%)
  // awards, rounded to the pound, worked by hand:
  //   inner minimum  £4,888 × 1.05 × 1.055 × 1.036 = £5,609.61 → £5,610
  //   outer minimum  £4,108 × 1.05 × 1.055 × 1.036 = £4,714.46 → £4,714
  //   fringe minimum £1,136 × 1.05 × 1.055 × 1.036 = £1,303.71 → £1,304
  // The maxima (from a secondary copy of the 2025/26 table) sit within £1 of the same rule:
  //   £7,377 → £8,466.06 (table £8,465); £5,177 → £5,941.28 (£5,941); £1,915 → £2,197.71 (£2,197).
  it('HCAS 2025/26 bounds are the 2022 bounds uprated by the three awards', () => {
    const awards = 1.05 * 1.055 * 1.036;
    const bounds2022 = { inner_london: [4888, 7377], outer_london: [4108, 5177], fringe: [1136, 1915] } as const;
    for (const [area, [min, max]] of Object.entries(bounds2022) as [keyof typeof bounds2022, readonly [number, number]][]) {
      expect(ref.hcas.areas[area].min, area).toBe(Math.round(min * awards));
      expect(Math.abs(ref.hcas.areas[area].max - max * awards), area).toBeLessThan(1.1);
    }
    expect(4888 * awards).toBeCloseTo(5609.61, 2);
    expect(4108 * awards).toBeCloseTo(4714.46, 2);
    expect(1136 * awards).toBeCloseTo(1303.71, 2);
  });

  it('chooses the pension rate by perspective: local 14.38%, whole system 23.78% (23.7% + 0.08% levy)', () => {
    expect(pensionRate(ref, 'local')).toBe(0.1438);
    expect(pensionRate(ref, 'whole_system')).toBe(0.2378);
    expect(pensionRate(ref, 'whole_system') - pensionRate(ref, 'local')).toBeCloseTo(0.094, 15); // paid centrally
    expect(pensionRate(ref, 'auto_enrolment')).toBe(0.03);
    expect(pensionRate(ref, 0.03)).toBe(0.03);
  });

  it('auto-enrolment pension is 3% of qualifying earnings (£6,240 to £50,270)', () => {
    const ae = pensionTerms(ref, 'auto_enrolment');
    expect(pensionContribution(ae, 24000)).toBeCloseTo(0.03 * (24000 - 6240), 9); // £532.80
    expect(pensionContribution(ae, 60000)).toBeCloseTo(0.03 * (50270 - 6240), 9); // capped: £1,320.90
    expect(pensionContribution(ae, 5000)).toBe(0);
    expect(pensionContribution(pensionTerms(ref, 'local'), 24000)).toBeCloseTo(0.1438 * 24000, 9);
  });

  it('the apprenticeship levy applies only above a £3 million pay bill', () => {
    expect(levyRate(ref, 3_000_001)).toBe(0.005);
    expect(levyRate(ref, 3_000_000)).toBe(0);
    expect(levyRate(ref, 400_000)).toBe(0);
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

  it('whole-system perspective: pension 23.78% = £7,172.52', () => {
    const c = annualEmploymentCostPence(ref, 30162, pensionRate(ref, 'whole_system'));
    expect(c.pension).toBe(717252); // 0.2378 × 30,162 = 7,172.5236
    expect(c.total).toBe(3016200 + 377430 + 717252 + 15081);
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

describe('employer types (MODEL.md §1.3, issue 13)', () => {
  it('Band 6 middle, outer London, whole-system pension, 1 WTE, one year: £64,382.90', () => {
    // Basic £40,823 + HCAS min(max(15% × 40,823 = 6,123.45, 4,552), 5,941) = £5,941 → £46,764;
    // NI 15% × (46,764 − 5,000) = £6,264.60; pension 23.78% × 46,764 = £11,120.4792 → £11,120.48;
    // levy 0.5% × 46,764 = £233.82 (an NHS trust's pay bill is over £3m);
    // total 46,764 + 6,264.60 + 11,120.48 + 233.82 = £64,382.90.
    const s: Scenario = payOnlyScenario();
    s.workforce = { ...s.workforce, band: '6', pay_point: 'middle', high_cost_area: 'outer_london' };
    s.finance = { ...s.finance, pension: 'whole_system' };
    const r = project(s, ref);
    expect(r.years).toHaveLength(1);
    expect(r.years[0]!.cost).toEqual({
      pay: 46764,
      employer_ni: 6264.6,
      pension: 11120.48,
      levy: 233.82,
      supervision: 0,
      training: 0,
      recruitment: 0,
      overheads: 0,
      total: 64382.9,
    });
    expect(r.metrics.total_cost).toBe(64382.9);
  });

  it('a VCSE employer with a £400,000 pay bill: no levy, NI less the £10,500 Employment Allowance', () => {
    // 4 WTE on a local salary of £24,000, auto-enrolment pension, one tax year (2025/26).
    // NI before the allowance: 4 × 15% × (24,000 − 5,000) = £11,400; the allowance takes
    // £10,500 of it (£950 a month until it runs out in the twelfth month), leaving £900.
    // Pension: 4 × 3% × (24,000 − 6,240) = £2,131.20. Levy: 0 (pay bill under £3m).
    // Total: 96,000 + 900 + 2,131.20 = £99,031.20.
    const s: Scenario = payOnlyScenario();
    s.employer = { type: 'vcse', annual_paybill: 400_000, employment_allowance_available: 10_500, employment_allowance_unused_elsewhere: false };
    s.workforce = { ...s.workforce, funded_wte: 4, starting_wte: 4, team_size: 4, band: '3', salary: 24000 };
    s.finance = { ...s.finance, pension: 'auto_enrolment' };
    const r = project(s, ref);
    expect(r.years[0]!.cost).toMatchObject({ pay: 96000, employer_ni: 900, pension: 2131.2, levy: 0, total: 99031.2 });
    // The allowance is used month by month: eleven months at £0, then £950 − £50 left over.
    expect(r.months.map((m) => m.cost.employer_ni)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 900]);
  });

  it('the Employment Allowance is renewed each tax year and never takes NI below zero', () => {
    const s: Scenario = payOnlyScenario();
    s.horizon = { start: '2025-10', years: 1 }; // October to September: two tax years
    s.finance = { ...s.finance, pay_uplift: 0 };
    s.employer = { type: 'vcse', annual_paybill: 400_000, employment_allowance_available: 1000, employment_allowance_unused_elsewhere: false };
    s.workforce = { ...s.workforce, salary: 24000 };
    const r = project(s, ref);
    // NI £237.50 a month; £1,000 covers four months and £50 of the fifth, in each tax year.
    expect(r.months.map((m) => m.cost.employer_ni)).toEqual([0, 0, 0, 0, 187.5, 237.5, 0, 0, 0, 0, 187.5, 237.5]);
  });

  it('the default employer is an NHS trust: levy, no allowance, local NHS pension', () => {
    const t = ref.employers.types;
    expect(t.nhs_trust.annual_paybill.value).toBeGreaterThan(ref.on_costs.apprenticeship_levy_threshold.value);
    expect(t.nhs_trust.employment_allowance_eligible.value).toBe(false);
    expect(t.nhs_trust.pension.value).toBe('local');
    expect(t.vcse.annual_paybill.value).toBeLessThanOrEqual(ref.on_costs.apprenticeship_levy_threshold.value);
    expect(t.vcse.employment_allowance_eligible.value).toBe(true);
    expect(t.vcse.pension.value).toBe('auto_enrolment');
    expect(t.local_authority.pension.value).toBe('lgps');
  });
});
