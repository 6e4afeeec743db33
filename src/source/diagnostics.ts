/**
 * Diagnostics: every problem peerplan finds in a scenario file, with a stable code,
 * where it is (file:line:column and the field's dot path), what is wrong, what was
 * expected, an example, a did-you-mean and a short code frame.
 *
 * Codes are part of the public contract (scripts match on them, docs/SCENARIO.md lists
 * them): never rename or reuse one, only add.
 */
import { Chalk, type ChalkInstance } from 'chalk';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable UPPER_SNAKE code, one of `DIAGNOSTIC_CODES`. */
  code: DiagnosticCode;
  severity: Severity;
  /** The file the problem is in, as the user gave it (or as reached through `extends`). */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file (e.g. it does not exist). */
  line: number;
  /** 1-based column; 0 when the problem concerns the whole file. */
  column: number;
  /** Dot path of the field (`workforce.contract.type`, `benefits[0].quantity`); '' for the whole file. */
  path: string;
  /** What is wrong, in plain English. */
  message: string;
  /** What was expected. */
  expected?: string;
  /** A correct example, as YAML. */
  example?: string;
  /** The closest known field, value or fix. */
  did_you_mean?: string;
  /** A short code frame: the offending line with a caret under the problem. */
  frame?: string;
}

interface CodeInfo {
  severity: Severity;
  description: string;
}

