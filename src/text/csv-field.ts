/** One CSV field, for every CSV peerplan writes (the formats in render/, and batch's summary.csv). */
import type { LeafValue } from '../scenario/flatten.js';
import { plainNumber } from './format.js';

const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A cell a spreadsheet reads as a number (negative numbers included), never as a formula. */
const NUMERIC_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?%?$/i;

/**
 * Text a spreadsheet cannot run (OWASP "CSV injection"): a cell that begins with `=`,
 * `+`, `-`, `@`, tab or carriage return gets a leading apostrophe, unless the whole
 * cell is a plain number (`-123.45`, `-5%`), which a spreadsheet reads as that number.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) && !NUMERIC_TEXT.test(text) ? `'${text}` : text;
}

/**
 * One CSV field: the only way any CSV peerplan writes (run, compare, sweep, sensitivity,
 * batch) turns a value into text. Numbers stay numbers; text is neutralised, then
 * quoted when it holds a separator (a semicolon too, the separator Excel uses in many
 * locales, so a cell cannot be split into a new one that starts with `=`).
 */
export function csvField(value: LeafValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return plainNumber(value);
  // Control characters (ESC, BEL, NUL, C1, bidi overrides) would act when the file is
  // printed to a terminal: `?`, as in every text output (issue #24, N9). Tab, CR and LF
  // stay: the field is quoted, and a leading tab or CR is neutralised below.
  const text = neutraliseFormula(String(value).replace(CONTROLS, '?'));
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
