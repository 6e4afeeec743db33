// One "best option" rule (src/compare/recommend.ts): the report's recommendation and the
// narrative's "Best value" line agree, and a tie names every option holding the best value.
import { describe, expect, it } from 'vitest';
import { bestOptions, recommend } from '../../../src/compare/recommend.js';
import type { Compared } from '../../../src/compare/compare.js';
import { narrative } from '../../../src/compare/narrative.js';
import type { Metrics } from '../../../src/engine/result.js';

const metrics = (npv: number): Metrics =>
  ({ npv, bcr: 1.5, total_cost: 100_000, cost_per_completed_episode: 500, continuity: 60, burnout_risk_peak: 20, burnout_risk_mean: 10, payback_month: null }) as unknown as Metrics;
const options = (npvs: number[]): Compared[] =>
  npvs.map((npv, i) => ({ name: `option ${String.fromCharCode(65 + i)}`, scenario: {} as Compared['scenario'], result: { metrics: metrics(npv) } as unknown as Compared['result'] }));

describe('bestOptions', () => {
  it('names every tied option, in the order given, and the first of the next value as runner-up', () => {
    expect(bestOptions([5, 9, 9, 7], 'higher')).toEqual({ best: [1, 2], runnerUp: 3 });
    expect(bestOptions([5, 9, 9, 7], 'lower')).toEqual({ best: [0], runnerUp: 3 });
    expect(bestOptions([3, 3], 'higher')).toEqual({ best: [0, 1], runnerUp: null });
  });

  it('leaves out options without a value, and compares payback months in time', () => {
    expect(bestOptions([null, '2027-03', '2026-11'], 'lower')).toEqual({ best: [2], runnerUp: 1 });
    expect(bestOptions([null, null], 'higher')).toEqual({ best: [], runnerUp: null });
  });
});

describe('the report and the narrative use the same rule', () => {
  it('on a tie, both name every best option (the narrative used to name only the first)', () => {
    const tied = options([80_000, 120_000, 120_000]);
    const rec = recommend({ scenarios: tied.map((o) => ({ metrics: o.result.metrics })) });
    expect(rec.best).toEqual([1, 2]);
    const line = narrative(tied).find((l) => l.startsWith('Best value'));
    expect(line).toBe('Best value, equal: option B and option C, each NPV £120,000.');
  });

  it('without a tie, both name the one best option', () => {
    const apart = options([80_000, 130_000, 120_000]);
    expect(recommend({ scenarios: apart.map((o) => ({ metrics: o.result.metrics })) }).best).toEqual([1]);
    expect(narrative(apart).find((l) => l.startsWith('Best value'))).toMatch(/^Best value: option B, NPV £130,000/);
  });
});
