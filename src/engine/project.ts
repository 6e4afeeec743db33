/**
 * The projection engine: `project(scenario, reference) → result`.
 *
 * A pure function: no I/O, no clock, no randomness; the same input gives byte-identical
 * JSON. It runs month by month over the horizon in the order docs/MODEL.md documents:
 *
 *   plan: derive every constant the months need (pay, hazards, static burnout drivers);
 *   pass 1 (months 0 … N−1): funded WTE → induction stock → burnout drivers and index →
 *     leaver hazard → leavers and hires → productive WTE and episodes → costs (pence);
 *   pass 2: separation hazards beyond the horizon → relationship completion probability →
 *     completed episodes → benefit streams (lagged) → discounting;
 *   pass 3: month and year rows (full detail only) and the appraisal metrics.
 *
 * The passes are separate small functions so the JIT can inline the formula helpers into
 * the monthly loops (a ten-year projection is a few thousand arithmetic steps).
 */
import { perspectiveLedger } from './perspectives.js';
import type { StreamBucket } from './ledger.js';
import type { Benefit, Scenario } from '../scenario/types.js';
import type { ReferenceData } from '../reference/types.js';
import type { AppraisalBasis, BenefitStreamResult, CostBreakdown, Metrics, MonthResult, ScenarioResult, YearResult } from './result.js';
import { fiscalYearLabel, formatYearMonth, horizonMonths, monthOfYear, parseYearMonth, upliftsInEffect } from './calendar.js';
import { penceToPounds, roundPence, roundedIncrement } from './money.js';
import {
  allowanceOffset,
  basicSalary,
  employmentTotal,
  hcasAmount,
  hourlyEmploymentCost,
  levyRate,
  lowestPayPoint,
  niContribution,
  paidHoursPerYear,
  pensionContribution,
  pensionTerms,
  upliftFactor,
  type OnCostRates,
} from './pay.js';
import {
  annualLogSurvival,
  combineHazards,
  contractMultiplier,
  contractTerms,
  fillRate,
  hazardFromLogSurvival,
  inductionMonths,
  inductionWeights,
  monthsRemaining,
  payLeavingMultiplier,
  termEndSeparation,
  type ContractTerms,
} from './workforce.js';
import {
  burnoutLeavingMultiplier,
  burnoutShare,
  effectiveness,
  sicknessAbsence,
  caseloadScale,
  overloadSlope,
  scaledCaseloadDriver,
  insecurityDriver,
  isolationOddsRatio,
  isolationScore,
  teamEffectiveness,
  supervisionEffectiveness,
  oddsRatioFromLog,
  payDriver,
  scoreOddsRatio,
  supervisionAdequacy,
  supervisionOddsRatio,
  trainingDriver,
  type InsecurityParams,
} from './burnout.js';
import { completionProbability } from './continuity.js';
import { budgetCost, levyCost, overheadsCost, payCost, perWteMonth, recruitmentCost as recruitmentLine, supervisionCost, trainingCost, workerSupervisionCost } from './costs.js';
import { deliveryShare, productiveWte, supervisionShare } from './delivery.js';
import { dropOffFactor, episodesStarted, lagMonths, streamValuation, type ContactInputs, type StreamFactor } from './benefits.js';
import { appraisalPlan, paybackIndex, priceFactor, ratioOrNull, type AppraisalPlan } from './appraisal.js';
import { checkEngineInputs } from './preconditions.js';
import { scratch } from './scratch.js';
import { recordTrace, TRACE_SERIES, type EngineTrace, type TraceSeries } from './trace.js';


export interface ProjectOptions {
  /**
   * `full` (default) fills `months` and `years`; `metrics` leaves them empty and returns
   * only `metrics` and `benefit_streams` (identical values), for fast sweeps.
   */
  detail?: 'full' | 'metrics';
  /**
   * Process variation (`simulate --process`, src/uncertainty/process.ts): draws each month's
   * leavers and hires as counts instead of taking their expected values. Absent (the
   * default), the engine is the deterministic expected-value model; given, the result is a
   * function of the inputs and the sampler's state, still with no I/O or clock.
   */
  events?: EventSampler;
}

/** --- simulate --process hook (issue 14): the only engine change the probabilistic analysis needs. --- */
export interface EventSampler {
  /** Leavers this month from `inPost` WTE, each leaving with probability `hazard`. */
  leavers(inPost: number, hazard: number): number;
  /** Hires this month into `vacant` WTE, each vacancy filled with probability `fill`. */
  hires(vacant: number, fill: number): number;
}

const MONTHS_PER_YEAR = 12;
const PENCE = 100;
/** April as a 0-based month of the year. */
const APRIL = 3;

// ---- Plan: constants derived once per projection (docs/MODEL.md §1–§3) -----------------

interface Plan {
  /** Horizon length in months. */
  N: number;
  /** Month number of the horizon start. */
  start: number;
  /** Month number of the reference tables' valid_from. */
  validFrom: number;
  /** t mod 12 of the months that are Aprils (a pay uplift may start there). */
  aprilOffset: number;
  terms: ContractTerms;
  /** Basic salary and HCAS at reference prices, the worker's (whether or not paid) and the supervisor's. */
  basic: number;
  hcas: number;
  supBasic: number;
  supHcas: number;
  /** Annual pay per WTE at reference prices (basic + HCAS); 0 for volunteers. */
  workerPay0: number;
  /** Supervisor's annual pay at reference prices (basic + HCAS). */
  supPay0: number;
  /** Employer NI, pension terms and the levy rate on pay (0.5% when the employer's pay bill is above £3m, else 0). */
  onCosts: OnCostRates;
  /** Employment Allowance available to the team each tax year (£). */
  allowance: number;
  /** Volunteers: reimbursed expenses per volunteer a month (£); 0 for paid staff. */
  expensesMonth: number;
  /** Volunteers: paid coordinator hours per volunteer a month; 0 for paid staff. */
  coordinatorHours: number;
  /** Share of a paid month in the worker's own supervision (s_sup, §5.1). */
  supShare: number;
  /** Share of a WTE's time each head spends delivering: 1 less own supervision (paid); hours / 37.5 less it (volunteers). */
  workShare: number;
  /** Capacity per head in WTE: 1 for paid staff, hours_per_week / 37.5 for volunteers. */
  capacity: number;
  payUplift: number;
  hoursYear: number;
  supHours: number;
  logSurvival: number;
  fill: number;
  inductionW: number[];
  sickness: number;
  backfill: number;
  caseload: number;
  R: number;
  cpdMonth: number;
  inductionCost: number;
  recruitmentCost: number;
  overheadRate: number;
  // burnout (§3): the static drivers' odds ratios against the reference team
  orSupervision: number;
  orIsolation: number;
  orPay: number;
  orTraining: number;
  /** Product of the static odds ratios. */
  orStatic: number;
  /** ln of the insecurity and caseload odds ratios (per unit score). */
  lnOrInsecurity: number;
  lnOrCaseload: number;
  insecurity: InsecurityParams;
  /** caseload_per_wte / planned caseload, and 1 / (overload_full − 1): the caseload score's constants. */
  caseloadScale: number;
  overloadSlope: number;
  baselineShare: number;
  leavingHazardRatio: number;
  /** §3.4 Burnout's effects on sickness absence (rate ratio) and on the effect of support (share lost). */
  absenceRatio: number;
  effectivenessLoss: number;
  /** §3.4 Effect kept by the team besides burnout: 1 − λ × isolation score. */
  teamEffect: number;
  /** §3.4 Effect kept through supervision besides burnout, relative to the reference team's. */
  supervisionEffect: number;
  /** §5.2 The inputs of the sessions-based dose. */
  contact: ContactInputs;
  /** §2.2 Leaver hazard multiplier from the pay gap to comparable jobs (1 for volunteers). */
  payLeave: number;
}

