/**
 * Hand-worked checks of the appraisal conventions (docs/MODEL.md §7): real terms at a price
 * base, the Green Book's annual discounting and health schedule, benefits past the horizon,
 * and optimism bias in the headline. Expected figures are worked from the cited facts.
 */
import { describe, expect, it } from 'vitest';
import { annualFactors, deflatorIndex } from '../../src/engine/appraisal.js';
import { project } from '../../src/engine/project.js';
import type { Benefit } from '../../src/scenario/types.js';
import { payOnlyScenario, reference, referenceWith, LOCAL_STREAM } from './fixtures.js';

/** A reference whose deflator grows `g` every year (so a test can match pay_uplift to it) and no employer NI. */
function flatDeflator(g: number, noNi = true) {
  return referenceWith((ref) => {
    const d = ref.gdp_deflator!;
    for (const key of Object.keys(d.growth)) d.growth[key]!.value = g;
    d.long_run_growth.value = g;
    // Employer NI's £5,000 threshold is a frozen cash amount, so NI is not flat in real terms; leave it out here.
    if (noNi) ref.on_costs.employer_ni_rate.value = 0;
  });
}

function core(lag: number): Benefit {
  return {
    name: 'Avoided readmissions (CORE)',
    basis: 'completed_episode',
    quantity: 0.09,
    unit_value: 14100,
    attribution: 0.8,
    deadweight: 0.1,
    lag_months: lag,
    drop_off: 0,
    cashable: 0,
    category: 'fiscal',
    payer: 'nhs_provider',
    kind: 'capacity',
    transfer_share: 0,
    health: false,
    price_year: '2026/27',
    ...LOCAL_STREAM,
  };
}

describe('real terms (Green Book: real and nominal values)', () => {
  it('a flat real cost: with pay_uplift equal to the deflator and no turnover, every full year has the same cost_real, to the penny', () => {
    const s = payOnlyScenario();
    s.horizon = { start: '2026-04', years: 5 };
    s.finance.pay_uplift = 0.025;
    s.finance.price_base = '2026/27';
    const r = project(s, flatDeflator(0.025));
    // Band 4 top £30,162 (2025/26) × 1.025 (the April 2026 uplift) = £30,916.05 a year; pension 14.38%
    // and levy 0.5% make it × 1.1488 = £35,516.358…, i.e. £35,516.36 a year in 2026/27 prices.
    const perYear = Math.round(30162 * 1.025 * 1.1488 * 100) / 100;
    expect(perYear).toBe(35516.36);
    expect(r.years).toHaveLength(5);
    for (const y of r.years) expect(y.appraisal.cost_real).toBe(perYear);
    // Cash grows 2.5% a year: year 2's cash cost is the real cost × 1.025^2.
    expect(r.years[2]!.appraisal.deflator).toBeCloseTo(1.025 ** 2, 14);
    expect(r.years[2]!.cost.total).toBeCloseTo(perYear * 1.025 ** 2, 1);
  });

  it('the deflator index is 1 at the price base and the product of the growth rates away from it', () => {
    const d = flatDeflator(0.02).gdp_deflator!;
    expect(deflatorIndex(d, 2026, 2026)).toBe(1);
    expect(deflatorIndex(d, 2026, 2028)).toBeCloseTo(1.02 ** 2, 15);
    expect(deflatorIndex(d, 2026, 2024)).toBeCloseTo(1 / 1.02 ** 2, 15);
  });

  it('a unit value in an earlier price year is uprated to the price base by the deflator', () => {
    const s = payOnlyScenario();
    s.horizon = { start: '2026-04', years: 1 };
    s.benefits = [{ ...core(0), price_year: '2024/25' }];
    const ref = flatDeflator(0.02);
    const r = project(s, ref);
    const perEpisode = 0.09 * 14100 * 0.9 * 0.8; // £913.68 in 2024/25 prices
    expect(r.metrics.total_benefit_real).toBeCloseTo(r.metrics.completed_episodes * perEpisode * 1.02 ** 2, 1);
    expect(r.benefit_streams[0]!.price_year).toBe('2024/25');
  });
});

