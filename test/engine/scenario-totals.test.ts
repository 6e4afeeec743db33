/**
 * Each bundled scenario's headline totals, reviewed by hand once against
 * docs/MODEL.md and kept as a regression check: a change to the engine, the reference
 * data or a bundled scenario that moves any of them fails here, and the new figures
 * must be reviewed the same way before they replace these.
 *
 * The review (5 years from 2026-04, every figure from `peerplan run --format json`):
 * - First-year pay is mean WTE in post × basic salary × the 3.3% April 2026 uplift
 *   (MODEL.md §1.2, §6), checked below to the penny: e.g. the baseline's 5.4881 WTE ×
 *   Band 3 middle £25,767.50 × 1.033 = £146,082.00.
 * - NPV = discounted benefit − discounted cost and BCR = their ratio (§7.2), exactly.
 * - Burnout (§3) is the expected % of the team burnt out: 30.0 for the reference NHS team,
 *   each driver an odds ratio on the odds 3/7. Band 4 permanent, fully staffed in month
 *   0: 3/7 × 2^−0.5 (4 h supervision against the reference 2 h) × 0.8 (lived-experience
 *   supervisor) × 0.85 (peer group) = 0.2060 → 17.09%, rising to a mean of 18.0 with
 *   vacancy-driven caseload. The baseline (Band 3 middle, 2 h at span 8, one post vacant)
 *   starts at 3/7 × 2^0.125 × 1.3^0.569 × 1.8^0.4 → 40.7% and averages 37.4. Band 3's first
 *   month is 44.37% (worked in burnout.test.ts); its peak 58.9 is the last month of a term.
 * - Leaving: the scenario's 14% is the reference team's rate; burnout multiplies the hazard
 *   by (1 + B) / 1.3 (HR 2), so band 4 leaves at about 0.90 × the reference hazard (≈ 12.7%
 *   a year, where it was the author's hand-set 10.1% before) and the baseline at about
 *   1.05 ×. Leavers: mean WTE in post × 60 months × the monthly hazard (1.249% at 14%),
 *   plus term ends: band 3 loses about half of ~9.2 WTE at each of five term ends.
 * - Continuity: 100 × (1 − r)^(4/12) for permanent posts at the effective rate (§4.1):
 *   band 4 95.5 at ≈ 12.7%; the baseline 94.8. Fixed-term posts lose relationships at each
 *   term end: 78.1 with half renewed yearly (band 3), 92.9 with 70% renewed every three
 *   years (VCSE).
 * - Appraisal (§7, issue 11): real terms at 2026/27 prices, Green Book annual discounting.
 *   The baseline's £1,210,965.78 cash cost is £1,162,615.58 real (each year's cash ÷ 1.02^t,
 *   the deflator) and £1,085,173.59 PV (÷ 1.035^t by year); benefits gain from the QALY
 *   stream's 1.5% health rate, the unit values' uprating from their price years (bed day
 *   2024/25 × 1.02², QALY 2021/22 × 1.02⁵) and £39,734.79 PV of benefits after the horizon
 *   (the readmissions' 6-month lag), so its BCR is 0.88 (0.74 before issue 11).
 * - Vacancy rate: steady state about h × months_to_fill / (1 + h × months_to_fill) with
 *   the monthly hazard h (§2.2, §2.4): 4.2% at 14% and 3.5 months, so the baseline's
 *   5.3% includes its post vacant at the start; band 4's 3.5%.
 * - Issue 13 changes from the previous review: induction now costs the course (£1,000)
 *   rather than HEE's £3,485 grant (7 weeks' salary already on the payroll): band 3's 26.8
 *   hires × £2,485 × 1.12 overheads ≈ £74.7k less. The VCSE provider claims the £10,500
 *   Employment Allowance (first-year NI £1,105 instead of ≈ £11,600), pays no levy (pay
 *   bill £400k < £3m) and auto-enrolment pension on qualifying earnings: NPV −£128k → −£57k.
 * - Issue 12 re-based the benefits on the evidence library, per person supported (intention
 *   to treat) with dose scaling; costs, burnout, continuity and vacancies are unchanged. The
 *   new benefit figures were re-derived outside the engine: each stream's value per basis
 *   unit by hand from the cited facts, then × the engine's episodes (or WTE in post) per
 *   month × the Green Book annual factor of the month's financial year (the bed-day stream
 *   lagged 6 months), which reproduced the engine's stream PVs within a penny of its
 *   per-year rounding. Values per unit at 2026/27 prices (the GDP deflator's 2% a year):
 *   readmissions 0.38 × (1 − 6912/9047) × 20 bed days × 50% × £564 × 1.02² = £526.21 per
 *   person supported (CORE's 4-month dose, full at 4-month relationships); QALY 0.01 × 80% ×
 *   £70,000 × 1.02⁶ = £630.65 per person (health rate 1.5%); into work 20% × 50% × £9,800
 *   × 1.02¹⁴ / 12 = £107.76 per WTE-month in post. The baseline: £449,470.89 + £569,564.59 +
 *   £34,314.66 = £1,053,350.14 PV against £1,085,173.59 cost: BCR 0.97 (0.88 before). The
 *   options gain most where continuity was poor (band 3 fixed-term: 0.67 → 0.92), since the
 *   trials' effects already include worker changes; the VCSE option stays the only positive NPV.
 * - Issue 23 replaced the deflator's placeholder 2% a year with HM Treasury's March 2026
 *   financial-year index (2024/25 = 100; test/engine/deflator.test.ts works it). Costs do
 *   not move: the horizon and the price base are forecast years, still at an assumed 2%.
 *   The unit values uprated from before 2024/25 do: the QALY (2020/21, index 84.2485,
 *   interpolated) by 104.04 / 84.2485 = 1.234918 where it was 1.02⁶ = 1.126162, so its
 *   per-person value is 0.01 × 80% × £70,000 × 1.234918 = £691.55 (£630.65 before) and the
 *   baseline's QALY PV £569,564.59 × 1.234918 / 1.126162 = £624,568 (the engine: £624,568.56);
 *   into work (2012/13, 71.6488) by 104.04 / 71.6488 = 1.452083 where it was 1.02¹⁴ =
 *   1.319479: £34,314.66 × 1.100497 = £37,763.2 (the engine: £37,763.21). The bed day
 *   (2024/25) is unchanged (× 104.04 / 100 = 1.02²). The baseline's NPV turns positive,
 *   −£31,823.45 → +£26,629.07 (BCR 0.97 → 1.02); the VCSE option's £123,497.92 →
 *   £162,561.90. Both uprating factors rest on interpolated (unverified) index years and
 *   the QALY's unconfirmed price year: `peerplan reference --unverified` names them.
 * - Issue 23, the Employment Allowance: a team gets its share of the employer's pay bill by
 *   default. The VCSE provider's 4 WTE × £24,000 = £96,000 of a £400,000 pay bill is 24%, so
 *   £10,500 × 24% = £2,520 a year, not £10,500: NI rises by £7,980 a year (first year £1,105.40
 *   → £9,085.40), the cash cost by 5 × £7,980 × 1.15 overheads = £45,885.00 (£647,162.19 →
 *   £693,047.19) and its NPV falls from £162,561.90 to £121,269.99 (BCR 1.28 → 1.20).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadScenario } from '../../src/read/load-scenario.js';
import { loadReference } from '../../src/reference/load.js';
import { project } from '../../src/engine/project.js';
import type { Metrics } from '../../src/engine/result.js';
import { BUNDLED, ROOT } from '../cli/run-cli.js';

type Totals = Pick<
  Metrics,
  'total_cost' | 'total_cost_discounted' | 'total_benefit_discounted' | 'npv' | 'bcr' | 'continuity' | 'burnout_risk_mean' | 'burnout_risk_peak' | 'vacancy_rate' | 'leavers'
>;

interface Expected {
  totals: Totals;
  /** Basic salary at 2025/26 prices (MODEL.md §1.2), for the first-year pay check. */
  salary: number;
}

