/**
 * fast-check arbitraries for valid, fully resolved `Scenario`s (the engine's input).
 * Ranges are wide but inside the engine's preconditions (docs/MODEL.md §0).
 * Numbers are drawn as integers and scaled, so they are always finite, never −0 and
 * easy to read in a counterexample.
 */
import fc from 'fast-check';
import {
  BANDS,
  BENEFIT_BASES,
  BENEFIT_CATEGORIES, GAIN_KINDS, PAYERS,
  CONTRACT_TYPES,
  EMPLOYER_TYPES,
  HIGH_COST_AREAS,
  type Band,
  type Benefit,
  type PayPoint,
  type Scenario,
} from '../../src/scenario/types.js';

const POINTS: Record<Band, number> = { '2': 1, '3': 2, '4': 2, '5': 3, '6': 3, '7': 3, '8a': 3 };

/** A number in [min, max] in steps of `step`. */
export function stepped(min: number, max: number, step: number): fc.Arbitrary<number> {
  const n = Math.round((max - min) / step);
  return fc.integer({ min: 0, max: n }).map((i) => Number((min + i * step).toFixed(10)));
}

/** A fraction in [0, 1] in steps of 0.001. */
export const fraction = stepped(0, 1, 0.001);

const month = fc.record({ year: fc.integer({ min: 2024, max: 2030 }), month: fc.integer({ min: 1, max: 12 }) }).map(
  ({ year, month: m }) => `${year}-${String(m).padStart(2, '0')}`,
);

const bandAndPoint: fc.Arbitrary<{ band: Band; pay_point: PayPoint }> = fc.constantFrom(...BANDS).chain((band) =>
  fc.record({
    band: fc.constant(band),
    pay_point: fc.oneof(
      fc.constantFrom<PayPoint>('bottom', 'middle', 'top'),
      fc.integer({ min: 0, max: POINTS[band] - 1 }) as fc.Arbitrary<PayPoint>,
    ),
  }),
);

export const benefitArb: fc.Arbitrary<Benefit> = fc.record({
  name: fc.constantFrom('Avoided readmissions', 'Recovery', 'Employment'),
  effect: fc.option(fc.record({ base_rate: fraction, relative_effect: stepped(0.3, 1.5, 0.01) }), { nil: null }),
  dose_months: fc.option(stepped(0.5, 12, 0.5), { nil: null }),
  dose_sessions: fc.option(stepped(1, 20, 1), { nil: null }),
  evidence_haircut: fraction,
  basis: fc.constantFrom(...BENEFIT_BASES),
  quantity: stepped(0, 2, 0.01),
  unit_value: stepped(0, 100000, 10),
  attribution: fraction,
  deadweight: fraction,
  lag_months: fc.integer({ min: 0, max: 24 }),
  drop_off: fraction,
  cashable: fraction,
  category: fc.constantFrom(...BENEFIT_CATEGORIES),
  payer: fc.constantFrom(...PAYERS),
  kind: fc.constantFrom(...GAIN_KINDS),
  transfer_share: fc.constantFrom(0, 0.5, 0.9422),
  health: fc.boolean(),
  price_year: fc.constantFrom('2024/25', '2025/26', '2026/27'),
}).map(({ effect, ...b }) => ({
  ...b,
  evidence: null,
  unit_cost: null,
  source: '',
  base_rate: effect?.base_rate ?? null,
  relative_effect: effect?.relative_effect ?? null,
}));

/** A risk factor's odds ratio (at least 1) and a protective one's (above 0, at most 1). */
const riskOr = stepped(1, 4, 0.05);
const protectiveOr = stepped(0.05, 1, 0.05);

