import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, normalise } from '../../../src/source/did-you-mean.js';

const WORKFORCE = ['funded_wte', 'starting_wte', 'band', 'pay_point', 'salary', 'high_cost_area', 'contract', 'team_size', 'funding_changes'];

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('band', 'band')).toBe(0);
    expect(editDistance('bnad', 'band')).toBe(1);
    expect(editDistance('pay_pont', 'pay_point')).toBe(1);
    expect(editDistance('salery', 'salary')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
    );
  });

  it('stops early past a cap', () => {
    expect(editDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(3);
  });
});

describe('didYouMean', () => {
  it.each([
    ['bnad', WORKFORCE, 'band'],
    ['pay_pont', WORKFORCE, 'pay_point'],
    ['fundedwte', WORKFORCE, 'funded_wte'],
    ['Funded-WTE', WORKFORCE, 'funded_wte'],
    ['teamsize', WORKFORCE, 'team_size'],
    ['fixed-term', ['permanent', 'fixed_term', 'sessional', 'voluntary'], 'fixed_term'],
    ['Fixed term', ['permanent', 'fixed_term', 'sessional', 'voluntary'], 'fixed_term'],
    ['perm', ['permanent', 'fixed_term', 'sessional', 'voluntary'], 'permanent'],
    ['mid', ['bottom', 'middle', 'top'], 'middle'],
    ['outer london', ['none', 'fringe', 'outer_london', 'inner_london'], 'outer_london'],
    ['8A', ['2', '3', '4', '5', '6', '7', '8a'], '8a'],
    ['afc-2025-62', ['afc-2025-26'], 'afc-2025-26'],
    ['locl', ['local', 'whole_system'], 'local'],
  ])('%s → %s', (input, candidates, want) => {
    expect(didYouMean(input, candidates)).toBe(want);
  });

  it.each([
    ['workforce', WORKFORCE],
    ['x', ['band']],
    ['', WORKFORCE],
    ['cat', ['bottom', 'middle', 'top']],
    ['9', ['2', '3', '4', '5', '6', '7', '8a']],
  ])('no suggestion for %s', (input, candidates) => {
    expect(didYouMean(input, candidates)).toBeUndefined();
  });

  it('normalises case, spaces and hyphens', () => {
    expect(normalise('  Whole-System ')).toBe('whole_system');
  });

  it('only ever suggests one of the candidates', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 15 }), (input) => {
        const s = didYouMean(input, WORKFORCE);
        expect(s === undefined || WORKFORCE.includes(s)).toBe(true);
      }),
    );
  });
});