/** Every diagnostic code with its severity and a one-line description (docs/SCENARIO.md lists them). */
export const DIAGNOSTIC_CODES = {
  // Reading the file
  FILE_NOT_FOUND: { severity: 'error', description: 'The file does not exist.' },
  NOT_A_FILE: { severity: 'error', description: 'The path is a directory or a special file, not a regular file.' },
  FILE_UNREADABLE: { severity: 'error', description: 'The file exists but could not be read (for example, no permission).' },
  FILE_TOO_LARGE: { severity: 'error', description: 'The file is over 1 MiB; a scenario is a few kilobytes.' },
  BINARY_FILE: { severity: 'error', description: 'The file contains NUL bytes: it is binary (or UTF-16), not YAML text.' },
  INVALID_UTF8: { severity: 'error', description: 'The file is not valid UTF-8 text (save it as UTF-8).' },
  EMPTY_FILE: { severity: 'error', description: 'The file is empty or holds only comments.' },
  // Parsing the YAML
  YAML_SYNTAX: { severity: 'error', description: 'The YAML is malformed (indentation, brackets, quotes, an unknown alias...).' },
  YAML_WARNING: { severity: 'warning', description: 'The YAML parser flagged something suspicious, such as an unknown tag.' },
  DUPLICATE_KEY: { severity: 'error', description: 'The same key appears twice in one mapping.' },
  MULTIPLE_DOCUMENTS: { severity: 'error', description: 'The file holds more than one YAML document (a `---` line); a scenario is one document.' },
  ALIAS_LIMIT: { severity: 'error', description: 'Too many YAML aliases are expanded (an alias bomb, or "billion laughs").' },
  FORBIDDEN_KEY: { severity: 'error', description: 'A key named `__proto__`, `constructor` or `prototype`, which peerplan refuses for safety.' },
  INVALID_KEY: { severity: 'error', description: 'A mapping key is not plain text (for example a list used as a key).' },
  NON_FINITE_NUMBER: { severity: 'error', description: 'A number is infinite or not a number (.inf, .nan, or too large).' },
  UNSUPPORTED_VALUE: { severity: 'error', description: 'A value of a YAML type peerplan does not use (for example !!binary).' },
  NOT_A_MAPPING: { severity: 'error', description: 'The file is not a YAML mapping of field names to values.' },
  MERGE_KEY: { severity: 'error', description: 'A YAML merge key (`<<`), which scenarios do not support: write the fields out, or use `extends`.' },
  TOO_COMPLEX: { severity: 'error', description: 'The lists and mappings nest more than 64 levels deep, one mapping holds more than 1,000 keys, or the file writes more than 20,000 values.' },
  TOO_MANY_PROBLEMS: { severity: 'error', description: 'More problems than are listed (at most 50 per file); the rest are counted.' },
  // extends
  EXTENDS_NOT_FOUND: { severity: 'error', description: 'The file named by `extends` does not exist.' },
  EXTENDS_CYCLE: { severity: 'error', description: 'The `extends` chain comes back to a file already in it.' },
  EXTENDS_TOO_DEEP: { severity: 'error', description: 'The `extends` chain is more than 8 levels deep.' },
  EXTENDS_OUTSIDE_FOLDER: { severity: 'error', description: "The file named by `extends` is outside the scenario's folder tree (allowed only with --allow-extends-outside or under the folder given as --extends-root)." },
  NOT_A_SCENARIO: { severity: 'error', description: "A file reached through `extends` is not a scenario (no top-level `peerplan:` key); its contents are not shown." },
  // Command line
  SET_PATH_NOT_FOUND: { severity: 'error', description: 'A --set path that the scenario does not have: an unknown field, or a list index past the end of the list.' },
  // Schema
  UNKNOWN_FIELD: { severity: 'error', description: 'A field the scenario format does not have (often a misspelling).' },
  FIELD_REPLACED: { severity: 'error', description: 'A field an earlier peerplan had, replaced by one with a different meaning (the message names it; docs/SCENARIO.md has the migration note).' },
  MISSING_FIELD: { severity: 'error', description: 'A required field is missing or empty.' },
  WRONG_TYPE: { severity: 'error', description: 'A value of the wrong kind: text where a number is needed, a list where a mapping is needed...' },
  INVALID_VALUE: { severity: 'error', description: 'A value that is not one of the allowed choices.' },
  OUT_OF_RANGE: { severity: 'error', description: 'A number (or percentage) outside its allowed range.' },
  INVALID_FORMAT: { severity: 'error', description: 'Text in the wrong format, such as a month not written YYYY-MM.' },
  PERCENT_AS_NUMBER: { severity: 'error', description: 'A bare number above 1 where a percentage is meant: write "14%" or 0.14, not 14.' },
  INVALID_PERCENT: { severity: 'error', description: 'Text that is not a percentage such as "14%".' },
  UNSUPPORTED_VERSION: { severity: 'error', description: 'The `peerplan:` format version is not one this peerplan reads.' },
  SCHEMA_VIOLATION: { severity: 'error', description: 'Any other breach of the scenario schema.' },
  // Ranges on inputs (src/uncertainty/ranges.ts)
  RANGE_UNKNOWN_KEY: { severity: 'error', description: 'A field given as a range has a key that is not a range field (low, mode, high, p10, p90, dist, mean, sd, alpha, beta, source).' },
  RANGE_INVALID_VALUE: { severity: 'error', description: 'A range parameter that is not a number (or percentage), or a dist that is not one of pert, triangular, uniform, normal, lognormal, beta.' },
  RANGE_INCOMPLETE: { severity: 'error', description: 'A range missing a parameter its distribution needs (e.g. low and high without mode), or mixing two forms.' },
  RANGE_ORDER: { severity: 'error', description: 'A range whose parameters are out of order: low ≤ mode ≤ high with low below high, p10 below p90, sd above 0.' },
  RANGE_OUT_OF_BOUNDS: { severity: 'error', description: "A range reaching outside the field's valid values (e.g. a rate above 100%, a negative count)." },
  // Meaning
  UNKNOWN_REFERENCE: { severity: 'error', description: 'The `reference` data set does not exist.' },
  FIXED_TERM_REQUIRED: { severity: 'error', description: 'A fixed-term contract without term_months or renewal_probability.' },
  FIXED_TERM_ONLY: { severity: 'error', description: 'A term_months or renewal_probability given for a contract that is not fixed_term.' },
  PAY_POINT_NOT_IN_BAND: { severity: 'error', description: 'A pay point index that the band does not have.' },
  STARTING_ABOVE_FUNDED: { severity: 'error', description: 'The starting_wte is more than the funded_wte.' },
  FUNDING_CHANGE_OUTSIDE_HORIZON: { severity: 'error', description: 'A funding change starts before or after the horizon.' },
  FUNDING_CHANGES_NOT_IN_ORDER: { severity: 'error', description: 'Funding changes are not in increasing month order (or two share a month).' },
  DUPLICATE_BENEFIT_NAME: { severity: 'error', description: 'Two benefit streams have the same name.' },
  FINANCIAL_YEAR_NOT_CONSECUTIVE: { severity: 'error', description: 'A financial year (price_base, price_year) whose two years are not consecutive, e.g. 2026/28.' },
  // Warnings: legal but risky
  LONE_PEER_WORKER: { severity: 'warning', description: 'A lone peer worker with no peer supervision: a known burnout risk.' },
  VOLUNTARY_WITH_SALARY: { severity: 'warning', description: 'A voluntary (unpaid) contract with a salary set.' },
  NO_SUPERVISION: { severity: 'warning', description: 'Zero supervision hours per worker.' },
  WIDE_SUPERVISION_SPAN: { severity: 'warning', description: 'A supervisor with more than twice the supervisees guidance recommends (5 to 6).' },
  PERCENTAGE_SLIP: { severity: 'warning', description: 'A percentage a hundred times below its plausible range (reference data) whose hundredfold lies inside it: 0.14% written for 14%.' },
  VOLUNTEER_PAID_ASSUMPTIONS: { severity: 'warning', description: "A volunteer team given paid peer workers' caseload or benefit effects without volunteers.evidence saying where they come from." },
  VOLUNTEERS_NOT_VOLUNTARY: { severity: 'warning', description: 'Volunteers settings given for a team whose contract is not voluntary: they are not used.' },
  EMPLOYMENT_ALLOWANCE_CHECK: { severity: 'warning', description: 'An employer.employment_allowance_available above the £10,500 a year an employer can claim, or set for an employer type that usually cannot claim it.' },
  UNKNOWN_EVIDENCE: { severity: 'error', description: 'A benefit stream\'s evidence names no entry of the evidence library (see `peerplan evidence`).' },
  UNKNOWN_UNIT_COST: { severity: 'error', description: 'A benefit stream\'s unit_cost names no unit cost of the evidence library (see `peerplan evidence --unit-costs`).' },
  BENEFIT_INCOMPLETE: { severity: 'error', description: 'A benefit stream lacks a base rate, relative effect, quantity or value it needs.' },
  OVERRIDE_WITHOUT_SOURCE: { severity: 'error', description: "A benefit stream overrides a library value (relative effect, dose, unit value, price year) without a `source`." },
  TRANSPLANTED_BASE_RATE: { severity: 'warning', description: "A relative effect is applied to the trial's own control-arm rate, as no local base_rate is given." },
  NO_BENEFITS: { severity: 'warning', description: 'No benefit streams: costs only, so BCR and ROI are reported as "no benefits valued".' },
  STALE_REFERENCE: { severity: 'warning', description: "A horizon that starts before the reference data's valid_from, or runs past the GDP deflator's last (forecast) year." },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export const diagnosticCodes = (): DiagnosticCode[] => Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/** Deterministic order: by file (first appearance), then line, column, code, path; duplicates removed. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const fileOrder = new Map<string, number>();
  for (const d of diagnostics) if (!fileOrder.has(d.file)) fileOrder.set(d.file, fileOrder.size);
  const seen = new Set<string>();
  const unique = diagnostics.filter((d) => {
    const key = [d.file, d.line, d.column, d.code, d.path, d.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) ||
      a.line - b.line ||
      a.column - b.column ||
      cmp(a.code, b.code) ||
      cmp(a.path, b.path) ||
      cmp(a.message, b.message),
  );
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// Source text helpers: positions and code frames

/** Start offsets of each line of a text (line 1 starts at 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  // indexOf scans natively: a character loop is slow in a start's cold code, and batch reads thousands of files.
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Text of a 1-based line, without its line break. */
export function lineText(text: string, starts: readonly number[], line: number): string {
  const start = starts[line - 1];
  if (start === undefined) return '';
  const next = starts[line];
  let end = next === undefined ? text.length : next - 1;
  if (end > start && text.charCodeAt(end - 1) === 13) end -= 1;
  return text.slice(start, end);
}

const FRAME_WIDTH = 100;

/** Makes text safe to print on a terminal: control characters (escape codes included) become `?`. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?');
}

/**
 * A short code frame for a 1-based line and column: the line, then a caret under the
 * problem (`length` carets when the problem spans part of the line).
 *
 *   12 |   annual_leaver_rate: 14
 *      |                       ^^
 */
export function codeFrame(text: string, starts: readonly number[], line: number, column: number, length = 1): string | undefined {
  if (line < 1 || line > starts.length) return undefined;
  let source = lineText(text, starts, line).replace(/\t/g, ' ');
  let col = Math.max(1, column);
  // Keep very long lines (minified or hostile input) to a readable window around the column.
  if (source.length > FRAME_WIDTH) {
    const from = Math.max(0, Math.min(col - 1 - 30, source.length - FRAME_WIDTH));
    source = (from > 0 ? '…' : '') + source.slice(from, from + FRAME_WIDTH) + (from + FRAME_WIDTH < source.length ? '…' : '');
    col = col - from + (from > 0 ? 1 : 0);
  }
  source = printable(source);
  const width = Math.max(1, Math.min(length, source.length - col + 1));
  const gutter = String(line);
  const pad = ' '.repeat(gutter.length);
  return `  ${gutter} | ${source}\n  ${pad} | ${' '.repeat(col - 1)}${'^'.repeat(width)}`;
}

// ---------------------------------------------------------------------------------------------
// Rendering

export interface FormatOptions {
  /** ANSI colour (the CLI passes `ctx.global.color`); plain text when false or omitted. */
  color?: boolean;
}

const plain = new Chalk({ level: 0 });
const coloured = new Chalk({ level: 1 });
const chalkFor = (options: FormatOptions): ChalkInstance => (options.color ? coloured : plain);

/** `file:line:column` (just `file` for whole-file problems). */
export const location = (d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string =>
  printable(d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file);

/**
 * Renders one diagnostic as text:
 *
 *   scenarios/x.yaml:12:23: error PERCENT_AS_NUMBER: turnover.annual_leaver_rate is 14, ...
 *     expected: a percentage such as "14%", or a fraction from 0 to 1 such as 0.14
 *     example:  annual_leaver_rate: 14%
 *     did you mean: 14%
 *     12 |   annual_leaver_rate: 14
 *        |                       ^^
 */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const c = chalkFor(options);
  const paint = (style: 'red' | 'yellow' | 'dim' | 'cyan' | 'bold', s: string): string => c[style](s);
  const sev = d.severity === 'error' ? paint('red', 'error') : paint('yellow', 'warning');
  const lines = [`${paint('bold', location(d))}: ${sev} ${paint('dim', d.code)}: ${printable(d.message)}`];
  if (d.expected) lines.push(`    expected: ${printable(d.expected)}`);
  if (d.example) lines.push(`    example:  ${printable(d.example).replace(/\n/g, '\n              ')}`);
  if (d.did_you_mean) lines.push(`    did you mean: ${paint('cyan', printable(d.did_you_mean))}`);
  if (d.frame) {
    const frame = d.frame
      .split('\n')
      .map((l, i) => (i === 1 ? paint(d.severity === 'error' ? 'red' : 'yellow', l) : l))
      .join('\n');
    lines.push(frame.replace(/^/gm, '  '));
  }
  return lines.join('\n');
}

/** Several diagnostics, a blank line between them, ending with a newline ('' for none). */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatOptions = {}): string {
  return diagnostics.map((d) => `${formatDiagnostic(d, options)}\n`).join('\n');
}

/** The JSON form: the same fields in a fixed order, optional ones only when set. */
export function diagnosticToJson(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = {
    code: d.code,
    severity: d.severity,
    file: d.file,
    line: d.line,
    column: d.column,
    path: d.path,
    message: d.message,
  };
  if (d.expected !== undefined) out.expected = d.expected;
  if (d.example !== undefined) out.example = d.example;
  if (d.did_you_mean !== undefined) out.did_you_mean = d.did_you_mean;
  if (d.frame !== undefined) out.frame = d.frame;
  return out;
}

/** One-line count, e.g. `4 errors, 1 warning`. */
export function countSummary(errors: number, warnings: number): string {
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
