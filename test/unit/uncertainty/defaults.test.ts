/**
 * Default distributions centred on the scenario's values (issue 27), worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { centredPert, evidenceEffectDistribution } from '../../../src/uncertainty/defaults.js';
import { loadEvidenceLibrary } from '../../../src/evidence/load.js';
import { quantile, type Distribution } from '../../../src/uncertainty/distributions.js';

/** PERT mean (a + 4m + c) / 6. */
const pertMean = (d: Distribution | null): number => (d && d.dist === 'pert' ? (d.low + 4 * d.mode + d.high) / 6 : Number.NaN);

describe('centredPert: the PERT on the reference range whose mean is the scenario value', () => {
  it('inside the range: mode (6v − a − c) / 4', () => {
    // Leaver rate 14% on 5–40%: mode (0.84 − 0.45) / 4 = 9.75%.
    expect(centredPert(0.05, 0.14, 0.4)).toEqual({ dist: 'pert', low: 0.05, mode: 0.0975, high: 0.4 });
    // Deadweight 20% on 0–50%: mode (1.2 − 0.5) / 4 = 17.5%.
    expect(pertMean(centredPert(0, 0.2, 0.5))).toBeCloseTo(0.2, 12);
    expect(centredPert(0, 0.5, 1)).toEqual({ dist: 'pert', low: 0, mode: 0.5, high: 1 });
  });
  it('near a bound: the far side narrowed, the mean kept', () => {
    // Supervision 1.5 h on 1–6: mode (9 − 7) / 4 = 0.5 < 1, so PERT(1, 1, 6 × 1.5 − 5 × 1 = 4), mean (1 + 4 + 4) / 6 = 1.5.
    expect(centredPert(1, 1.5, 6)).toEqual({ dist: 'pert', low: 1, mode: 1, high: 4 });
    // Workers per supervisor 10 on 4–12: mode (60 − 16) / 4 = 11.
    expect(centredPert(4, 10, 12)).toEqual({ dist: 'pert', low: 4, mode: 11, high: 12 });
    // 11.5 on 4–12: mode (69 − 16) / 4 = 13.25 > 12, so PERT(6 × 11.5 − 5 × 12 = 9, 12, 12), mean (9 + 48 + 12) / 6 = 11.5.
    expect(centredPert(4, 11.5, 12)).toEqual({ dist: 'pert', low: 9, mode: 12, high: 12 });
  });
  it('a value at a bound of its range is not drawn (attribution 100% on 0–100%, deadweight 0% on 0–50%)', () => {
    expect(centredPert(0, 1, 1)).toBeNull();
    expect(centredPert(0, 0, 0.5)).toBeNull();
  });
});

describe('an evidence entry supplies its effect distribution', () => {
  it('CORE: risk ratio (64/218) / (83/216) = 0.7640 on the log scale, SE(ln RR) = √(1/64 − 1/218 + 1/83 − 1/216) = 0.13585', () => {
    const lib = loadEvidenceLibrary();
    const rr = 64 / 218 / (83 / 216);
    const d = evidenceEffectDistribution(lib, 'core-2018-readmission', rr)!;
    expect(d.distribution.dist).toBe('lognormal');
    if (d.distribution.dist !== 'lognormal') return;
    expect(d.distribution.meanlog).toBeCloseTo(Math.log(0.76401), 4);
    expect(d.distribution.sdlog).toBeCloseTo(0.135854, 5);
    // The 95% interval of the draws: exp(ln 0.764 ± 1.96 × 0.1359) = 0.585 to 0.997.
    expect(quantile(d.distribution, 0.025)).toBeCloseTo(0.585, 3);
    expect(quantile(d.distribution, 0.975)).toBeCloseTo(0.997, 3);
    // A local value over the evidence's is the scenario's own: not drawn from the evidence.
    expect(evidenceEffectDistribution(lib, 'core-2018-readmission', 0.7)).toBeNull();
    expect(evidenceEffectDistribution(lib, null, rr)).toBeNull();
  });
});
