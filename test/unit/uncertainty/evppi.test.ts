/**
 * The regression EVPPI estimator (src/uncertainty/evppi.ts) against cases whose EVPPI is
 * known in closed form. No R is available here, so the reference a GAM converges to is
 * written out instead of fitted: in a linear-Gaussian model the conditional expectation
 * E[INB | φ] is known exactly, so "the GAM fit on these draws" is that function evaluated
 * on the same draws (a correctly specified GAM recovers it up to its own regression error),
 * and the population EVPPI is analytic:
 *
 *   INB = a + b·X + c·Y, X, Y ~ N(0, 1) independent:  E[INB | X] = a + b·X ~ N(a, b²), so
 *   EVPPI(X) = E[max(0, a + bX)] − max(0, a) = a·Φ(a/|b|) + |b|·φ(a/|b|) − max(0, a)
 *
 * (the expected value of a normal's positive part). With a = −200, b = 1,000, c = 2,000:
 * EVPPI(X) = −200·Φ(−0.2) + 1,000·φ(0.2) = −84.15 + 391.04 = £306.90, and EVPI (both
 * inputs, |b| → √(b² + c²) = 2,236.07) = −200·Φ(−0.0894) + 2,236.07·φ(0.0894) = £795.6.
 *
 * On a straight-line signal mgcv's GCV drives the smoothing parameter to infinity and the
 * GAM is the least-squares line, so that line, fitted to the same draws, stands in for the
 * GAM. Figures at 5,000 draws (seeds 1, 2, 3 of dummyUniforms): this estimator £311.4,
 * £318.5, £300.5 (SE £16.6, £15.6, £15.5); the least-squares line £311.4, £312.9, £301.0;
 * the exact E[INB | X] on the draws £313.3, £302.5, £309.7; analytic £306.9.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dummyUniforms, evppiRegression, monotoneOverGroups } from '../../../src/uncertainty/evppi.js';
import { evpi } from '../../../src/uncertainty/voi.js';
import { normalCdf, normalQuantile } from '../../../src/uncertainty/special.js';

const phi = (x: number): number => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
/** E[max(0, Z)] − max(0, m) for Z ~ N(m, s²). */
const positivePartGain = (m: number, s: number): number => m * normalCdf(m / s) + s * phi(m / s) - Math.max(0, m);

/**
 * What mgcv's GAM converges to on a straight-line signal: its smoothing parameter goes to
 * infinity and the fit is the least-squares line, so the GAM stand-in here is the
 * ordinary least-squares line of the INB on X fitted to the same draws.
 */
function leastSquaresLine(x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let d = 0; d < n; d++) {
    mx += x[d]! / n;
    my += y[d]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  for (let d = 0; d < n; d++) {
    sxy += (x[d]! - mx) * (y[d]! - my);
    sxx += (x[d]! - mx) ** 2;
  }
  return Float64Array.from(x, (v) => my + (sxy / sxx) * (v - mx));
}

/** The "perfect smoother" EVPPI on these draws: the exact conditional expectation evaluated per draw. */
function oracle(g: readonly Float64Array[]): number {
  const n = g[0]!.length;
  let s = 0;
  const means = g.map(() => 0);
  for (let d = 0; d < n; d++) {
    let m = 0;
    g.forEach((x, k) => {
      means[k]! += x[d]!;
      m = Math.max(m, x[d]!);
    });
    s += m;
  }
  return s / n - Math.max(0, ...means.map((v) => v / n));
}

