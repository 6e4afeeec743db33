/**
 * Property tests (MODEL.md §10) over generated valid scenarios (arbitraries.ts).
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { project } from '../../src/engine/project.js';
import { COST_COMPONENTS, type ScenarioResult } from '../../src/engine/result.js';
import type { Scenario } from '../../src/scenario/types.js';
import { clone, scenarioArb, stepped } from './arbitraries.js';
import { reference } from './fixtures.js';

const ref = reference();
/** Set FC_RUNS to stress the properties (e.g. FC_RUNS=5000). */
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 150) };
vi.setConfig({ testTimeout: 120_000 });
/** Slack for floating-point ties when comparing two projections. */
const EPS = 1e-9;
const p = (pounds: number) => Math.round(pounds * 100);

function burnoutNotAbove(a: ScenarioResult, b: ScenarioResult): void {
  a.months.forEach((m, t) => expect(m.burnout_risk).toBeLessThanOrEqual(b.months[t]!.burnout_risk + EPS));
  expect(a.metrics.burnout_risk_mean).toBeLessThanOrEqual(b.metrics.burnout_risk_mean + EPS);
  expect(a.metrics.burnout_risk_peak).toBeLessThanOrEqual(b.metrics.burnout_risk_peak + EPS);
}

describe('monotonicity', () => {
  it('more supervision hours never raise burnout (every month, mean and peak)', () => {
    fc.assert(
      fc.property(scenarioArb, stepped(0, 10, 0.25), (s, extra) => {
        const more = clone(s);
        more.supervision.hours_per_worker_per_month += extra;
        burnoutNotAbove(project(more, ref), project(s, ref));
      }),
      RUNS,
    );
  });

  it('a smaller supervision span never raises burnout', () => {
    fc.assert(
      fc.property(scenarioArb, fc.double({ min: 0.05, max: 1, noNaN: true }), (s, factor) => {
        const smaller = clone(s);
        smaller.supervision.workers_per_supervisor *= factor;
        burnoutNotAbove(project(smaller, ref), project(s, ref));
      }),
      RUNS,
    );
  });

  it('a lived-experience supervisor never raises burnout', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const le = clone(s);
        le.supervision.supervisor.lived_experience = true;
        burnoutNotAbove(project(le, ref), project(s, ref));
      }),
      RUNS,
    );
  });

  it('a higher baseline leaver rate never raises continuity (or lowers burnout)', () => {
    fc.assert(
      fc.property(scenarioArb, stepped(0, 1, 0.001), (s, extra) => {
        const worse = clone(s);
        worse.turnover.annual_leaver_rate = Math.min(1, s.turnover.annual_leaver_rate + extra);
        const a = project(s, ref);
        const b = project(worse, ref);
        expect(b.metrics.continuity).toBeLessThanOrEqual(a.metrics.continuity + EPS);
        b.months.forEach((m, t) => {
          expect(m.continuity_probability).toBeLessThanOrEqual(a.months[t]!.continuity_probability + EPS);
          expect(m.burnout_risk).toBeGreaterThanOrEqual(a.months[t]!.burnout_risk - EPS);
        });
      }),
      RUNS,
    );
  });
});

