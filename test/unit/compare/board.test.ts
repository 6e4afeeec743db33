// #17 (board-ready outputs): which option is the baseline and why; differences of rates in
// percentage points; no percentage of a negative or near-zero base; one option's narrative.
import { describe, expect, it } from 'vitest';
import { BaselineConflictError, baselineReasonText, chooseBaseline } from '../../../src/compare/baseline.js';
import { compareRow, type Compared } from '../../../src/compare/compare.js';
import { narrative } from '../../../src/compare/narrative.js';
import { formatDelta, type MetricKey } from '../../../src/metrics/catalogue.js';

const items = (values: Array<number | null>, key: MetricKey): Compared[] =>
  values.map((v, i) => ({ name: `s${i}`, scenario: {} as Compared['scenario'], result: { metrics: { [key]: v } } as unknown as Compared['result'] }));

describe('chooseBaseline', () => {
  const mark = (file: string, line: number) => ({ file, line, column: 1 });
  it('takes --baseline first, then the one marked file, then the first file given', () => {
    const files = [{ file: 'b.yaml' }, { file: 'a.yaml', marked: mark('a.yaml', 3) }, { file: 'c.yaml' }];
    expect(chooseBaseline(files, 'c.yaml', '/w')).toEqual({ index: 2, reason: 'option' });
    expect(chooseBaseline(files, './c.yaml', '/w')).toEqual({ index: 2, reason: 'option' });
    expect(chooseBaseline(files, undefined, '/w')).toEqual({ index: 1, reason: 'marked' });
    expect(chooseBaseline([{ file: 'z.yaml' }, { file: 'a.yaml' }], undefined, '/w')).toEqual({ index: 0, reason: 'first' });
  });

  it('refuses two marked files, naming both places, unless --baseline settles it', () => {
    const files = [{ file: 'a.yaml', marked: mark('a.yaml', 3) }, { file: 'b.yaml', marked: mark('b.yaml', 7) }];
    expect(() => chooseBaseline(files, undefined, '/w')).toThrow(BaselineConflictError);
    expect(() => chooseBaseline(files, undefined, '/w')).toThrow(/a\.yaml:3:1 and b\.yaml:7:1/);
    expect(chooseBaseline(files, 'b.yaml', '/w')).toEqual({ index: 1, reason: 'option' });
  });

  it('says why in words', () => {
    expect(['option', 'marked', 'first'].map((r) => baselineReasonText(r as 'first'))).toEqual(['--baseline', 'marked baseline: true', 'first file given']);
  });
});

describe('differences from the baseline', () => {
  it('gives no percentage of a negative base: -£100,000 → -£400,000 is not "-300%"', () => {
    const row = compareRow(items([-100_000, -400_000, 50_000], 'npv'), 'npv', 0);
    expect(row.deltas).toEqual([0, -300_000, 150_000]);
    expect(row.delta_ratios).toEqual([null, null, null]);
  });

  it('gives no percentage of a base near zero (under 1% of the largest value in the row)', () => {
    expect(compareRow(items([900, 300_000], 'total_cost'), 'total_cost', 0).delta_ratios).toEqual([null, null]);
    expect(compareRow(items([0, 300_000], 'total_cost'), 'total_cost', 0).delta_ratios).toEqual([null, null]);
    // £200,000 → £300,000: +50%, worked by hand.
    expect(compareRow(items([200_000, 300_000], 'total_cost'), 'total_cost', 0).delta_ratios).toEqual([0, 0.5]);
  });

  it('compares rates and shares in percentage points, never as a relative change', () => {
    // Vacancy 5.3% → 14.9%: +9.6 percentage points (not +181%).
    const vacancy = compareRow(items([0.053, 0.149], 'vacancy_rate'), 'vacancy_rate', 0);
    expect(vacancy.delta_ratios).toEqual([null, null]);
    expect(formatDelta('fraction', vacancy.deltas[1] as number)).toBe('+9.6 pp');
    expect(formatDelta('fraction', -0.018)).toBe('-1.8 pp');
    expect(compareRow(items([37.4, 18], 'burnout_risk_mean'), 'burnout_risk_mean', 0).delta_ratios).toEqual([null, null]);
    expect(formatDelta('share', 18 - 37.4)).toBe('-19.4 pp');
    expect(compareRow(items([0.1, 0.3], 'roi'), 'roi', 0).delta_ratios).toEqual([null, null]);
  });
});

describe('the narrative of one option', () => {
  it('uses no words of comparison about its only option', () => {
    const only: Compared = {
      name: 'Only option',
      scenario: {} as Compared['scenario'],
      result: {
        metrics: { total_cost: 1_000_000, cost_per_completed_episode: 1_500, continuity: 90, burnout_risk_peak: 40, burnout_risk_mean: 35, npv: -200_000, bcr: 0.8, payback_month: null },
      } as unknown as Compared['result'],
    };
    const text = narrative([only]).join('\n');
    expect(text).not.toMatch(/cheapest|hardest|best|lowest|least|No option/i);
    expect(text).toContain('Only option costs £1,000,000 over the horizon.');
    expect(text).toContain('Its benefits do not cover its cost within the horizon: NPV -£200,000 (BCR 0.80).');
  });
});