const EXPECTED: Record<string, Expected> = {
  'scenarios/band3-fixed-term.yaml': {
    salary: 24_937, // Band 3 bottom
    totals: {
      total_cost: 1_815_677.36,
      total_cost_discounted: 1_632_768.24,
      total_benefit_discounted: 1_579_807.32,
      npv: -52_960.92,
      bcr: 0.967564,
      continuity: 78.1305,
      burnout_risk_mean: 52.5914,
      burnout_risk_peak: 58.9481,
      vacancy_rate: 0.149466,
      leavers: 31.1133,
    },
  },
  'scenarios/band4-permanent.yaml': {
    salary: 30_162, // Band 4 top
    totals: {
      total_cost: 1_937_483.12,
      total_cost_discounted: 1_737_852.63,
      total_benefit_discounted: 1_503_965.64,
      npv: -233_886.99,
      bcr: 0.865416,
      continuity: 95.5378,
      burnout_risk_mean: 18.0152,
      burnout_risk_peak: 18.0931,
      vacancy_rate: 0.035434,
      leavers: 5.2526,
    },
  },
  'scenarios/baseline.yaml': {
    salary: 25_767.5, // Band 3 middle: mean of its two points
    totals: {
      total_cost: 1_210_965.78,
      total_cost_discounted: 1_085_173.59,
      total_benefit_discounted: 1_111_802.66,
      npv: 26_629.07,
      bcr: 1.024539,
      continuity: 94.8273,
      burnout_risk_mean: 37.4381,
      burnout_risk_peak: 41.1684,
      vacancy_rate: 0.052943,
      leavers: 4.4996,
    },
  },
  'scenarios/lone-peer-worker.yaml': {
    salary: 25_767.5,
    totals: {
      total_cost: 202_709.99,
      total_cost_discounted: 181_835.11,
      total_benefit_discounted: 188_100.94,
      npv: 6_265.83,
      bcr: 1.034459,
      continuity: 94.3086,
      burnout_risk_mean: 51.4747,
      burnout_risk_peak: 51.6466,
      vacancy_rate: 0.044959,
      leavers: 0.833,
    },
  },
  'scenarios/scale-up.yaml': {
    salary: 27_485, // Band 4 bottom
    totals: {
      total_cost: 2_077_821.04,
      total_cost_discounted: 1_819_681.02,
      total_benefit_discounted: 1_654_490.72,
      npv: -165_190.30,
      bcr: 0.90922,
      continuity: 95.3317,
      burnout_risk_mean: 23.5985,
      burnout_risk_peak: 31.9378,
      vacancy_rate: 0.082988,
      leavers: 6.2655,
    },
  },
  'scenarios/vcse-grant-funded.yaml': {
    salary: 24_000, // local pay, workforce.salary
    totals: {
      total_cost: 693_047.19,
      total_cost_discounted: 621_843.23,
      total_benefit_discounted: 743_113.22,
      npv: 121_269.99,
      bcr: 1.195017,
      continuity: 92.8561,
      burnout_risk_mean: 36.7705,
      burnout_risk_peak: 48.6044,
      vacancy_rate: 0.042147,
      leavers: 4.2234,
    },
  },
};

