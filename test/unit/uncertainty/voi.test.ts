import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acceptability, annuity, convergence, evpi, evppi, netBenefitCurves, probabilityBest } from '../../../src/uncertainty/voi.js';
import { percentileSorted, summarise } from '../../../src/uncertainty/statistics.js';
import { betaCdf, betaQuantile, normalCdf, normalQuantile } from '../../../src/uncertainty/special.js';
import { quantile } from '../../../src/uncertainty/distributions.js';
import { imanConover, spearman } from '../../../src/uncertainty/correlation.js';
import { lhsBlocks, uniforms } from '../../../src/uncertainty/random.js';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);

describe('EVPI: a textbook two-option decision worked by hand', () => {
  // Four equally likely states of the world (Briggs, Claxton & Sculpher 2006, ch. 7 style):
  //   state:            1    2    3    4   mean
  //   option A (NB):   10   10   10   10    10
  //   option B (NB):   24    4   16    0    11   ← chosen now (higher expected NB)
  //   best in state:   24   10   16   10    15   = E[max]
  // EVPI = E[max] − max E = 15 − 11 = 4.
  const a = f([10, 10, 10, 10]);
  const b = f([24, 4, 16, 0]);
  it('EVPI is 4 and B is best in half the states', () => {
    expect(evpi([a, b])).toBe(4);
    expect(probabilityBest([a, b])).toEqual([0.5, 0.5]);
  });
  it('EVPPI of an input that decides the state is the whole EVPI; of an irrelevant one, 0', () => {
    // With 4 draws there are ⌊√4⌋ = 2 bins. An input ordering states as (2,4 | 1,3) separates where A and B win.
    expect(evppi([a, b], [f([3, 1, 4, 2])], 4)).toBe(4);
    // An input pairing (1,2 | 3,4): bin means A 10, B 14 | A 10, B 8 → E max = (14 + 10)/2 = 12; EVPPI = 12 − 11 = 1.
    expect(evppi([a, b], [f([1, 2, 3, 4])], 4)).toBe(1);
  });
  it('the population value is EVPI × decisions × the discounted years', () => {
    expect(annuity(1, 0.035)).toBe(1);
    expect(annuity(2, 0.035)).toBeCloseTo(1 + 1 / 1.035, 12);
  });
});

describe('properties', () => {
  const nbArb = fc.integer({ min: 2, max: 4 }).chain((k) => fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 20, maxLength: 20 }), { minLength: k, maxLength: k }));
  it('EVPI ≥ every EVPPI ≥ 0, and the probabilities best sum to 1', () => {
    fc.assert(
      fc.property(nbArb, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }), (rows, x) => {
        const nb = rows.map(f);
        const e = evpi(nb);
        const p = evppi(nb, [f(x)], e);
        expect(e).toBeGreaterThanOrEqual(0);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(e);
        expect(probabilityBest(nb).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      }),
    );
  });
  it('P5 ≤ P10 ≤ P50 ≤ P90 ≤ P95, and identical draws give that value everywhere', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 200 }), (xs) => {
        const s = summarise(f(xs));
        expect(s.p5).toBeLessThanOrEqual(s.p10);
        expect(s.p10).toBeLessThanOrEqual(s.p50);
        expect(s.p50).toBeLessThanOrEqual(s.p90);
        expect(s.p90).toBeLessThanOrEqual(s.p95);
      }),
    );
    const same = summarise(f([0.1, 0.1, 0.1]));
    expect([same.mean, same.p5, same.p50, same.p95]).toEqual([0.1, 0.1, 0.1, 0.1]);
    expect(percentileSorted(f([1, 2, 3, 4, 5]), 10)).toBeCloseTo(1.4, 12);
  });
  it('acceptability: at λ = 0 the cheaper option is best in every draw', () => {
    const curve = acceptability([f([1, 1]), f([2, 2])], [f([0, 0]), f([10, 10])], [0, 1]);
    expect(curve).toEqual([[1, 0], [0, 1]]);
  });
});