describe('regression EVPPI on a linear-Gaussian net benefit (closed form)', () => {
  it('the analytic values used below', () => {
    expect(positivePartGain(-200, 1000)).toBeCloseTo(306.9, 1);
    expect(positivePartGain(-200, Math.hypot(1000, 2000))).toBeCloseTo(795.6, 1);
  });

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}, 5,000 draws: within 5% of the GAM's limit (the least-squares line) on the same draws, and of the analytic value within its sampling error`, () => {
      const n = 5000;
      const x = Float64Array.from(dummyUniforms(n, seed, 100), normalQuantile);
      const y = Float64Array.from(dummyUniforms(n, seed, 101), normalQuantile);
      const zero = new Float64Array(n);
      const inb = new Float64Array(n);
      const exact = new Float64Array(n);
      for (let d = 0; d < n; d++) {
        exact[d] = -200 + 1000 * x[d]!;
        inb[d] = exact[d]! + 2000 * y[d]!;
      }
      const e = evppiRegression([zero, inb], [x], 1, 'x');
      const reference = oracle([leastSquaresLine(x, inb)]);
      expect(Math.abs(e.value - reference) / reference).toBeLessThan(0.05);
      // The sampling sd of the EVPPI over 5,000 draws of X is about £10 (sd of max(0, a + bX) / √N ≈ 700/71); the SE about £17.
      expect(Math.abs(e.value - 306.9)).toBeLessThan(4 * 17);
      expect(e.se).toBeGreaterThan(5);
      expect(e.se).toBeLessThan(40);
      // Both inputs together: the regression is then within 5% of EVPI (nothing is left unexplained).
      const both = evppiRegression([zero, inb], [x, y], 1, 'xy');
      const total = evpi([zero, inb]);
      expect(Math.abs(both.value - total) / total).toBeLessThan(0.05);
      // An input that plays no part: far below the informative one.
      const dummy = evppiRegression([zero, inb], [dummyUniforms(n, seed, 102)], 1, 'dummy');
      expect(dummy.value).toBeLessThan(0.1 * reference);
    });
  }

  it('three options and a group of two with an interaction: within 5% of the exact conditional expectation', () => {
    // INB₁ = 100 + 800·X₁ − 300·X₂ + 500·X₁X₂ + 1,500·ε;  INB₂ = −50 + 600·X₂ + 1,500·ε′.
    const n = 5000;
    const u1 = Float64Array.from(dummyUniforms(n, 4, 1), normalQuantile);
    const u2 = Float64Array.from(dummyUniforms(n, 4, 2), normalQuantile);
    const e1 = dummyUniforms(n, 4, 3);
    const e2 = dummyUniforms(n, 4, 4);
    const zero = new Float64Array(n);
    const g1 = new Float64Array(n);
    const g2 = new Float64Array(n);
    const y1 = new Float64Array(n);
    const y2 = new Float64Array(n);
    for (let d = 0; d < n; d++) {
      const x1 = u1[d]!;
      const x2 = u2[d]!;
      g1[d] = 100 + 800 * x1 - 300 * x2 + 500 * x1 * x2;
      g2[d] = -50 + 600 * x2;
      y1[d] = g1[d]! + 1500 * normalQuantile(e1[d]!);
      y2[d] = g2[d]! + 1500 * normalQuantile(e2[d]!);
    }
    const est = evppiRegression([zero, y1, y2], [u1, u2], 1, 'g');
    const reference = oracle([g1, g2]);
    expect(Math.abs(est.value - reference) / reference).toBeLessThan(0.05);
  });
});

describe('EVPPI over groups', () => {
  it('never falls when an input is added (random nested groups), and never exceeds EVPI', () => {
    const n = 600;
    const inputs = Array.from({ length: 6 }, (_, i) => dummyUniforms(n, 11, i));
    fc.assert(
      fc.property(
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 2, maxLength: 6 }),
        fc.array(fc.double({ min: -2000, max: 2000, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (order, weights) => {
          const zero = new Float64Array(n);
          const inb = new Float64Array(n);
          for (let d = 0; d < n; d++) {
            let s = -100;
            inputs.forEach((u, i) => (s += weights[i]! * normalQuantile(u[d]!)));
            inb[d] = s + 500 * Math.sin(d);
          }
          const nb = [zero, inb];
          const e = evpi(nb);
          const chain = order.map((_, i) => order.slice(0, i + 1).map(String));
          const raw = chain.map((g) => evppiRegression(nb, g.map((i) => inputs[Number(i)]!), 1, g.join(','), 5).value);
          const reported = monotoneOverGroups(chain, raw, e);
          for (let i = 1; i < reported.length; i++) expect(reported[i]!).toBeGreaterThanOrEqual(reported[i - 1]!);
          for (const v of reported) expect(v).toBeLessThanOrEqual(e);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('a group is raised to the largest group it contains, in any order of the family', () => {
    expect(monotoneOverGroups([['a'], ['a', 'b'], ['b']], [5, 3, 4], 10)).toEqual([5, 5, 4]);
    expect(monotoneOverGroups([['b', 'a'], ['a'], ['b']], [3, 5, 4], 4.5)).toEqual([4.5, 4.5, 4]);
  });

  it('the same draws give the same estimate and standard error (seeded posterior samples)', () => {
    const n = 300;
    const u = dummyUniforms(n, 3, 0);
    const nb = [new Float64Array(n), Float64Array.from(u, (v, d) => 100 * (v - 0.45) + 30 * Math.cos(d))];
    expect(evppiRegression(nb, [u], 5, 'k')).toEqual(evppiRegression(nb, [u], 5, 'k'));
  });
});

