/**
 * The plausibility check: a Band 3 fixed-term option with thin supervision shows
 * higher turnover, lower continuity and higher burnout than a Band 4 permanent option with
 * a lived-experience supervisor (fixtures mirror scenarios/band3-fixed-term.yaml and
 * scenarios/band4-permanent.yaml).
 */
import { describe, expect, it } from 'vitest';
import { project } from '../../src/engine/project.js';
import { band3FixedTerm, band4Permanent, baseScenario, reference } from './fixtures.js';

const ref = reference();

describe('plausibility: Band 3 fixed-term vs Band 4 permanent (5 years)', () => {
  const cheap = project(band3FixedTerm(), ref).metrics;
  const supported = project(band4Permanent(), ref).metrics;
  const baseline = project(baseScenario(), ref).metrics;
  const turnover = (m: typeof cheap) => m.leavers / m.wte_in_post_mean / 5;

  it('the fixed-term option turns over far more staff', () => {
    expect(turnover(cheap)).toBeGreaterThan(2 * turnover(supported));
    expect(cheap.vacancy_rate).toBeGreaterThan(supported.vacancy_rate);
    expect(cheap.hires).toBeGreaterThan(supported.hires);
  });

  it('loses continuity of support', () => {
    expect(cheap.continuity).toBeLessThan(supported.continuity - 10);
    expect(cheap.service_user_months_lost).toBeGreaterThan(supported.service_user_months_lost);
  });

  it('burns its workers out more', () => {
    expect(cheap.burnout_risk_mean).toBeGreaterThan(supported.burnout_risk_mean + 20);
    expect(cheap.burnout_risk_peak).toBeGreaterThan(supported.burnout_risk_peak);
  });

  it('costs more per completed support relationship, despite lower pay', () => {
    expect(cheap.cost_per_completed_episode!).toBeGreaterThan(supported.cost_per_completed_episode!);
    expect(cheap.npv).toBeLessThan(supported.npv);
  });

  it('a typical NHS team scores near the NHS Staff Survey burnout rate (30.0% in 2024)', () => {
    expect(baseline.burnout_risk_mean).toBeGreaterThan(20);
    expect(baseline.burnout_risk_mean).toBeLessThan(40);
  });
});
