/**
 * A synthetic, deterministic ResultDocument for testing the HTML report before the
 * engine produces real results: three options over 60 months (five financial years
 * 2026/27 to 2030/31) with plausible figures (costs £300k-£500k a year, burnout
 * 20-70, continuity 60-95, 5-10 WTE), a comparison built with the real comparison
 * code, and inputs with every kind of origin. The numbers are made up; only their
 * shape and scale matter.
 */
import type { ResultDocument, ScenarioDocument, InputValue } from '../../src/result/document.js';
import type { BenefitStreamResult, CostBreakdown, Metrics, MonthResult, YearResult } from '../../src/engine/result.js';
import { COST_COMPONENTS } from '../../src/engine/result.js';
import type { LeafValue } from '../../src/scenario/flatten.js';
import type { Origin } from '../../src/scenario/origin.js';
import type { Scenario } from '../../src/scenario/types.js';
import { compareScenarios, type Compared } from '../../src/compare/compare.js';
import { narrative } from '../../src/compare/narrative.js';
import { DEFAULT_COMPARE_METRICS } from '../../src/metrics/catalogue.js';
import type { TornadoInput } from '../../src/render/svg/tornado.js';

const MONTHS = 60;
const START_YEAR = 2026;
const START_MONTH = 4;
const DISCOUNT = 0.035;
const UPLIFT = 0.033;
const BENEFIT_PER_COMPLETED = 2300;

interface Spec {
  name: string;
  file: string;
  funded: number;
  inPost: (i: number) => number;
  /** Monthly pay per WTE in post, 2026/27 prices. */
  pay: number;
  supervisionPerMonth: number;
  burnout: (i: number) => number;
  continuity: (i: number) => number;
  leaverHazard: (i: number) => number;
  optimismBias: number;
  overrides: Array<[string, LeafValue, number]>;
}

const pence = (v: number): number => Math.round(v * 100) / 100;

function month(i: number): { month: string; fiscal: string } {
  const m0 = START_MONTH - 1 + i;
  const year = START_YEAR + Math.floor(m0 / 12);
  const mo = (m0 % 12) + 1;
  const fy = mo >= 4 ? year : year - 1;
  return { month: `${year}-${String(mo).padStart(2, '0')}`, fiscal: `${fy}/${String((fy + 1) % 100).padStart(2, '0')}` };
}

/** Months into the current 12-month fixed term (0-11). */
const termMonth = (i: number): number => i % 12;

