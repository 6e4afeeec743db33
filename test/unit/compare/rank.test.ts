// Ranks are found by binary search (src/compare/compare.ts); they must equal the
// definition: 1 + the number of scenarios with a strictly better value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRow, type Compared } from '../../../src/compare/compare.js';
import { metricInfo, type MetricKey } from '../../../src/metrics/catalogue.js';

const items = (values: Array<number | null>, key: MetricKey): Compared[] =>
  values.map((v, i) => ({ name: `s${i}`, scenario: {} as Compared['scenario'], result: { metrics: { [key]: v } } as unknown as Compared['result'] }));

function definition(values: Array<number | null>, better: 'higher' | 'lower' | null): Array<number | null> {
  if (better === null) return values.map(() => null);
  const present = values.filter((v): v is number => v !== null);
  return values.map((v) => (v === null ? null : present.filter((o) => (better === 'higher' ? o > v : o < v)).length + 1));
}

describe('compareRow ranks', () => {
  it.each(['npv', 'total_cost'] as MetricKey[])('%s: ranks follow the definition, ties sharing a rank', (key) => {
    const value = fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(-0));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), (values) => {
        expect(compareRow(items(values, key), key, 0).ranks).toEqual(definition(values, metricInfo(key)!.better));
      }),
    );
  });
});