export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    start: month,
    years: fc.integer({ min: 1, max: 10 }),
    funded: stepped(0, 20, 0.1),
    starting: stepped(0, 20, 0.1),
    worker: bandAndPoint,
    salary: fc.option(stepped(15000, 60000, 1), { nil: null }),
    area: fc.constantFrom(...HIGH_COST_AREAS),
    type: fc.constantFrom(...CONTRACT_TYPES),
    term: fc.integer({ min: 1, max: 36 }),
    renewal: fraction,
    team: stepped(1, 20, 0.1),
    employerType: fc.constantFrom(...EMPLOYER_TYPES),
    paybill: stepped(0, 10_000_000, 1000),
    allowance: stepped(0, 10500, 50),
    volunteers: fc.record({
      hours_per_week: stepped(0, 37.5, 0.5),
      expenses_per_volunteer_per_year: stepped(0, 1000, 10),
      coordinator_hours_per_volunteer_per_month: stepped(0, 8, 0.25),
      annual_leaver_rate: fraction,
      evidence: fc.constant(''),
    }),
    changes: fc.array(fc.record({ from: month, funded_wte: stepped(0, 20, 0.1) }), { maxLength: 2 }),
    span: stepped(0.5, 15, 0.5),
    hours: stepped(0, 10, 0.25),
    supervisor: bandAndPoint,
    lived: fc.boolean(),
    peerGroup: fc.boolean(),
    leaverRate: fraction,
    monthsToFill: stepped(0, 12, 0.5),
    recruitment: stepped(0, 5000, 50),
    inductionCost: stepped(0, 5000, 5),
    inductionWeeks: stepped(0, 20, 0.5),
    cpd: stepped(0, 2000, 10),
    backfill: fraction,
    caseload: stepped(0, 30, 0.5),
    relationship: stepped(0.5, 24, 0.5),
    sickness: stepped(0, 0.3, 0.001),
    benefits: fc.array(benefitArb, { maxLength: 3 }),
    discount: stepped(0, 0.1, 0.001),
    uplift: stepped(-0.05, 0.1, 0.001),
    pension: fc.oneof(fc.constantFrom<'local' | 'whole_system' | 'lgps' | 'auto_enrolment'>('local', 'whole_system', 'lgps', 'auto_enrolment'), stepped(0, 0.3, 0.001)),
    overhead: stepped(0, 0.5, 0.01),
    optimism: stepped(0, 1, 0.01),
    discounting: fc.constantFrom('annual' as const, 'monthly' as const),
    afterHorizon: fc.constantFrom('credit' as const, 'drop' as const),
    oddsRatios: fc.record({
      supervision: riskOr,
      lived_experience_supervisor: protectiveOr,
      peer_group_supervision: protectiveOr,
      isolation: riskOr,
      insecurity: riskOr,
      pay: riskOr,
      caseload: riskOr,
      training: riskOr,
    }),
    leavingHr: stepped(1, 4, 0.05),
    absenceRatio: stepped(1, 3, 0.05),
    payElasticity: stepped(0, 2, 0.05),
    effectivenessLoss: stepped(0, 0.6, 0.01),
    isolationEffectLoss: stepped(0, 0.4, 0.01),
    supervisionEffectLoss: stepped(0, 0.4, 0.01),
    sessions: stepped(5, 60, 0.5),
  })
  .map(
    (a): Scenario => ({
      peerplan: 1,
      name: 'generated',
      description: '',
      reference: 'afc-2025-26',
      horizon: { start: a.start, years: a.years },
      employer: { type: a.employerType, annual_paybill: a.paybill, employment_allowance_available: a.allowance, employment_allowance_unused_elsewhere: false },
      workforce: {
        funded_wte: a.funded,
        starting_wte: a.starting,
        band: a.worker.band,
        pay_point: a.worker.pay_point,
        salary: a.salary,
        high_cost_area: a.area,
        contract:
          a.type === 'fixed_term'
            ? { type: a.type, term_months: a.term, renewal_probability: a.renewal }
            : { type: a.type, term_months: null, renewal_probability: null },
        team_size: a.team,
        funding_changes: a.changes,
      },
      supervision: {
        workers_per_supervisor: a.span,
        hours_per_worker_per_month: a.hours,
        supervisor: { band: a.supervisor.band, pay_point: a.supervisor.pay_point, lived_experience: a.lived },
        peer_group_supervision: a.peerGroup,
      },
      volunteers: a.volunteers,
      turnover: { annual_leaver_rate: a.leaverRate, months_to_fill: a.monthsToFill, recruitment_cost_per_hire: a.recruitment, pay_leaving_elasticity: a.payElasticity },
      training: {
        induction_course_cost_per_starter: a.inductionCost,
        induction_weeks: a.inductionWeeks,
        cpd_cost_per_wte_per_year: a.cpd,
        backfill_share: a.backfill,
      },
      delivery: { caseload_per_wte: a.caseload, relationship_months: a.relationship, sickness_absence: a.sickness, sessions_per_wte_month: a.sessions },
      benefits: a.benefits,
      finance: {
        discount_rate: a.discount,
        pay_uplift: a.uplift,
        pension: a.pension,
        overhead_rate: a.overhead,
        optimism_bias: a.optimism,
        discounting: a.discounting,
        health_discount_rate: 0.015,
        price_base: '2026/27',
        benefits_after_horizon: a.afterHorizon,
      },
      burnout: { odds_ratios: a.oddsRatios, leaving_hazard_ratio: a.leavingHr, absence_ratio: a.absenceRatio, effectiveness_loss: a.effectivenessLoss, isolation_effect_loss: a.isolationEffectLoss, supervision_effect_loss: a.supervisionEffectLoss },
    }),
  );

/** Deep copy (scenarios are plain JSON data). */
export function clone<T>(x: T): T {
  return structuredClone(x);
}
