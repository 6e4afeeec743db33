/**
 * The batch summary (`summary.json`, `summary.csv`): one row per scenario with its
 * status, headline metrics, threshold breaches and, for an invalid scenario, its
 * diagnostic codes. Deterministic: inputs in order, no times unless asked for.
 */
import type { BaselineReason } from '../compare/baseline.js';
import type { Metrics } from '../engine/result.js';
import { formatMetric, metricInfo, METRICS } from '../metrics/catalogue.js';
import { formatNumber } from '../text/format.js';
import { csvField } from '../text/csv-field.js';
import { diagnosticToJson, type Diagnostic } from '../source/diagnostics.js';
import type { Breach, Threshold } from './thresholds.js';

/** `error`: a bug in peerplan stopped this scenario's outputs (the batch went on; its exit code is 70). */
export type ScenarioStatus = 'ok' | 'invalid' | 'error';

export interface SummaryRow {
  file: string;
  /** The scenario's name; for an invalid one, the file's base name. */
  name: string;
  status: ScenarioStatus;
  /** Output files written for this scenario, relative to the output folder. */
  outputs: string[];
  hash: string | null;
  metrics: Metrics | null;
  breaches: Breach[];
  diagnostics: Diagnostic[];
  /** Outputs that could not be written, with the reason. */
  output_errors: string[];
}

export interface BatchSummary {
  peerplan_version: string;
  generated_at?: string;
  exit_code: number;
  /** Why the exit code is what it is, in words. */
  outcome: string;
  /** The rule that decides the exit code when several things go wrong. */
  exit_code_precedence: string;
  formats: string[];
  fail_on: string[];
  counts: { scenarios: number; ok: number; invalid: number; breached: number; output_errors: number };
  /** The combined comparison of every valid scenario, if any. */
  comparison: { baseline: string; baseline_reason: BaselineReason; outputs: string[] } | null;
  scenarios: SummaryRow[];
}

export const EXIT_CODE_PRECEDENCE =
  'an internal error (70, a bug in peerplan) outranks an output that could not be written (3), which outranks an invalid scenario (1), which outranks a --fail-on threshold breach (4); 0 when none of these happened';

/** `vacancy_rate 15.1% > 10%`, `npv -£797,602 < £0`: the values as the metric is shown. */
export function breachText(b: Breach): string {
  const kind = metricInfo(b.metric)?.kind ?? 'count';
  const show = (v: number | string | null): string => (kind === 'count' && typeof v === 'number' ? formatNumber(v, 2) : formatMetric(kind, v));
  return `${b.metric} ${show(b.value)} ${b.op} ${show(b.threshold)}`;
}

export function summaryJson(summary: BatchSummary): string {
  const doc = {
    ...summary,
    scenarios: summary.scenarios.map((row) => ({ ...row, diagnostics: row.diagnostics.map(diagnosticToJson) })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** One row per scenario: file, name, status, every catalogue metric, breaches and diagnostic codes. */
export function summaryCsv(summary: BatchSummary): string {
  const header = ['file', 'name', 'status', ...METRICS.map((m) => m.key), 'breaches', 'diagnostics', 'outputs'];
  const lines = [header.map(csvField).join(',')];
  for (const row of summary.scenarios) {
    const metrics = METRICS.map((m) => (row.metrics ? (row.metrics[m.key] as number | string | null) : null));
    const codes = row.diagnostics.map((d) => `${d.severity === 'error' ? '' : 'warning '}${d.code}`);
    lines.push(
      [row.file, row.name, row.status, ...metrics, row.breaches.map((b) => b.expression).join('; '), codes.join('; '), row.outputs.join('; ')]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export type { Threshold };