describe('linearity and zero', () => {
  /** No turnover, training, supervision or growth: everyone in post stays, nobody is hired. */
  function steady(s: Scenario): Scenario {
    const x = clone(s);
    x.workforce.starting_wte = x.workforce.funded_wte;
    x.workforce.funding_changes = [];
    x.workforce.contract = { type: 'permanent', term_months: null, renewal_probability: null };
    x.turnover.annual_leaver_rate = 0;
    x.training = { induction_course_cost_per_starter: 0, induction_weeks: 0, cpd_cost_per_wte_per_year: 0, backfill_share: 0 };
    x.supervision.hours_per_worker_per_month = 0;
    // The Employment Allowance is a fixed sum per employer, so NI is linear in WTE only without it.
    x.employer.employment_allowance_available = 0;
    return x;
  }

  it('with no turnover, training or supervision, cost is linear in WTE', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 2, max: 5 }), (s0, k) => {
        const s = steady(s0);
        const big = clone(s);
        big.workforce.funded_wte *= k;
        big.workforce.starting_wte *= k;
        const a = project(s, ref).metrics;
        const b = project(big, ref).metrics;
        // Each of 8 components' running total is within half a penny of exact, in each
        // projection; discounting the monthly amounts telescopes to at most twice that.
        const slack = 8 * (k + 1);
        expect(Math.abs(p(b.total_cost) - k * p(a.total_cost))).toBeLessThanOrEqual(slack);
        expect(Math.abs(p(b.total_cost_discounted) - k * p(a.total_cost_discounted))).toBeLessThanOrEqual(2 * slack + k + 1);
        expect(Math.abs(p(b.funded_budget) - k * p(a.funded_budget))).toBeLessThanOrEqual(k + 1);
        expect(b.episodes).toBeCloseTo(k * a.episodes, 6);
      }),
      RUNS,
    );
  });

  it('zero WTE gives zero pay and zero episodes', () => {
    fc.assert(
      fc.property(scenarioArb, (s0) => {
        const s = clone(s0);
        s.workforce.funded_wte = 0;
        s.workforce.starting_wte = 0;
        s.workforce.funding_changes = s.workforce.funding_changes.map((c) => ({ ...c, funded_wte: 0 }));
        const r = project(s, ref);
        expect(r.metrics.episodes).toBe(0);
        expect(r.metrics.total_benefit).toBe(0);
        for (const k of COST_COMPONENTS) for (const y of r.years) expect(y.cost[k]).toBe(0);
        expect(r.metrics.total_cost).toBe(0);
      }),
      RUNS,
    );
  });
});