function makePlan(s: Scenario, ref: ReferenceData): Plan {
  const start = parseYearMonth(s.horizon.start);
  const wf = s.workforce;
  const sup = s.supervision;
  const vol = s.volunteers;
  const terms = contractTerms(wf.contract, ref);
  const paid = terms.type !== 'voluntary';
  const basic = basicSalary(ref, wf.band, wf.pay_point, wf.salary);
  const supBasic = basicSalary(ref, sup.supervisor.band, sup.supervisor.pay_point, null);
  const hoursYear = paidHoursPerYear(ref);
  const hoursMonth = hoursYear / MONTHS_PER_YEAR;
  const supHours = sup.hours_per_worker_per_month;
  const supShare = supervisionShare(supHours, hoursMonth);
  const hcas = hcasAmount(ref, wf.high_cost_area, basic);
  const supHcas = hcasAmount(ref, wf.high_cost_area, supBasic);
  const capacity = paid ? 1 : Math.max(0, vol.hours_per_week) / ref.pay.hours_per_week.value;
  const bd = ref.burnout.drivers;
  const or = s.burnout.odds_ratios;
  const recHours = ref.supervision.hours_per_worker_per_month.value;
  const recSpan = ref.supervision.workers_per_supervisor.value;
  // The reference team: reference supervision hours at the recommended span.
  const adequacyRef = supervisionAdequacy(ref.burnout.reference_team.supervision_hours.value, recSpan, recHours, recSpan);
  const adequacyNow = supervisionAdequacy(supHours, sup.workers_per_supervisor, recHours, recSpan);
  const fairPoints = ref.pay.bands.points[ref.burnout.fair_band.value];
  const orSupervision = supervisionOddsRatio(adequacyNow, adequacyRef, sup.supervisor.lived_experience, or);
  const orIsolation = isolationOddsRatio(isolationScore(wf.team_size, ref.burnout.reference_team.team_size.value), sup.peer_group_supervision, or);
  const orPay = scoreOddsRatio(or.pay, payDriver(paid ? basic : null, fairPoints?.[0] ?? 0, lowestPayPoint(ref).salary));
  const orTraining = scoreOddsRatio(
    or.training,
    trainingDriver(s.training.induction_weeks, ref.workforce.induction_weeks.value, s.training.cpd_cost_per_wte_per_year, ref.workforce.cpd_cost_per_wte_per_year.value),
  );
  return {
    N: horizonMonths(s.horizon.years),
    start,
    aprilOffset: (APRIL - monthOfYear(start) + MONTHS_PER_YEAR) % MONTHS_PER_YEAR,
    validFrom: parseYearMonth(ref.valid_from),
    terms,
    basic,
    hcas,
    supBasic,
    supHcas,
    workerPay0: paid ? basic + hcas : 0,
    supPay0: supBasic + supHcas,
    onCosts: {
      niRate: ref.on_costs.employer_ni_rate.value,
      niThreshold: ref.on_costs.employer_ni_threshold.value,
      pension: pensionTerms(ref, s.finance.pension),
      levy: levyRate(ref, s.employer.annual_paybill),
    },
    allowance: Math.max(0, s.employer.employment_allowance_available),
    expensesMonth: paid ? 0 : vol.expenses_per_volunteer_per_year / MONTHS_PER_YEAR,
    coordinatorHours: paid ? 0 : vol.coordinator_hours_per_volunteer_per_month,
    supShare,
    workShare: deliveryShare(capacity, supShare),
    capacity,
    payUplift: s.finance.pay_uplift,
    hoursYear,
    supHours,
    logSurvival: annualLogSurvival(paid ? s.turnover.annual_leaver_rate : vol.annual_leaver_rate),
    fill: fillRate(s.turnover.months_to_fill),
    inductionW: inductionWeights(inductionMonths(s.training.induction_weeks, ref.pay.weeks_per_year.value)),
    sickness: s.delivery.sickness_absence,
    backfill: s.training.backfill_share,
    caseload: s.delivery.caseload_per_wte,
    R: s.delivery.relationship_months,
    cpdMonth: s.training.cpd_cost_per_wte_per_year / MONTHS_PER_YEAR,
    inductionCost: s.training.induction_course_cost_per_starter,
    recruitmentCost: s.turnover.recruitment_cost_per_hire,
    overheadRate: s.finance.overhead_rate,
    orSupervision,
    orIsolation,
    orPay,
    orTraining,
    orStatic: orSupervision * orIsolation * orPay * orTraining,
    lnOrInsecurity: Math.log(or.insecurity),
    lnOrCaseload: Math.log(or.caseload),
    insecurity: {
      fixedTerm: bd.insecurity_fixed_term.value,
      sessional: bd.insecurity_sessional.value,
      voluntary: bd.insecurity_voluntary.value,
    },
    caseloadScale: caseloadScale(s.delivery.caseload_per_wte, ref.workforce.caseload_per_wte.value),
    overloadSlope: overloadSlope(bd.caseload_overload_full.value),
    baselineShare: ref.burnout.baseline_share.value,
    leavingHazardRatio: s.burnout.leaving_hazard_ratio,
    absenceRatio: s.burnout.absence_ratio,
    effectivenessLoss: s.burnout.effectiveness_loss,
    teamEffect: teamEffectiveness(isolationScore(wf.team_size, ref.burnout.reference_team.team_size.value), s.burnout.isolation_effect_loss),
    supervisionEffect: supervisionEffectiveness(adequacyNow, adequacyRef, s.burnout.supervision_effect_loss),
    contact: { sessionsPerWteMonth: s.delivery.sessions_per_wte_month, caseloadPerWte: s.delivery.caseload_per_wte },
    payLeave: payLeavingMultiplier(paid ? basic : null, fairPoints?.[0] ?? 0, s.turnover.pay_leaving_elasticity),
  };
}

