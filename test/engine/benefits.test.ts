import { describe, expect, it } from 'vitest';
import { doseShare, dropOffFactor, effectPerPerson, episodesStarted, lagMonths, unitsPerEpisode } from '../../src/engine/benefits.js';
import { project } from '../../src/engine/project.js';
import type { Benefit } from '../../src/scenario/types.js';
import { payOnlyScenario, reference, LOCAL_STREAM } from './fixtures.js';

const stream: Benefit = {
  name: 'Employment support',
  basis: 'person_supported',
  quantity: 1,
  unit_value: 100,
  attribution: 0.5,
  deadweight: 0.2,
  lag_months: 6,
  drop_off: 0.1,
  cashable: 0.25,
  category: 'economic',
  payer: 'society',
  kind: 'social',
  transfer_share: 0,
  health: false,
  price_year: '2026/27',
  ...LOCAL_STREAM,
};

describe('delivery and benefits (MODEL.md §5)', () => {
  it('episodes by Little’s law: productive WTE × caseload / relationship months', () => {
    expect(episodesStarted(5, 12, 4)).toBe(15);
  });

  it('net units: quantity × (1 − deadweight) × attribution, × dose share', () => {
    expect(unitsPerEpisode(stream, 4)).toBeCloseTo(0.4, 15);
    // A 4-month dose: 2 months deliver half of it, 6 months no more than all of it.
    expect(unitsPerEpisode({ ...stream, dose_months: 4 }, 2)).toBeCloseTo(0.2, 15);
    expect(unitsPerEpisode({ ...stream, dose_months: 4 }, 6)).toBeCloseTo(0.4, 15);
    expect(doseShare({ ...stream, dose_months: 4, basis: 'worker_year' }, 2)).toBe(1);
  });

  it('a relative effect: base rate × (1 − risk ratio) outcomes avoided per person', () => {
    // CORE's counts: RR = (64/218) / (83/216); on a 25% local rate, 0.25 × (1 − RR) per person.
    const rr = 64 / 218 / (83 / 216);
    expect(effectPerPerson({ ...stream, base_rate: 0.25, relative_effect: rr })).toBeCloseTo(0.25 * (1 - 0.76401), 5);
    expect(effectPerPerson(stream)).toBe(1);
  });

  it('drop-off by whole years from the start; lag rounded to months', () => {
    expect(dropOffFactor(0.1, 0)).toBe(1);
    expect(dropOffFactor(0.1, 11)).toBe(1);
    expect(dropOffFactor(0.1, 12)).toBeCloseTo(0.9, 15);
    expect(dropOffFactor(0.1, 25)).toBeCloseTo(0.81, 15);
    expect(dropOffFactor(1, 30)).toBe(0);
    expect(lagMonths({ ...stream, lag_months: 2.5 })).toBe(3);
    expect(lagMonths({ ...stream, lag_months: 2.4 })).toBe(2);
  });

  it('worked example: lag, drop-off, cashable share, truncation at the horizon end', () => {
    // 1.0 WTE, no sickness or supervision time, caseload 12, 4-month relationships:
    // 3 people start a month. Value 3 × 0.4 × £100 = £120 a month, from month 6 (lag),
    // £108 from month 12 (10% drop-off). Two years: 6 × 120 + 12 × 108 = £2,016.
    const s = payOnlyScenario();
    s.horizon = { start: '2025-04', years: 2 };
    s.finance.pay_uplift = 0;
    s.delivery.sickness_absence = 0;
    s.benefits = [stream];
    const r = project(s, reference());
    expect(r.months[0]!.episodes).toBe(3);
    expect(r.months.slice(0, 6).every((m) => m.benefits.total === 0)).toBe(true);
    expect(r.months[6]!.benefits).toEqual({ total: 120, fiscal: 0, economic: 120, social: 0, cashable: 30 });
    expect(r.months[12]!.benefits.total).toBe(108);
    expect(r.metrics.total_benefit).toBe(2016);
    expect(r.benefit_streams).toHaveLength(1);
    expect(r.benefit_streams[0]!.total).toBe(2016);
    // £108 / 1.035 = £104.3478; cumulative rounding puts each month within a penny of it.
    expect(Math.abs(r.months[12]!.benefits_discounted - 108 / 1.035)).toBeLessThanOrEqual(0.01);
    expect(r.years.map((y) => y.benefits.cashable)).toEqual([180, 324]);
  });
});
