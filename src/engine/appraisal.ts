/**
 * Discounting and appraisal metrics (docs/MODEL.md §7), HM Treasury Green Book.
 */

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
 * discounted amounts in exact (unrounded) pence.
 */
export function paybackIndex(costDiscounted: ArrayLike<number>, benefitDiscounted: ArrayLike<number>, months: number): number {
  let c = 0;
  let b = 0;
  for (let t = 0; t < months; t++) {
    c += costDiscounted[t] ?? 0;
    b += benefitDiscounted[t] ?? 0;
    if (b > 0 && b >= c) return t;
  }
  return -1;
}
