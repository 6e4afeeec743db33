/**
 * Percentages: written as a fraction (0.14) or a percentage string ("14%"); resolved to
 * a fraction. A bare number above 1 (`14`) is an error that suggests "14%".
 */
import type { DiagnosticDraft } from '../source/positions.js';

/** The strict percentage grammar: digits, an optional decimal part, a % sign. */
const PERCENT_STRING = /^([0-9]+(?:\.[0-9]+)?)%$/;

/**
 * A fraction for a valid percentage, else undefined. `max` is the largest fraction
 * allowed (1 for 100%; 2 for optimism bias, up to 200%, which only the string form may exceed 100%).
 */
export function parsePercent(value: unknown, max = 1): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = PERCENT_STRING.exec(value);
  if (!m) return undefined;
  // "3.3%" → 3.3e-2 parses straight to the nearest double of 0.033 (3.3 / 100 could round differently).
  const fraction = Number(`${m[1]}e-2`);
  return fraction <= max ? fraction : undefined;
}

/** Formats a fraction as a percentage for messages: 0.14 → "14%". */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(12))}%`;
}

export const PERCENT_EXPECTED = 'a percentage such as "14%", or a fraction from 0 to 1 such as 0.14';
export const PERCENT_200_EXPECTED = 'a percentage from 0% to 200% such as "150%", or a fraction from 0 to 1 such as 0.2';

/**
 * What is wrong with a percentage value, or undefined when it is valid. `field` is the
 * key used in the example (`annual_leaver_rate: 14%`).
 */
export function percentProblem(value: unknown, path: string, field: string, max = 1): Omit<DiagnosticDraft, 'path'> | undefined {
  const expected = max > 1 ? PERCENT_200_EXPECTED : PERCENT_EXPECTED;
  const limit = `${max * 100}%`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined; // reported when the YAML was read
    if (value < 0) {
      return { code: 'OUT_OF_RANGE', message: `${path} is ${value}, but a percentage cannot be negative`, expected, example: `${field}: ${Math.abs(value) > 1 ? Math.abs(value) : formatPercent(Math.abs(value))}` };
    }
    if (value > 1) {
      const fits = value <= max * 100;
      return {
        code: 'PERCENT_AS_NUMBER',
        message:
          // A huge number has no sensible percentage reading (1e308 would be "Infinity%").
          `${path} is ${value}, a bare number above 1${value <= 1e6 ? `, which as a fraction would mean ${formatPercent(value)}` : ', far beyond any percentage'}` +
          (max > 1 && value <= max ? `; write "${formatPercent(value)}" if that is what you mean` : ''),
        expected,
        example: `${field}: ${fits ? `${value}%` : '14%'}`,
        did_you_mean: fits ? `${value}%` : undefined,
      };
    }
    return undefined;
  }
  if (typeof value === 'string') {
    const strict = PERCENT_STRING.exec(value);
    if (strict) {
      const fraction = Number(`${strict[1]}e-2`);
      if (fraction > max) return { code: 'OUT_OF_RANGE', message: `${path} is ${value}, above the ${limit} maximum`, expected, example: `${field}: ${max > 1 ? '150%' : '100%'}` };
      // Valid by peerplan's reading but written unusually ("007%"): suggest the plain form.
      const plain = `${Number(strict[1])}%`;
      return plain === value ? undefined : { code: 'INVALID_PERCENT', message: `${path} is "${value}", an unusual way to write ${plain}`, expected, example: `${field}: ${plain}`, did_you_mean: plain };
    }
    const loose = /^\s*(-?[0-9]+(?:[.,][0-9]+)?)\s*(%|percent|per cent|pc)?\s*$/i.exec(value);
    if (loose) {
      const n = Number(loose[1]!.replace(',', '.'));
      const suggestion = loose[2] || n > 1 ? `${n}%` : String(n);
      if (n < 0) return { code: 'OUT_OF_RANGE', message: `${path} is "${value}", but a percentage cannot be negative`, expected, example: `${field}: ${Math.abs(n)}%` };
      return {
        code: 'INVALID_PERCENT',
        message: `${path} is "${value}", which is not written as a percentage peerplan reads`,
        expected,
        example: `${field}: ${suggestion}`,
        did_you_mean: suggestion,
      };
    }
    return { code: 'INVALID_PERCENT', message: `${path} is "${truncate(value)}", which is not a percentage`, expected, example: `${field}: 14%` };
  }
  return {
    code: 'WRONG_TYPE',
    message: `${path} is ${kindOf(value)}, but must be a percentage`,
    expected,
    example: `${field}: 14%`,
  };
}

export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'boolean') return `${value} (yes/no)`;
  if (typeof value === 'number') return String(value);
  return `"${truncate(String(value))}" (text)`;
}

export function truncate(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