const SPECS: Spec[] = [
  {
    name: 'Baseline (current team)',
    file: 'scenarios/baseline.yaml',
    funded: 6,
    inPost: (i) => 6 - 1 * Math.exp(-i / 5) - 0.35 * (0.5 + 0.5 * Math.sin(i / 4)),
    pay: 2960,
    supervisionPerMonth: 1450,
    burnout: (i) => 41 + 3 * Math.sin(i / 5) + i * 0.06,
    continuity: (i) => 0.8 - 0.03 * Math.sin(i / 6) - i * 0.0004,
    leaverHazard: (i) => 0.0125 + 0.001 * Math.sin(i / 5),
    optimismBias: 0,
    overrides: [],
  },
  {
    name: 'Band 4 permanent with peer supervision',
    file: 'scenarios/band4-permanent.yaml',
    funded: 7,
    inPost: (i) => 7 - 0.6 * Math.exp(-i / 4) - 0.15 * (0.5 + 0.5 * Math.sin(i / 3)),
    pay: 3050,
    supervisionPerMonth: 1900,
    burnout: (i) => 24 + 2 * Math.sin(i / 6) - i * 0.03,
    continuity: (i) => 0.9 + 0.02 * Math.sin(i / 7) + i * 0.0002,
    leaverHazard: (i) => 0.008 + 0.0005 * Math.sin(i / 6),
    optimismBias: 0,
    overrides: [
      ['description', 'Seven Band 4 permanent posts with a lived-experience supervisor and peer group supervision', 11],
      ['workforce.funded_wte', 7, 14],
      ['workforce.starting_wte', 6, 15],
      ['workforce.band', 4, 16],
      ['supervision.workers_per_supervisor', 7, 21],
      ['supervision.supervisor.band', 5, 23],
      ['supervision.supervisor.lived_experience', true, 23],
      ['supervision.peer_group_supervision', true, 24],
      ['turnover.annual_leaver_rate', 0.1, 27],
    ],
  },
  {
    name: 'Band 3 fixed-term (12-month grants)',
    file: 'scenarios/band3-fixed-term.yaml',
    funded: 10,
    // Half the holders leave at each grant end; posts refill over about four months.
    inPost: (i) => {
      const t = termMonth(i);
      const dip = i >= 12 ? 2.6 * Math.exp(-t / 2.2) : 0;
      return 10 - dip - (t >= 9 ? 0.25 * (t - 8) : 0);
    },
    pay: 2280,
    supervisionPerMonth: 1500,
    burnout: (i) => 44 + 22 * (termMonth(i) / 11) ** 2 + i * 0.05,
    continuity: (i) => 0.76 - 0.12 * (termMonth(i) / 11) + 0.01 * Math.sin(i),
    leaverHazard: (i) => (termMonth(i) === 11 ? 0.5 : 0.013 + 0.004 * (termMonth(i) / 11)),
    optimismBias: 0,
    overrides: [
      ['description', 'Ten Band 3 posts on 12-month fixed-term contracts, thin clinical supervision', 10],
      ['workforce.funded_wte', 10, 13],
      ['workforce.starting_wte', 10, 14],
      ['workforce.pay_point', 'bottom', 16],
      ['workforce.contract.type', 'fixed_term', 18],
      ['workforce.contract.term_months', 12, 19],
      ['workforce.contract.renewal_probability', 0.5, 20],
      ['workforce.team_size', 10, 21],
      ['supervision.workers_per_supervisor', 10, 24],
      ['supervision.hours_per_worker_per_month', 1.5, 25],
      ['supervision.supervisor.pay_point', 'bottom', 26],
    ],
  },
];

/** The baseline's inputs: [path, value, line in scenarios/baseline.yaml]. */
const BASE_INPUTS: Array<[string, LeafValue, number]> = [
  ['peerplan', 1, 8],
  ['name', 'Baseline (current team)', 9],
  ['description', 'Six Band 3 permanent posts, one vacant, clinical supervision at Band 6', 10],
  ['reference', 'afc-2025-26', 11],
  ['horizon.start', '2026-04', 12],
  ['horizon.years', 5, 12],
  ['workforce.funded_wte', 6, 15],
  ['workforce.starting_wte', 5, 16],
  ['workforce.band', 3, 17],
  ['workforce.pay_point', 'middle', 18],
  ['workforce.high_cost_area', 'none', 19],
  ['workforce.contract.type', 'permanent', 21],
  ['workforce.team_size', 6, 22],
  ['supervision.workers_per_supervisor', 8, 25],
  ['supervision.hours_per_worker_per_month', 2, 26],
  ['supervision.supervisor.band', 6, 27],
  ['supervision.supervisor.pay_point', 'middle', 27],
  ['supervision.supervisor.lived_experience', false, 27],
  ['supervision.peer_group_supervision', false, 28],
  ['turnover.annual_leaver_rate', 0.14, 31],
  ['turnover.months_to_fill', 3.5, 32],
  ['turnover.recruitment_cost_per_hire', 2500, 33],
  ['training.induction_course_cost_per_starter', 1000, 36],
  ['training.induction_weeks', 7, 37],
  ['training.cpd_cost_per_wte_per_year', 500, 38],
  ['delivery.caseload_per_wte', 12, 41],
  ['delivery.relationship_months', 4, 42],
  ['benefits[0].name', 'Avoided readmissions', 48],
  ['benefits[0].basis', 'completed_episode', 49],
  ['benefits[0].quantity', 0.09, 50],
  ['benefits[0].unit_value', 11280, 51],
  ['benefits[0].attribution', 0.5, 52],
  ['benefits[0].deadweight', 0, 53],
  ['benefits[0].lag_months', 6, 54],
  ['benefits[0].drop_off', 0, 55],
  ['benefits[0].cashable', 0.25, 56],
  ['benefits[0].category', 'fiscal', 57],
  ['benefits[1].name', 'Personal recovery (QALY proxy)', 60],
  ['benefits[1].basis', 'completed_episode', 61],
  ['benefits[1].quantity', 0.01, 62],
  ['benefits[1].unit_value', 70000, 63],
  ['benefits[1].attribution', 1, 64],
  ['benefits[1].deadweight', 0.2, 65],
  ['benefits[1].lag_months', 0, 66],
  ['benefits[1].drop_off', 0, 67],
  ['benefits[1].cashable', 0, 68],
  ['benefits[1].category', 'social', 69],
  ['finance.discount_rate', 0.035, 72],
  ['finance.pay_uplift', 0.033, 73],
  ['finance.pension', 'local', 74],
  ['finance.overhead_rate', 0.12, 75],
  ['finance.optimism_bias', 0, 76],
];

