// The trace a full-detail projection records for explain (engine/trace.ts) holds the values
// the engine computed: checked here against the formula functions, month by month.
import { describe, expect, it } from 'vitest';
import { project } from '../../src/engine/project.js';
import { engineTrace } from '../../src/engine/trace.js';
import { annualEmploymentCost, basicSalary, hcasAmount, hourlyCost, levyRate, pensionTerms } from '../../src/engine/pay.js';
import { contractMultiplier, contractTerms, fillRate, termEndSeparation } from '../../src/engine/workforce.js';
import { burnoutLeavingMultiplier } from '../../src/engine/burnout.js';
import { lagMonths } from '../../src/engine/benefits.js';
import { band3FixedTerm, band4Permanent, reference } from './fixtures.js';

const ref = reference();

describe('engine trace', () => {
  it('records pay rates, on-costs and hazard multipliers as the formula functions give them', () => {
    for (const s of [band3FixedTerm(), band4Permanent()]) {
      const r = project(s, ref);
      const t = engineTrace(r);
      expect(t).toBeDefined();
      if (!t) return;
      const wf = s.workforce;
      const basic = basicSalary(ref, wf.band, wf.pay_point, wf.salary);
      expect(t.basic).toBe(basic);
      expect(t.hcas).toBe(hcasAmount(ref, wf.high_cost_area, basic));
      const pension = pensionTerms(ref, s.finance.pension);
      const levy = levyRate(ref, s.employer.annual_paybill);
      expect(t.pensionRate).toBe(pension.rate);
      expect(t.levyRate).toBe(levy);
      expect(t.fillRate).toBe(fillRate(s.turnover.months_to_fill));
      expect(t.lags).toEqual(s.benefits.map(lagMonths));
      expect(t.lowestPayPoint.salary).toBe(Math.min(...Object.values(ref.pay.bands.points).flat()));
      const terms = contractTerms(wf.contract, ref);
      const supBasic = basicSalary(ref, s.supervision.supervisor.band, s.supervision.supervisor.pay_point, null);
      const supPay0 = supBasic + hcasAmount(ref, wf.high_cost_area, supBasic);
      expect(t.annualPay.length).toBe(r.months.length);
      for (const m of r.months) {
        const i = m.index;
        const A = (basic + t.hcas) * m.pay_uplift_factor;
        expect(t.annualPay[i]).toBe(A);
        expect(t.employmentCost[i]).toBe(annualEmploymentCost(ref, A, pension, levy).total);
        expect(t.supervisorHourly[i]).toBe(hourlyCost(ref, supPay0 * m.pay_uplift_factor, pension, levy));
        expect(t.contractMultiplier[i]).toBe(contractMultiplier(terms, i));
        expect(t.termEnd[i]).toBe(termEndSeparation(terms, i));
        expect(t.burnoutMultiplier[i]).toBeCloseTo(burnoutLeavingMultiplier(m.burnout_risk / 100, ref.burnout.baseline_share.value, s.burnout.leaving_hazard_ratio), 12);
      }
    }
  });

  it('is kept beside the result, not in it: none at metrics detail, none for a copy, nothing added to the JSON', () => {
    const s = band4Permanent();
    const full = project(s, ref);
    expect(engineTrace(project(s, ref, { detail: 'metrics' }))).toBeUndefined();
    expect(engineTrace(structuredClone(full))).toBeUndefined();
    expect(Object.keys(full)).toEqual(['name', 'months', 'years', 'benefit_streams', 'metrics', 'appraisal', 'perspectives', 'ledger']);
  });

  it('owns its arrays: a later projection does not change an earlier trace', () => {
    const first = engineTrace(project(band3FixedTerm(), ref));
    const before = Array.from(first?.burnoutMultiplier ?? []);
    project(band4Permanent(), ref);
    expect(Array.from(first?.burnoutMultiplier ?? [])).toEqual(before);
  });
});
