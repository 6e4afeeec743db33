/**
 * Calendar arithmetic on `YYYY-MM` months as integers (docs/MODEL.md §1.1). Pure integer
 * arithmetic, never `Date`, so time zones and locales cannot change a result.
 *
 * A month is represented by its *month number*: year × 12 + (month − 1).
 */

const MONTHS_PER_YEAR = 12;
/** April, the first month of the UK financial year, as a 0-based month of the year. */
const APRIL = 3;

export class CalendarError extends RangeError {}

/** `2026-04` → 2026 × 12 + 3. Throws `CalendarError` for anything else. */
export function parseYearMonth(text: string): number {
  const s = String(text);
  let year = 0;
  let month = 0;
  let ok = s.length === 7 && s.charCodeAt(4) === 45; // '-'
  for (let i = 0; ok && i < 7; i++) {
    if (i === 4) continue;
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) ok = false;
    else if (i < 4) year = year * 10 + d;
    else month = month * 10 + d;
  }
  if (!ok || month < 1 || month > MONTHS_PER_YEAR) {
    throw new CalendarError(`not a YYYY-MM month: "${s}"`);
  }
  return year * MONTHS_PER_YEAR + (month - 1);
}

/** Month number → `YYYY-MM`. */
export function formatYearMonth(monthNumber: number): string {
  const year = Math.floor(monthNumber / MONTHS_PER_YEAR);
  const month = monthNumber - year * MONTHS_PER_YEAR + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** 0-based month of the year (0 = January). */
export function monthOfYear(monthNumber: number): number {
  return monthNumber - Math.floor(monthNumber / MONTHS_PER_YEAR) * MONTHS_PER_YEAR;
}

/** The calendar year in which the month's financial year (April–March) starts. */
export function fiscalYearStart(monthNumber: number): number {
  const year = Math.floor(monthNumber / MONTHS_PER_YEAR);
  return monthOfYear(monthNumber) >= APRIL ? year : year - 1;
}

/** Financial year label: 2026-04 … 2027-03 → `2026/27`. */
export function fiscalYearLabel(monthNumber: number): string {
  const fy = fiscalYearStart(monthNumber);
  return `${fy}/${String((fy + 1) % 100).padStart(2, '0')}`;
}

/**
 * Number of annual pay uplifts in effect in a month: the number of Aprils after the
 * reference tables' `valid_from` month (exclusive) up to and including this month.
 * Equal to the difference of financial years; never negative (months before the
 * tables' date use the tables unchanged).
 *
 * With tables valid from 2025-04: 2026-03 → 0, 2026-04 → 1, 2027-04 → 2.
 */
export function upliftsInEffect(monthNumber: number, validFromMonthNumber: number): number {
  return Math.max(0, fiscalYearStart(monthNumber) - fiscalYearStart(validFromMonthNumber));
}

/** Horizon length in whole months: years × 12, rounded to the nearest month. */
export function horizonMonths(years: number): number {
  return Math.round(years * MONTHS_PER_YEAR);
}