describe('Green Book annual discounting (Annex A6)', () => {
  it('year 0 is undiscounted, year 1 is 1 / 1.035, year t is 1 / 1.035^t to year 30, then 3.0%', () => {
    const bands = reference().green_book!.schedules.standard.bands;
    const f = annualFactors(bands, 0.035, 40);
    expect(f[0]).toBe(1);
    expect(f[1]).toBeCloseTo(1 / 1.035, 15);
    expect(f[30]).toBeCloseTo(1 / 1.035 ** 30, 15);
    expect(f[31]).toBeCloseTo(1 / 1.035 ** 30 / 1.03, 15);
    expect(f[35]).toBeCloseTo(1 / 1.035 ** 30 / 1.03 ** 5, 15);
  });

  it('projection years carry the annual factors; PV = real × factor, year by year', () => {
    const s = payOnlyScenario();
    s.horizon = { start: '2026-04', years: 3 };
    s.finance.pay_uplift = 0.025;
    const r = project(s, flatDeflator(0.025));
    expect(r.years[0]!.appraisal.discount_factor).toBe(1);
    expect(r.years[1]!.appraisal.discount_factor).toBeCloseTo(1 / 1.035, 15);
    expect(r.years[2]!.appraisal.discount_factor).toBeCloseTo(1 / 1.035 ** 2, 15);
    // Every month of a year carries the year's factor.
    expect(r.months[12]!.discount_factor).toBe(r.months[23]!.discount_factor);
    expect(r.years[1]!.appraisal.cost_pv).toBeCloseTo(35516.36 / 1.035, 1);
    expect(r.metrics.total_cost_discounted).toBe(r.years.reduce((a, y) => a + Math.round(y.appraisal.cost_pv * 100), 0) / 100);
  });

  it('a stream marked health (e.g. QALYs) is discounted at 1.5%: year 1 factor 1 / 1.015', () => {
    const s = payOnlyScenario();
    s.horizon = { start: '2026-04', years: 2 };
    const qaly: Benefit = { ...core(0), name: 'QALYs', basis: 'person_supported', quantity: 0.01, unit_value: 70000, deadweight: 0, attribution: 1, health: true };
    s.benefits = [qaly];
    const r = project(s, flatDeflator(0.02));
    const y1 = r.years[1]!;
    expect(y1.appraisal.health_discount_factor).toBeCloseTo(1 / 1.015, 15);
    expect(y1.appraisal.benefit_pv).toBeCloseTo(y1.appraisal.benefit_real / 1.015, 1);
    // The same stream not marked health: 1 / 1.035.
    s.benefits = [{ ...qaly, health: false }];
    const plain = project(s, flatDeflator(0.02)).years[1]!;
    expect(plain.appraisal.benefit_pv).toBeCloseTo(plain.appraisal.benefit_real / 1.035, 1);
  });

  it("the health rate carries the Green Book's real growth of the value of health: a constant QALY at 1.5% ≈ one growing 2% a year at 3.5%", () => {
    // 3.5% = 1.5% time preference + 2% wealth effect (real per-capita growth × elasticity 1);
    // the health rate drops the wealth effect. Year by year to 30: within 0.03% a year.
    const flat = [{ from_year: 0, to_year: 30, rate: 0, verified: true }];
    const health = annualFactors(flat, 0.015, 31);
    const grown = annualFactors(flat, 0.035, 31);
    for (let t = 1; t <= 30; t++) {
      const ratio = (health[t] as number) / ((grown[t] as number) * 1.02 ** t);
      expect(Math.abs(Math.log(ratio) / t)).toBeLessThan(0.0003); // ln(1.015 / (1.035 / 1.02)) = 0.00029
    }
    expect(1.035 / 1.02).toBeCloseTo(1.014706, 6);
  });

  it('finance.discounting: monthly keeps the start-of-month method, 1 / (1 + r)^(t/12)', () => {
    const s = payOnlyScenario();
    s.horizon = { start: '2026-04', years: 2 };
    s.finance.discounting = 'monthly';
    const r = project(s, flatDeflator(0.02));
    expect(r.months[6]!.discount_factor).toBeCloseTo(1.035 ** -0.5, 15);
    expect(r.months[12]!.discount_factor).toBeCloseTo(1 / 1.035, 15);
    expect(r.appraisal.discounting).toBe('monthly');
  });
});

