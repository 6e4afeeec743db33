/**
 * Parsing of the options several commands share (--years, --set, --out, metric names):
 * one place each, so every command words a bad value the same way (exit 2).
 */
import { usageError } from './errors.js';
import { OverrideSyntaxError, parseOverride, type Override } from '../read/overrides.js';
import { DEFAULT_COMPARE_METRICS, metricByName, UnknownMetricError, type MetricKey } from '../metrics/catalogue.js';

export function parseYears(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  // Digits only: Number() would also take 0x1E, 3e1, " 30 " and 30.0.
  const years = /^\d{1,2}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(years) || years < 1 || years > 30) {
    throw usageError(`--years must be a whole number of years from 1 to 30 (got "${value}"), e.g. --years 10`);
  }
  return years;
}

/** Parses repeated `--set PATH=VALUE` options; a malformed one is a usage error. */
export function parseOverrides(expressions: readonly string[] | undefined): Override[] {
  try {
    return (expressions ?? []).map(parseOverride);
  } catch (err) {
    if (err instanceof OverrideSyntaxError) throw usageError(err.message);
    throw err;
  }
}

/** `--out ""` is a usage error (it would name the current folder); check it before any work. */
export function checkOut(out: string | undefined): void {
  if (out === '') throw usageError('--out needs a file name (or - for standard output), e.g. --out result.json');
}

/**
 * A metric named by `option` (`--metric`, `--sort`, ...). With `rankBy`, the metric must
 * have a better direction: `rankBy` says what it is for ("to rank by", "to recommend on").
 */
export function metricOption(name: string, option: string, rankBy?: { purpose: string; examples: string }): MetricKey {
  let info;
  try {
    info = metricByName(name, option);
  } catch (err) {
    if (err instanceof UnknownMetricError) throw usageError(err.message);
    throw err;
  }
  if (rankBy && info.better === null) throw usageError(`${option}: "${name}" has no better direction ${rankBy.purpose}; choose e.g. ${rankBy.examples}`);
  return info.key;
}

/** `--metrics a,b,c` (default: the headline set of `compare`). */
export function parseMetricList(list: string | undefined): MetricKey[] {
  if (list === undefined) return [...DEFAULT_COMPARE_METRICS];
  const names = list.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw usageError('--metrics needs at least one metric, e.g. --metrics total_cost,npv,continuity');
  return names.map((n) => metricOption(n, '--metrics'));
}

/** Binary formats cannot go to a terminal or a pipe: they need --out. */
export function requireOutFor(format: string, out: string | undefined, command: string): void {
  if (format === 'xlsx' && out === undefined) {
    throw usageError(`--format xlsx writes an Excel workbook and needs --out, e.g. peerplan ${command} ... --format xlsx --out options.xlsx`);
  }
}
