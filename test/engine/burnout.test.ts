import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  burnoutLeavingMultiplier,
  burnoutShare,
  caseloadDriver,
  insecurityDriver,
  isolationOddsRatio,
  isolationScore,
  payDriver,
  scoreOddsRatio,
  supervisionAdequacy,
  supervisionOddsRatio,
  trainingDriver,
} from '../../src/engine/burnout.js';
import { contractTerms } from '../../src/engine/workforce.js';
import { project } from '../../src/engine/project.js';
import type { Scenario } from '../../src/scenario/types.js';
import { loadScenario } from '../../src/read/load-scenario.js';
import { clone, scenarioArb, stepped } from './arbitraries.js';
import { band3FixedTerm, baseScenario, defaultOddsRatios, reference } from './fixtures.js';

const ref = reference();
const or = defaultOddsRatios();
const params = { fixedTerm: 0.5, sessional: 0.75, voluntary: 0 };
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 100) };
vi.setConfig({ testTimeout: 120_000 });

describe('burnout driver scores (MODEL.md §3.1)', () => {
  it('supervision adequacy: min(1, hours / 4) × min(1, 6 / span)', () => {
    expect(supervisionAdequacy(1.5, 10, 4, 6)).toBeCloseTo(0.225, 14); // 0.375 × 0.6
    expect(supervisionAdequacy(2, 6, 4, 6)).toBe(0.5); // the reference team
    expect(supervisionAdequacy(8, 3, 4, 6)).toBe(1); // more than recommended earns no extra credit
    expect(supervisionAdequacy(0, 6, 4, 6)).toBe(0);
  });

  it('insecurity: permanent 0, fixed-term rising to 1 at expiry, sessional and voluntary constants', () => {
    const fixed = contractTerms({ type: 'fixed_term', term_months: 12, renewal_probability: 0.6 }, ref);
    expect([12, 4, 3, 2, 1].map((m) => insecurityDriver(fixed, m, params))).toEqual([0.5, 0.5, 2 / 3, 0.5 + 0.5 * (2 / 3), 1]);
    const other = (type: 'permanent' | 'sessional' | 'voluntary') =>
      insecurityDriver(contractTerms({ type, term_months: null, renewal_probability: null }, ref), null, params);
    expect(other('permanent')).toBe(0);
    expect(other('sessional')).toBe(0.75);
    expect(other('voluntary')).toBe(0);
  });

  it('isolation: 1 for a lone worker, 0 from a team of 6, linear (no rounding) between', () => {
    expect(isolationScore(1, 6)).toBe(1);
    expect(isolationScore(0.5, 6)).toBe(1);
    expect(isolationScore(3.5, 6)).toBe(0.5);
    expect(isolationScore(1.1, 6)).toBeCloseTo(0.98, 14); // 1.0 → 1.1 WTE moves it by 0.02, not a step
    expect(isolationScore(6, 6)).toBe(0);
    expect(isolationScore(10, 6)).toBe(0);
  });

  it('pay: 0 at the fair band (4) bottom point, 1 at the floor of the tables (Band 2); volunteers 0', () => {
    expect(payDriver(24937, 27485, 24465)).toBeCloseTo(2548 / 3020, 14); // Band 3 bottom: 0.8437
    expect(payDriver(25767.5, 27485, 24465)).toBeCloseTo(0.56870861, 8); // Band 3 middle
    expect(payDriver(27485, 27485, 24465)).toBe(0);
    expect(payDriver(24000, 27485, 24465)).toBe(1);
    expect(payDriver(null, 27485, 24465)).toBe(0); // unpaid: not low pay
  });

  it('caseload: vacancies push caseload onto caseload-carrying staff', () => {
    expect(caseloadDriver(12, 12, 10, 8, 1.5)).toBeCloseTo(0.5, 14); // 12 × 10/8 = 15 → (15/12 − 1)/0.5
    expect(caseloadDriver(12, 12, 10, 10, 1.5)).toBe(0);
    expect(caseloadDriver(18, 12, 10, 10, 1.5)).toBe(1);
    expect(caseloadDriver(12, 12, 10, 0, 1.5)).toBe(1);
    expect(caseloadDriver(12, 12, 0, 0, 1.5)).toBe(0);
    expect(caseloadDriver(12, 12, 10, 4, 1.5)).toBe(1); // vacancy pressure 12 × 10/4 = 30 saturates at score 1
  });

  it('caseload: the planned overload keeps raising the score without bound (issue 26; Aiken 2002), the vacancy pressure adds at most 1', () => {
    // Planned overload (c − 1) / 0.5: 24 per WTE is c = 2 → 2; 30 is c = 2.5 → 3; 60 is c = 5 → 8.
    expect(caseloadDriver(24, 12, 10, 10, 1.5)).toBeCloseTo(2, 14);
    expect(caseloadDriver(30, 12, 10, 10, 1.5)).toBeCloseTo(3, 14);
    expect(caseloadDriver(60, 12, 10, 10, 1.5)).toBeCloseTo(8, 14);
    // 24 per WTE with 8 of 10 carrying: planned 2, vacancy (2 × 10/8 − 2)/0.5 = 1 (the cap) → 3.
    expect(caseloadDriver(24, 12, 10, 8, 1.5)).toBeCloseTo(3, 14);
    // 18 per WTE with 9 of 10 carrying: planned 1, vacancy (1.5 × 10/9 − 1.5)/0.5 = 1/3 → 4/3.
    expect(caseloadDriver(18, 12, 10, 9, 1.5)).toBeCloseTo(1 + 1 / 3, 14);
    // Nobody carrying: the vacancy pressure's 1 on top of the planned overload.
    expect(caseloadDriver(24, 12, 10, 0, 1.5)).toBeCloseTo(3, 14);
    // Continuous at the planned caseload and monotone in the caseload.
    expect(caseloadDriver(12 + 1e-9, 12, 10, 8, 1.5)).toBeCloseTo(caseloadDriver(12, 12, 10, 8, 1.5), 6);
    let last = -1;
    for (let c = 6; c <= 60; c += 0.5) {
      const d = caseloadDriver(c, 12, 10, 8, 1.5);
      expect(d).toBeGreaterThanOrEqual(last);
      last = d;
    }
  });

  it('training: mean shortfall of induction weeks and CPD against reference', () => {
    expect(trainingDriver(7, 7, 500, 500)).toBe(0);
    expect(trainingDriver(0, 7, 0, 500)).toBe(1);
    expect(trainingDriver(3.5, 7, 500, 500)).toBe(0.25);
  });
});