/** Funded WTE for months 0 … n−1 (months before the first change use `funded_wte`; the latest change in effect wins). */
function fundedSchedule(s: Scenario, start: number, n: number, funded: Float64Array): Float64Array {
  funded.fill(s.workforce.funded_wte, 0, n);
  const list = s.workforce.funding_changes;
  if (list.length === 0) return funded;
  const changes = list
    .map((c, i) => ({ at: parseYearMonth(c.from) - start, wte: c.funded_wte, i }))
    .sort((a, b) => a.at - b.at || a.i - b.i);
  for (const c of changes) funded.fill(c.wte, Math.max(0, Math.min(n, c.at)), n);
  return funded;
}

// ---- Working buffers ------------------------------------------------------------------

/** Month-indexed working arrays (scratch.ts slots 0–9). */
interface Buffers {
  funded: Float64Array;
  /** All-cause separation probability, months 0 … N + ⌊R⌋. */
  H: Float64Array;
  /** In-post WTE at the start of each month. */
  inPost: Float64Array;
  /** WTE in induction in each month. */
  induction: Float64Array;
  hires: Float64Array;
  episodes: Float64Array;
  completed: Float64Array;
  /** §3.4 Effectiveness of support E(t) of the episodes started in each month. */
  effect: Float64Array;
  /** The appraisal's month tables (real terms, discounting), N + the longest lag long. */
  ap: AppraisalPlan;
  /** Each month's cash cost, exact pence (unrounded): the appraisal deflates and discounts it (§7). */
  costExact: Float64Array;
  /** Discounted cost by month, exact pence (unrounded), for the payback month. */
  costDiscExact: Float64Array;
  /** Discounted benefit by month (all streams), exact pence (unrounded), for the payback month. */
  benDiscExact: Float64Array;
}

/** Per-month values kept only at full detail, to build month and year rows (scratch slots 10+). */
interface Detail {
  productive: Float64Array;
  leavers: Float64Array;
  burnout: Float64Array;
  insecurity: Float64Array;
  caseload: Float64Array;
  uplift: Float64Array;
  probability: Float64Array;
  pay: Float64Array;
  employer_ni: Float64Array;
  pension: Float64Array;
  levy: Float64Array;
  supervision: Float64Array;
  training: Float64Array;
  recruitment: Float64Array;
  overheads: Float64Array;
  total: Float64Array;
  budget: Float64Array;
  benefit: Float64Array;
  fiscal: Float64Array;
  economic: Float64Array;
  social: Float64Array;
  cashable: Float64Array;
  costDisc: Float64Array;
  benDisc: Float64Array;
  /** Real-terms (price base) cost and benefit by month, whole pence. */
  costReal: Float64Array;
  benReal: Float64Array;
  /** Cumulative-rounding state (previous rounded running totals), one slot per series. */
  rounded: Float64Array;
  /** The month-indexed intermediate values `explain` reads (trace.ts; scratch slots 60+). */
  trace: TraceSeries;
}

const DETAIL_KEYS = [
  'productive', 'leavers', 'burnout', 'insecurity', 'caseload', 'uplift', 'probability',
  'pay', 'employer_ni', 'pension', 'levy', 'supervision', 'training', 'recruitment', 'overheads', 'total', 'budget',
  'benefit', 'fiscal', 'economic', 'social', 'cashable', 'costDisc', 'benDisc', 'costReal', 'benReal',
] as const satisfies readonly (keyof Detail)[];

function buffers(s: Scenario, ref: ReferenceData, plan: Plan): Buffers {
  const N = plan.N;
  let maxLag = 0;
  for (const stream of s.benefits) maxLag = Math.max(maxLag, lagMonths(stream));
  const ap = appraisalPlan(s, ref, plan.start, N + maxLag);
  return {
    ap,
    funded: fundedSchedule(s, plan.start, N + 1, scratch(0, N + 1)),
    H: scratch(1, N + Math.floor(plan.R) + 1),
    hires: scratch(2, N),
    episodes: scratch(3, N),
    completed: scratch(4, N),
    effect: scratch(42, N),
    costExact: scratch(41, N),
    costDiscExact: scratch(6, N),
    benDiscExact: scratch(7, N),
    inPost: scratch(8, N),
    induction: scratch(9, N),
  };
}

/** Cumulative-rounding slots: 10 cost series (pass 1), then 4 per benefit stream (reset per stream), then real cost. */
const ROUNDED_SLOTS = 16;
/** First scratch slot of the detail arrays (slots 0–9 are the working buffers). */
const DETAIL_SLOT = 10;
const R_BENEFIT = 10;
/** First scratch slot of the trace arrays (appraisal tables are not scratch; year sums use 54–59). */
const TRACE_SLOT = 60;
/** The cost pass's running totals (three slots from here), one element per cost component. */
const COST_SLOT = 70;
const COMPONENTS = 8;

function detailBuffers(N: number): Detail {
  const d = {} as Detail;
  DETAIL_KEYS.forEach((k, i) => {
    d[k] = scratch(DETAIL_SLOT + i, N);
  });
  d.rounded = scratch(DETAIL_SLOT + DETAIL_KEYS.length, ROUNDED_SLOTS);
  d.trace = {} as TraceSeries;
  TRACE_SERIES.forEach((k, i) => {
    d.trace[k] = scratch(TRACE_SLOT + i, N);
  });
  return d;
}

// ---- Pass 1a: workforce flow and burnout (§2–§3) --------------------------------------

interface WorkforceTotals {
  inPost: number;
  funded: number;
  vacancies: number;
  leavers: number;
  hires: number;
  burnout: number;
  burnoutPeak: number;
  serviceUserMonthsLost: number;
  /** Burnout hazard multiplier of the last month, carried beyond the horizon (§4.2). */
  lastBurnoutMult: number;
}

