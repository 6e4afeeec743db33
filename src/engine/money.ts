/**
 * Money in exact integer pence (docs/MODEL.md §1.4, "Money and rounding").
 *
 * Every cost and benefit series is accumulated exactly (in floating-point pence) month by
 * month, and rounded by *cumulative rounding*: a month's amount is
 *
 *     round(running total to the end of the month) − round(running total to its start).
 *
 * So every monthly amount is a whole number of pence, months add to years and years to
 * totals exactly (the sum telescopes to the rounded running total), a series never drifts
 * more than half a penny from its exact value, and a year at constant staffing reproduces
 * the annual figures of the on-cost worked example exactly. Because a total is just the
 * rounded running total, the engine's `metrics` detail level gets identical totals
 * without rounding every month.
 */
import type { Formula } from './formula.js';

/** Tolerance, in pence, for binary floating-point noise when rounding halves. */
const HALF_PENNY_TOLERANCE = 1e-7;

/** 1.5 × 2^52: adding then subtracting it rounds a double below 2^51 to the nearest integer. */
const ROUNDER = 6755399441055744;
const ROUNDER_LIMIT = 2251799813685248; // 2^51

/**
 * Rounds a number of pence to a whole penny, halves away from zero: sign × ⌊|x| + ½⌋
 * (with a 1e-7 penny tolerance for binary noise). Never returns −0.
 *
 * ⌊y⌋ is computed exactly with the add-and-subtract rounder for y < 2^51 (about £22
 * trillion), falling back to Math.floor beyond; it is several times faster than
 * Math.floor on some CPUs, and the engine rounds every cost component every month.
 */
export function roundPence(pence: number): number {
  const a = pence < 0 ? -pence : pence;
  const y = a + 0.5 + HALF_PENNY_TOLERANCE;
  let r: number;
  if (y < ROUNDER_LIMIT) {
    r = y + ROUNDER - ROUNDER; // nearest integer to y
    if (r > y) r -= 1; // → ⌊y⌋
  } else {
    r = Math.floor(y);
  }
  if (r === 0) return 0;
  return pence < 0 ? -r : r;
}

/** £ → pence, rounded to the penny. */
export function poundsToPence(pounds: number): number {
  return roundPence(pounds * 100);
}

/** Whole pence → £ (for output only). */
export function penceToPounds(pence: number): number {
  return pence / 100;
}

/**
 * One step of cumulative rounding: given a series' running total (exact pence) at the end
 * of this month, returns the month's whole-pence amount and remembers the rounded running
 * total in `rounded[slot]` for the next month.
 */
export function roundedIncrement(rounded: Float64Array, slot: number, runningTotal: number): number {
  const r = roundPence(runningTotal);
  const inc = r - (rounded[slot] as number);
  rounded[slot] = r;
  return inc;
}

/** A cumulatively rounded money series, for callers that want an object. */
export interface PenceSeries {
  /** Exact running total, pence (floating point). */
  exact: number;
  /** Running total rounded to the penny. */
  rounded: number;
}

export function newSeries(): PenceSeries {
  return { exact: 0, rounded: 0 };
}

/** Adds this month's exact amount (pence) and returns the month's whole-pence amount. */
export function addToSeries(series: PenceSeries, pence: number): number {
  series.exact += pence;
  const r = roundPence(series.exact);
  const inc = r - series.rounded;
  series.rounded = r;
  return inc;
}

/** How money figures add up, as `explain` shows it (docs/MODEL.md §1.4). */
export const FORMULAS = {
  years: { text: 'Σ financial years', section: '§1.4' },
} as const satisfies Record<string, Formula>;
