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
