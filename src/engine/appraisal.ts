/**
 * Discounting and appraisal metrics (docs/MODEL.md §7), HM Treasury Green Book.
 */

import type { DeflatorData, DiscountBand, GreenBookData, ReferenceData } from '../reference/types.js';
import type { Scenario } from '../scenario/types.js';
import type { Formula } from './formula.js';

const MONTHS_PER_YEAR = 12;

/**
 * Discount factor for month t (0-based from the horizon start), start-of-month
 * convention: 1 / (1 + r)^(t / 12). Month 0 is undiscounted; month 12 is 1 / (1 + r).
 */
export function discountFactor(rate: number, t: number): number {
  return t === 0 ? 1 : yearsOfDiscount(rate, t / MONTHS_PER_YEAR);
}

/**
 * (1 + r)^(−years) as exp(−years × ln(1 + r)). Not Math.pow: V8 changed its pow between
 * Node 22 and Node 24 (the last digit of some factors moved), while its exp and log1p
 * give the same bits in every Node version, so output stays byte-identical across them.
 */
function yearsOfDiscount(rate: number, years: number): number {
  return Math.exp(-years * Math.log1p(rate));
}

/**
 * Discount factors for months 0 … n−1, the same values as `discountFactor` computed with
 * one power per year and twelve per month-of-year: (1 + r)^(−y) × (1 + r)^(−m/12) for
 * t = 12y + m (equal to `discountFactor(rate, t)` within floating-point rounding, ~1e-16).
 */
export function discountFactors(rate: number, n: number, out: Float64Array = new Float64Array(n)): Float64Array {
  // Months 0–11 directly; later months as (year factor) × (the same month-of-year factor).
  for (let t = 0; t < n && t < MONTHS_PER_YEAR; t++) out[t] = discountFactor(rate, t);
  let yearFactor = 1;
  for (let t = MONTHS_PER_YEAR; t < n; t++) {
    const m = t % MONTHS_PER_YEAR;
    if (m === 0) yearFactor = yearsOfDiscount(rate, t / MONTHS_PER_YEAR);
    out[t] = yearFactor * (out[m] as number);
  }
  return out;
}

/**
 * Memo of discount factor tables by rate. Discount factors depend only on (rate, t), so
 * reusing a table is invisible to callers; sweeps that vary other inputs skip the powers.
 * Callers must not write to the returned array.
 */
const tables = new Map<number, Float64Array>();
const MAX_TABLES = 64;
const MIN_TABLE_MONTHS = 600;

export function discountTable(rate: number, n: number): Float64Array {
  const cached = tables.get(rate);
  if (cached !== undefined && cached.length >= n) return cached;
  if (tables.size >= MAX_TABLES) tables.clear();
  const table = discountFactors(rate, Math.max(n, MIN_TABLE_MONTHS));
  tables.set(rate, table);
  return table;
}

