import { describe, expect, it } from 'vitest';
import { findSwitch } from '../../src/whatif/bisect.js';

describe('findSwitch', () => {
  it('finds the root of a linear function to the tolerance', () => {
    const r = findSwitch((x) => 2 * x - 3, 0, 10, { tolerance: 1e-9 });
    expect(r.kind).toBe('switch');
    if (r.kind === 'switch') expect(r.value).toBeCloseTo(1.5, 8);
  });

  it('finds a crossing inside a decreasing function (NPV falling with turnover)', () => {
    const npv = (turnover: number) => 100_000 - 400_000 * turnover;
    const r = findSwitch(npv, 0.05, 0.4, { tolerance: 1e-7 });
    expect(r.kind === 'switch' && Math.abs(r.value - 0.25) < 1e-6).toBe(true);
  });

  it('returns an exact grid hit without iterating', () => {
    expect(findSwitch((x) => x - 5, 0, 10, { scan: 11 })).toEqual({ kind: 'switch', value: 5, iterations: 0 });
  });

  it('reports no switch within range with the sign held', () => {
    expect(findSwitch((x) => x + 1, 0, 10)).toEqual({ kind: 'none', sign: 1 });
    expect(findSwitch((x) => -x - 1, 0, 10)).toEqual({ kind: 'none', sign: -1 });
  });

  it('reports a flat function as having no single switching value', () => {
    expect(findSwitch(() => 0, 0, 10)).toEqual({ kind: 'flat' });
  });

  it('finds the first crossing of a function that crosses twice', () => {
    const r = findSwitch((x) => (x - 2) * (x - 8), 0, 10, { scan: 21, tolerance: 1e-9 });
    expect(r.kind === 'switch' && Math.abs(r.value - 2) < 1e-6).toBe(true);
  });

  it('stops after maxIterations', () => {
    const r = findSwitch((x) => x - Math.PI, 0, 10, { tolerance: 0, maxIterations: 5 });
    expect(r.kind === 'switch' && r.iterations).toBe(5);
  });
});

describe('findSwitch with gaps', () => {
  it('skips inputs that cannot be evaluated (NaN) and still finds the crossing', () => {
    const r = findSwitch((x) => (x < 2 ? Number.NaN : x - 6), 0, 10, { scan: 11, tolerance: 1e-9 });
    expect(r).toEqual({ kind: 'switch', value: 6, iterations: 0 });
    const r2 = findSwitch((x) => (x > 8 ? Number.NaN : x - 5.5), 0, 10, { scan: 11, tolerance: 1e-9 });
    expect(r2.kind === 'switch' && Math.abs(r2.value - 5.5) < 1e-6).toBe(true);
  });
  it('reports no switch when only NaN separates the signs', () => {
    expect(findSwitch((x) => (x < 5 ? -1 : x < 6 ? Number.NaN : -2), 0, 10, { scan: 11 })).toEqual({ kind: 'none', sign: -1 });
  });
});