describe('burnout share and its effect on leaving (MODEL.md §3.2–3.3)', () => {
  it('odds ratios act on the reference odds 0.30 / 0.70', () => {
    expect(burnoutShare(0.3, 1)).toBeCloseTo(0.3, 15);
    // odds 3/7 × 2 = 6/7 → share 6/13
    expect(burnoutShare(0.3, 2)).toBeCloseTo(6 / 13, 15);
    expect(supervisionOddsRatio(0.5, 0.5, false, or)).toBe(1); // the reference team's supervision
    expect(supervisionOddsRatio(0, 0.5, false, or)).toBeCloseTo(Math.SQRT2, 14); // none: 2^0.5
    expect(supervisionOddsRatio(1, 0.5, true, or)).toBeCloseTo(0.8 / Math.SQRT2, 14); // 2^−0.5 × 0.8
    expect(isolationOddsRatio(1, false, or)).toBeCloseTo(1.8, 14);
    expect(isolationOddsRatio(0, true, or)).toBeCloseTo(0.85, 14);
    expect(scoreOddsRatio(1.52, 0)).toBe(1);
  });

  it('leaving: 1 for the reference team, (1 + (HR − 1)B) / 1.3 otherwise', () => {
    expect(burnoutLeavingMultiplier(0.3, 0.3, 2)).toBe(1);
    expect(burnoutLeavingMultiplier(0.5, 0.3, 2)).toBeCloseTo(1.5 / 1.3, 15);
    expect(burnoutLeavingMultiplier(0.1, 0.3, 2)).toBeCloseTo(1.1 / 1.3, 15);
    expect(burnoutLeavingMultiplier(0.9, 0.3, 1)).toBe(1); // HR 1: no feedback
  });
});

