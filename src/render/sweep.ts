/**
 * `sweep`'s rows, written one at a time as the grid is computed (so memory stays flat):
 * a writer per format gives the text before the first row, for each row, and after the
 * last. Registered by format in src/render/registry.ts.
 */
import type { Metrics } from '../engine/result.js';
import type { Axis } from '../whatif/range.js';
import { formatMetric, metricInfo, type MetricKey } from '../metrics/catalogue.js';
import { csvField } from '../text/csv-field.js';
import { plainNumber } from '../text/format.js';
import { VERSION } from '../version.js';

/** What every row writer is told before the first row. */
export interface SweepHead {
  file: string;
  hash: string;
  axes: readonly Axis[];
  metrics: readonly MetricKey[];
  runs: number;
}

/** One grid row, as the sweep use case yields it (src/app/sweep.ts). */
export type { SweepRow } from '../app/sweep.js';
import type { SweepRow } from '../app/sweep.js';

export interface RowWriter {
  header(): string;
  row(row: SweepRow, index: number): string;
  footer(): string;
}

function metricText(key: MetricKey, m: Metrics | null): string | number | null {
  if (m === null) return null;
  const v = m[key];
  return typeof v === 'number' ? Number(plainNumber(v)) : v;
}

/**
 * A metric's CSV field: `csvField(metricText(...))`, without formatting each number twice
 * (plainNumber of a plainNumber is itself, and a number needs no quoting). A sweep writes
 * a row per run, so this is most of its cost outside the engine.
 */
function metricCsv(key: MetricKey, m: Metrics | null): string {
  if (m === null) return '';
  const v = m[key];
  return typeof v === 'number' ? plainNumber(v) : csvField(v);
}

/**
 * A varied value as the CSV's numbers are: `25%` as the fraction 0.25 (as every CSV gives
 * a rate), `6` as 6; a value that is not a number (a contract type) as written.
 */
export function axisCsvValue(text: string): string | number {
  const percent = /^([-+]?\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) return Number(plainNumber(Number(`${percent[1]}e-2`)));
  return /^[-+]?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text;
}

export function csvWriter({ axes, metrics }: SweepHead): RowWriter {
  return {
    header: () => `${[...axes.map((a) => a.path), ...metrics, 'error'].map(csvField).join(',')}\r\n`,
    row: (r) => {
      let text = r.values.map((v) => csvField(axisCsvValue(v))).join(',');
      for (const key of metrics) text += `,${metricCsv(key, r.metrics)}`;
      return `${text},${csvField(r.error)}\r\n`;
    },
    footer: () => '',
  };
}

export function jsonWriter({ file, hash, axes, metrics, runs }: SweepHead): RowWriter {
  return {
    header: () =>
      `{\n  "peerplan_version": ${JSON.stringify(VERSION)},\n  "file": ${JSON.stringify(file)},\n  "hash": ${JSON.stringify(hash)},\n` +
      `  "axes": ${JSON.stringify(axes.map((a) => ({ path: a.path, values: a.values })))},\n` +
      `  "metrics": ${JSON.stringify(metrics)},\n  "runs": ${runs},\n  "rows": [\n`,
    row: (r, i) => {
      const values = Object.fromEntries(axes.map((a, k) => [a.path, r.values[k]]));
      const m = r.metrics === null ? null : Object.fromEntries(metrics.map((k) => [k, metricText(k, r.metrics)]));
      return `${i > 0 ? ',\n' : ''}    ${JSON.stringify({ values, metrics: m, ...(r.error ? { error: r.error } : {}) })}`;
    },
    footer: () => `\n  ]\n}\n`,
  };
}

export async function tableWriter({ axes, metrics }: SweepHead, options: { color: boolean; width: number }): Promise<RowWriter> {
  const { simpleTable } = await import('./table.js');
  // Long paths break after their last dot so the table stays narrow.
  const pathHead = (path: string): string => (path.length > 20 && path.includes('.') ? `${path.slice(0, path.lastIndexOf('.') + 1)}\n${path.slice(path.lastIndexOf('.') + 1)}` : path);
  const head = [...axes.map((a) => pathHead(a.path)), ...metrics.map((k) => metricInfo(k)?.label ?? k)];
  const rows: string[][] = [];
  const errors: string[] = [];
  return {
    header: () => '',
    row: (r) => {
      rows.push([...r.values, ...metrics.map((k) => (r.metrics ? formatMetric(metricInfo(k)?.kind ?? 'count', r.metrics[k]) : '-'))]);
      errors.push(r.error ?? '');
      return '';
    },
    // An invalid combination's reason goes in one Error column (added only when some row has one), as in CSV and JSON.
    footer: () => {
      if (errors.every((e) => e === '')) return `${simpleTable(head, rows, axes.length, options.color, [], options.width)}\n`;
      const withErrors = rows.map((row, i) => [...row, errors[i] ?? '']);
      return `${simpleTable([...head, 'Error'], withErrors, axes.length, options.color, [head.length], options.width)}\n`;
    },
  };
}