/** a / b, or null when b is 0. */
export function ratioOrNull(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/**
 * Index of the first month in which cumulative discounted benefit reaches cumulative
 * discounted cost (and is positive), or −1 if it never does. Inputs are each month's
 * discounted amounts in exact (unrounded) pence; cost is scaled by `costMultiplier`
 * (1 + optimism bias, so payback agrees with the headline NPV).
 */
export function paybackIndex(costDiscounted: ArrayLike<number>, benefitDiscounted: ArrayLike<number>, months: number, costMultiplier = 1): number {
  let c = 0;
  let b = 0;
  for (let t = 0; t < months; t++) {
    c += (costDiscounted[t] ?? 0) * costMultiplier;
    b += benefitDiscounted[t] ?? 0;
    if (b > 0 && b >= c) return t;
  }
  return -1;
}

// ---- Real terms and the Green Book annual convention (docs/MODEL.md §7) ------------------


/** `2026/27` → 2026 (the calendar year the financial year starts in). */
export function fyStart(label: string): number {
  return Number(label.slice(0, 4));
}

/** 2026 → `2026/27`. */
export function fyLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The deflator's growth in financial year `fy` over the year before: the series' figure, else its long-run growth. */
function growthIn(series: DeflatorData, fy: number): number {
  return series.growth[fyLabel(fy)]?.value ?? series.long_run_growth.value;
}

/**
 * GDP deflator index of financial year `fy` relative to the price base year (1 at the base):
 * the product of the years' growth from the base to `fy`. Cash in year fy ÷ this = real terms
 * at price-base prices (Green Book, "Real and nominal values").
 */
export function deflatorIndex(series: DeflatorData, priceBase: number, fy: number): number {
  let d = 1;
  for (let y = priceBase + 1; y <= fy; y++) d *= 1 + growthIn(series, y);
  for (let y = fy + 1; y <= priceBase; y++) d /= 1 + growthIn(series, y);
  return d;
}

/** Whether every deflator figure used between two financial years (inclusive) is a verified one. */
export function deflatorVerified(series: DeflatorData, from: number, to: number): boolean {
  for (let y = Math.min(from, to) + 1; y <= Math.max(from, to); y++) {
    const g = series.growth[fyLabel(y)];
    if (g ? !g.verified : !series.long_run_growth.verified) return false;
  }
  return true;
}

/** The rate of year index k in a band schedule, the first band's rate replaced by `firstRate` (the scenario's). */
function rateFor(bands: readonly DiscountBand[], firstRate: number, k: number): number {
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i] as DiscountBand;
    if (k >= b.from_year && k <= b.to_year) return i === 0 ? firstRate : b.rate;
  }
  const last = bands[bands.length - 1];
  return last === undefined || bands.length === 1 ? firstRate : last.rate;
}

/**
 * Green Book annual discount factors for year indices 0 … n−1 (year 0 = the first financial
 * year): DF(0) = 1, DF(k) = DF(k − 1) / (1 + r_k), so DF(k) = 1 / (1 + r)^k while the rate is
 * constant (years 0–30) and steps down after (Green Book Annex A6).
 */
export function annualFactors(bands: readonly DiscountBand[], firstRate: number, n: number): Float64Array {
  const out = new Float64Array(Math.max(0, n));
  let df = 1;
  for (let k = 0; k < n; k++) {
    if (k > 0) df /= 1 + rateFor(bands, firstRate, k);
    out[k] = df;
  }
  return out;
}

/** Everything the appraisal needs per month, fixed for a projection. */
export interface AppraisalPlan {
  convention: 'annual' | 'monthly';
  /** Months from the April before the horizon start to the start: month u is in year index ⌊(u + offset) / 12⌋. */
  offset: number;
  priceBase: string;
  /** Standard and health discount factors by month from the horizon start (length ≥ months asked for). */
  dfStandard: Float64Array;
  dfHealth: Float64Array;
  /** 1 / deflator index, by month (real = cash × this). */
  realFactor: Float64Array;
  /** Standard factor × real factor by month: the present value of £1 of cash cost. */
  costFactor: Float64Array;
  /** Year index (0 = first financial year) → standard and health annual factors, and the deflator index. */
  yearDf: Float64Array;
  yearDfHealth: Float64Array;
  yearDeflator: Float64Array;
  credit: boolean;
  /** Whether every deflator figure between the price base and the appraisal's years is a verified one. */
  verified: boolean;
  green: GreenBookData;
  deflator: DeflatorData;
}

/** The reference data's appraisal files, or an error naming what is missing (a data set without appraisal_data). */
export function appraisalData(ref: ReferenceData): { green: GreenBookData; deflator: DeflatorData } {
  if (!ref.green_book || !ref.gdp_deflator) {
    throw new Error(`reference data set ${ref.id} names no appraisal data (appraisal_data: green_book, gdp_deflator)`);
  }
  return { green: ref.green_book, deflator: ref.gdp_deflator };
}

