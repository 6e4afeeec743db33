import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPercent, parsePercent, percentProblem } from '../../../src/validate/percent.js';

describe('parsePercent', () => {
  it.each([
    [0.14, 0.14],
    ['14%', 0.14],
    ['3.3%', 0.033],
    ['3.5%', 0.035],
    ['0%', 0],
    ['100%', 1],
    [1, 1],
    [0, 0],
  ])('%s → %s', (input, want) => {
    expect(parsePercent(input)).toBe(want);
  });

  it.each([14, -0.1, '101%', '14', '14 %', ' 14%', '-5%', 'fourteen', null, true, Number.NaN, Number.POSITIVE_INFINITY])('%s is not a percentage', (input) => {
    expect(parsePercent(input)).toBeUndefined();
  });

  it('allows up to 200% where asked (optimism bias), only as a string', () => {
    expect(parsePercent('150%', 2)).toBe(1.5);
    expect(parsePercent('200%', 2)).toBe(2);
    expect(parsePercent('201%', 2)).toBeUndefined();
    expect(parsePercent(1.5, 2)).toBeUndefined();
  });

  it('"N%" is exactly the double nearest N/100, for N with up to 3 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (thousandths) => {
        const text = (thousandths / 1000).toString();
        expect(parsePercent(`${text}%`)).toBe(Number(`${text}e-2`));
        expect(Math.abs(parsePercent(`${text}%`)! - thousandths / 100_000)).toBeLessThan(1e-15);
      }),
    );
  });

  it('a fraction from 0 to 1 is itself', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (f) => {
        expect(parsePercent(f)).toBe(f);
      }),
    );
  });
});

describe('percentProblem', () => {
  it('a bare number above 1 suggests the percentage', () => {
    expect(percentProblem(14, 'turnover.annual_leaver_rate', 'annual_leaver_rate')).toMatchObject({
      code: 'PERCENT_AS_NUMBER',
      did_you_mean: '14%',
      example: 'annual_leaver_rate: 14%',
    });
  });

  it('a near miss suggests the fix', () => {
    expect(percentProblem('14 %', 'p', 'p')).toMatchObject({ code: 'INVALID_PERCENT', did_you_mean: '14%' });
    expect(percentProblem('3,5%', 'p', 'p')).toMatchObject({ code: 'INVALID_PERCENT', did_you_mean: '3.5%' });
    expect(percentProblem('14 percent', 'p', 'p')).toMatchObject({ code: 'INVALID_PERCENT', did_you_mean: '14%' });
    expect(percentProblem('007%', 'p', 'p')).toMatchObject({ code: 'INVALID_PERCENT', did_you_mean: '7%' });
    expect(percentProblem('0.14', 'p', 'p')).toMatchObject({ code: 'INVALID_PERCENT', did_you_mean: '0.14' });
  });

  it('ranges and types', () => {
    expect(percentProblem('150%', 'p', 'p')?.code).toBe('OUT_OF_RANGE');
    expect(percentProblem('150%', 'p', 'p', 2)).toBeUndefined();
    expect(percentProblem(-0.1, 'p', 'p')?.code).toBe('OUT_OF_RANGE');
    expect(percentProblem(true, 'p', 'p')?.code).toBe('WRONG_TYPE');
    expect(percentProblem(0.5, 'p', 'p')).toBeUndefined();
    expect(percentProblem('50%', 'p', 'p')).toBeUndefined();
  });

  it('formats fractions as percentages without float noise', () => {
    expect(formatPercent(0.14)).toBe('14%');
    expect(formatPercent(0.033)).toBe('3.3%');
    expect(formatPercent(14)).toBe('1400%');
  });
});
