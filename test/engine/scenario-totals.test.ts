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
 * - Appraisal (§7, issue 11): real terms at 2026/27 prices, Green Book annual discounting.
 *   The baseline's £1,226,651.07 cash cost is £1,177,764.01 real (each year's cash ÷ 1.02^t,
 *   the deflator) and £1,099,461.34 PV (÷ 1.035^t by year); benefits gain from the QALY
 *   stream's 1.5% health rate, the unit values' uprating from their price years (bed day
 *   2024/25 × 1.02², QALY 2021/22 × 1.02⁵) and about £40k of benefits after the horizon
 *   (the readmissions' 6-month lag), so BCR 0.73 → 0.88.
 * - Continuity: 100 × (1 − r)^(4/12) for permanent posts with burnout at or below the
 *   30.4 baseline (§4.1): 95.10 at 14% (the baseline's 95.09 is a little lower because
 *   its first months, one post vacant, push burnout over 30.4); 96.51 at the NHS-wide
 *   10.1% (band 4). Fixed-term posts lose relationships at each term end: 77.9 with
 *   half renewed yearly (band 3), 93.0 with 70% renewed every three years (VCSE).
 * - Vacancy rate: steady state about h × months_to_fill / (1 + h × months_to_fill) with
 *   the monthly hazard h (§2.2, §2.4): 4.2% at 14% and 3.5 months, so the baseline's
 *   5.1% includes its post vacant at the start; band 4's 2.8% at 10.1%.
 * - Leavers: mean WTE in post × 60 months × the monthly hazard (1.249% at 14%), plus
 *   term ends: band 3 loses about half of ~9.2 WTE at each of five term ends (≈ 23)
 *   plus ordinary leaving (≈ 8) = 31.4; scale-up 8.79 WTE × 60 × 1.249% = 6.58.
 * - Burnout (§3): band 4 permanent has almost no modifiable driver present (Band 4 pay,
 *   permanent, a lived-experience supervisor at 4 hours and span 6, a peer group), so
 *   its index is the isolation of a team of 8 with a peer group, 15 × 1/8 × 0.5 = 0.94
 *   in month 0, rising to 2.8 with vacancy-driven caseload. The baseline's mean 29.3
 *   is the calibration point (§3.2). Band 3's peak 60.7 is the last month of a term.
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
      total_cost: 1_889_226.72,
      total_cost_discounted: 1_697_902.77,
      total_benefit_discounted: 1_084_686.72,
      npv: -613_216.05,
      bcr: 0.638839,
      continuity: 77.9283,
      burnout_risk_mean: 52.543,
      burnout_risk_peak: 60.7183,
      vacancy_rate: 0.150782,
      leavers: 31.3548,
    },
  },
  'scenarios/band4-permanent.yaml': {
    salary: 30_162, // Band 4 top
    totals: {
      total_cost: 1_959_356.85,
      total_cost_discounted: 1_757_337.35,
      total_benefit_discounted: 1_333_134.83,
      npv: -424_202.52,
      bcr: 0.758611,
      continuity: 96.5132,
      burnout_risk_mean: 2.6299,
      burnout_risk_peak: 2.7695,
      vacancy_rate: 0.027808,
      leavers: 4.1221,
    },
  },
  'scenarios/baseline.yaml': {
    salary: 25_767.5, // Band 3 middle: mean of its two points
    totals: {
      total_cost: 1_226_651.07,
      total_cost_discounted: 1_099_461.34,
      total_benefit_discounted: 962_897.47,
      npv: -136_563.87,
      bcr: 0.87579,
      continuity: 95.0876,
      burnout_risk_mean: 29.3496,
      burnout_risk_peak: 34.7859,
      vacancy_rate: 0.050958,
      leavers: 4.2788,
    },
  },
  'scenarios/lone-peer-worker.yaml': {
    salary: 25_767.5,
    totals: {
      total_cost: 205_084.32,
      total_cost_discounted: 183_956.41,
      total_benefit_discounted: 162_075.08,
      npv: -21_881.33,
      bcr: 0.881052,
      continuity: 94.5726,
      burnout_risk_mean: 41.3313,
      burnout_risk_peak: 41.557,
      vacancy_rate: 0.042906,
      leavers: 0.7951,
    },
  },
  'scenarios/scale-up.yaml': {
    salary: 27_485, // Band 4 bottom
    totals: {
      total_cost: 2_114_338.95,
      total_cost_discounted: 1_852_898.03,
      total_benefit_discounted: 1_422_922.17,
      npv: -429_975.86,
      bcr: 0.767944,
      continuity: 95.0969,
      burnout_risk_mean: 7.511,
      burnout_risk_peak: 21.875,
      vacancy_rate: 0.084695,
      leavers: 6.5849,
    },
  },
  'scenarios/vcse-grant-funded.yaml': {
    salary: 24_000, // local pay, workforce.salary
    totals: {
      total_cost: 726_612.37,
      total_cost_discounted: 651_884.91,
      total_benefit_discounted: 628_683.5,
      npv: -23_201.41,
      bcr: 0.964409,
      continuity: 93.0399,
      burnout_risk_mean: 31.5604,
      burnout_risk_peak: 48.125,
      vacancy_rate: 0.041116,
      leavers: 4.117,
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