/** Inputs not written in any file: reference values, defaults, command-line changes. */
const OTHER_INPUTS: Array<[string, LeafValue, Origin]> = [
  ['turnover.sickness_absence', 0.054, { kind: 'reference', dataset: 'afc-2025-26', key: 'workforce.sickness_absence', source: 'nhs_sickness_2022' }],
  ['burnout.odds_ratios.supervision', 2, { kind: 'reference', dataset: 'afc-2025-26', key: 'burnout.odds_ratios.supervision', source: 'assumption' }],
  ['burnout.leaving_hazard_ratio', 1.5, { kind: 'default', note: 'burnt-out workers leave half as fast again (docs/SCENARIO.md)' }],
  ['delivery.backfill_share', 0, { kind: 'default', note: 'no backfill for sickness absence (docs/SCENARIO.md)' }],
  ['finance.health_discount_rate', 0.015, { kind: 'set', expression: 'finance.health_discount_rate=1.5%' }],
];

function inputsFor(spec: Spec): InputValue[] {
  const own = new Map(spec.overrides.map(([path, value, line]) => [path, { value, line }]));
  const isBaseline = spec.file === 'scenarios/baseline.yaml';
  const inputs: InputValue[] = BASE_INPUTS.map(([path, value, line]) => {
    if (path === 'name') return { path, value: spec.name, origin: { kind: 'file', file: spec.file, line: isBaseline ? line : 10, column: 7, inherited: false } };
    const override = own.get(path);
    if (override) return { path, value: override.value, origin: { kind: 'file', file: spec.file, line: override.line, column: 3, inherited: false } };
    return { path, value, origin: { kind: 'file', file: 'scenarios/baseline.yaml', line, column: 3, inherited: !isBaseline } };
  });
  for (const [path, value] of own) {
    if (!inputs.some((i) => i.path === path)) inputs.push({ path, value: value.value, origin: { kind: 'file', file: spec.file, line: 0, column: 3, inherited: false } });
  }
  for (const [path, value, origin] of OTHER_INPUTS) inputs.push({ path, value, origin });
  return inputs;
}

function emptyCost(): CostBreakdown {
  return { pay: 0, employer_ni: 0, pension: 0, levy: 0, supervision: 0, training: 0, recruitment: 0, overheads: 0, total: 0 };
}

