import { describe, expect, it } from 'vitest';
import { combinationAt, gridSize, parseAxis } from '../../src/whatif/range.js';

describe('parseAxis', () => {
  it('parses a percentage range with a step', () => {
    expect(parseAxis('turnover.annual_leaver_rate=10%..30%:5%').values).toEqual(['10%', '15%', '20%', '25%', '30%']);
  });
  it('defaults the step to 1 in the unit written', () => {
    expect(parseAxis('workforce.funded_wte=4..8').values).toEqual(['4', '5', '6', '7', '8']);
  });
  it('does not drift with decimal steps', () => {
    expect(parseAxis('turnover.months_to_fill=0.1..0.5:0.1').values).toEqual(['0.1', '0.2', '0.3', '0.4', '0.5']);
  });
  it('stops at the last step that does not pass TO', () => {
    expect(parseAxis('x=1..2:0.4').values).toEqual(['1', '1.4', '1.8']);
  });
  it('parses a list of values, including words', () => {
    expect(parseAxis('workforce.band=3,4,5').values).toEqual(['3', '4', '5']);
    expect(parseAxis('workforce.contract.type=permanent,sessional')).toMatchObject({ path: 'workforce.contract.type', values: ['permanent', 'sessional'] });
  });
  it('rejects malformed specifications with an example', () => {
    expect(() => parseAxis('turnover.annual_leaver_rate')).toThrow(/PATH=FROM..TO/);
    expect(() => parseAxis('x=5..1')).toThrow(/FROM must not exceed TO/);
    expect(() => parseAxis('x=1..5:0')).toThrow(/STEP must be positive/);
    expect(() => parseAxis('x=10%..30')).toThrow(/same unit/);
    expect(() => parseAxis('x=a..b')).toThrow(/not a number/);
  });
});

describe('grid', () => {
  const axes = [parseAxis('a=1..3'), parseAxis('b=x,y')];
  it('counts the cartesian product', () => expect(gridSize(axes)).toBe(6));
  it('walks the grid with the last axis fastest', () => {
    expect(Array.from({ length: 6 }, (_, i) => combinationAt(axes, i))).toEqual([
      ['1', 'x'], ['1', 'y'], ['2', 'x'], ['2', 'y'], ['3', 'x'], ['3', 'y'],
    ]);
  });
});

describe('parseAxis: more ranges', () => {
  it('gives one value when FROM equals TO or STEP overshoots', () => {
    expect(parseAxis('workforce.funded_wte=6..6').values).toEqual(['6']);
    expect(parseAxis('workforce.funded_wte=6..7:5').values).toEqual(['6']);
  });
  it('defaults the step to 1% for a percentage range', () => {
    expect(parseAxis('turnover.annual_leaver_rate=10%..13%').values).toEqual(['10%', '11%', '12%', '13%']);
  });
  it('writes every value with the decimals of the most precise bound or step', () => {
    expect(parseAxis('delivery.caseload_per_wte=5..6:0.25').values).toEqual(['5', '5.25', '5.5', '5.75', '6']);
    expect(parseAxis('x=0.5..2').values).toEqual(['0.5', '1.5']);
    expect(parseAxis('turnover.annual_leaver_rate=5%..6%:0.5%').values).toEqual(['5%', '5.5%', '6%']);
  });
  it('counts a long decimal range exactly (the help example: 100 × 100 = 10,000 runs)', () => {
    const rate = parseAxis('turnover.annual_leaver_rate=5%..44.6%:0.4%');
    const caseload = parseAxis('delivery.caseload_per_wte=5..14.9:0.1');
    expect(rate.values).toHaveLength(100);
    expect(rate.values.at(-1)).toBe('44.6%');
    expect(caseload.values).toHaveLength(100);
    expect(caseload.values.at(-1)).toBe('14.9');
    expect(gridSize([rate, caseload])).toBe(10_000);
  });
  it('trims spaces and keeps the specification for messages', () => {
    expect(parseAxis(' workforce.band = 3, 4 ,5 ')).toEqual({ path: 'workforce.band', values: ['3', '4', '5'], spec: ' workforce.band = 3, 4 ,5 ' });
  });
  it('handles negative numbers and bare decimals', () => {
    expect(parseAxis('x=-1..1').values).toEqual(['-1', '0', '1']);
    expect(parseAxis('x=.5..1.5:.5').values).toEqual(['0.5', '1', '1.5']);
  });
  it('rejects an empty list item, a missing value and an axis too long to run', () => {
    expect(() => parseAxis('workforce.band=3,,4')).toThrow(/empty value/);
    expect(() => parseAxis('workforce.band=')).toThrow(/PATH=FROM..TO/);
    expect(() => parseAxis('=3,4')).toThrow(/PATH=FROM..TO/);
    expect(() => parseAxis('x=0..2000000')).toThrow(/too many/);
    expect(() => parseAxis('x=1..5:-1')).toThrow(/not a number|STEP must be positive/);
  });
});

describe('grid: size and order', () => {
  it('is 1 for no axes (the base run) and the product of the lengths otherwise', () => {
    expect(gridSize([])).toBe(1);
    expect(gridSize([parseAxis('a=1..10'), parseAxis('b=1..10'), parseAxis('c=1..10')])).toBe(1000);
  });
  it('visits every combination exactly once', () => {
    const axes = [parseAxis('a=1..4'), parseAxis('b=x,y,z'), parseAxis('c=5%..7%')];
    const seen = new Set(Array.from({ length: gridSize(axes) }, (_, i) => combinationAt(axes, i).join('|')));
    expect(seen.size).toBe(36);
    expect(combinationAt(axes, 0)).toEqual(['1', 'x', '5%']);
    expect(combinationAt(axes, 35)).toEqual(['4', 'z', '7%']);
  });
});