function workforce(plan: Plan, b: Buffers, startingWte: number, d: Detail | null, events?: EventSampler): WorkforceTotals {
  const { N, terms, workShare, capacity, logSurvival, fill, inductionW, sickness, backfill, caseload, R } = plan;
  const { orStatic, lnOrInsecurity, lnOrCaseload, baselineShare, leavingHazardRatio, absenceRatio, effectivenessLoss } = plan;
  const { funded, H, hires, episodes, inPost, induction, effect } = b;
  const nInduction = inductionW.length;

  let sumInPost = 0;
  let sumFunded = 0;
  let sumVacancies = 0;
  let sumLeavers = 0;
  let sumHires = 0;
  let sumBurnout = 0;
  let peakBurnout = 0;
  let burnoutMult = 1;
  let lastMult = -1;
  let h = 0;
  // The insecurity score repeats (constant, or the term cycle): its odds ratio is reused.
  let lastInsecurity = -1;
  let orInsecurity = 1;

  let P = startingWte; // in-post WTE at the start of the month
  for (let t = 0; t < N; t++) {
    const F = funded[t] as number;
    const Fnext = funded[t + 1] as number;

    // §2.4 Induction stock: starters hired j + 1 months ago × share of them still in induction.
    let I = 0;
    for (let j = 0; j < nInduction && j < t; j++) I += (inductionW[j] as number) * (hires[t - 1 - j] as number);
    if (I > P) I = P;
    const carrying = P - I;
    inPost[t] = P;
    induction[t] = I;

    // §3 Burnout share from the state at the start of the month: the reference odds times
    // each driver's odds ratio; the month-varying drivers are insecurity and caseload.
    const dInsecurity = insecurityDriver(terms, monthsRemaining(terms, t), plan.insecurity);
    const dCaseload = scaledCaseloadDriver(plan.caseloadScale, plan.overloadSlope, F, carrying);
    if (dInsecurity !== lastInsecurity) {
      lastInsecurity = dInsecurity;
      orInsecurity = oddsRatioFromLog(lnOrInsecurity, dInsecurity);
    }
    const orCaseload = oddsRatioFromLog(lnOrCaseload, dCaseload);
    const share = burnoutShare(baselineShare, orStatic * orInsecurity * orCaseload);
    const burnout = 100 * share;
    burnoutMult = burnoutLeavingMultiplier(share, baselineShare, leavingHazardRatio);

    // §2.2–2.3 Hazard, leavers, hires.
    const contractMult = contractMultiplier(terms, t);
    const mult = contractMult * burnoutMult * plan.payLeave;
    if (mult !== lastMult) {
      lastMult = mult;
      h = hazardFromLogSurvival(logSurvival, mult);
    }
    const termEnd = termEndSeparation(terms, t);
    const Ht = combineHazards(h, termEnd);
    H[t] = Ht;
    const leavers = events ? events.leavers(P, Ht) : P * Ht;
    const remaining = P - leavers;
    const hired = Fnext > remaining ? (events ? events.hires(Fnext - remaining, fill) : fill * (Fnext - remaining)) : 0;
    hires[t] = hired;

    // §3.4 Burnout's effects on sickness absence and on the effect of the support given.
    const sick = sicknessAbsence(sickness, share, baselineShare, absenceRatio);
    effect[t] = effectiveness(share, baselineShare, effectivenessLoss) * plan.teamEffect * plan.supervisionEffect;

    // §5.1 Delivery.
    const productive = productiveWte(carrying, I, workShare, backfill, capacity, sick);
    episodes[t] = episodesStarted(productive, caseload, R);

    const V = F > P ? F - P : 0;
    sumInPost += P;
    sumFunded += F;
    sumVacancies += V;
    sumLeavers += leavers;
    sumHires += hired;
    sumBurnout += burnout;
    if (burnout > peakBurnout) peakBurnout = burnout;
    if (d) {
      d.productive[t] = productive;
      d.leavers[t] = leavers;
      d.burnout[t] = burnout;
      d.insecurity[t] = orInsecurity;
      d.caseload[t] = orCaseload;
      d.trace.contractMultiplier[t] = contractMult;
      d.trace.burnoutMultiplier[t] = burnoutMult;
      d.trace.termEnd[t] = termEnd;
      d.trace.sickness[t] = sick;
      d.trace.effectiveness[t] = effect[t] as number;
    }
    P = remaining + hired;
  }

  return {
    inPost: sumInPost,
    funded: sumFunded,
    vacancies: sumVacancies,
    leavers: sumLeavers,
    hires: sumHires,
    burnout: sumBurnout,
    burnoutPeak: peakBurnout,
    serviceUserMonthsLost: sumVacancies * caseload,
    lastBurnoutMult: burnoutMult,
  };
}

// ---- Pass 1b: costs (§6) --------------------------------------------------------------

interface CostTotals {
  cost: CostBreakdown; // pence
  budget: number;
  workerSupervisionTime: number; // pence
}

