/**
 * Switching values (issue 11): found to a tolerance in the input's own units and verified
 * either side before they are reported. Property: every switching value reported flips the
 * decision between one step below and one step above it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundToStep, switchingStep } from '../../src/whatif/bisect.js';
import { runSensitivity, type Evaluator, type SensitivityParam } from '../../src/whatif/sensitivity.js';

const param = (over: Partial<SensitivityParam>): SensitivityParam => ({
  path: 'x',
  base: 1,
  low: 0,
  high: 2,
  range_source: 'plus_minus',
  reason: null,
  domain: [0, 100_000],
  integer: false,
  percent: false,
  ...over,
});

describe('the tolerance is in the input’s own units', () => {
  it('0.01% of the value or one display unit (a penny, 0.01 percentage point), whichever is finer', () => {
    expect(switchingStep(20448.36, { percent: false, integer: false })).toBe(0.01); // £2.04 vs a penny
    expect(switchingStep(4.585, { percent: false, integer: false })).toBeCloseTo(4.585e-4, 15); // finer than 0.01 month
    expect(switchingStep(0.08257, { percent: true, integer: false })).toBeCloseTo(8.257e-6, 15);
    expect(switchingStep(0.5, { percent: true, integer: false })).toBeCloseTo(5e-5, 15); // 0.01% of 50% is finer than 0.01 point
    expect(switchingStep(2, { percent: true, integer: false })).toBe(1e-4); // 200% (optimism bias): 0.01 percentage point
    expect(switchingStep(7, { percent: false, integer: true })).toBe(1);
    expect(roundToStep(20448.3649, 0.01)).toBe(20448.36);
  });

  it('a unit value is found to the penny (the readmission value that flips NPV, worked by hand)', () => {
    // NPV(v) = 0.09 × v × 2,000 − 3,680,467.2 → 0 at v = £20,447.04.
    const ev: Evaluator = { metric: (_p, v) => 0.09 * v * 2000 - 3_680_467.2 };
    const r = runSensitivity([param({ base: 14100, low: 10000, high: 30000 })], ev, ev.metric('x', 14100), 'npv', { fn: (m) => m, description: 'NPV is positive' });
    const s = r.rows[0]!.switching;
    expect(s.kind).toBe('switch');
    if (s.kind === 'switch') {
      expect(s.value).toBe(20447.04);
      expect(s.verification.below.decision).toBeLessThan(0);
      expect(s.verification.above.decision).toBeGreaterThan(0);
    }
  });
});

describe('property: every reported switching value flips the decision', () => {
  it('for monotone and non-linear decisions over money, percentages, months and counts', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 90_000, noNaN: true }),
        fc.constantFrom('money', 'percent', 'integer', 'months'),
        fc.constantFrom(1, -1),
        fc.constantFrom('linear', 'cubic', 'log'),
        (root, kind, direction, shape) => {
          const percent = kind === 'percent';
          const integer = kind === 'integer';
          const domain: [number, number] = percent ? [0, 1] : [0, 100_000];
          const c = percent ? root / 100_000 : root;
          const g = (x: number): number => (shape === 'linear' ? x - c : shape === 'cubic' ? (x - c) ** 3 : Math.log1p(x) - Math.log1p(c));
          const ev: Evaluator = { metric: (_p, x) => direction * g(integer ? Math.round(x) : x) };
          const p = param({ base: c, low: domain[0], high: domain[1], domain, percent, integer });
          const r = runSensitivity([p], ev, 0, 'npv', { fn: (m) => m, description: 'positive' });
          const s = r.rows[0]!.switching;
          if (s.kind === 'switch') {
            const step = s.verification.step;
            const below = ev.metric('x', s.value - step);
            const above = ev.metric('x', s.value + step);
            expect(below > 0).not.toBe(above > 0);
            expect(s.verification.below.decision).toBe(below);
            expect(s.verification.above.decision).toBe(above);
          } else {
            // Never a wrong value: a crossing not confirmed is "not found" (or there is none, e.g. at the domain's edge).
            expect(['not_found', 'none', 'flat']).toContain(s.kind);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a crossing that recomputing does not confirm (a decision jumping back) is reported as not found', () => {
    // Negative below 50, positive in a sliver [50, 50.000001), negative again: no stable flip at the printed precision.
    const ev: Evaluator = { metric: (_p, x) => (x >= 50 && x < 50.000001 ? 1 : -1) };
    const r = runSensitivity([param({ base: 10, low: 0, high: 100, domain: [0, 100] })], ev, -1, 'npv', { fn: (m) => m, description: 'positive' });
    expect(['not_found', 'none']).toContain(r.rows[0]!.switching.kind);
  });

  it('with a baseline, a shared input moves both options and the row says so', () => {
    // Option A: 2x − 10; baseline B: x. A beats B when 2x − 10 > x, i.e. x > 10, with x moved in both.
    const ev: Evaluator = { metric: (_p, x) => 2 * x - 10, shared: () => true, baselineMetric: (_p, x) => x };
    const r = runSensitivity([param({ base: 4, low: 0, high: 20, domain: [0, 100] })], ev, -2, 'npv', { fn: (m, b = 4) => m - b, description: 'A beats B' });
    const row = r.rows[0]!;
    expect(row.moved_in).toBe('both');
    expect(row.switching).toMatchObject({ kind: 'switch', favourable: 'above' });
    if (row.switching.kind === 'switch') expect(row.switching.value).toBeCloseTo(10, 3);
  });
});