/**
 * Builds the month tables for `n` months from the horizon start (`start`: month number, year × 12 + month − 1).
 * Month u lies in financial year index ⌊(u + offset) / 12⌋, offset = months since the April before the start.
 *
 * The tables depend only on the appraisal inputs below, not on the workforce, so they are
 * memoised per Green Book and deflator data set: a sweep or a sensitivity run re-projects
 * the same appraisal basis thousands of times, and rebuilding it (a deflator product per
 * year, four month tables) cost a fifth of a ten-year projection. Cached tables are never
 * written to by the engine.
 */
export function appraisalPlan(s: Scenario, ref: ReferenceData, start: number, n: number): AppraisalPlan {
  const { green, deflator } = appraisalData(ref);
  const f = s.finance;
  // The last basis first: a sweep or batch usually projects the same one run after run.
  const l = last;
  if (
    l !== null && l.green === green && l.deflator === deflator && l.start === start && l.n === n &&
    l.rate === f.discount_rate && l.healthRate === f.health_discount_rate && l.discounting === f.discounting &&
    l.priceBase === f.price_base && l.after === f.benefits_after_horizon
  ) {
    return l.plan;
  }
  let byDeflator = plans.get(green);
  if (byDeflator === undefined) plans.set(green, (byDeflator = new WeakMap()));
  let memo = byDeflator.get(deflator);
  if (memo === undefined) byDeflator.set(deflator, (memo = new Map()));
  const key = `${f.discount_rate} ${f.health_discount_rate} ${f.discounting} ${f.price_base} ${f.benefits_after_horizon} ${start} ${n}`;
  let plan = memo.get(key);
  if (plan === undefined) {
    if (memo.size >= MAX_PLANS) memo.clear();
    plan = buildAppraisalPlan(s, green, deflator, start, n);
    memo.set(key, plan);
  }
  last = {
    green, deflator, start, n, plan,
    rate: f.discount_rate, healthRate: f.health_discount_rate, discounting: f.discounting, priceBase: f.price_base, after: f.benefits_after_horizon,
  };
  return plan;
}

interface LastPlan {
  green: GreenBookData;
  deflator: DeflatorData;
  start: number;
  n: number;
  rate: number;
  healthRate: number;
  discounting: Scenario['finance']['discounting'];
  priceBase: string;
  after: Scenario['finance']['benefits_after_horizon'];
  plan: AppraisalPlan;
}
let last: LastPlan | null = null;
const plans = new WeakMap<GreenBookData, WeakMap<DeflatorData, Map<string, AppraisalPlan>>>();
const MAX_PLANS = 256;

function buildAppraisalPlan(s: Scenario, green: GreenBookData, deflator: DeflatorData, start: number, n: number): AppraisalPlan {
  const f = s.finance;
  const moy = start % 12;
  const offset = (moy - 3 + 12) % 12; // months since April
  const firstFy = Math.floor(start / 12) - (moy >= 3 ? 0 : 1);
  const years = Math.floor((n - 1 + offset) / 12) + 1;
  const pb = fyStart(f.price_base);
  const yearDf = annualFactors(green.schedules.standard.bands, f.discount_rate, years);
  const yearDfHealth = annualFactors(green.schedules.health.bands, f.health_discount_rate, years);
  const yearDeflator = new Float64Array(years);
  for (let k = 0; k < years; k++) yearDeflator[k] = deflatorIndex(deflator, pb, firstFy + k);
  const monthly = f.discounting === 'monthly';
  const mStd = monthly ? discountTable(f.discount_rate, n) : null;
  const mHealth = monthly ? discountTable(f.health_discount_rate, n) : null;
  const dfStandard = new Float64Array(n);
  const dfHealth = new Float64Array(n);
  const realFactor = new Float64Array(n);
  const costFactor = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    const k = Math.floor((u + offset) / 12);
    dfStandard[u] = mStd ? (mStd[u] as number) : (yearDf[k] as number);
    dfHealth[u] = mHealth ? (mHealth[u] as number) : (yearDfHealth[k] as number);
    realFactor[u] = 1 / (yearDeflator[k] as number);
    costFactor[u] = (dfStandard[u] as number) * (realFactor[u] as number);
  }
  const lastFy = firstFy + years - 1;
  return {
    convention: monthly ? 'monthly' : 'annual',
    offset,
    priceBase: f.price_base,
    dfStandard,
    dfHealth,
    realFactor,
    costFactor,
    yearDf,
    yearDfHealth,
    yearDeflator,
    credit: f.benefits_after_horizon === 'credit',
    verified: deflatorVerified(deflator, Math.min(firstFy, pb), Math.max(lastFy, pb)),
    green,
    deflator,
  };
}