/**
 * The reference NHS team (reference burnout.reference_team): permanent Band 4, a team of 6,
 * 2 hours' supervision a month at the recommended span of 6 from a supervisor without lived
 * experience, no peer group supervision, caseload 12, the reference induction and CPD.
 */
function referenceTeam(): Scenario {
  const s = baseScenario();
  s.workforce = { ...s.workforce, funded_wte: 6, starting_wte: 6, band: '4', pay_point: 'bottom', team_size: 6 };
  s.supervision = {
    workers_per_supervisor: 6,
    hours_per_worker_per_month: 2,
    supervisor: { band: '6', pay_point: 'middle', lived_experience: false },
    peer_group_supervision: false,
  };
  s.turnover = { ...s.turnover, annual_leaver_rate: 0 }; // no vacancies, so no caseload pressure
  s.training = { ...s.training, induction_weeks: 7, cpd_cost_per_wte_per_year: 500 };
  s.delivery = { ...s.delivery, caseload_per_wte: 12 };
  return s;
}

describe('calibration: the reference NHS team scores the NHS Staff Survey 2024 figure', () => {
  it('30.0% burnt out in every month, at either Band 4 point and any team of 6 or more', () => {
    for (const change of [(s: Scenario) => s, (s: Scenario) => ((s.workforce.pay_point = 'top'), s), (s: Scenario) => ((s.workforce.team_size = 12), s)]) {
      const r = project(change(referenceTeam()), ref);
      for (const m of r.months) {
        expect(m.burnout_risk).toBeCloseTo(30, 10);
        for (const d of Object.values(m.burnout_drivers)) expect(d).toBeCloseTo(1, 12);
      }
      expect(r.metrics.burnout_risk_mean).toBeCloseTo(30, 10);
    }
  });

  it('Band 3 fixed-term option, first month, by hand: 44.37%', () => {
    // supervision adequacy 1.5/4 × 6/10 = 0.225 (reference 0.5): OR 2^0.275 = 1.21012
    // insecurity outside the window: score 0.5, OR 1.52^0.5 = 1.23288
    // pay Band 3 bottom: score 2548/3020 = 0.843709, OR 1.3^0.843709 = 1.24781
    // team of 10, no vacancies yet, reference training: OR 1
    // odds 3/7 × 1.21012 × 1.23288 × 1.24781 = 0.797743 → share 0.797743 / 1.797743 = 44.3747%
    const m0 = project(band3FixedTerm(), ref).months[0]!;
    expect(m0.burnout_risk).toBeCloseTo(44.374710, 5);
    // leaving: (1 + 0.443747) / 1.3 = 1.110575 times the 14% reference-team hazard
    expect(m0.leaver_hazard).toBeCloseTo(1 - Math.pow(0.86, 1.1105747 / 12), 8);
  });

  it("the bundled options' burnout lies in the documented plausible range, 10% to 65%", async () => {
    const files = ['baseline', 'band3-fixed-term', 'band4-permanent', 'lone-peer-worker', 'scale-up', 'vcse-grant-funded'];
    for (const f of files) {
      const loaded = await loadScenario(`scenarios/${f}.yaml`);
      const r = project(loaded.loaded!.scenario, ref);
      expect(r.metrics.burnout_risk_mean, f).toBeGreaterThanOrEqual(10);
      expect(r.metrics.burnout_risk_peak, f).toBeLessThanOrEqual(65);
    }
  });

  it("Band 4's lower leaving comes from its drivers, not a hand-set rate: same 14% reference rate, fewer leavers", async () => {
    const base = (await loadScenario('scenarios/baseline.yaml')).loaded!.scenario;
    const band4 = (await loadScenario('scenarios/band4-permanent.yaml')).loaded!.scenario;
    expect(band4.turnover.annual_leaver_rate).toBe(base.turnover.annual_leaver_rate);
    const r = project(band4, ref);
    // Fully staffed at the start: B = 17.09% (odds 3/7 × 2^−0.5 × 0.8 × 0.85), so with the
    // leaving hazard ratio 1.4 (Willard-Grace 2019's OR 1.57 as a risk ratio) the hazard is
    // (1 + 0.4 × 0.1709) / (1 + 0.4 × 0.3) = 0.9539 times the reference team's; Band 4 top pay
    // (£30,162) above comparable pay (Band 4's first point, £27,485) multiplies it by
    // (27,485 / 30,162)^0.5 = 0.9546 (§2.2).
    expect(r.months[0]!.burnout_risk).toBeCloseTo(17.086150, 5);
    const pay = Math.sqrt(27485 / 30162);
    expect(r.months[0]!.leaver_hazard).toBeCloseTo(1 - Math.pow(0.86, ((1 + 0.4 * 0.1708615) / 1.12) * pay / 12), 8);
  });
});

