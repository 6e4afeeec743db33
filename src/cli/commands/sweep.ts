/**
 * `peerplan sweep`: the full grid of --vary values, one row per combination,
 * streamed as it is computed so memory stays flat however large the grid.
 */
import type { CommandContext } from '../main.js';
import { CliError, loadFailureExit, usageError } from '../errors.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { openScenario } from '../../read/load-scenario.js';
import { formatDiagnostics } from '../../validate/diagnostics.js';
import { gridSize, parseAxes, VarySpecError, type Axis } from '../../whatif/range.js';
import { planSweep, SweepInputError, SweepSpecError, type SweepPlan, type SweepRow } from '../../app/sweep.js';
import { metricInfo, formatMetric, type MetricKey } from '../../render/metrics.js';
import { csvField } from '../../render/csv.js';
import { progressBar } from '../progress.js';
import { plainNumber } from '../../render/format.js';
import { fileSink, streamSink, type Sink } from '../../write/stream.js';
import { WriteRefusedError } from '../../write/atomic.js';
import { VERSION } from '../../version.js';
import { signalCheckpoint } from '../io.js';
import { checkOut } from './pipeline.js';
import { parseMetricList } from './compare.js';
import { outputWidth, parseOverrides, parseYears } from './pipeline.js';
import type { Metrics } from '../../engine/result.js';
import { resolve } from 'node:path';

export const DEFAULT_SWEEP_METRICS: readonly MetricKey[] = [
  'total_cost',
  'npv',
  'bcr',
  'cost_per_completed_episode',
  'vacancy_rate',
  'burnout_risk_mean',
  'burnout_risk_peak',
  'continuity',
];
export const DEFAULT_MAX_RUNS = 10_000;
/** Tables are for reading: larger grids go to CSV or JSON. */
const MAX_TABLE_ROWS = 1_000;

export interface SweepOptions {
  vary: string[];
  metrics?: string;
  format: 'table' | 'csv' | 'json';
  maxRuns?: string;
  out?: string;
  set?: string[];
  years?: string;
}

function parseMaxRuns(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MAX_RUNS;
  const n = /^[1-9]\d{0,8}$/.test(text.replace(/[,_]/g, '')) ? Number(text.replace(/[,_]/g, '')) : Number.NaN;
  if (!Number.isInteger(n) || n < 1) throw usageError(`--max-runs must be a positive whole number (got "${text}"), e.g. --max-runs 100000`);
  return n;
}

type Row = SweepRow;

interface RowWriter {
  header(): string;
  row(row: Row, index: number): string;
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

function csvWriter(axes: readonly Axis[], metrics: readonly MetricKey[]): RowWriter {
  return {
    header: () => `${[...axes.map((a) => a.path), ...metrics, 'error'].map(csvField).join(',')}\r\n`,
    row: (r) => {
      let text = r.values.map(csvField).join(',');
      for (const key of metrics) text += `,${metricCsv(key, r.metrics)}`;
      return `${text},${csvField(r.error)}\r\n`;
    },
    footer: () => '',
  };
}

function jsonWriter(file: string, hash: string, axes: readonly Axis[], metrics: readonly MetricKey[], runs: number): RowWriter {
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

async function tableWriter(ctx: CommandContext, axes: readonly Axis[], metrics: readonly MetricKey[]): Promise<RowWriter> {
  const { simpleTable } = await import('../../render/table.js');
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
      if (errors.every((e) => e === '')) return `${simpleTable(head, rows, axes.length, ctx.global.color, [], outputWidth(ctx))}\n`;
      const withErrors = rows.map((row, i) => [...row, errors[i] ?? '']);
      return `${simpleTable([...head, 'Error'], withErrors, axes.length, ctx.global.color, [head.length], outputWidth(ctx))}\n`;
    },
  };
}

export async function sweepCommand(ctx: CommandContext, file: string, opts: SweepOptions): Promise<ExitCode> {
  checkOut(opts.out);
  const overrides = parseOverrides(opts.set);
  const years = parseYears(opts.years);
  const maxRuns = parseMaxRuns(opts.maxRuns);
  const metrics = opts.metrics === undefined ? [...DEFAULT_SWEEP_METRICS] : parseMetricList(opts.metrics);
  let axes: Axis[];
  try {
    axes = parseAxes(opts.vary ?? [], maxRuns);
  } catch (err) {
    if (err instanceof VarySpecError) throw usageError(err.message);
    throw err;
  }
  if (axes.length === 0) throw usageError('sweep needs at least one --vary, e.g. --vary turnover.annual_leaver_rate=10%..30%:5%');
  const runs = gridSize(axes);
  if (runs > maxRuns) {
    throw usageError(`the grid has ${runs} combinations, more than --max-runs ${maxRuns}; use larger steps or raise --max-runs`);
  }
  if (opts.format === 'table' && runs > MAX_TABLE_ROWS) {
    throw usageError(`${runs} rows are too many for a table; use --format csv or --format json (streamed)`);
  }

  // The use case validates the scenario and every distinct value once (src/app/sweep.ts).
  const source = await openScenario(file, { cwd: ctx.io.cwd, allowExtendsOutside: ctx.global.allowExtendsOutside });
  let plan: SweepPlan;
  try {
    plan = planSweep({ source, file, overrides, axes, years });
  } catch (err) {
    if (err instanceof SweepSpecError) throw usageError(err.message);
    if (!(err instanceof SweepInputError)) throw err;
    ctx.io.stderr.write(formatDiagnostics(err.diagnostics, { color: ctx.global.color }));
    throw new CliError(err.message, loadFailureExit(err.diagnostics));
  }
  const base = plan.base;
  // `--out -` is standard output, as with the other commands.
  const out = opts.out === '-' ? undefined : opts.out;
  let sink: Sink;
  try {
    sink = out === undefined ? streamSink(ctx.io.stdout) : fileSink(resolve(ctx.io.cwd, out), base.chain.map((f) => resolve(ctx.io.cwd, f)), out);
  } catch (err) {
    if (err instanceof WriteRefusedError) throw new CliError(err.message, EXIT.OUTPUT);
    throw err;
  }
  const writer =
    opts.format === 'csv'
      ? csvWriter(axes, metrics)
      : opts.format === 'json'
        ? jsonWriter(file, base.hash, axes, metrics, runs)
        : await tableWriter(ctx, axes, metrics);
  const progress = progressBar(ctx, 'sweep', runs, !ctx.global.quiet && runs >= 2_000);
  let invalid = 0;
  try {
    await sink.write(writer.header());
    let i = 0;
    for (const row of plan.rows()) {
      if (row.error) invalid++;
      await sink.write(writer.row(row, i));
      progress.tick(++i);
      await signalCheckpoint();
    }
    await sink.write(writer.footer());
    await sink.close();
  } catch (err) {
    sink.abort();
    // A full disk, a read-only folder, a device refusing the bytes: an output error (3), like every command's.
    if (err instanceof WriteRefusedError) throw new CliError(err.message, EXIT.OUTPUT);
    throw err;
  } finally {
    progress.end();
  }
  if (!ctx.global.quiet) {
    ctx.io.stderr.write(`${runs} runs${invalid > 0 ? `, ${invalid} combinations invalid (see the error column)` : ''}${out ? `; wrote ${out}` : ''}\n`);
  }
  return EXIT.OK;
}
