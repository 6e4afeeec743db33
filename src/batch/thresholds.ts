/**
 * `--fail-on` threshold checks for scripted pipelines: `METRIC OP VALUE`, e.g.
 * `burnout_risk_peak>60`, `continuity<70`, `npv<0`, `vacancy_rate>15%`,
 * `payback_month>2029-03`. A scenario *breaches* a check when the condition holds.
 *
 * Metric names come from the catalogue (src/metrics/catalogue.ts). Values are in the
 * metric's own unit: £ for money (`£` and thousands commas allowed), 0-100 for the
 * indices (continuity; burnout risk, a share of the team, also as `40%`), a percentage (`15%`) or fraction (0.15) for
 * rates, `YYYY-MM` for the payback month. A payback month of "never" is later than
 * any month. A metric with no value (e.g. a BCR with no cost) or a value that is not a
 * finite number breaches every check on it: a gate must fail closed, never pass a
 * scenario whose figure could not be worked out.
 */
import { METRIC_ALIASES, METRIC_KEYS, metricByAlias, metricInfo, unknownMetricMessage, type MetricInfo, type MetricKey } from '../metrics/catalogue.js';
import type { Metrics } from '../engine/result.js';

export const OPERATORS = ['<=', '>=', '==', '!=', '<', '>'] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Threshold {
  /** As written. */
  expression: string;
  metric: MetricKey;
  op: Operator;
  /** A number in the metric's unit (fractions for rates), or `YYYY-MM` for the payback month. */
  value: number | string;
}

export interface Breach {
  expression: string;
  metric: MetricKey;
  op: Operator;
  threshold: number | string;
  /** The scenario's value; null for a payback month of "never", or a value missing or not finite. */
  value: number | string | null;
}

export class ThresholdSyntaxError extends Error {}

const EXAMPLES = "e.g. --fail-on 'burnout_risk_peak>60', --fail-on 'continuity<70', --fail-on 'npv<0', --fail-on 'vacancy_rate>15%'";

function parseValue(info: MetricInfo, raw: string, expression: string, op: string): number | string {
  const text = raw.trim();
  if (info.kind === 'month') {
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) return text;
    throw new ThresholdSyntaxError(`--fail-on '${expression}': ${info.key} is a month; write it as YYYY-MM, e.g. --fail-on '${info.key}>2029-03'`);
  }
  const percent = text.endsWith('%');
  let body = percent ? text.slice(0, -1).trim() : text;
  if (body.includes('£')) {
    if (info.kind !== 'money') throw new ThresholdSyntaxError(`--fail-on '${expression}': ${info.key} is not money; write a plain number without £`);
    body = body.replace('£', '');
  }
  body = body.replace(/(\d)[,_](?=\d{3}(\D|$))/g, '$1');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(body)) {
    throw new ThresholdSyntaxError(`--fail-on '${expression}': "${raw.trim()}" is not a number; ${EXAMPLES}`);
  }
  const n = Number(body);
  if (!Number.isFinite(n)) throw new ThresholdSyntaxError(`--fail-on '${expression}': "${raw.trim()}" is not a finite number`);
  if (n === 0 && /[1-9]/.test(body.replace(/[eE].*$/, ''))) {
    throw new ThresholdSyntaxError(`--fail-on '${expression}': "${raw.trim()}" is too small to be told from 0; write 0 if that is what you mean`);
  }
  if (info.kind === 'fraction') {
    if (percent) return Number(`${n}e-2`);
    if (Math.abs(n) > 1) {
      throw new ThresholdSyntaxError(
        `--fail-on '${expression}': ${info.key} is a rate; write ${info.key}${'>'}${n}% or a fraction such as ${info.key}>${n / 100} (peerplan never guesses which you meant)`,
      );
    }
    return n;
  }
  // A share is a percentage of the team (0-100), printed "47.9%": 40% and 40 are the same threshold.
  if (percent && info.kind === 'share') return n;
  if (percent) {
    const unit = info.kind === 'index' ? 'a 0-100 index' : `in ${info.kind === 'money' ? '£' : info.kind === 'wte' ? 'WTE' : 'its own unit'}`;
    // The suggestion keeps the operator as written: only the unit was wrong.
    throw new ThresholdSyntaxError(`--fail-on '${expression}': ${info.key} is ${unit}, not a percentage; write e.g. ${info.key}${op}${n}`);
  }
  return n;
}

export function parseThreshold(expression: string): Threshold {
  const m = /^\s*([A-Za-z_][A-Za-z0-9_.]*)\s*(<=|>=|==|!=|=<|=>|<>|=|<|>)\s*(.*)$/.exec(expression);
  if (!m) {
    throw new ThresholdSyntaxError(`--fail-on '${expression}': expected METRIC OPERATOR NUMBER with one of ${OPERATORS.join(' ')}; ${EXAMPLES}`);
  }
  const [, name = '', rawOp = '', rawValue = ''] = m;
  const info = metricByAlias(name);
  if (!info) throw new ThresholdSyntaxError(unknownMetricMessage(`--fail-on '${expression}'`, name, METRIC_KEYS, Object.keys(METRIC_ALIASES), (g) => METRIC_ALIASES[g] ?? g));
  const fixes: Record<string, Operator> = { '=': '==', '=<': '<=', '=>': '>=', '<>': '!=' };
  const fixed = fixes[rawOp];
  if (fixed) throw new ThresholdSyntaxError(`--fail-on '${expression}': unknown operator "${rawOp}" (did you mean "${fixed}"?); operators: ${OPERATORS.join(' ')}`);
  if (rawValue.trim() === '') throw new ThresholdSyntaxError(`--fail-on '${expression}': a value is missing after ${rawOp}; ${EXAMPLES}`);
  return { expression, metric: info.key, op: rawOp as Operator, value: parseValue(info, rawValue, expression, rawOp) };
}

function compare(a: number | string, op: Operator, b: number | string): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}

/** The check's breach for these metrics, or null when the condition does not hold. */
export function checkThreshold(t: Threshold, metrics: Metrics): Breach | null {
  const value = metrics[t.metric] as number | string | null | undefined;
  let held: boolean;
  const isMonth = metricInfo(t.metric)?.kind === 'month';
  if ((value === null || value === undefined) && isMonth) {
    // "never" pays back: later than any month, and unequal to every month.
    held = t.op === '>' || t.op === '>=' || t.op === '!=';
  } else if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
    return { expression: t.expression, metric: t.metric, op: t.op, threshold: t.value, value: null };
  } else {
    held = compare(value, t.op, t.value);
  }
  return held ? { expression: t.expression, metric: t.metric, op: t.op, threshold: t.value, value: value ?? null } : null;
}

export function checkThresholds(thresholds: readonly Threshold[], metrics: Metrics): Breach[] {
  return thresholds.flatMap((t) => checkThreshold(t, metrics) ?? []);
}
