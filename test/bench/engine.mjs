// Micro-benchmark for the projection engine: a ten-year scenario, both detail levels,
// on one core. Run by test/bench/bench.mjs, or after `npm run build` on its own:
//   node test/bench/engine.mjs
// Prints one `projections/s` line per detail level in bench.mjs's format (the target is
// for detail=metrics, what sweeps and sensitivity use) and exits 0.
import { project } from '../../dist/engine/project.js';
import { loadReference } from '../../dist/reference/load.js';

const reference = loadReference('afc-2025-26');

/** Ten-year Band 3 fixed-term scenario with two benefit streams (all defaults resolved). */
const scenario = {
  peerplan: 1,
  name: 'bench: ten-year fixed-term',
  description: '',
  reference: 'afc-2025-26',
  horizon: { start: '2026-04', years: 10 },
  employer: { type: 'nhs_trust', annual_paybill: 250000000, employment_allowance_available: 0 },
  workforce: {
    funded_wte: 10, starting_wte: 9, band: '3', pay_point: 'middle', salary: null, high_cost_area: 'outer_london',
    contract: { type: 'fixed_term', term_months: 12, renewal_probability: 0.6 }, team_size: 10,
    funding_changes: [{ from: '2029-04', funded_wte: 12 }],
  },
  supervision: {
    workers_per_supervisor: 8, hours_per_worker_per_month: 2,
    supervisor: { band: '6', pay_point: 'middle', lived_experience: false }, peer_group_supervision: false,
  },
  volunteers: { hours_per_week: 4, expenses_per_volunteer_per_year: 300, coordinator_hours_per_volunteer_per_month: 2, annual_leaver_rate: 0.3, evidence: '' },
  turnover: { annual_leaver_rate: 0.14, months_to_fill: 3.5, recruitment_cost_per_hire: 2500 },
  training: { induction_course_cost_per_starter: 1000, induction_weeks: 7, cpd_cost_per_wte_per_year: 500, backfill_share: 0.5 },
  delivery: { caseload_per_wte: 12, relationship_months: 4, sickness_absence: 0.056 },
  benefits: [
    { name: 'Avoided readmissions', basis: 'completed_episode', quantity: 0.09, unit_value: 11280, attribution: 0.5,
      deadweight: 0, lag_months: 6, drop_off: 0, cashable: 0.25, category: 'fiscal', health: false, price_year: '2024/25' },
    { name: 'Personal recovery', basis: 'completed_episode', quantity: 0.01, unit_value: 70000, attribution: 1,
      deadweight: 0.2, lag_months: 0, drop_off: 0.1, cashable: 0, category: 'social', health: true, price_year: '2026/27' },
  ],
  finance: { discount_rate: 0.035, pay_uplift: 0.033, pension: 'local', overhead_rate: 0.12, optimism_bias: 0.2, discounting: 'annual', health_discount_rate: 0.015, price_base: '2026/27', benefits_after_horizon: 'credit' },
  burnout: {
    odds_ratios: { supervision: 2, lived_experience_supervisor: 0.8, peer_group_supervision: 0.85, isolation: 1.8, insecurity: 1.52, pay: 1.3, caseload: 1.8, training: 1.2 },
    leaving_hazard_ratio: 2,
  },
};

function bench(detail, seconds) {
  let sink = 0;
  // warm up
  for (let i = 0; i < 2000; i++) sink += project(scenario, reference, { detail }).metrics.npv;
  let n = 0;
  const t0 = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  let elapsed = 0n;
  while (elapsed < limit) {
    for (let i = 0; i < 500; i++) sink += project(scenario, reference, { detail }).metrics.npv;
    n += 500;
    elapsed = process.hrtime.bigint() - t0;
  }
  const perSecond = n / (Number(elapsed) / 1e9);
  const target = detail === 'metrics' ? 100_000 : undefined;
  const name = `engine, ten-year projections/s, detail=${detail}`;
  const verdict = target === undefined ? '' : perSecond >= target ? '  ok' : '  MISSED';
  console.log(`${name.padEnd(58)} ${Math.round(perSecond).toLocaleString('en-GB').padStart(10)} /s   target ${target === undefined ? '-' : `≥ ${target.toLocaleString('en-GB')}`}${verdict}`);
  return sink;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
let sink = bench('metrics', seconds);
sink += bench('full', seconds);
if (!Number.isFinite(sink)) process.exitCode = 1;