describe('burnout is monotone and continuous (properties)', () => {
  const EPS = 1e-9;
  const mean = (s: Scenario): number => project(s, ref, { detail: 'metrics' }).metrics.burnout_risk_mean;

  it('more supervision hours never raise burnout, and a small change moves it a little', () => {
    fc.assert(
      fc.property(scenarioArb, stepped(0, 10, 0.25), (s, extra) => {
        const more = clone(s);
        more.supervision.hours_per_worker_per_month += extra;
        expect(mean(more)).toBeLessThanOrEqual(mean(s) + EPS);
        const nudged = clone(s);
        nudged.supervision.hours_per_worker_per_month += 1e-6;
        expect(Math.abs(mean(nudged) - mean(s))).toBeLessThan(1e-3);
      }),
      RUNS,
    );
  });

  it('a larger team never raises burnout, and a small change moves it a little', () => {
    fc.assert(
      fc.property(scenarioArb, stepped(0, 10, 0.1), (s, extra) => {
        const bigger = clone(s);
        bigger.workforce.team_size += extra;
        expect(mean(bigger)).toBeLessThanOrEqual(mean(s) + EPS);
        const nudged = clone(s);
        nudged.workforce.team_size += 1e-6;
        expect(Math.abs(mean(nudged) - mean(s))).toBeLessThan(1e-3);
      }),
      RUNS,
    );
  });

  /** Fully staffed at the start, no funding changes, team size the default (funded WTE, at least 1). */
  const staffed = (s0: Scenario, funded: number): Scenario => {
    const s = clone(s0);
    s.workforce.funded_wte = funded;
    s.workforce.starting_wte = funded;
    s.workforce.funding_changes = [];
    s.workforce.team_size = Math.max(1, funded);
    return s;
  };

  it('more funded WTE (fully staffed, default team size) never raises burnout, and has no step', () => {
    fc.assert(
      fc.property(scenarioArb, stepped(0.1, 20, 0.1), stepped(0, 10, 0.1), (s, funded, extra) => {
        expect(mean(staffed(s, funded + extra))).toBeLessThanOrEqual(mean(staffed(s, funded)) + 1e-7);
        expect(Math.abs(mean(staffed(s, funded + 1e-6)) - mean(staffed(s, funded)))).toBeLessThan(1e-3);
      }),
      RUNS,
    );
  });

  it('1.0 to 1.1 funded WTE moves burnout by well under a point (it jumped 7.7 points when team size was rounded up)', () => {
    const s = referenceTeam();
    const a = mean(staffed(s, 1));
    const b = mean(staffed(s, 1.1));
    expect(b).toBeLessThanOrEqual(a);
    expect(a - b).toBeLessThan(0.5);
  });
});