function project(spec: Spec): ScenarioDocument {
  const months: MonthResult[] = [];
  let prevInPost = spec.inPost(0);
  for (let i = 0; i < MONTHS; i++) {
    const { month: ym, fiscal } = month(i);
    const uplift = (1 + UPLIFT) ** Math.floor(i / 12);
    const inPost = Math.min(spec.funded, spec.inPost(i));
    const hazard = spec.leaverHazard(i);
    const leavers = inPost * hazard;
    const hires = Math.max(0, inPost - prevInPost + leavers);
    prevInPost = inPost;
    const induction = Math.min(inPost, hires * 1.6);
    const productive = Math.max(0, (inPost - induction) * (1 - 0.054));
    const burnout = spec.burnout(i);
    const continuity = Math.min(0.97, Math.max(0.5, spec.continuity(i)));
    const episodes = productive * 3;
    const completed = episodes * continuity;
    const pay = spec.pay * inPost * uplift;
    const cost = emptyCost();
    cost.pay = pence(pay);
    cost.employer_ni = pence(Math.max(0, pay - inPost * 417) * 0.15);
    cost.pension = pence(pay * 0.1438);
    cost.levy = pence(pay * 0.005);
    cost.supervision = pence(spec.supervisionPerMonth * uplift);
    cost.training = pence(hires * 3485 + (inPost * 500) / 12);
    cost.recruitment = pence(hires * 2500);
    const subtotal = cost.pay + cost.employer_ni + cost.pension + cost.levy + cost.supervision + cost.training + cost.recruitment;
    cost.overheads = pence(subtotal * 0.12);
    cost.total = pence(COST_COMPONENTS.reduce((acc, k) => acc + cost[k], 0));
    // Benefits follow completed relationships with a lag of about three months.
    const lagged = months[i - 3]?.completed_episodes ?? 0;
    const benefit = pence(lagged * BENEFIT_PER_COMPLETED);
    const discount = (1 + DISCOUNT) ** -(i / 12);
    // What the funded posts would cost if always filled: no vacancies, no turnover costs.
    const fundedBudget = pence(((cost.total - cost.recruitment - cost.training) / Math.max(0.1, inPost)) * spec.funded + (spec.funded * 500) / 12);
    months.push({
      month: ym,
      index: i,
      fiscal_year: fiscal,
      funded_wte: spec.funded,
      wte_in_post: Math.round(inPost * 1000) / 1000,
      vacancies_wte: Math.round((spec.funded - inPost) * 1000) / 1000,
      wte_in_induction: Math.round(induction * 1000) / 1000,
      productive_wte: Math.round(productive * 1000) / 1000,
      leavers: Math.round(leavers * 1000) / 1000,
      hires: Math.round(hires * 1000) / 1000,
      leaver_hazard: hazard,
      burnout_risk: Math.round(burnout * 10) / 10,
      burnout_drivers: { supervision: 0.4, insecurity: spec.name.includes('fixed') ? 0.7 : 0.1, isolation: 0.3, pay: 0.5, caseload: 0.4, training: 0.2 },
      continuity_probability: Math.round(continuity * 10000) / 10000,
      episodes: Math.round(episodes * 100) / 100,
      completed_episodes: Math.round(completed * 100) / 100,
      service_user_months_lost: Math.round((spec.funded - inPost) * 12 * 100) / 100,
      funded_budget: fundedBudget,
      cost,
      benefits: { total: benefit, fiscal: pence(benefit * 0.48), economic: 0, social: pence(benefit * 0.52), cashable: pence(benefit * 0.12) },
      pay_uplift_factor: uplift,
      contract_months_remaining: spec.name.includes('fixed') ? 12 - termMonth(i) : null,
      discount_factor: discount,
      cost_discounted: pence(cost.total * discount),
      benefits_discounted: pence(benefit * discount),
    });
  }

  const years: YearResult[] = [];
  for (const fy of [...new Set(months.map((m) => m.fiscal_year))]) {
    const ms = months.filter((m) => m.fiscal_year === fy);
    const sum = (f: (m: MonthResult) => number): number => ms.reduce((acc, m) => acc + f(m), 0);
    const mean = (f: (m: MonthResult) => number): number => sum(f) / ms.length;
    const cost = emptyCost();
    for (const k of [...COST_COMPONENTS, 'total'] as const) cost[k] = pence(sum((m) => m.cost[k]));
    const benefitsTotal = pence(sum((m) => m.benefits.total));
    years.push({
      year: fy,
      months: ms.length,
      funded_budget: pence(sum((m) => m.funded_budget)),
      cost,
      cost_discounted: pence(sum((m) => m.cost_discounted)),
      funded_wte: mean((m) => m.funded_wte),
      wte_in_post: mean((m) => m.wte_in_post),
      vacancy_rate: mean((m) => m.vacancies_wte) / mean((m) => m.funded_wte),
      leavers: sum((m) => m.leavers),
      hires: sum((m) => m.hires),
      burnout_risk: mean((m) => m.burnout_risk),
      continuity: mean((m) => m.continuity_probability) * 100,
      episodes: sum((m) => m.episodes),
      completed_episodes: sum((m) => m.completed_episodes),
      benefits: {
        total: benefitsTotal,
        fiscal: pence(sum((m) => m.benefits.fiscal)),
        economic: 0,
        social: pence(sum((m) => m.benefits.social)),
        cashable: pence(sum((m) => m.benefits.cashable)),
      },
      benefits_discounted: pence(sum((m) => m.benefits_discounted)),
      net: pence(benefitsTotal - cost.total),
      appraisal: {
        price_base: '2026/27',
        deflator: 1.02 ** years.length,
        cost_real: pence(cost.total / 1.02 ** years.length),
        benefit_real: benefitsTotal,
        discount_factor: 1 / 1.035 ** years.length,
        health_discount_factor: 1 / 1.015 ** years.length,
        cost_pv: pence(sum((m) => m.cost_discounted)),
        benefit_pv: pence(sum((m) => m.benefits_discounted)),
      },
    });
  }

  const sum = (f: (m: MonthResult) => number): number => months.reduce((acc, m) => acc + f(m), 0);
  const mean = (f: (m: MonthResult) => number): number => sum(f) / months.length;
  const totalCost = pence(sum((m) => m.cost.total));
  const costPv = pence(sum((m) => m.cost_discounted));
  const benefit = pence(sum((m) => m.benefits.total));
  const benefitPv = pence(sum((m) => m.benefits_discounted));
  const episodes = sum((m) => m.episodes);
  const completed = sum((m) => m.completed_episodes);
  let cumulative = 0;
  let payback: string | null = null;
  for (const m of months) {
    cumulative += m.benefits_discounted - m.cost_discounted;
    if (payback === null && cumulative >= 0) payback = m.month;
  }
  const metrics: Metrics = {
    total_cost: totalCost,
    total_cost_real: totalCost,
    total_cost_discounted: costPv,
    total_cost_optimism_adjusted: pence(costPv * (1 + spec.optimismBias)),
    funded_budget: pence(sum((m) => m.funded_budget)),
    underspend: pence(sum((m) => m.funded_budget) - totalCost),
    total_benefit: benefit,
    total_benefit_real: benefit,
    total_benefit_discounted: benefitPv,
    benefits_after_horizon_real: 0,
    benefits_after_horizon_discounted: 0,
    cashable_benefit_discounted: pence(benefitPv * 0.12),
    npv: pence(benefitPv - costPv),
    npv_optimism_adjusted: pence(benefitPv - costPv * (1 + spec.optimismBias)),
    npv_unadjusted: pence(benefitPv - costPv),
    bcr: benefitPv / costPv,
    bcr_unadjusted: benefitPv / costPv,
    roi: (benefitPv - costPv) / costPv,
    roi_unadjusted: (benefitPv - costPv) / costPv,
    total_benefit_discounted_evidence_adjusted: benefitPv,
    npv_evidence_adjusted: pence(benefitPv - costPv * (1 + spec.optimismBias)),
    bcr_evidence_adjusted: benefitPv / (costPv * (1 + spec.optimismBias)),
    payback_month: payback,
    episodes,
    completed_episodes: completed,
    cost_per_episode: totalCost / episodes,
    cost_per_completed_episode: totalCost / completed,
    wte_in_post_mean: mean((m) => m.wte_in_post),
    vacancy_rate: mean((m) => m.vacancies_wte) / spec.funded,
    leavers: sum((m) => m.leavers),
    hires: sum((m) => m.hires),
    burnout_risk_mean: mean((m) => m.burnout_risk),
    burnout_risk_peak: Math.max(...months.map((m) => m.burnout_risk)),
    continuity: mean((m) => m.continuity_probability) * 100,
    continuity_probability: mean((m) => m.continuity_probability),
    service_user_months_lost: sum((m) => m.service_user_months_lost),
    worker_supervision_time_value: pence(sum((m) => m.wte_in_post * 2 * 16)),
  };
  const streams: BenefitStreamResult[] = [
    { name: 'Avoided readmissions', category: 'fiscal', health: false, price_year: '2026/27', total: pence(benefit * 0.48), total_real: pence(benefit * 0.48), total_discounted: pence(benefitPv * 0.48), cashable_discounted: pence(benefitPv * 0.12), after_horizon_discounted: 0, evidence: null, unit_cost: null, evidence_haircut: 0, total_discounted_evidence_adjusted: pence(benefitPv * 0.48), factors: [] },
    { name: 'Personal recovery (QALY proxy)', category: 'social', health: false, price_year: '2026/27', total: pence(benefit * 0.52), total_real: pence(benefit * 0.52), total_discounted: pence(benefitPv * 0.52), cashable_discounted: 0, after_horizon_discounted: 0, evidence: null, unit_cost: null, evidence_haircut: 0, total_discounted_evidence_adjusted: pence(benefitPv * 0.52), factors: [] },
  ];
  return {
    name: spec.name,
    file: spec.file,
    hash: `${spec.file.length.toString(16).padStart(2, '0')}3f9c2b7e1d4a5f60718293a4b5c6d7e8f90123456789abcdef0123456789ab`.slice(0, 64),
    reference: 'afc-2025-26',
    inputs: inputsFor(spec),
    appraisal: {
      price_base: '2026/27',
      deflator: { id: 'hmt-gdp-deflator-2026-03', title: 'GDP deflators at market prices, and money GDP, March 2026', vintage: 'OBR Spring forecast 3 March 2026', verified: false },
      discounting: 'annual',
      conventions: { id: 'green-book-2026', title: 'The Green Book (2026)', section: 'Annex A6, discounting' },
      discount_rate: 0.035,
      discount_rate_after_30: 0.03,
      health_discount_rate: 0.015,
      benefits_after_horizon: 'credit',
      optimism_bias: spec.optimismBias,
    },
    months,
    years,
    benefit_streams: streams,
    metrics,
  };
}