function costs(plan: Plan, b: Buffers, d: Detail | null): CostTotals {
  const { N, onCosts, hoursYear, supHours, backfill, cpdMonth, inductionCost, recruitmentCost, overheadRate } = plan;
  const { pension, levy: levyRate } = onCosts;
  const { expensesMonth, coordinatorHours } = plan;
  const { funded, hires, inPost, induction } = b;

  // Exact running totals (pence) of each money series; for the eight cost components (in
  // COST_COMPONENTS order) also the rounded running totals and this month's whole pence
  // (cumulative rounding, money.ts). The components are rounded in one loop rather than
  // eight copies of it: the optimiser inlines the rounding once, which leaves it room to
  // inline the cost-line formulas (costs.ts) instead of calling them and boxing results.
  const exact = scratch(COST_SLOT, COMPONENTS);
  const rounded = scratch(COST_SLOT + 1, COMPONENTS);
  const month = scratch(COST_SLOT + 2, COMPONENTS);
  let cBudget = 0;
  let cWorkerSup = 0;

  // Pay-dependent rates, recomputed only when another April uplift comes into effect.
  let uplifts = -1;
  let U = 1; // uplift factor
  let A = 0; // annual pay per WTE (basic + HCAS, uplifted)
  let niA = 0; // employer NI per WTE-year, before the Employment Allowance
  let penA = 0; // employer pension per WTE-year
  let allowanceLeft = 0; // Employment Allowance left this tax year, pence
  let wteYear = 0; // employment cost per WTE-year: pay + NI + pension + levy (0 for volunteers)
  let supHourly = 0; // supervisor's hourly employment cost

  for (let t = 0; t < N; t++) {
    // The Employment Allowance is per tax year: a fresh allowance at the horizon start and each April.
    if (t === 0 || t % MONTHS_PER_YEAR === plan.aprilOffset) allowanceLeft = plan.allowance * PENCE;
    if (t === 0 || t % MONTHS_PER_YEAR === plan.aprilOffset) {
      const n = upliftsInEffect(plan.start + t, plan.validFrom);
      if (n !== uplifts) {
        uplifts = n;
        U = upliftFactor(plan.payUplift, n);
        A = plan.workerPay0 * U;
        niA = niContribution(onCosts.niRate, onCosts.niThreshold, A);
        penA = pensionContribution(pension, A);
        wteYear = employmentTotal(A, niA, penA, levyRate);
        supHourly = hourlyEmploymentCost(onCosts, plan.supPay0 * U, hoursYear);
      }
    }
    const P = inPost[t] as number;
    const I = induction[t] as number;
    const hired = hires[t] as number;

    // The month's exact amounts in pence.
    // Volunteers' pay line is their reimbursed expenses (they draw no salary).
    const payX = payCost(P, A, expensesMonth);
    const niGross = perWteMonth(P, niA);
    const offset = allowanceOffset(niGross, allowanceLeft);
    allowanceLeft -= offset;
    const niX = niGross - offset;
    const pensionX = perWteMonth(P, penA);
    const levyX = levyCost(P, levyRate, A);
    const supervisionX = supervisionCost(P, supHours, coordinatorHours, supHourly);
    const trainingX = trainingCost(hired, inductionCost, I, backfill, wteYear, P, cpdMonth);
    const recruitmentX = recruitmentLine(hired, recruitmentCost);
    const overheadsX = overheadsCost(overheadRate, payX, niX, pensionX, levyX, supervisionX, trainingX, recruitmentX);
    exact[0] = (exact[0] as number) + payX;
    exact[1] = (exact[1] as number) + niX;
    exact[2] = (exact[2] as number) + pensionX;
    exact[3] = (exact[3] as number) + levyX;
    exact[4] = (exact[4] as number) + supervisionX;
    exact[5] = (exact[5] as number) + trainingX;
    exact[6] = (exact[6] as number) + recruitmentX;
    exact[7] = (exact[7] as number) + overheadsX;

    b.costExact[t] = payX + niX + pensionX + levyX + supervisionX + trainingX + recruitmentX + overheadsX; // §7 appraisal
    cBudget += budgetCost(funded[t] as number, wteYear, expensesMonth, supHours, coordinatorHours, supHourly, cpdMonth, overheadRate);
    cWorkerSup += workerSupervisionCost(P, supHours, wteYear, hoursYear);

    if (d) {
      // The month rows: whole pence by cumulative rounding; they add (exactly: whole numbers)
      // to the month's total. Totals need no rounding month by month (money.ts): they are the
      // rounded running totals, taken after the loop at either detail.
      let totalP = 0;
      for (let i = 0; i < COMPONENTS; i++) {
        const rp = roundPence(exact[i] as number);
        const v = rp - (rounded[i] as number);
        rounded[i] = rp;
        month[i] = v;
        totalP += v;
      }
      const r = d.rounded;
      d.pay[t] = month[0] as number;
      d.employer_ni[t] = month[1] as number;
      d.pension[t] = month[2] as number;
      d.levy[t] = month[3] as number;
      d.supervision[t] = month[4] as number;
      d.training[t] = month[5] as number;
      d.recruitment[t] = month[6] as number;
      d.overheads[t] = month[7] as number;
      d.total[t] = totalP;
      d.budget[t] = roundedIncrement(r, 8, cBudget);
      d.uplift[t] = U;
      d.trace.annualPay[t] = A;
      d.trace.niPerWte[t] = niA;
      d.trace.employmentCost[t] = wteYear;
      d.trace.supervisorHourly[t] = supHourly;
    }
  }

  // Totals are the rounded running totals; the total is the sum of the rounded components.
  for (let i = 0; i < COMPONENTS; i++) rounded[i] = roundPence(exact[i] as number);
  const r = (i: number): number => rounded[i] as number;
  const cost: CostBreakdown = {
    pay: r(0),
    employer_ni: r(1),
    pension: r(2),
    levy: r(3),
    supervision: r(4),
    training: r(5),
    recruitment: r(6),
    overheads: r(7),
    total: r(0) + r(1) + r(2) + r(3) + r(4) + r(5) + r(6) + r(7),
  };
  return { cost, budget: roundPence(cBudget), workerSupervisionTime: roundPence(cWorkerSup) };
}

// ---- Pass 2: continuity and benefits ---------------------------------------------------

interface ContinuityTotals {
  episodes: number;
  completed: number;
  probability: number;
}

function continuity(plan: Plan, b: Buffers, lastBurnoutMult: number, d: Detail | null): ContinuityTotals {
  const { N, R, terms, logSurvival } = plan;
  const { H, episodes, completed } = b;
  // §4.2 Beyond the horizon: the contract cycle continues, burnout stays at its final month.
  const nH = N + Math.floor(R) + 1;
  for (let u = N; u < nH; u++) {
    H[u] = combineHazards(hazardFromLogSurvival(logSurvival, contractMultiplier(terms, u) * lastBurnoutMult * plan.payLeave), termEndSeparation(terms, u));
  }
  let sumEpisodes = 0;
  let sumCompleted = 0;
  let sumProbability = 0;
  for (let t = 0; t < N; t++) {
    const p = completionProbability(H, t, R);
    const c = (episodes[t] as number) * p;
    completed[t] = c;
    sumEpisodes += episodes[t] as number;
    sumCompleted += c;
    sumProbability += p;
    if (d) d.probability[t] = p;
  }
  return { episodes: sumEpisodes, completed: sumCompleted, probability: sumProbability };
}

interface StreamTotals {
  factors: StreamFactor[];
  /** `discounted` less the stream's evidence-grade haircut, whole pence. */
  evidenceAdjusted: number;
  /** Cash view: within the horizon, at price-base prices. */
  total: number;
  cashable: number;
  /** Appraisal (real terms at the price base, discounted), whole pence; includes benefits after the horizon when credited. */
  real: number;
  discounted: number;
  cashableDiscounted: number;
  /** The part of `real` and `discounted` that falls after the horizon's end. */
  afterReal: number;
  afterDiscounted: number;
  /** `discounted` by financial year (after-horizon months apart), whole pence: the §7.7 ledger's buckets. */
  buckets: StreamBucket[];
}

/** The appraisal by financial year (index 0 = the first), whole pence; after-horizon months apart. */
interface YearSums {
  costReal: Float64Array;
  costPv: Float64Array;
  benReal: Float64Array;
  benPv: Float64Array;
}

/** Scratch slots 54–57 (appraisal.ts no longer uses 50–53; project.ts 0–41). */
function yearSums(K: number): YearSums {
  return { costReal: scratch(54, K), costPv: scratch(55, K), benReal: scratch(56, K), benPv: scratch(57, K) };
}

/** Σ xs[0 … n−1], left to right (scratch arrays may be longer than n). */
function sum(xs: Float64Array, n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) total += xs[i] as number;
  return total;
}

/**
 * §5.2 One benefit stream. The cash view (total, cashable; detail rows) runs over months
 * 0 … N−1 at the unit value as entered; the appraisal (§7) converts it to the price base and
 * discounts it at the stream's schedule (health or standard), and also credits months
 * N … N + lag − 1 (the lagged benefit of support given inside the horizon) unless
 * finance.benefits_after_horizon is drop. Appraisal figures are rounded to the penny per
 * financial year (months by cumulative rounding restarted each year), so months add to
 * years and years to totals exactly.
 */