describe('benefits past the horizon (CORE trial check)', () => {
  // CORE (Johnson et al. 2018): 0.09 readmissions avoided per completed episode, each worth
  // £14,100; 90% after 10% deadweight, 80% attribution: 0.09 × 14,100 × 0.9 × 0.8 = £913.68.
  const perEpisode = 0.09 * 14100 * 0.9 * 0.8;

  it('£913.68 per completed episode, undiscounted real, with a 6-month lag or none, over a 2-year horizon', () => {
    expect(Math.round(perEpisode * 100) / 100).toBe(913.68);
    for (const lag of [0, 6]) {
      const s = payOnlyScenario();
      s.horizon = { start: '2026-04', years: 2 };
      s.benefits = [core(lag)];
      const r = project(s, flatDeflator(0.02));
      expect(r.metrics.total_benefit_real / r.metrics.completed_episodes).toBeCloseTo(913.68, 2);
      if (lag === 6) expect(r.metrics.benefits_after_horizon_real).toBeGreaterThan(0);
    }
  });

  it('benefits_after_horizon: drop truncates (a quarter of the value lost with a 6-month lag over two years); the cash view is unchanged', () => {
    const s = payOnlyScenario();
    s.horizon = { start: '2026-04', years: 2 };
    s.benefits = [core(6)];
    const credit = project(s, flatDeflator(0.02));
    s.finance.benefits_after_horizon = 'drop';
    const drop = project(s, flatDeflator(0.02));
    expect(drop.metrics.benefits_after_horizon_real).toBe(0);
    // Constant staffing: the last 6 of 24 months' episodes fall after the horizon.
    expect(drop.metrics.total_benefit_real / credit.metrics.total_benefit_real).toBeCloseTo(0.75, 2);
    expect(drop.metrics.total_benefit).toBe(credit.metrics.total_benefit);
    expect(drop.years.map((y) => y.benefits.total)).toEqual(credit.years.map((y) => y.benefits.total));
  });
});

describe('optimism bias in the headline (Green Book 5.50)', () => {
  it('npv, bcr and roi use cost × (1 + optimism bias); the unadjusted figures are beside them', () => {
    const s = payOnlyScenario();
    s.horizon = { start: '2026-04', years: 2 };
    s.benefits = [core(0)];
    s.finance.optimism_bias = 0.2;
    const m = project(s, flatDeflator(0.02)).metrics;
    const p = (x: number) => Math.round(x * 100);
    expect(p(m.total_cost_optimism_adjusted)).toBe(Math.round(p(m.total_cost_discounted) * 1.2));
    expect(p(m.npv)).toBe(p(m.total_benefit_discounted) - p(m.total_cost_optimism_adjusted));
    expect(p(m.npv_unadjusted)).toBe(p(m.total_benefit_discounted) - p(m.total_cost_discounted));
    expect(m.bcr).toBeCloseTo(m.total_benefit_discounted / m.total_cost_optimism_adjusted, 10);
    expect(m.bcr_unadjusted).toBeCloseTo(m.total_benefit_discounted / m.total_cost_discounted, 10);
    expect(m.roi).toBeCloseTo((m.bcr ?? 0) - 1, 10);
  });
});