describe('distributions', () => {
  it('normal quantile and CDF agree with tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 9);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 9);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 9);
  });
  it('beta quantile inverts the incomplete beta', () => {
    for (const [a, b] of [[2, 3], [0.5, 0.5], [5, 1.2], [1, 1]] as const) {
      for (const p of [0.01, 0.3, 0.5, 0.9, 0.999]) expect(betaCdf(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 8);
    }
  });
  it('triangular and PERT medians by hand', () => {
    // Symmetric ranges: the median is the mode.
    expect(quantile({ dist: 'triangular', low: 0, mode: 5, high: 10 }, 0.5)).toBeCloseTo(5, 12);
    expect(quantile({ dist: 'pert', low: 0.1, mode: 0.14, high: 0.18 }, 0.5)).toBeCloseTo(0.14, 9);
    // Triangular(0, 0, 1): F(x) = 1 − (1 − x)², so the 75th percentile is 0.5.
    expect(quantile({ dist: 'triangular', low: 0, mode: 0, high: 1 }, 0.75)).toBeCloseTo(0.5, 12);
  });
  it('Latin hypercube puts one draw in each stratum, and the seed fixes the draws', () => {
    // Below 20 draws one hypercube (from 20, ten replicates: the test below).
    const u = uniforms(19, 7, 'x', 'lhs');
    const strata = [...u].map((v) => Math.floor(v * 19)).sort((a, b) => a - b);
    expect(strata).toEqual(Array.from({ length: 19 }, (_, i) => i));
    expect([...uniforms(10, 7, 'x', 'random')]).toEqual([...uniforms(10, 7, 'x', 'random')]);
    expect([...uniforms(10, 8, 'x', 'random')]).not.toEqual([...uniforms(10, 7, 'x', 'random')]);
  });
  it('Iman–Conover reaches the target rank correlation and keeps the marginals', () => {
    const a = uniforms(2000, 1, 'a', 'lhs');
    const b = uniforms(2000, 1, 'b', 'lhs');
    const before = [...b].sort();
    imanConover([a, b], [[1, 0.6], [0.6, 1]], 1, ['a', 'b']);
    expect(spearman(a, b)).toBeCloseTo(0.6, 1);
    expect([...b].sort()).toEqual(before);
  });
  it('reaches the target Spearman ρ within 0.01 at 20,000 draws (normal scores mixed to 2·sin(πρ/6))', () => {
    for (const rho of [0.3, 0.6, -0.8]) {
      const a = uniforms(20000, 1, 'a', 'lhs');
      const b = uniforms(20000, 1, 'b', 'lhs');
      imanConover([a, b], [[1, rho], [rho, 1]], 1, ['a', 'b']);
      expect(Math.abs(spearman(a, b) - rho)).toBeLessThan(0.01);
    }
  });
});

describe('Monte Carlo standard error under a replicated Latin hypercube (issue 27, D5)', () => {
  it('each replicate is a Latin hypercube, and the replicates\' MCSE matches the real spread of the mean; sd/√N overstates it', () => {
    const n = 1000;
    const blocks = lhsBlocks(n);
    expect(blocks).toHaveLength(10);
    const u0 = uniforms(n, 1, 'x', 'lhs');
    for (const [s, e] of blocks) expect([...u0.subarray(s, e)].map((v) => Math.floor(v * (e - s))).sort((a, b) => a - b)).toEqual(Array.from({ length: e - s }, (_, i) => i));
    const means: number[] = [];
    let mcse = 0;
    let naive = 0;
    const seeds = 200;
    for (let seed = 0; seed < seeds; seed++) {
      const y = Float64Array.from(uniforms(n, seed, 'x', 'lhs'), (u) => Math.exp(2 * u));
      const s = summarise(y, blocks);
      means.push(s.mean);
      mcse += s.mcse / seeds;
      naive += summarise(y).mcse / seeds;
    }
    const m = means.reduce((a, b) => a + b, 0) / seeds;
    const real = Math.sqrt(means.reduce((a, b) => a + (b - m) ** 2, 0) / (seeds - 1));
    expect(mcse / real).toBeGreaterThan(0.7);
    expect(mcse / real).toBeLessThan(1.4);
    expect(naive / real).toBeGreaterThan(5);
  });
});

describe('by willingness to pay: frontier, EVPI and expected loss (worked by hand)', () => {
  it('two options, two draws', () => {
    // A costs 1 with no effect; B costs 2 with effect 10 or 0. At λ = 1: NMB A = (−1, −1), B = (8, −2):
    // means −1 and 3, so B is on the frontier; E[max] = (8 − 1)/2 = 3.5, EVPI = 0.5;
    // expected loss A = 3.5 − (−1) = 4.5, B = 3.5 − 3 = 0.5 (= EVPI). At λ = 0: A best in both, EVPI 0, loss B = 1.
    const r = netBenefitCurves([f([1, 1]), f([2, 2])], [f([0, 0]), f([10, 0])], [0, 1]);
    expect(r.frontier).toEqual([0, 1]);
    expect(r.evpi).toEqual([0, 0.5]);
    expect(r.expected_loss).toEqual([[0, 1], [4.5, 0.5]]);
    expect(r.probability_best).toEqual([[1, 0], [0.5, 0.5]]);
  });
  it('the running mean at the last point is the mean; its MCSE is sd/√n', () => {
    const x = f([1, 2, 3, 4]);
    const c = convergence([x], 2);
    expect(c.draws).toEqual([2, 4]);
    expect(c.mean[0]).toEqual([1.5, 2.5]);
    // sd of (1, 2, 3, 4) = √(5/3); /√4.
    expect(c.mcse[0]![1]).toBeCloseTo(Math.sqrt(5 / 3) / 2, 12);
  });
});