function benefitStream(stream: Benefit, index: number, plan: Plan, b: Buffers, d: Detail | null, ys: YearSums): StreamTotals {
  const N = plan.N;
  const { episodes, completed, inPost, benDiscExact, ap, effect } = b;
  const lag = lagMonths(stream);
  const category = d ? d[stream.category] : null;
  if (d) d.rounded.fill(0, R_BENEFIT, R_BENEFIT + 2);
  // §5.2 Value per basis unit at price-base prices, pence (benefits.ts records its factors).
  const valuation = streamValuation(stream, index, plan.R, priceFactor(ap.deflator, ap.priceBase, stream.price_year), plan.contact);
  const perEpisode = valuation.valuePerBasis * PENCE;
  const DF = stream.health ? ap.dfHealth : ap.dfStandard;
  const basis = stream.basis === 'completed_episode' ? completed : stream.basis === 'worker_year' ? inPost : episodes;
  // §3.4 Support given by a burnt-out team achieves less; WTE-years in post are not support.
  const effective = stream.basis !== 'worker_year';
  const cashShare = stream.cashable;
  const end = ap.credit ? N + lag : N;
  let cValue = 0;
  let cCash = 0;
  let cCashDisc = 0;
  // Within the current financial year (k): exact and rounded running sums of real and PV.
  let k = -1;
  let after = false;
  let yReal = 0;
  let yDisc = 0;
  let rReal = 0;
  let rDisc = 0;
  // Kept outside the loop's variables: a closure over them would keep them off the registers.
  const totals: StreamYearTotals = { real: 0, discounted: 0, afterReal: 0, afterDiscounted: 0, buckets: [] };
  let drop = 1;
  for (let u = lag; u < end; u++) {
    const kk = Math.floor((u + ap.offset) / MONTHS_PER_YEAR);
    if (kk !== k || (!after && u >= N)) {
      closeStreamYear(ys, k, after, yReal, yDisc, totals);
      k = kk;
      after = u >= N;
      yReal = yDisc = rReal = rDisc = 0;
    }
    if (u % MONTHS_PER_YEAR === 0 || u === lag) drop = dropOffFactor(stream.drop_off, u);
    const t = u - lag;
    const valueX = (effective ? (basis[t] as number) * (effect[t] as number) : (basis[t] as number)) * perEpisode * drop;
    // The unit value is already at price-base prices: the cash view and real terms agree.
    const realX = valueX;
    const df = DF[u] as number;
    const discX = realX * df;
    yReal += realX;
    yDisc += discX;
    cCashDisc += realX * cashShare * df;
    if (after) continue;
    const cashX = valueX * cashShare;
    cValue += valueX;
    cCash += cashX;
    benDiscExact[u] = (benDiscExact[u] as number) + discX;
    if (d && category) {
      const r = d.rounded;
      const v = roundedIncrement(r, R_BENEFIT, cValue);
      d.benefit[u] = (d.benefit[u] as number) + v;
      category[u] = (category[u] as number) + v;
      d.cashable[u] = (d.cashable[u] as number) + roundedIncrement(r, R_BENEFIT + 1, cCash);
      let rp = roundPence(yReal);
      d.benReal[u] = (d.benReal[u] as number) + rp - rReal;
      rReal = rp;
      rp = roundPence(yDisc);
      d.benDisc[u] = (d.benDisc[u] as number) + rp - rDisc;
      rDisc = rp;
    }
  }
  closeStreamYear(ys, k, after, yReal, yDisc, totals);
  return {
    factors: valuation.factors,
    evidenceAdjusted: roundPence(totals.discounted * (1 - stream.evidence_haircut)),
    total: roundPence(cValue),
    cashable: roundPence(cCash),
    real: totals.real,
    discounted: totals.discounted,
    cashableDiscounted: roundPence(cCashDisc),
    afterReal: totals.afterReal,
    afterDiscounted: totals.afterDiscounted,
    buckets: totals.buckets,
  };
}

interface StreamYearTotals {
  real: number;
  discounted: number;
  afterReal: number;
  afterDiscounted: number;
  buckets: StreamBucket[];
}

/** Ends a stream's financial year (or its after-horizon part): its whole-pence figures go to the year sums and the totals. */
function closeStreamYear(ys: YearSums, k: number, after: boolean, yReal: number, yDisc: number, totals: StreamYearTotals): void {
  if (k < 0) return;
  const yr = roundPence(yReal);
  const yd = roundPence(yDisc);
  // The years after the horizon count in the totals only, not in any year's figures.
  if (!after) {
    ys.benReal[k] = (ys.benReal[k] as number) + yr;
    ys.benPv[k] = (ys.benPv[k] as number) + yd;
  }
  totals.real += yr;
  totals.discounted += yd;
  totals.buckets.push({ k, after, pence: yd });
  if (after) {
    totals.afterReal += yr;
    totals.afterDiscounted += yd;
  }
}

/**
 * §7 Costs in the appraisal: each month's exact cash cost ÷ its financial year's deflator
 * index (real terms at the price base), × its discount factor. Rounded per financial year
 * (months by cumulative rounding restarted each year); fills costDiscExact (for payback)
 * and, at full detail, the months' real and PV rows.
 */
function appraiseCosts(N: number, b: Buffers, d: Detail | null, ys: YearSums): void {
  const { costExact, costDiscExact, ap } = b;
  let k = -1;
  let yReal = 0;
  let yPv = 0;
  let rReal = 0;
  let rPv = 0;
  for (let t = 0; t < N; t++) {
    const kk = Math.floor((t + ap.offset) / MONTHS_PER_YEAR);
    if (kk !== k) {
      if (k >= 0) {
        ys.costReal[k] = roundPence(yReal);
        ys.costPv[k] = roundPence(yPv);
      }
      k = kk;
      yReal = yPv = rReal = rPv = 0;
    }
    const real = (costExact[t] as number) * (ap.realFactor[t] as number);
    const pv = real * (ap.dfStandard[t] as number);
    costDiscExact[t] = pv;
    yReal += real;
    yPv += pv;
    if (d) {
      let rp = roundPence(yReal);
      d.costReal[t] = rp - rReal;
      rReal = rp;
      rp = roundPence(yPv);
      d.costDisc[t] = rp - rPv;
      rPv = rp;
    }
  }
  if (k >= 0) {
    ys.costReal[k] = roundPence(yReal);
    ys.costPv[k] = roundPence(yPv);
  }
}

// ---- Pass 3: rows and metrics ----------------------------------------------------------

function costPounds(c: CostBreakdown): CostBreakdown {
  return {
    pay: penceToPounds(c.pay),
    employer_ni: penceToPounds(c.employer_ni),
    pension: penceToPounds(c.pension),
    levy: penceToPounds(c.levy),
    supervision: penceToPounds(c.supervision),
    training: penceToPounds(c.training),
    recruitment: penceToPounds(c.recruitment),
    overheads: penceToPounds(c.overheads),
    total: penceToPounds(c.total),
  };
}

function monthCost(d: Detail, t: number): CostBreakdown {
  return {
    pay: d.pay[t] as number,
    employer_ni: d.employer_ni[t] as number,
    pension: d.pension[t] as number,
    levy: d.levy[t] as number,
    supervision: d.supervision[t] as number,
    training: d.training[t] as number,
    recruitment: d.recruitment[t] as number,
    overheads: d.overheads[t] as number,
    total: d.total[t] as number,
  };
}

