import { describe, expect, it } from 'vitest';
import { discountFactor, discountFactors, discountTable, paybackIndex, ratioOrNull } from '../../src/engine/appraisal.js';
import { project } from '../../src/engine/project.js';
import { payOnlyScenario, reference, referenceWith, LOCAL_STREAM } from './fixtures.js';

describe('discounting (MODEL.md §7.1)', () => {
  it('start-of-month factors 1 / (1 + r)^(t/12)', () => {
    expect(discountFactor(0.035, 0)).toBe(1);
    expect(discountFactor(0.035, 6)).toBeCloseTo(0.982946374366, 12);
    expect(discountFactor(0.035, 12)).toBeCloseTo(1 / 1.035, 15);
    expect(discountFactor(0.035, 24)).toBeCloseTo(1 / 1.035 ** 2, 15);
    const table = discountFactors(0.035, 360);
    for (let t = 0; t < 360; t++) expect(Math.abs((table[t] as number) - discountFactor(0.035, t))).toBeLessThan(1e-14);
    expect(discountTable(0.035, 120).slice(0, 120)).toEqual(discountFactors(0.035, 120));
  });

  it('worked example: £1,236.30 a month for two years has PV £28,714.60 at 3.5%', () => {
    // Salary £12,000: pay £1,000, NI 15% × (12,000 − 5,000)/12 = £87.50, pension 14.38% = £143.80,
    // levy 0.5% = £5.00: £1,236.30 a month. PV = 1,236.30 × (1 − q^24)/(1 − q), q = 1.035^(−1/12).
    const s = payOnlyScenario();
    s.horizon = { start: '2025-04', years: 2 };
    s.workforce.salary = 12000;
    s.finance.pay_uplift = 0;
    // The earlier method: monthly discounting, in the prices of the year the costs fall in.
    s.finance.discounting = 'monthly';
    s.finance.price_base = '2025/26';
    const r = project(s, referenceWith((ref) => (ref.gdp_deflator!.growth['2026/27']!.value = 0)));
    expect(r.months[0]!.cost.total).toBe(1236.3);
    expect(r.metrics.total_cost).toBe(29671.2);
    const q = 1.035 ** (-1 / 12);
    const pv = (1236.3 * (1 - q ** 24)) / (1 - q);
    expect(pv).toBeCloseTo(28714.600949, 5);
    expect(r.metrics.total_cost_discounted).toBe(28714.6);
    expect(r.years.map((y) => y.cost_discounted).reduce((a, b) => a + b)).toBeCloseTo(28714.6, 9);
  });
});

describe('appraisal metrics (MODEL.md §7.2)', () => {
  it('payback: first month cumulative discounted benefit reaches cost', () => {
    expect(paybackIndex([100, 100, 100], [0, 150, 200], 3)).toBe(2);
    expect(paybackIndex([100, 100], [10, 10], 2)).toBe(-1);
    expect(paybackIndex([0, 0], [0, 0], 2)).toBe(-1); // nothing to pay back
    expect(ratioOrNull(1, 0)).toBeNull();
  });

  it('NPV, BCR, ROI and optimism bias from the discounted totals', () => {
    const s = payOnlyScenario();
    s.horizon = { start: '2025-04', years: 3 };
    s.finance.optimism_bias = 0.2;
    s.benefits = [
      {
        name: 'b',
        basis: 'completed_episode',
        quantity: 1,
        unit_value: 1500,
        attribution: 1,
        deadweight: 0,
        lag_months: 3,
        drop_off: 0,
        cashable: 0.5,
        category: 'fiscal',
        payer: 'nhs_provider',
        kind: 'capacity',
        transfer_share: 0,
        health: false,
        price_year: '2026/27',
        ...LOCAL_STREAM,
      },
    ];
    const m = project(s, reference()).metrics;
    const pence = (x: number) => Math.round(x * 100);
    expect(pence(m.npv_unadjusted)).toBe(pence(m.total_benefit_discounted) - pence(m.total_cost_discounted));
    expect(m.bcr_unadjusted).toBeCloseTo(m.total_benefit_discounted / m.total_cost_discounted, 12);
    expect(m.bcr).toBeCloseTo(m.total_benefit_discounted / m.total_cost_optimism_adjusted, 12);
    expect(m.roi).toBeCloseTo((m.bcr ?? 0) - 1, 12);
    expect(pence(m.total_cost_optimism_adjusted)).toBe(Math.round(pence(m.total_cost_discounted) * 1.2));
    expect(pence(m.npv_optimism_adjusted)).toBe(pence(m.total_benefit_discounted) - pence(m.total_cost_optimism_adjusted));
    // Payback counts cost with optimism bias (as the headline NPV does): later, or never, with it.
    const plain = project({ ...s, finance: { ...s.finance, optimism_bias: 0 } }, reference()).metrics;
    expect(plain.payback_month).not.toBeNull();
    if (m.payback_month !== null) expect(m.payback_month >= (plain.payback_month as string)).toBe(true);
    expect(m.cost_per_episode).toBeCloseTo(m.total_cost / m.episodes, 2);
  });

  it('no cost: BCR and ROI are null; no episodes: costs per episode are null', () => {
    const s = payOnlyScenario();
    s.workforce = { ...s.workforce, funded_wte: 0, starting_wte: 0 };
    const m = project(s, reference()).metrics;
    expect(m.total_cost).toBe(0);
    expect(m.bcr).toBeNull();
    expect(m.roi).toBeNull();
    expect(m.cost_per_episode).toBeNull();
    expect(m.cost_per_completed_episode).toBeNull();
    expect(m.payback_month).toBeNull();
  });
});