/** A benefit stream's unit value at price-base prices: unit_value × D(price base) / D(price year) (memoised per deflator). */
export function priceFactor(series: DeflatorData, priceBase: string, priceYear: string): number {
  let byBase = priceFactors.get(series);
  if (byBase === undefined) priceFactors.set(series, (byBase = new Map()));
  let byYear = byBase.get(priceBase);
  if (byYear === undefined) byBase.set(priceBase, (byYear = new Map()));
  let factor = byYear.get(priceYear);
  if (factor === undefined) {
    factor = 1 / deflatorIndex(series, fyStart(priceBase), fyStart(priceYear));
    byYear.set(priceYear, factor);
  }
  return factor;
}

const priceFactors = new WeakMap<DeflatorData, Map<string, Map<string, number>>>();

/** The appraisal formulas as `explain` shows them (docs/MODEL.md §7). */
export const FORMULAS = {
  discountFactor: {
    text: 'annual (Green Book): DF = 1 / (1 + discount_rate)^t for financial year t (year 0 = 1); monthly: 1 / (1 + discount_rate)^(t/12)',
    section: '§7.2',
  },
  costPv: { text: 'total cost(t) ÷ GDP deflator ({price_base} prices) × DF(t), rounded by financial year', section: '§7.2' },
  optimism: { text: 'total_cost_discounted × (1 + optimism_bias), to the penny', section: '§7.2' },
  npv: { text: 'total benefit (PV) − total cost (PV) with optimism bias', section: '§7.4' },
  npvYear: { text: 'total benefit (PV) − total cost (PV)', section: '§7.2' },
  npvOptimismAdjusted: { text: 'total benefit (PV) − cost (PV) with optimism bias', section: '§7.2' },
  npvUnadjusted: { text: 'total benefit (PV) − total cost (PV), without optimism bias', section: '§7.4' },
  net: { text: 'total benefit − total cost (nominal)', section: '§7.2' },
  bcr: { text: 'total benefit (PV) / total cost (PV) with optimism bias; n/a when cost is 0', section: '§7.4' },
  roi: { text: 'NPV / total cost (PV) with optimism bias; n/a when cost is 0', section: '§7.4' },
  bcrUnadjusted: { text: 'total benefit (PV) / total cost (PV); n/a when cost is 0', section: '§7.4' },
  roiUnadjusted: { text: 'NPV without optimism bias / total cost (PV); n/a when cost is 0', section: '§7.4' },
  costReal: { text: 'Σ financial years: cash cost ÷ GDP deflator index ({price_base} prices)', section: '§7.1' },
  benefitReal: { text: 'Σ streams: value at {price_base} prices (unit values uprated from their price years), including after the horizon when credited', section: '§7.1' },
  afterHorizonReal: { text: 'lagged benefits of support inside the horizon that fall after it, at {price_base} prices (0 with benefits_after_horizon: drop)', section: '§7.3' },
  afterHorizon: { text: 'PV of lagged benefits of support inside the horizon that fall after it (0 with benefits_after_horizon: drop)', section: '§7.3' },
  payback: {
    text: 'first month in which cumulative discounted benefit reaches cumulative discounted cost with optimism bias (and is positive); never if not within the horizon',
    section: '§7.2',
  },
  costPerEpisode: { text: 'total cost / episodes started, to the penny', section: '§7.2' },
  costPerCompleted: { text: 'total cost / completed episodes, to the penny', section: '§7.2' },
  vacancyRate: { text: 'mean V(t) / mean F(t); 0 when nothing is funded', section: '§7.2' },
} as const satisfies Record<string, Formula>;
