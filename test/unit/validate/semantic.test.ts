import { describe, expect, it } from 'vitest';
import { loadReference } from '../../../src/reference/load.js';
import type { Scenario } from '../../../src/scenario/types.js';
import { checkSemantics, fundingChangesInHorizon, monthIndex, monthLabel, type RuleContext } from '../../../src/validate/semantic.js';
import { resolveScenario } from '../../../src/validate/resolve.js';

const reference = loadReference('afc-2025-26');
const base = (): Scenario =>
  resolveScenario({
    merged: Object.assign(Object.create(null) as object, { peerplan: 1, workforce: { funded_wte: 4 } }),
    chain: [],
    bad: () => false,
    referenceIds: ['afc-2025-26'],
    getReference: loadReference,
  }).scenario;

const ctx = (scenario: Scenario, given: string[] = []): RuleContext => ({
  scenario,
  reference,
  given: (p) => given.includes(p),
  usable: () => true,
});

describe('month arithmetic', () => {
  it('round-trips months without Date', () => {
    for (const m of ['2026-04', '2026-12', '2027-01', '1999-06']) expect(monthLabel(monthIndex(m))).toBe(m);
    expect(monthIndex('2027-04') - monthIndex('2026-04')).toBe(12);
  });
});

describe('funding changes', () => {
  const withChanges = (...from: string[]): Scenario => {
    const s = base();
    s.workforce.funding_changes = from.map((f, i) => ({ from: f, funded_wte: 4 + i }));
    return s;
  };
  it('accept the first and last months of the horizon', () => {
    expect(fundingChangesInHorizon(ctx(withChanges('2026-04', '2031-03')))).toEqual([]);
  });
  it('refuse a month just outside it', () => {
    expect(fundingChangesInHorizon(ctx(withChanges('2026-03'))).map((d) => d.code)).toEqual(['FUNDING_CHANGE_OUTSIDE_HORIZON']);
    expect(fundingChangesInHorizon(ctx(withChanges('2031-04'))).map((d) => d.code)).toEqual(['FUNDING_CHANGE_OUTSIDE_HORIZON']);
  });
  it('refuse two changes in the same month', () => {
    expect(fundingChangesInHorizon(ctx(withChanges('2027-04', '2027-04'))).map((d) => d.code)).toEqual(['FUNDING_CHANGES_NOT_IN_ORDER']);
  });
});

describe('rules', () => {
  it('a sensible default scenario raises nothing but NO_BENEFITS (it values no benefit streams)', () => {
    expect(checkSemantics(ctx(base())).map((d) => d.code)).toEqual(['NO_BENEFITS']);
  });
  it('skip values that are not usable', () => {
    const s = base();
    s.workforce.starting_wte = 9;
    expect(checkSemantics({ ...ctx(s, ['workforce.starting_wte']), usable: () => false })).toEqual([]);
    expect(checkSemantics(ctx(s, ['workforce.starting_wte'])).map((d) => d.code)).toEqual(['STARTING_ABOVE_FUNDED', 'NO_BENEFITS']);
  });
  it('band 2 has a single pay point', () => {
    const s = base();
    s.workforce.band = '2';
    s.workforce.pay_point = 1;
    const [d] = checkSemantics(ctx(s));
    expect(d).toMatchObject({ code: 'PAY_POINT_NOT_IN_BAND', path: 'workforce.pay_point' });
    expect(d!.message).toContain('band 2 has 1 pay point');
  });
});