describe('exact money', () => {
  it('components add to totals exactly: months → years → metrics, streams and categories', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = project(s, ref);
        const m = r.metrics;
        for (const row of [...r.months, ...r.years]) {
          expect(p(row.cost.total)).toBe(COST_COMPONENTS.reduce((a, k) => a + p(row.cost[k]), 0));
          expect(p(row.benefits.total)).toBe(p(row.benefits.fiscal) + p(row.benefits.economic) + p(row.benefits.social));
        }
        for (const key of [...COST_COMPONENTS, 'total'] as const) {
          const months = r.months.reduce((a, x) => a + p(x.cost[key]), 0);
          const years = r.years.reduce((a, x) => a + p(x.cost[key]), 0);
          expect(years).toBe(months);
        }
        const sum = (f: (x: (typeof r.months)[number]) => number) => r.months.reduce((a, x) => a + p(f(x)), 0);
        const ysum = (f: (x: (typeof r.years)[number]) => number) => r.years.reduce((a, x) => a + p(f(x)), 0);
        expect(sum((x) => x.cost.total)).toBe(p(m.total_cost));
        expect(ysum((x) => x.cost.total)).toBe(p(m.total_cost));
        expect(sum((x) => x.cost_discounted)).toBe(p(m.total_cost_discounted));
        expect(ysum((x) => x.cost_discounted)).toBe(p(m.total_cost_discounted));
        expect(sum((x) => x.funded_budget)).toBe(p(m.funded_budget));
        expect(p(m.underspend)).toBe(p(m.funded_budget) - p(m.total_cost));
        expect(sum((x) => x.benefits.total)).toBe(p(m.total_benefit));
        expect(ysum((x) => x.benefits.total)).toBe(p(m.total_benefit));
        // The appraisal also credits benefits falling after the horizon (none with benefits_after_horizon: drop).
        const after = p(m.benefits_after_horizon_discounted);
        if (s.finance.benefits_after_horizon === 'drop') expect(after).toBe(0);
        expect(sum((x) => x.benefits_discounted) + after).toBe(p(m.total_benefit_discounted));
        expect(ysum((x) => x.benefits_discounted) + after).toBe(p(m.total_benefit_discounted));
        expect(ysum((x) => x.appraisal.benefit_pv)).toBe(ysum((x) => x.benefits_discounted));
        expect(ysum((x) => x.appraisal.cost_pv)).toBe(p(m.total_cost_discounted));
        expect(ysum((x) => x.appraisal.cost_real)).toBe(p(m.total_cost_real));
        expect(ysum((x) => x.appraisal.benefit_real) + p(m.benefits_after_horizon_real)).toBe(p(m.total_benefit_real));
        expect(r.benefit_streams.reduce((a, x) => a + p(x.total), 0)).toBe(p(m.total_benefit));
        expect(r.benefit_streams.reduce((a, x) => a + p(x.total_discounted), 0)).toBe(p(m.total_benefit_discounted));
        expect(r.benefit_streams.reduce((a, x) => a + p(x.cashable_discounted), 0)).toBe(p(m.cashable_benefit_discounted));
        expect(p(m.npv)).toBe(p(m.total_benefit_discounted) - p(m.total_cost_optimism_adjusted));
        expect(p(m.npv_unadjusted)).toBe(p(m.total_benefit_discounted) - p(m.total_cost_discounted));
        expect(r.benefit_streams.reduce((a, x) => a + p(x.total_real), 0)).toBe(p(m.total_benefit_real));
        for (const y of r.years) expect(p(y.net)).toBe(p(y.benefits.total) - p(y.cost.total));
        // Every money figure is a whole number of pence.
        for (const x of r.months) for (const k of COST_COMPONENTS) expect(Number.isInteger(p(x.cost[k]))).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('well-formed results', () => {
  function finiteEverywhere(x: unknown, path = 'result'): void {
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new Error(`${path} is ${x}`);
    } else if (Array.isArray(x)) x.forEach((v, i) => finiteEverywhere(v, `${path}[${i}]`));
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) finiteEverywhere(v, `${path}.${k}`);
  }

  it('never contains NaN or Infinity', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        finiteEverywhere(project(s, ref));
      }),
      { numRuns: 2 * RUNS.numRuns },
    );
  });

  it('stays in range: burnout 0–100, probabilities 0–1, WTE within bounds', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = project(s, ref);
        const cap = Math.max(s.workforce.starting_wte, s.workforce.funded_wte, ...s.workforce.funding_changes.map((c) => c.funded_wte));
        for (const m of r.months) {
          expect(m.burnout_risk).toBeGreaterThanOrEqual(0);
          expect(m.burnout_risk).toBeLessThanOrEqual(100);
          for (const d of Object.values(m.burnout_drivers)) expect(d > 0 && Number.isFinite(d)).toBe(true);
          expect(m.leaver_hazard >= 0 && m.leaver_hazard <= 1).toBe(true);
          expect(m.continuity_probability >= 0 && m.continuity_probability <= 1).toBe(true);
          expect(m.wte_in_post).toBeGreaterThanOrEqual(0);
          expect(m.wte_in_post).toBeLessThanOrEqual(cap + EPS);
          expect(m.wte_in_induction).toBeLessThanOrEqual(m.wte_in_post + EPS);
          expect(m.productive_wte).toBeLessThanOrEqual(m.wte_in_post + EPS);
        }
        expect(r.metrics.continuity >= 0 && r.metrics.continuity <= 100).toBe(true);
        expect(r.metrics.vacancy_rate >= 0 && r.metrics.vacancy_rate <= 1).toBe(true);
        expect(r.months).toHaveLength(Math.round(s.horizon.years * 12));
        expect(r.years.reduce((a, y) => a + y.months, 0)).toBe(r.months.length);
      }),
      RUNS,
    );
  });

  it('no oscillation: a permanent team starting fully staffed declines monotonically to its steady state', () => {
    fc.assert(
      fc.property(scenarioArb, (s0) => {
        const s = clone(s0);
        s.workforce.contract = { type: 'permanent', term_months: null, renewal_probability: null };
        s.workforce.funding_changes = [];
        s.workforce.starting_wte = s.workforce.funded_wte;
        const m = project(s, ref).months;
        for (let t = 1; t < m.length; t++) {
          expect(m[t]!.wte_in_post).toBeLessThanOrEqual(m[t - 1]!.wte_in_post + EPS);
          expect(m[t]!.burnout_risk).toBeGreaterThanOrEqual(m[t - 1]!.burnout_risk - EPS);
        }
      }),
      RUNS,
    );
  });

  it('metrics detail gives the same metrics and streams as full detail', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const full = project(s, ref);
        const fast = project(s, ref, { detail: 'metrics' });
        expect(fast.months).toEqual([]);
        expect(fast.years).toEqual([]);
        expect(JSON.stringify(fast.metrics)).toBe(JSON.stringify(full.metrics));
        expect(JSON.stringify(fast.benefit_streams)).toBe(JSON.stringify(full.benefit_streams));
      }),
      RUNS,
    );
  });
});