function monthRows(plan: Plan, b: Buffers, d: Detail): MonthResult[] {
  const rows: MonthResult[] = [];
  for (let t = 0; t < plan.N; t++) {
    const F = b.funded[t] as number;
    const P = b.inPost[t] as number;
    const V = F > P ? F - P : 0;
    const m = plan.start + t;
    rows.push({
      month: formatYearMonth(m),
      index: t,
      fiscal_year: fiscalYearLabel(m),
      funded_wte: F,
      wte_in_post: P,
      vacancies_wte: V,
      wte_in_induction: b.induction[t] as number,
      productive_wte: d.productive[t] as number,
      leavers: d.leavers[t] as number,
      hires: b.hires[t] as number,
      leaver_hazard: b.H[t] as number,
      burnout_risk: d.burnout[t] as number,
      burnout_drivers: {
        supervision: plan.orSupervision,
        insecurity: d.insecurity[t] as number,
        isolation: plan.orIsolation,
        pay: plan.orPay,
        caseload: d.caseload[t] as number,
        training: plan.orTraining,
      },
      continuity_probability: d.probability[t] as number,
      episodes: b.episodes[t] as number,
      completed_episodes: b.completed[t] as number,
      service_user_months_lost: V * plan.caseload,
      funded_budget: penceToPounds(d.budget[t] as number),
      cost: costPounds(monthCost(d, t)),
      benefits: {
        total: penceToPounds(d.benefit[t] as number),
        fiscal: penceToPounds(d.fiscal[t] as number),
        economic: penceToPounds(d.economic[t] as number),
        social: penceToPounds(d.social[t] as number),
        cashable: penceToPounds(d.cashable[t] as number),
      },
      pay_uplift_factor: d.uplift[t] as number,
      contract_months_remaining: monthsRemaining(plan.terms, t),
      discount_factor: b.ap.dfStandard[t] as number,
      cost_discounted: penceToPounds(d.costDisc[t] as number),
      benefits_discounted: penceToPounds(d.benDisc[t] as number),
    });
  }
  return rows;
}

/** Financial-year rows (April–March; the first and last may be part years). Sums are in pence. */
function yearRows(months: MonthResult[], d: Detail, ap: AppraisalPlan, ys: YearSums): YearResult[] {
  const years: YearResult[] = [];
  let i = 0;
  let k = 0; // year index: 0 = the first financial year
  while (i < months.length) {
    const label = (months[i] as MonthResult).fiscal_year;
    const cost: CostBreakdown = { pay: 0, employer_ni: 0, pension: 0, levy: 0, supervision: 0, training: 0, recruitment: 0, overheads: 0, total: 0 };
    const ben = { total: 0, fiscal: 0, economic: 0, social: 0, cashable: 0 };
    let n = 0;
    let budget = 0;
    let firstMonth = -1;
    let funded = 0;
    let inPost = 0;
    let vacancies = 0;
    let leavers = 0;
    let hires = 0;
    let burnout = 0;
    let episodes = 0;
    let completed = 0;
    let probability = 0;
    for (; i < months.length; i++) {
      const m = months[i] as MonthResult;
      if (m.fiscal_year !== label) break;
      const t = m.index;
      n++;
      const c = monthCost(d, t);
      cost.pay += c.pay;
      cost.employer_ni += c.employer_ni;
      cost.pension += c.pension;
      cost.levy += c.levy;
      cost.supervision += c.supervision;
      cost.training += c.training;
      cost.recruitment += c.recruitment;
      cost.overheads += c.overheads;
      cost.total += c.total;
      budget += d.budget[t] as number;
      ben.total += d.benefit[t] as number;
      ben.fiscal += d.fiscal[t] as number;
      ben.economic += d.economic[t] as number;
      ben.social += d.social[t] as number;
      ben.cashable += d.cashable[t] as number;
      if (firstMonth < 0) firstMonth = t;
      funded += m.funded_wte;
      inPost += m.wte_in_post;
      vacancies += m.vacancies_wte;
      leavers += m.leavers;
      hires += m.hires;
      burnout += m.burnout_risk;
      episodes += m.episodes;
      completed += m.completed_episodes;
      probability += m.continuity_probability;
    }
    const meanFunded = funded / n;
    years.push({
      year: label,
      months: n,
      funded_budget: penceToPounds(budget),
      cost: costPounds(cost),
      cost_discounted: penceToPounds(ys.costPv[k] as number),
      funded_wte: meanFunded,
      wte_in_post: inPost / n,
      vacancy_rate: meanFunded > 0 ? vacancies / n / meanFunded : 0,
      leavers,
      hires,
      burnout_risk: burnout / n,
      continuity: (100 * probability) / n,
      episodes,
      completed_episodes: completed,
      benefits: {
        total: penceToPounds(ben.total),
        fiscal: penceToPounds(ben.fiscal),
        economic: penceToPounds(ben.economic),
        social: penceToPounds(ben.social),
        cashable: penceToPounds(ben.cashable),
      },
      benefits_discounted: penceToPounds(ys.benPv[k] as number),
      net: penceToPounds(ben.total - cost.total),
      appraisal: {
        price_base: ap.priceBase,
        deflator: ap.yearDeflator[k] as number,
        cost_real: penceToPounds(ys.costReal[k] as number),
        benefit_real: penceToPounds(ys.benReal[k] as number),
        // Annual: the year's own factor; monthly: the factor of the year's first month.
        discount_factor: ap.convention === 'annual' ? (ap.yearDf[k] as number) : (ap.dfStandard[firstMonth] as number),
        health_discount_factor: ap.convention === 'annual' ? (ap.yearDfHealth[k] as number) : (ap.dfHealth[firstMonth] as number),
        cost_pv: penceToPounds(ys.costPv[k] as number),
        benefit_pv: penceToPounds(ys.benPv[k] as number),
      },
    });
    k++;
  }
  return years;
}

// ---- The engine ------------------------------------------------------------------------

