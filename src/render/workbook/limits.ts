/**
 * How many options a live workbook holds (docs/OUTPUT.md, "The live workbook"): checked
 * before any work starts, so that a run that cannot make its workbook says so at once
 * rather than after minutes of work, a file Excel refuses, or memory run out (issue 24, N7).
 */

/**
 * The Comparison sheet ranks each option by counting the options better than it: a
 * formula of about 70 characters per option, and Excel takes formulas of at most 8,192
 * characters (about 115 options). A hundred keeps a margin for long sheet references.
 */
export const MAX_LIVE_OPTIONS = 100;

/**
 * Rough size of a live workbook, from measurements of the bundled options (issue 24: a
 * five-year option is about 170 KB of file and 2.2 MB of peak memory while written, on
 * top of about 200 MB for the process; memory and size grow with the months).
 */
export function liveWorkbookEstimate(options: number, months: number): { fileMb: number; memoryMb: number } {
  const scale = Math.max(1, months / 60);
  return { fileMb: Math.ceil((options * 0.17 * scale) + 0.1), memoryMb: Math.ceil(200 + options * 2.2 * scale) };
}

/** Why a live workbook of `options` options is refused, or null when it can be made. */
export function liveWorkbookRefusal(options: number, months = 60, valuesOffered = true): string | null {
  if (options <= MAX_LIVE_OPTIONS) return null;
  const e = liveWorkbookEstimate(options, months);
  return (
    `a live workbook (--format xlsx) holds at most ${MAX_LIVE_OPTIONS} options, and these are ${options} ` +
    `(it would be about ${e.fileMb.toLocaleString('en-GB')} MB and need about ${e.memoryMb.toLocaleString('en-GB')} MB of memory to write, and its Comparison ` +
    `sheet would rank each option in a formula longer than Excel's 8,192 characters): ` +
    `${valuesOffered ? `use --xlsx-values for the figures as values (up to ${MAX_VALUES_OPTIONS} options), or fewer options per workbook` : 'compare fewer options in one workbook (peerplan compare … --format xlsx)'}`
  );
}

/**
 * The values workbook (`--xlsx-values`) is built whole before it is written: about 4 MB
 * of peak memory per five-year option (600 options: 2.5 GB, measured for issue 24), so
 * more than 300 options would pass 1.5 GB.
 */
export const MAX_VALUES_OPTIONS = 300;

/** Why a values workbook of `options` options is refused, or null when it can be made. */
export function valuesWorkbookRefusal(options: number): string | null {
  if (options <= MAX_VALUES_OPTIONS) return null;
  const memoryMb = Math.ceil(150 + options * 4.1);
  return (
    `a values workbook (--xlsx-values) holds at most ${MAX_VALUES_OPTIONS} options, and these are ${options} ` +
    `(it would need about ${memoryMb.toLocaleString('en-GB')} MB of memory to write): write fewer options per workbook, ` +
    `or every option's figures with peerplan batch … --format json,csv`
  );
}
