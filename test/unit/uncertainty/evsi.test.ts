/**
 * EVSI by regression (src/uncertainty/evsi.ts) against the closed form of preposterior
 * analysis for a normal prior and normal data (Raiffa & Schlaifer 1961): θ ~ N(μ₀, σ₀²),
 * INB = θ, a study's mean X̄ ~ N(θ, σ²/n). Then E[θ | X̄] ~ N(μ₀, s²) with
 * s² = σ₀⁴ / (σ₀² + σ²/n), and EVSI = μ₀·Φ(μ₀/s) + s·φ(μ₀/s) − max(0, μ₀).
 * μ₀ = −200, σ₀ = 1,000, σ = 4,000, n = 16: s = 707.1, EVSI = −77.73 + 271.00 = £193.3;
 * as n → ∞, s → σ₀ and EVSI → EVPI = £306.9.
 */
import { describe, expect, it } from 'vitest';
import { evsiCurve, evsiFromSummary } from '../../../src/uncertainty/evsi.js';
import { dummyUniforms } from '../../../src/uncertainty/evppi.js';
import { evpi } from '../../../src/uncertainty/voi.js';
import { normalCdf, normalQuantile } from '../../../src/uncertainty/special.js';

const phi = (x: number): number => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
const gain = (m: number, s: number): number => m * normalCdf(m / s) + s * phi(m / s) - Math.max(0, m);

describe('EVSI by regression', () => {
  it('normal prior, normal data: within 5% of the closed form at 5,000 draws', () => {
    const n = 5000;
    const theta = Float64Array.from(dummyUniforms(n, 1, 200), (u) => -200 + 1000 * normalQuantile(u));
    const noise = dummyUniforms(n, 1, 201);
    for (const [size, expected] of [[16, 193.3], [64, gain(-200, Math.sqrt(1e12 / (1e6 + 16e6 / 64)))]] as const) {
      const xbar = Float64Array.from(theta, (t, d) => t + (4000 / Math.sqrt(size)) * normalQuantile(noise[d]!));
      const e = evsiFromSummary([new Float64Array(n), theta], xbar, 1, `n${size}`);
      expect(gain(-200, Math.sqrt(1e12 / (1e6 + 16e6 / 16)))).toBeCloseTo(193.3, 1);
      // Seed 1: £189.2 against £193.3 (n = 16) and £267.1 against £265.7 (n = 64).
      expect(Math.abs(e.value - expected) / expected).toBeLessThan(0.05);
    }
  });

  it('a local readmission study on the CORE risk ratio: EVSI grows with the study, stays below the EVPPI of the ratio; ENBS picks a size', () => {
    const n = 4000;
    const rr = Float64Array.from(dummyUniforms(n, 2, 1), (u) => Math.exp(Math.log(0.764) + 0.1359 * normalQuantile(u)));
    // INB of peer support: 500 people a year, base rate 38%, £11,280 a readmission avoided, less a £1.4m cost.
    const inb = Float64Array.from(rr, (r) => 500 * 0.38 * (1 - r) * 11280 * 3 - 1_400_000);
    const nb = [new Float64Array(n), inb];
    const full = evpi(nb);
    const { rows, optimal } = evsiCurve(nb, rr, 0.38, [50, 200, 800], 1, (m) => 20_000 + 100 * 2 * m, 3);
    expect(rows[0]!.evsi).toBeLessThan(rows[2]!.evsi);
    for (const r of rows) expect(r.evsi).toBeLessThanOrEqual(full * 1.02);
    expect(optimal).not.toBeNull();
    expect(optimal!.enbs).toBe(Math.max(...rows.map((r) => r.enbs)));
  });
});