export function project(scenario: Scenario, reference: ReferenceData, options: ProjectOptions = {}): ScenarioResult {
  checkEngineInputs(scenario);
  const full = (options.detail ?? 'full') === 'full';
  const plan = makePlan(scenario, reference);
  const N = plan.N;
  const b = buffers(scenario, reference, plan);
  const d = full ? detailBuffers(N) : null;

  const w = workforce(plan, b, scenario.workforce.starting_wte, d, options.events);
  const f = costs(plan, b, d);
  const c = continuity(plan, b, w.lastBurnoutMult, d);
  const K = b.ap.yearDf.length;
  const ys = yearSums(K);
  appraiseCosts(N, b, d, ys);
  const costReal = sum(ys.costReal, K);
  const costPv = sum(ys.costPv, K);

  const streams: BenefitStreamResult[] = [];
  const buckets: StreamBucket[][] = [];
  const benefit = { total: 0, real: 0, discounted: 0, cashableDiscounted: 0, afterReal: 0, afterDiscounted: 0, evidenceAdjusted: 0 };
  for (const [index, stream] of scenario.benefits.entries()) {
    const st = benefitStream(stream, index, plan, b, d, ys);
    benefit.evidenceAdjusted += st.evidenceAdjusted;
    benefit.total += st.total;
    benefit.real += st.real;
    benefit.discounted += st.discounted;
    benefit.cashableDiscounted += st.cashableDiscounted;
    benefit.afterReal += st.afterReal;
    benefit.afterDiscounted += st.afterDiscounted;
    buckets.push(st.buckets);
    streams.push({
      name: stream.name,
      category: stream.category,
      health: stream.health,
      price_year: stream.price_year,
      total: penceToPounds(st.total),
      total_real: penceToPounds(st.real),
      total_discounted: penceToPounds(st.discounted),
      cashable_discounted: penceToPounds(st.cashableDiscounted),
      after_horizon_discounted: penceToPounds(st.afterDiscounted),
      evidence: stream.evidence,
      unit_cost: stream.unit_cost,
      evidence_haircut: stream.evidence_haircut,
      total_discounted_evidence_adjusted: penceToPounds(st.evidenceAdjusted),
      factors: st.factors,
    });
  }

  const months = d ? monthRows(plan, b, d) : [];
  const years = d ? yearRows(months, d, b.ap, ys) : [];

  // §7.2 Optimism bias uplifts the present value of cost in the headline figures.
  const ob = 1 + scenario.finance.optimism_bias;
  const optimism = roundPence(costPv * ob);
  const payback = paybackIndex(b.costDiscExact, b.benDiscExact, N, ob);
  const meanFunded = w.funded / N;
  const continuityProbability = c.probability / N; // simple mean over start months (§4.3)
  const metrics: Metrics = {
    total_cost: penceToPounds(f.cost.total),
    total_cost_real: penceToPounds(costReal),
    total_cost_discounted: penceToPounds(costPv),
    total_cost_optimism_adjusted: penceToPounds(optimism),
    funded_budget: penceToPounds(f.budget),
    underspend: penceToPounds(f.budget - f.cost.total),
    total_benefit: penceToPounds(benefit.total),
    total_benefit_real: penceToPounds(benefit.real),
    total_benefit_discounted: penceToPounds(benefit.discounted),
    benefits_after_horizon_real: penceToPounds(benefit.afterReal),
    benefits_after_horizon_discounted: penceToPounds(benefit.afterDiscounted),
    cashable_benefit_discounted: penceToPounds(benefit.cashableDiscounted),
    npv: penceToPounds(benefit.discounted - optimism),
    npv_optimism_adjusted: penceToPounds(benefit.discounted - optimism),
    npv_unadjusted: penceToPounds(benefit.discounted - costPv),
    bcr: ratioOrNull(benefit.discounted, optimism),
    bcr_unadjusted: ratioOrNull(benefit.discounted, costPv),
    roi: ratioOrNull(benefit.discounted - optimism, optimism),
    roi_unadjusted: ratioOrNull(benefit.discounted - costPv, costPv),
    total_benefit_discounted_evidence_adjusted: penceToPounds(benefit.evidenceAdjusted),
    npv_evidence_adjusted: penceToPounds(benefit.evidenceAdjusted - optimism),
    bcr_evidence_adjusted: ratioOrNull(benefit.evidenceAdjusted, optimism),
    payback_month: payback >= 0 ? formatYearMonth(plan.start + payback) : null,
    episodes: c.episodes,
    completed_episodes: c.completed,
    cost_per_episode: c.episodes > 0 ? penceToPounds(roundPence(f.cost.total / c.episodes)) : null,
    cost_per_completed_episode: c.completed > 0 ? penceToPounds(roundPence(f.cost.total / c.completed)) : null,
    wte_in_post_mean: w.inPost / N,
    vacancy_rate: meanFunded > 0 ? w.vacancies / N / meanFunded : 0,
    leavers: w.leavers,
    hires: w.hires,
    burnout_risk_mean: w.burnout / N,
    burnout_risk_peak: w.burnoutPeak,
    continuity: 100 * continuityProbability,
    continuity_probability: continuityProbability,
    service_user_months_lost: w.serviceUserMonthsLost,
    worker_supervision_time_value: penceToPounds(f.workerSupervisionTime),
  };

  const ap = b.ap;
  const fin = scenario.finance;
  const appraisal: AppraisalBasis = {
    price_base: fin.price_base,
    deflator: {
      id: ap.deflator.id,
      title: ap.deflator.title,
      vintage: ap.deflator.vintage,
      verified: ap.verified,
    },
    discounting: ap.convention,
    conventions: { id: ap.green.id, title: ap.green.title, section: ap.green.section },
    discount_rate: fin.discount_rate,
    discount_rate_after_30: ap.green.schedules.standard.bands[1]?.rate ?? fin.discount_rate,
    health_discount_rate: fin.health_discount_rate,
    benefits_after_horizon: fin.benefits_after_horizon,
    optimism_bias: fin.optimism_bias,
  };

  const result: ScenarioResult = { name: scenario.name, months, years, benefit_streams: streams, metrics, appraisal };
  // §7.6, §7.7 Who pays and who saves by year, and the social, commissioner and Exchequer views (its sums).
  const horizonYears = Math.floor((N - 1 + ap.offset) / MONTHS_PER_YEAR) + 1;
  const yearLabel = (k: number): string => fiscalYearLabel(plan.start - ap.offset + MONTHS_PER_YEAR * k);
  Object.assign(result, perspectiveLedger(scenario.benefits, buckets, Array.from(ys.costPv.subarray(0, horizonYears)), ob, optimism, yearLabel));
  if (d) recordTrace(result, trace(plan, scenario, reference, d));
  return result;
}

/** The intermediate values of a full-detail projection, for `explain` (trace.ts); arrays copied out of scratch. */
function trace(plan: Plan, s: Scenario, ref: ReferenceData, d: Detail): EngineTrace {
  const N = plan.N;
  const series = {} as TraceSeries;
  for (const k of TRACE_SERIES) series[k] = d.trace[k].slice(0, N);
  return {
    basic: plan.basic,
    hcas: plan.hcas,
    supervisorBasic: plan.supBasic,
    supervisorHcas: plan.supHcas,
    lowestPayPoint: lowestPayPoint(ref),
    pensionRate: plan.onCosts.pension.rate,
    levyRate: plan.onCosts.levy,
    fillRate: plan.fill,
    payLeavingMultiplier: plan.payLeave,
    teamEffectiveness: plan.teamEffect,
    supervisionEffectiveness: plan.supervisionEffect,
    supervisionShare: plan.supShare,
    lags: s.benefits.map(lagMonths),
    ...series,
  };
}