/** Builds the document; pass names to rename the options (e.g. to test escaping). */
export function fixtureDocument(options: { names?: string[]; count?: number; comparison?: boolean } = {}): ResultDocument {
  const count = options.count ?? SPECS.length;
  const scenarios = SPECS.slice(0, count).map((spec, i) => {
    const doc = project(spec);
    const name = options.names?.[i];
    return name === undefined ? doc : { ...doc, name, inputs: doc.inputs.map((input) => (input.path === 'name' ? { ...input, value: name } : input)) };
  });
  const doc: ResultDocument = { peerplan_version: '0.1.0', scenarios };
  if (options.comparison === false || scenarios.length < 2) return doc;
  const items: Compared[] = scenarios.map((s) => ({ name: s.name, scenario: scenarioOf(s), result: s }));
  const comparison = compareScenarios(items, { baseline: 0, metrics: DEFAULT_COMPARE_METRICS });
  return { ...doc, comparison: { ...comparison, narrative: narrative(items) } };
}

/** A nested scenario object rebuilt from the flat inputs (enough for input differences). */
function scenarioOf(s: ScenarioDocument): Scenario {
  const root: Record<string, unknown> = {};
  for (const { path, value } of s.inputs) {
    const keys = path.split('.').flatMap((part) => {
      const m = /^(.+)\[(\d+)\]$/.exec(part);
      return m ? [m[1] as string, Number(m[2])] : [part];
    });
    let node: Record<string | number, unknown> = root;
    keys.forEach((key, k) => {
      if (k === keys.length - 1) {
        node[key] = value;
        return;
      }
      const next = keys[k + 1];
      node[key] ??= typeof next === 'number' ? [] : {};
      node = node[key] as Record<string | number, unknown>;
    });
  }
  return root as unknown as Scenario;
}

/** A plausible tornado input: NPV of the recommended option as each input varies. */
export function fixtureTornado(): TornadoInput {
  return {
    base: 159_000,
    metric: 'npv',
    measure: 'Net present value',
    threshold: 0,
    thresholdLabel: 'NPV = £0: the decision switches',
    bars: [
      { label: 'Annual leaver rate', low: 212_000, high: 38_500, lowValueLabel: '6%', highValueLabel: '20%' },
      { label: 'Readmissions avoided per completed relationship', low: -71_000, high: 382_000, lowValueLabel: '0.03', highValueLabel: '0.15', switchValue: '0.049' },
      { label: 'Attribution to peer support (CORE vs ENRICH)', low: -119_500, high: 298_000, lowValueLabel: '0%', highValueLabel: '75%', switchValue: '21%' },
      { label: 'Months to fill a vacancy', low: 182_000, high: 116_000, lowValueLabel: '1.5', highValueLabel: '6' },
      { label: 'Pay uplift each April', low: 191_000, high: 127_800, lowValueLabel: '2%', highValueLabel: '4.5%' },
      { label: 'Discount rate', low: 173_000, high: 148_000, lowValueLabel: '1.5%', highValueLabel: '5%' },
    ],
  };
}
