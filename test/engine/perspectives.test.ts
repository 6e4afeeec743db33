import { describe, expect, it } from 'vitest';
import { gainsOf, perspectives, splitStream } from '../../src/engine/perspectives.js';
import { project } from '../../src/engine/project.js';
import { baseScenario, readmissionBenefit, recoveryBenefit, reference } from './fixtures.js';

describe('perspectives (MODEL.md §7.6)', () => {
  it('a pure-transfer stream gives social NPV = −cost exactly, and counts in full for the Exchequer', () => {
    const s = baseScenario();
    s.benefits = [{ ...readmissionBenefit(), payer: 'dwp_hmt', kind: 'transfer', transfer_share: 0, cashable: 0 }];
    const r = project(s, reference());
    const p = r.perspectives!;
    const cost = r.metrics.total_cost_optimism_adjusted;
    expect(r.metrics.total_benefit_discounted).toBeGreaterThan(0);
    expect(p.social.benefit).toBe(0);
    expect(p.social.npv).toBe(-cost);
    expect(p.commissioner.benefit).toBe(0);
    expect(p.exchequer.benefit).toBe(r.metrics.total_benefit_discounted);
    expect(p.benefit_by_kind.transfer).toBe(r.metrics.total_benefit_discounted);
  });

  it('hand-worked split: £9,800 into work, 94.2245% DWP transfer; a bed-day stream 25% cashable', () => {
    // £1,000.00 of into-work value: transfer round(100,000p × 0.942245) = 94,225p; NHS capacity 5,775p.
    expect(splitStream(gainsOf({ payer: 'nhs_provider', kind: 'capacity', transfer_share: 0.942245 }), 0, 100000)).toEqual([
      { payer: 'dwp_hmt', kind: 'transfer', pence: 94225 },
      { payer: 'nhs_provider', kind: 'capacity', pence: 5775 },
    ]);
    // £1,000.01 of bed days, 25% cashable: cash-releasing round(100,001 × 0.25) = 25,000p, capacity 75,001p.
    expect(splitStream(gainsOf({ payer: 'nhs_provider', kind: 'capacity', transfer_share: 0 }), 0.25, 100001)).toEqual([
      { payer: 'nhs_provider', kind: 'cash_releasing', pence: 25000 },
      { payer: 'nhs_provider', kind: 'capacity', pence: 75001 },
    ]);
    // Views: cost £1,500. Social = 5,775 + 25,000 + 75,001 = 105,776p (transfers out); commissioner = 25,000p;
    // Exchequer = 94,225 + 25,000 = 119,225p.
    const into = { ...recoveryBenefit(), payer: 'nhs_provider' as const, kind: 'capacity' as const, transfer_share: 0.942245, cashable: 0 };
    const bed = { ...readmissionBenefit(), payer: 'nhs_provider' as const, kind: 'capacity' as const, transfer_share: 0, cashable: 0.25 };
    const p = perspectives([into, bed], [100000, 100001], 150000);
    expect(p.social).toEqual({ benefit: 1057.76, cost: 1500, npv: -442.24, bcr: 105776 / 150000 });
    expect(p.commissioner).toEqual({ benefit: 250, cost: 1500, npv: -1250, bcr: 25000 / 150000 });
    expect(p.exchequer).toEqual({ benefit: 1192.25, cost: 1500, npv: -307.75, bcr: 119225 / 150000 });
    expect(p.benefit_by_kind).toEqual({ transfer: 942.25, cash_releasing: 250, capacity: 807.76, social: 0 });
    expect(p.benefit_by_payer).toEqual({ nhs_provider: 1057.76, icb: 0, local_authority: 0, dwp_hmt: 942.25, person: 0, society: 0 });
  });

  it('the views add up: by kind and by payer to total benefit (PV); social + transfers = total; commissioner = cashable PV', () => {
    const r = project(baseScenario(), reference());
    const p = r.perspectives!;
    const total = r.metrics.total_benefit_discounted;
    const sum = (o: Record<string, number>): number => Math.round(Object.values(o).reduce((a, b) => a + b * 100, 0));
    expect(sum(p.benefit_by_kind)).toBe(Math.round(total * 100));
    expect(sum(p.benefit_by_payer)).toBe(Math.round(total * 100));
    expect(Math.round((p.social.benefit + p.benefit_by_kind.transfer) * 100)).toBe(Math.round(total * 100));
    expect(p.social.npv).toBeCloseTo(p.social.benefit - r.metrics.total_cost_optimism_adjusted, 2);
    // Public-body streams only: the commissioner's cash-releasing savings are the cashable benefit.
    expect(p.commissioner.benefit).toBeCloseTo(r.metrics.cashable_benefit_discounted, 1);
  });
});