/** Decimal places each figure is kept to above (money to the penny). */
const PLACES: Record<keyof Totals, number> = {
  total_cost: 2,
  total_cost_discounted: 2,
  total_benefit_discounted: 2,
  npv: 2,
  bcr: 6,
  continuity: 4,
  burnout_risk_mean: 4,
  burnout_risk_peak: 4,
  vacancy_rate: 6,
  leavers: 4,
};

async function projected(file: string) {
  const outcome = await loadScenario(join(ROOT, file));
  expect(outcome.loaded, file).not.toBeNull();
  const scenario = outcome.loaded!.scenario;
  return project(scenario, loadReference(scenario.reference));
}

describe('bundled scenarios keep their reviewed totals', () => {
  it('covers every bundled scenario', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(BUNDLED);
  });

  it.each(Object.entries(EXPECTED))('%s', async (file, expected) => {
    const result = await projected(file);
    const m = result.metrics;
    for (const [key, want] of Object.entries(expected.totals) as Array<[keyof Totals, number]>) {
      const got = m[key];
      expect(typeof got, key).toBe('number');
      const places = PLACES[key];
      expect(Math.abs((got as number) - want), `${key}: ${got} (kept: ${want})`).toBeLessThanOrEqual(0.5 * 10 ** -places + 1e-9);
    }
    // Identities a reviewer checks first.
    expect(m.npv).toBeCloseTo(m.total_benefit_discounted - m.total_cost_discounted, 2);
    expect(m.bcr).toBeCloseTo(m.total_benefit_discounted / m.total_cost_discounted, 12);
    // First-year pay = mean WTE in post × basic salary × one 3.3% uplift (no HCAS in any bundled scenario).
    const first = result.years[0]!;
    expect(first.months).toBe(12);
    expect(result.months[0]?.pay_uplift_factor).toBe(1.033);
    expect(first.cost.pay).toBeCloseTo(first.wte_in_post * expected.salary * 1.033, 1);
  });
});
