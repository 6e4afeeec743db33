import { describe, expect, it } from 'vitest';
import { addToSeries, newSeries, penceToPounds, poundsToPence, roundPence, roundedIncrement } from '../../src/engine/money.js';

describe('money (MODEL.md §1.4)', () => {
  it('rounds pence half away from zero, tolerating binary noise, never −0', () => {
    expect(roundPence(31452.5)).toBe(31453);
    expect(roundPence(31452.499999999996)).toBe(31453); // 0.15 × 25162 / 12 × 100 in binary
    expect(roundPence(31452.49)).toBe(31452);
    expect(roundPence(-2.5)).toBe(-3);
    expect(Object.is(roundPence(-0.2), 0)).toBe(true);
    expect(poundsToPence(4337.2956)).toBe(433730);
    expect(penceToPounds(3842441)).toBe(38424.41);
  });

  it('agrees with sign × floor(|x| + ½) everywhere, including halves and huge values', () => {
    const reference = (x: number) => {
      const r = Math.floor(Math.abs(x) + 0.5 + 1e-7);
      return r === 0 ? 0 : x < 0 ? -r : r;
    };
    const values = [0, 0.5, 1.5, 2.5, -0.5, -1.5, 1e15 + 0.5, 2 ** 51 - 0.5, 2 ** 51, 2 ** 51 + 1, 2 ** 53, 4e9 + 0.5, -4e9 - 0.5];
    let seed = 12345;
    for (let i = 0; i < 20000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648; // deterministic pseudo-random values
      const scale = 10 ** (seed % 16);
      values.push(((seed / 2147483648) - 0.3) * scale, Math.round((seed / 2147483648) * scale) + 0.5);
    }
    for (const x of values) expect(roundPence(x)).toBe(reference(x));
  });

  it('cumulative rounding: monthly amounts add to the rounded running total', () => {
    const s = newSeries();
    const months = [1 / 3, 1 / 3, 1 / 3].map((x) => addToSeries(s, x * 100)); // £1 split in three
    expect(months).toEqual([33, 34, 33]);
    expect(months.reduce((a, b) => a + b)).toBe(100);
    const r = new Float64Array(1);
    expect([roundedIncrement(r, 0, 33.4), roundedIncrement(r, 0, 66.8), roundedIncrement(r, 0, 100.2)]).toEqual([33, 34, 33]);
  });
});
