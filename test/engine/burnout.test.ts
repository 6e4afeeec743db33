import { describe, expect, it } from 'vitest';
import {
  burnoutHazardMultiplier,
  burnoutIndex,
  caseloadDriver,
  insecurityDriver,
  isolationDriver,
  payDriver,
  supervisionDriver,
  trainingDriver,
} from '../../src/engine/burnout.js';
import { contractTerms } from '../../src/engine/workforce.js';
import { project } from '../../src/engine/project.js';
import { band3FixedTerm, reference } from './fixtures.js';

const ref = reference();
const params = { fixedTerm: 0.5, sessional: 0.75, voluntary: 0.5 };

describe('burnout drivers (MODEL.md §3.1)', () => {
  it('supervision: 1 − a_hours × a_span × q', () => {
    expect(supervisionDriver(1.5, 10, false, 4, 6, 0.75)).toBeCloseTo(0.83125, 14); // 1 − 0.375 × 0.6 × 0.75
    expect(supervisionDriver(4, 6, true, 4, 6, 0.75)).toBe(0);
    expect(supervisionDriver(4, 6, false, 4, 6, 0.75)).toBeCloseTo(0.25, 14);
    expect(supervisionDriver(8, 3, true, 4, 6, 0.75)).toBe(0); // more than recommended earns no extra credit
    expect(supervisionDriver(0, 6, true, 4, 6, 0.75)).toBe(1);
  });

  it('insecurity: permanent 0, fixed-term rising to 1 at expiry, sessional and voluntary constants', () => {
    const fixed = contractTerms({ type: 'fixed_term', term_months: 12, renewal_probability: 0.6 }, ref);
    expect([12, 4, 3, 2, 1].map((m) => insecurityDriver(fixed, m, params))).toEqual([0.5, 0.5, 2 / 3, 0.5 + 0.5 * (2 / 3), 1]);
    const other = (type: 'permanent' | 'sessional' | 'voluntary') =>
      insecurityDriver(contractTerms({ type, term_months: null, renewal_probability: null }, ref), null, params);
    expect(other('permanent')).toBe(0);
    expect(other('sessional')).toBe(0.75);
    expect(other('voluntary')).toBe(0.5);
  });

  it('isolation: 1 / team size, halved by peer group supervision', () => {
    expect(isolationDriver(1, false, 0.5)).toBe(1); // lone worker
    expect(isolationDriver(0, false, 0.5)).toBe(1);
    expect(isolationDriver(10, false, 0.5)).toBe(0.1);
    expect(isolationDriver(8, true, 0.5)).toBe(0.0625);
  });

  it('pay: 0 at the fair band (4) bottom point, 1 at the floor of the tables (Band 2)', () => {
    expect(payDriver(24937, 27485, 24465)).toBeCloseTo(2548 / 3020, 14); // Band 3 bottom: 0.8437
    expect(payDriver(25767.5, 27485, 24465)).toBeCloseTo(0.56870861, 8); // Band 3 middle
    expect(payDriver(27485, 27485, 24465)).toBe(0);
    expect(payDriver(24000, 27485, 24465)).toBe(1);
    expect(payDriver(null, 27485, 24465)).toBe(1); // unpaid
  });

  it('caseload: vacancies push caseload onto caseload-carrying staff', () => {
    expect(caseloadDriver(12, 12, 10, 8, 1.5)).toBeCloseTo(0.5, 14); // 12 × 10/8 = 15 → (15/12 − 1)/0.5
    expect(caseloadDriver(12, 12, 10, 10, 1.5)).toBe(0);
    expect(caseloadDriver(18, 12, 10, 10, 1.5)).toBe(1);
    expect(caseloadDriver(12, 12, 10, 0, 1.5)).toBe(1);
    expect(caseloadDriver(12, 12, 0, 0, 1.5)).toBe(0);
  });

  it('training: mean shortfall of induction weeks and CPD against reference', () => {
    expect(trainingDriver(7, 7, 500, 500)).toBe(0);
    expect(trainingDriver(0, 7, 0, 500)).toBe(1);
    expect(trainingDriver(3.5, 7, 500, 500)).toBe(0.25);
  });
});

describe('burnout index and feedback (MODEL.md §3.2–3.3)', () => {
  const w = { supervision: 25, insecurity: 20, isolation: 15, pay: 10, caseload: 20, training: 10 };
  it('weights the drivers into 0–100', () => {
    const d = { supervision: 0.83125, insecurity: 0.5, isolation: 0.1, pay: 2548 / 3020, caseload: 0, training: 0 };
    // (25 × 0.83125 + 20 × 0.5 + 15 × 0.1 + 10 × 0.843709) / 100 × 100 = 40.71834
    expect(burnoutIndex(w, d)).toBeCloseTo(40.718336093, 8);
    expect(burnoutIndex({ ...w, supervision: 0, insecurity: 0, isolation: 0, pay: 0, caseload: 0, training: 0 }, d)).toBe(0);
    const ones = { supervision: 1, insecurity: 1, isolation: 1, pay: 1, caseload: 1, training: 1 };
    expect(burnoutIndex(w, ones)).toBe(100);
  });

  it('raises the hazard above the baseline risk only, boundedly', () => {
    expect(burnoutHazardMultiplier(60.4, 30.4, 1)).toBeCloseTo(1.3, 14);
    expect(burnoutHazardMultiplier(20, 30.4, 1)).toBe(1);
    expect(burnoutHazardMultiplier(100, 30.4, 1)).toBeCloseTo(1.696, 14); // the maximum
  });

  it('the engine computes each month from its drivers with the scenario weights', () => {
    const s = band3FixedTerm();
    const r = project(s, ref);
    for (const m of r.months) expect(m.burnout_risk).toBeCloseTo(burnoutIndex(s.burnout.weights, m.burnout_drivers), 10);
    expect(r.months[0]!.burnout_risk).toBeCloseTo(40.718336093, 8);
    s.burnout.weights = { supervision: 1, insecurity: 0, isolation: 0, pay: 0, caseload: 0, training: 0 };
    const only = project(s, ref);
    expect(only.metrics.burnout_risk_mean).toBeCloseTo(83.125, 10);
  });
});
