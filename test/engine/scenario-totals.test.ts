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
 * - Issue 26 (employment practice → outcomes, MODEL.md §3.3–§3.4, §5.2): burnout now acts on
 *   sickness absence (×(1 + B)/1.3, RA 2, Borritz 2006) and on the effect of support
 *   (×(1 − 0.2B)/0.94, φ 20%, an assumption around Salyers 2017), and the leaving hazard
 *   ratio is 1.4 (Willard-Grace 2019) instead of an unsourced 2. Every bundled option keeps
 *   caseload 12 and 4-month relationships: 32 / 12 × 4 = 10.7 sessions a person, above
 *   CORE's 10, so the session dose is full and moves nothing here. Checked by hand for the
 *   baseline: mean burnout 37.4% → absence about 0.056 × 1.374 / 1.3 = 5.9% (was 5.6%), so
 *   productive WTE falls about 0.3%; E about (1 − 0.0748)/0.94 = 0.984, so the two person
 *   streams fall about 1.7% (readmissions £449,470.89 → £441,697.90 PV, QALYs £569,564.59 →
 *   £559,744.11); the lower HR makes its hazard ×1.013 rather than ×1.05 (leavers 4.50 →
 *   4.37, so more WTE in post: cost +£956.29, the into-work stream +£40.78).
 *   Band 4 (B 18%): E 1.025 and absence 5.1%, benefits +2.7%; Band 3 fixed-term (B 52%): E
 *   0.953, benefits −4.9%, and fewer leavers at the lower HR. BCRs: VCSE 1.21 → 1.19,
 *   baseline 0.97 → 0.95, lone worker 0.98 → 0.93, scale-up 0.86 → 0.87, band 3 0.92 →
 *   0.87, band 4 0.82 → 0.84.
 * - Then the pay gap to comparable jobs on leaving (§2.2): hazard × (27,485 / basic)^0.5:
 *   Band 3 middle ×1.0328 (baseline leavers 4.37 → 4.51), Band 3 bottom ×1.0498, the VCSE's
 *   £24,000 ×1.0701 (4.15 → 4.35), Band 4 top ×0.9546 (5.53 → 5.29); scale-up at Band 4
 *   bottom, the comparator itself, unchanged. NPVs move by a few thousand pounds; no rank changes.
 * - Issue 26, supervision's direct effect on what support achieves (MODEL.md §3.4): the value
 *   of the person-based streams × S = (1 − 0.1 × (1 − a)) / 0.95, a = min(1, hours / 4) ×
 *   min(1, 6 / span); nothing else moves (S feeds no cost, burnout or leaving). Checked against
 *   the person-based streams' PV with κ = 0, to the penny: Band 4 and the scale-up (4 h, span
 *   6, a = 1, S = 1/0.95) +£78,806.06 and +£81,948.11; Band 3 fixed-term (1.5 h, span 10,
 *   a = 0.225, S = 0.9225/0.95) −£41,732.41; the baseline (2 h, span 8, a = 0.375, S =
 *   0.9375/0.95) −£13,859.11; the lone worker (1.5 h, span 1) −£2,040.60; the VCSE provider
 *   (3 h, span 4, a = 0.75, S = 0.975/0.95) +£17,780.73. NPVs: baseline +£5,960.04 →
 *   −£7,899.07, Band 4 −£188,935.79 → −£110,129.73, Band 3 −£135,663.49 → −£177,395.90.
 * - Issues 23 and 26 together (the figures kept below): the deflator's real outturn and the
 *   apportioned Employment Allowance (issue 23) with the employment mechanisms (issue 26).
 *   Each step was checked on its own as the notes above say; the combined totals are the
 *   engine's, and the identities below still hold.
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
      total_cost: 1_817_197.05,
      total_cost_discounted: 1_634_101.19,
      total_benefit_discounted: 1_456_705.29,
      npv: -177_395.90,
      bcr: 0.891441,
      continuity: 78.2982,
      burnout_risk_mean: 52.5323,
      burnout_risk_peak: 58.9481,
      vacancy_rate: 0.148348,
      leavers: 30.9105,
    },
  },
  'scenarios/band4-permanent.yaml': {
    salary: 30_162, // Band 4 top
    totals: {
      total_cost: 1_937_159.94,
      total_cost_discounted: 1_737_563.89,
      total_benefit_discounted: 1_627_434.16,
      npv: -110_129.73,
      bcr: 0.936618,
      continuity: 95.5097,
      burnout_risk_mean: 18.0215,
      burnout_risk_peak: 18.0995,
      vacancy_rate: 0.035658,
      leavers: 5.2856,
    },
  },
  'scenarios/baseline.yaml': {
    salary: 25_767.5, // Band 3 middle: mean of its two points
    totals: {
      total_cost: 1_210_868.24,
      total_cost_discounted: 1_085_091.85,
      total_benefit_discounted: 1_077_192.78,
      npv: -7_899.07,
      bcr: 0.99272,
      continuity: 94.811,
      burnout_risk_mean: 37.4429,
      burnout_risk_peak: 41.164,
      vacancy_rate: 0.053053,
      leavers: 4.5123,
    },
  },
  'scenarios/lone-peer-worker.yaml': {
    salary: 25_767.5,
    totals: {
      total_cost: 202_988.14,
      total_cost_discounted: 182_081.62,
      total_benefit_discounted: 159_411.64, // team factor T = 0.90 (lone worker, §3.4)
      npv: -22_669.98,
      bcr: 0.875496,
      continuity: 94.5638,
      burnout_risk_mean: 51.3783,
      burnout_risk_peak: 51.5409,
      vacancy_rate: 0.042997,
      leavers: 0.7967,
    },
  },
  'scenarios/scale-up.yaml': {
    salary: 27_485, // Band 4 bottom
    totals: {
      total_cost: 2_076_380.42,
      total_cost_discounted: 1_818_446.7,
      total_benefit_discounted: 1_696_522.44, // team factor T = 0.96 (team of 4, §3.4)
      npv: -121_924.26,
      bcr: 0.932951,
      continuity: 95.2053,
      burnout_risk_mean: 23.6277,
      burnout_risk_peak: 31.9378,
      vacancy_rate: 0.083907,
      leavers: 6.4375,
    },
  },
  'scenarios/vcse-grant-funded.yaml': {
    salary: 24_000, // local pay, workforce.salary
    totals: {
      total_cost: 692_512.04,
      total_cost_discounted: 621_365.06,
      total_benefit_discounted: 718_909.86, // team factor T = 0.96 (team of 4, §3.4)
      npv: 97_544.80,
      bcr: 1.156985,
      continuity: 92.6454,
      burnout_risk_mean: 36.8306,
      burnout_risk_peak: 48.6044,
      vacancy_rate: 0.043348,
      leavers: 4.3464,
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
