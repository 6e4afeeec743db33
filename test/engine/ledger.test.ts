import { describe, expect, it } from 'vitest';
import { perspectiveLedger } from '../../src/engine/perspectives.js';
import { costByYear } from '../../src/engine/ledger.js';
import { project } from '../../src/engine/project.js';
import { baseScenario, readmissionBenefit, recoveryBenefit, reference } from './fixtures.js';

const pence = (x: number): number => Math.round(x * 100);
const sumPence = (xs: readonly number[]): number => xs.reduce((a, b) => a + pence(b), 0);

describe('who pays, who saves: the ledger (MODEL.md §7.7)', () => {
  it('hand-worked two-stream example: into-work (94.2245% DWP transfer) and bed days (25% cashable), by year', () => {
    const into = { ...recoveryBenefit(), category: 'fiscal' as const, payer: 'nhs_provider' as const, kind: 'capacity' as const, transfer_share: 0.942245, cashable: 0 };
    const bed = { ...readmissionBenefit(), category: 'fiscal' as const, payer: 'nhs_provider' as const, kind: 'capacity' as const, transfer_share: 0, cashable: 0.25 };
    // Into work: £1,000.00 in year 0, £500.00 in year 1. Bed days: £1,000.01 in year 0, £200.00 after the horizon in year 1.
    const buckets = [
      [{ k: 0, after: false, pence: 100000 }, { k: 1, after: false, pence: 50000 }],
      [{ k: 0, after: false, pence: 100001 }, { k: 1, after: true, pence: 20000 }],
    ];
    // Cost PV £1,200 and £800, optimism bias 10%: £2,200.00 in all; year 0 round(132,000p) = £1,320, year 1 the rest £880.
    const { ledger, perspectives } = perspectiveLedger([into, bed], buckets, [120000, 80000], 1.1, 220000, (k) => ['2026/27', '2027/28'][k] ?? '?');
    expect(ledger.columns).toEqual([
      { year: '2026/27', after_horizon: false },
      { year: '2027/28', after_horizon: false },
      { year: '2027/28', after_horizon: true },
    ]);
    expect(ledger.cost).toEqual({ payer: 'icb', values: [1320, 880, 0], total: 2200 });
    // Into work year 0: transfer round(100,000 × 0.942245) = 94,225p, NHS capacity 5,775p;
    // year 1: transfer round(47,112.25) = 47,112p, capacity 2,888p.
    // Bed days year 0: cash-releasing round(25,000.25) = 25,000p, capacity 75,001p; after: 5,000p and 15,000p.
    expect(ledger.benefits).toEqual([
      { payer: 'nhs_provider', category: 'fiscal', kind: 'cash_releasing', cashable: true, values: [250, 0, 50], total: 300 },
      { payer: 'nhs_provider', category: 'fiscal', kind: 'capacity', cashable: false, values: [807.76, 28.88, 150], total: 986.64 },
      { payer: 'dwp_hmt', category: 'fiscal', kind: 'transfer', cashable: true, values: [942.25, 471.12, 0], total: 1413.37 },
    ]);
    // The views are the ledger's sums: social = 300 + 986.64; commissioner = 300; Exchequer = 300 + 1,413.37.
    expect(perspectives.social).toEqual({ benefit: 1286.64, cost: 2200, npv: -913.36, bcr: 128664 / 220000 });
    expect(perspectives.commissioner).toEqual({ benefit: 300, cost: 2200, npv: -1900, bcr: 30000 / 220000 });
    expect(perspectives.exchequer).toEqual({ benefit: 1713.37, cost: 2200, npv: -486.63, bcr: 171337 / 220000 });
  });

  it('cost by year: each year × (1 + optimism bias) to the penny, the last taking the remainder', () => {
    expect(costByYear([100001, 33333], 1.05, Math.round(133334 * 1.05))).toEqual([105001, 35000]);
    expect(costByYear([], 1.05, 0)).toEqual([]);
  });

  it('a projection: rows add to each year, each stream total, each perspective and the cost with optimism bias', () => {
    const s = baseScenario();
    s.finance.optimism_bias = 0.13;
    s.benefits = [
      { ...recoveryBenefit(), transfer_share: 0.4, cashable: 0.1 },
      { ...readmissionBenefit(), cashable: 0.3, lag_months: 7 },
    ];
    const r = project(s, reference());
    const l = r.ledger!;
    const p = r.perspectives!;
    expect(sumPence(l.cost.values)).toBe(pence(r.metrics.total_cost_optimism_adjusted));
    expect(pence(l.cost.total)).toBe(pence(r.metrics.total_cost_optimism_adjusted));
    for (const row of l.benefits) expect(sumPence(row.values)).toBe(pence(row.total));
    const all = l.benefits.reduce((a, row) => a + pence(row.total), 0);
    expect(all).toBe(pence(r.metrics.total_benefit_discounted));
    // Horizon columns add to the year rows' benefit PV; the after-horizon columns to the after-horizon credit.
    l.columns.forEach((c, j) => {
      const col = l.benefits.reduce((a, row) => a + pence(row.values[j] as number), 0);
      if (!c.after_horizon) expect(col).toBe(pence(r.years.find((y) => y.year === c.year)!.appraisal.benefit_pv));
    });
    const after = l.columns.reduce((a, c, j) => a + (c.after_horizon ? l.benefits.reduce((b, row) => b + pence(row.values[j] as number), 0) : 0), 0);
    expect(after).toBe(pence(r.metrics.benefits_after_horizon_discounted));
    expect(after).toBeGreaterThan(0);
    const sumRows = (f: (row: (typeof l.benefits)[number]) => boolean): number => l.benefits.filter(f).reduce((a, row) => a + pence(row.total), 0);
    expect(sumRows((row) => row.kind !== 'transfer')).toBe(pence(p.social.benefit));
    expect(sumRows((row) => row.kind === 'cash_releasing' && (row.payer === 'nhs_provider' || row.payer === 'icb'))).toBe(pence(p.commissioner.benefit));
    expect(sumRows((row) => (row.kind === 'cash_releasing' || row.kind === 'transfer') && row.payer !== 'person' && row.payer !== 'society')).toBe(pence(p.exchequer.benefit));
    expect(pence(p.social.cost)).toBe(pence(l.cost.total));
  });
});
